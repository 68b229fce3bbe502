/**
 * @module
 * Requests to the Worker under test through its own fetch (test/support/worker.ts), on the origin the tests'
 * configuration names.
 */
import { exports } from 'cloudflare:workers';

export const TEST_ORIGIN = 'https://suara.test';

/** `path` (with its query) requested from the Worker, as a client on the public origin would. */
export function get(path: string, init?: RequestInit): Promise<Response> {
  return exports.default.fetch(`${TEST_ORIGIN}${path}`, init);
}
