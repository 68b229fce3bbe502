/**
 * @module
 * The windows of the abuse limits (SPEC §5): requests per device and per network per minute (fixed one-minute
 * windows counted in `rate_counters`) and accepted ratings per device and per network per counter per hour (a
 * sliding hour over the stored ratings, exact because it counts the very rows the limit is about).
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;

/** The `rate_counters` key and window of a device's requests in the minute of `now`. */
export function minuteWindow(deviceHash: string, now: number): { key: string; windowStart: number } {
  return { key: `minute:${deviceHash}`, windowStart: Math.floor(now / MINUTE_MS) * MINUTE_MS };
}

/** The `rate_counters` key and window of a network's requests in the minute of `now`. */
export function networkMinuteWindow(networkHash: string, now: number): { key: string; windowStart: number } {
  return { key: `network-minute:${networkHash}`, windowStart: Math.floor(now / MINUTE_MS) * MINUTE_MS };
}

/** Whole seconds until `until` (at least 1), for `Retry-After`. */
export function retryAfterSeconds(until: number, now: number): number {
  return Math.max(1, Math.ceil((until - now) / 1000));
}

/**
 * Sign-in throttles (docs/accounts.md): failed attempts counted in fixed 15-minute windows, per account (a keyed
 * hash of the e-mail, so guessing one person's password stops after a few tries from anywhere) and per network
 * (the network hash, so one client cannot sweep many accounts or guess the bootstrap token by changing its user
 * agent or the last bits of its address). At the limit, sign-in answers 429 until the window ends, also for the
 * right password: a lockout the attacker cannot test through.
 */
export const SIGN_IN_WINDOW_MS = 15 * MINUTE_MS;
export const SIGN_IN_LIMITS = { account: 5, network: 20 } as const;

export function signInWindowStart(now: number): number {
  return Math.floor(now / SIGN_IN_WINDOW_MS) * SIGN_IN_WINDOW_MS;
}

/** Whether counted failures lock sign-in: the per-account or the per-network limit reached. */
export function signInLocked(failures: { account: number; network: number }): boolean {
  return failures.account >= SIGN_IN_LIMITS.account || failures.network >= SIGN_IN_LIMITS.network;
}

/** The `rate_counters` key and window of an agency API key's requests in the minute of `now`. */
export function apiKeyMinuteWindow(keyId: string, now: number): { key: string; windowStart: number } {
  return { key: `api-key:${keyId}`, windowStart: Math.floor(now / MINUTE_MS) * MINUTE_MS };
}

/**
 * The `rate_counters` key and window of a network's uncached open-data parts (`responses.*?cursor=…`, docs/open-data.md)
 * in the minute of `now`: each new cursor value misses the edge cache and may cost up to the query budget in D1.
 */
export function exportPartMinuteWindow(networkHash: string, now: number): { key: string; windowStart: number } {
  return { key: `export-part:${networkHash}`, windowStart: Math.floor(now / MINUTE_MS) * MINUTE_MS };
}
