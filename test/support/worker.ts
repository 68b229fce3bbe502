/**
 * @module
 * The Worker under test: the Hono app alone, since Astro's handler exists only in Astro's build, behind the same
 * edge cache as worker/index.ts.
 */
import { app } from '../../worker/app';
import type { Bindings } from '../../worker/env';
import { withEdgeCache } from '../../worker/http/edge-cache';
import { scheduled } from '../../worker/jobs/snapshot';

export default {
  fetch: withEdgeCache<Bindings>((request, env, ctx) => app.fetch(request, env, ctx)),
  scheduled,
} satisfies ExportedHandler<Bindings>;
