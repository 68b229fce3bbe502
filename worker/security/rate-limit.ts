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
