/**
 * @module
 * Counting failed sign-ins in `rate_counters` and refusing with 429 + `Retry-After` once an account or a device
 * reached its limit (the rule and limits: worker/security/rate-limit.ts). Keys are keyed hashes: the e-mail
 * under the device-hash key, the device as the daily-salted device hash. No raw e-mail or IP is stored, and the
 * daily purge of old windows (device-hash.ts) removes them after a day.
 */
import { ProblemError } from '../http/problem';
import { deviceHash, deviceIdentity } from './device-hash';
import { hmacBase64Url } from './hmac';
import { retryAfterSeconds, SIGN_IN_WINDOW_MS, signInLocked, signInWindowStart } from './rate-limit';

export interface SignInKeys {
  account: string | null;
  device: string;
}

export async function signInKeys(
  d1: D1Database,
  hashKey: string,
  headers: Headers,
  email: string | null,
  now: number,
): Promise<SignInKeys> {
  return {
    account: email === null ? null : `sign-in-account:${await hmacBase64Url(hashKey, `sign-in\u0000${email}`, 16)}`,
    device: `sign-in-device:${await deviceHash(d1, hashKey, deviceIdentity(headers), now)}`,
  };
}

/** 429 with Retry-After when the account or the device is locked in the current window. */
export async function assertSignInAllowed(d1: D1Database, keys: SignInKeys, now: number): Promise<void> {
  const windowStart = signInWindowStart(now);
  const { results } = await d1
    .prepare('SELECT key, count FROM rate_counters WHERE window_start = ? AND key IN (?, ?)')
    .bind(windowStart, keys.account ?? '', keys.device)
    .all<{ key: string; count: number }>();
  const count = (key: string | null) => results.find((r) => r.key === key)?.count ?? 0;
  if (signInLocked({ account: count(keys.account), device: count(keys.device) })) {
    throw new ProblemError(429, 'Too many failed sign-ins: wait before trying again.', {
      headers: { 'retry-after': String(retryAfterSeconds(windowStart + SIGN_IN_WINDOW_MS, now)) },
    });
  }
}

export async function recordSignInFailure(d1: D1Database, keys: SignInKeys, now: number): Promise<void> {
  const windowStart = signInWindowStart(now);
  const upsert = (key: string) =>
    d1
      .prepare(
        `INSERT INTO rate_counters (key, window_start, count) VALUES (?, ?, 1)
         ON CONFLICT (key, window_start) DO UPDATE SET count = count + 1`,
      )
      .bind(key, windowStart);
  await d1.batch([upsert(keys.device), ...(keys.account ? [upsert(keys.account)] : [])]);
}
