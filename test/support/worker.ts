/**
 * @module
 * The Worker under test: the Hono app alone, since Astro's handler exists only in Astro's build.
 */
import { app } from '../../worker/app';
import type { Bindings } from '../../worker/env';

export default {
  fetch: app.fetch,
} satisfies ExportedHandler<Bindings>;
