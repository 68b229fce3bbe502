/**
 * @module
 * The Worker under test: the Hono app alone, since Astro's handler exists only in Astro's build, with the same
 * security headers as the real entry (worker/index.ts).
 */
import { app } from '../../worker/app';
import type { Bindings } from '../../worker/env';
import { withSecurityHeaders } from '../../worker/http/security-headers';
import { scheduled } from '../../worker/jobs/snapshot';

export default {
  async fetch(request, env, ctx) {
    return withSecurityHeaders(request, await app.fetch(request, env, ctx));
  },
  scheduled,
} satisfies ExportedHandler<Bindings>;
