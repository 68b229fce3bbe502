/**
 * @module
 * The Worker entry: API-owned paths go to the Hono app, every other request to the Astro site.
 * (Static assets are served by Cloudflare before this code runs.)
 */
import { handle } from '@astrojs/cloudflare/handler';
import { app, isApiPath } from './app';
import type { Bindings } from './env';
import { type SnapshotMessage, scheduled, snapshotQueue } from './jobs/snapshot';

export default {
  fetch(request, env, ctx) {
    const { pathname } = new URL(request.url);
    return isApiPath(pathname) ? app.fetch(request, env, ctx) : handle(request, env, ctx);
  },
  scheduled,
  queue: snapshotQueue,
} satisfies ExportedHandler<Bindings, SnapshotMessage>;
