/**
 * @module
 * Fixed-window request counters in `rate_counters` (worker/security/rate-limit.ts names the windows): one atomic
 * upsert counts a request and returns the window's count, this one included.
 */

/** Counts one request in `window` and returns the window's count so far, this request included. */
export async function countInWindow(d1: D1Database, window: { key: string; windowStart: number }): Promise<number> {
  const counted = await d1
    .prepare(
      `INSERT INTO rate_counters (key, window_start, count) VALUES (?, ?, 1)
       ON CONFLICT (key, window_start) DO UPDATE SET count = count + 1 RETURNING count`,
    )
    .bind(window.key, window.windowStart)
    .first<{ count: number }>();
  return counted?.count ?? 0;
}
