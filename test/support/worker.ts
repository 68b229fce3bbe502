/**
 * @module
 * The Worker under test: the Hono app alone, since Astro's handler exists only in Astro's build.
 */
import { app } from '../../worker/app';
import type { Bindings } from '../../worker/env';
import { type SnapshotMessage, scheduled, snapshotQueue } from '../../worker/jobs/snapshot';

export default {
  fetch: app.fetch,
  scheduled,
  queue: snapshotQueue,
} satisfies ExportedHandler<Bindings, SnapshotMessage>;
