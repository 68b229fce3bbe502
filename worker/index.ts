/**
 * @module
 * The Worker entry: a misconfigured deployment answers 500 (worker/http/configured.ts); API-owned paths go to the Hono
 * app, every other request to the Astro site; every response gets the security headers (worker/http/security-headers.ts).
 * (Static assets are served by Cloudflare before this code runs.) Public reads of both are answered from the
 * edge cache first (worker/http/edge-cache.ts), so a hit skips Hono, Astro and D1; open-data files leave it gzipped for
 * clients that accept it (worker/http/compression.ts).
 */
import { handle } from '@astrojs/cloudflare/handler';
import { app, isApiPath } from './app';
import type { Bindings } from './env';
import { withCompression } from './http/compression';
import { withConfiguration } from './http/configured';
import { withEdgeCache } from './http/edge-cache';
import { withSecurityHeaders } from './http/security-headers';
import { type SnapshotMessage, scheduled, snapshotQueue } from './services/jobs/snapshot';

// Configuration first: a misconfigured deployment must not answer even from the edge cache.
const cachedFetch = withConfiguration(
  withEdgeCache<Bindings>((request, env, ctx) =>
    isApiPath(new URL(request.url).pathname) ? app.fetch(request, env, ctx) : handle(request, env, ctx),
  ),
);

export default {
  async fetch(request, env, ctx) {
    return withSecurityHeaders(request, withCompression(request, await cachedFetch(request, env, ctx)));
  },
  scheduled,
  queue: snapshotQueue,
} satisfies ExportedHandler<Bindings, SnapshotMessage>;
