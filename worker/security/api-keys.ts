/**
 * @module
 * `agencyAuth`: the Bearer API-key check of the agency API (SPEC §5): an unknown or revoked key is a 401 problem+json,
 * more than RATE_LIMIT_PER_API_KEY_MINUTE requests a minute (default 120) a 429 with Retry-After.
 */
import { createMiddleware } from 'hono/factory';
import { findActiveApiKey, touchApiKey } from '../db/api-keys';
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
  // An equality lookup on a digest leaks nothing useful through timing.
  const key: AgencyKey | null = await findActiveApiKey(c.env.DB, await sha256Hex(token));
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
    // Refreshed after the response, so reads stay cheap; the update repeats the check for concurrent requests.
    const touch = touchApiKey(c.env.DB, key.id, now, now - LAST_USED_RESOLUTION_MS);
    const waitUntil = waitUntilOf(c);
    if (waitUntil) waitUntil(touch);
    else await touch;
  }
  await next();
});
