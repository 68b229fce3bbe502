/**
 * @module
 * Calling the admin API as the bootstrap super admin (the token set in vitest.config.ts).
 */
import { exports } from 'cloudflare:workers';

export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';
export const ORIGIN = 'https://suara.test';

/** An admin API request with the bearer token; `body` objects are sent as JSON. */
export function admin(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const isText = typeof body === 'string';
  return exports.default.fetch(`${ORIGIN}/api/v1/admin${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${ADMIN_TOKEN}`,
      ...(body === undefined ? {} : { 'Content-Type': isText ? 'text/csv' : 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : isText ? body : JSON.stringify(body),
  });
}
