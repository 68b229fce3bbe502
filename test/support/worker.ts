/**
 * @module
 * The Worker under test: the Hono app alone, since Astro's handler exists only in Astro's build, behind the same
 * edge cache, compression, configuration check and security headers as the real entry (worker/index.ts).
 */
import { app } from '../../worker/app';
import type { Bindings } from '../../worker/env';
import { withCompression } from '../../worker/http/compression';
import { withConfiguration } from '../../worker/http/configured';
import { withEdgeCache } from '../../worker/http/edge-cache';
import { withSecurityHeaders } from '../../worker/http/security-headers';
import { type SnapshotMessage, scheduled, snapshotQueue } from '../../worker/services/jobs/snapshot';

const cachedFetch = withConfiguration(withEdgeCache<Bindings>((request, env, ctx) => app.fetch(request, env, ctx)));

export default {
  async fetch(request: Request, env: Bindings, ctx: ExecutionContext) {
    return withSecurityHeaders(request, withCompression(request, await cachedFetch(request, env, ctx)));
  },
  scheduled,
  queue: snapshotQueue,
} satisfies ExportedHandler<Bindings, SnapshotMessage>;
