/**
 * @module
 * The Hono app without the edge cache in front: what the cache itself receives on a miss. For tests of what changes
 * when the data change, since the Worker's own answer may come from the cache for a minute (worker/http/edge-cache.ts).
 */
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { app } from '../../worker/app';

export async function fromOrigin(path: string, init?: RequestInit): Promise<Response> {
  const ctx = createExecutionContext();
  const response = await app.fetch(new Request(`https://suara.test${path}`, init), env, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}
