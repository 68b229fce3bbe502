/**
 * @module
 * The Worker entry: API-owned paths go to the Hono app, every other request to the Astro site, and every response
 * of either gets the security headers (`worker/http/security-headers.ts`).
 * (Static assets are served by Cloudflare before this code runs.)
 */
import { handle } from '@astrojs/cloudflare/handler';
import { app, isApiPath } from './app';
import type { Bindings } from './env';
import { withSecurityHeaders } from './http/security-headers';
import { scheduled } from './jobs/snapshot';

export default {
  async fetch(request, env, ctx) {
    const { pathname } = new URL(request.url);
    const response = isApiPath(pathname) ? await app.fetch(request, env, ctx) : await handle(request, env, ctx);
    return withSecurityHeaders(request, response);
  },
  scheduled,
} satisfies ExportedHandler<Bindings>;
