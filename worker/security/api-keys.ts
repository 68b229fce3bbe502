/**
 * @module
 * `agencyAuth`: the Bearer API-key check of the agency API (SPEC §5). The key is looked up by its
 * SHA-256 digest (an equality lookup on a hash leaks nothing useful through timing); a missing,
 * unknown or revoked key is a 401 problem+json with `WWW-Authenticate: Bearer`. The key's last-used
 * time is refreshed at most once a minute, after the response, so reads stay cheap. Each key may make
 * `RATE_LIMIT_PER_API_KEY_MINUTE` requests a minute (default 120); beyond that, 429 with `Retry-After`, so
 * one agency's runaway script cannot load the database for everyone.
 */
import { createMiddleware } from 'hono/factory';
import { countInWindow } from '../db/rate-counters';
import { type AppEnv, readConfig } from '../env';
import { ProblemError } from '../http/problem';
import { waitUntilOf } from '../http/wait-until';
import { apiKeyMinuteWindow, MINUTE_MS, retryAfterSeconds } from './rate-limit';
import { bearerToken, bearerUnauthorized, sha256Hex } from './tokens';

/** How stale `last_used_at` may get before a request refreshes it. */
export const LAST_USED_RESOLUTION_MS = 60_000;

export interface AgencyKey {
  id: string;
  regionId: number;
  lastUsedAt: number | null;
}

export type AgencyEnv = AppEnv & { Variables: { agencyKey: AgencyKey } };

const unauthorized = (detail: string, error?: 'invalid_token') => bearerUnauthorized('agency', detail, error);

export const agencyAuth = createMiddleware<AgencyEnv>(async (c, next) => {
  const token = bearerToken(c.req.header('Authorization'));
  if (!token) throw unauthorized('An agency API key is required: Authorization: Bearer sl_live_…');
  const key = await c.env.DB.prepare(
    'SELECT id, region_id AS regionId, last_used_at AS lastUsedAt FROM api_keys WHERE hash = ? AND revoked_at IS NULL',
  )
    .bind(await sha256Hex(token))
    .first<AgencyKey>();
  if (!key) throw unauthorized('The API key is unknown or has been revoked.', 'invalid_token');
  const now = Date.now();
  const window = apiKeyMinuteWindow(key.id, now);
  if ((await countInWindow(c.env.DB, window)) > readConfig(c.env).limits.perApiKeyMinute) {
    throw new ProblemError(429, 'Too many requests with this API key: wait a minute.', {
      headers: { 'retry-after': String(retryAfterSeconds(window.windowStart + MINUTE_MS, now)) },
    });
  }
  c.set('agencyKey', key);
  if (key.lastUsedAt === null || now - key.lastUsedAt >= LAST_USED_RESOLUTION_MS) {
    // The condition repeats the check so concurrent requests write at most once per minute.
    const touch = c.env.DB.prepare(
      'UPDATE api_keys SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at <= ?)',
    )
      .bind(now, key.id, now - LAST_USED_RESOLUTION_MS)
      .run();
    const waitUntil = waitUntilOf(c);
    if (waitUntil) waitUntil(touch);
    else await touch;
  }
  await next();
});
