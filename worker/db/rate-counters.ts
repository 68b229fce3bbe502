/**
 * @module
 * Fixed-window counters in `rate_counters`: one atomic upsert counts and returns the window's count, this one
 * included (the windows are named in worker/security/rate-limit.ts; docs/accounts.md, docs/rating.md).
 */

/** The upsert that counts one more in a window and returns the key and the window's count. */
function countStatement(d1: D1Database, key: string, windowStart: number): D1PreparedStatement {
  return d1
    .prepare(
      `INSERT INTO rate_counters (key, window_start, count) VALUES (?, ?, 1)
       ON CONFLICT (key, window_start) DO UPDATE SET count = count + 1 RETURNING key, count`,
    )
    .bind(key, windowStart);
}

/** Counts one request in `window` and returns the window's count so far, this request included. */
export async function countInWindow(d1: D1Database, window: { key: string; windowStart: number }): Promise<number> {
  const counted = await countStatement(d1, window.key, window.windowStart).first<{ count: number }>();
  return counted?.count ?? 0;
}

/**
 * Counts one more for each of `keys` in the window starting at `windowStart`, with `also` in the same atomic batch,
 * and returns each key's count so far. With no keys it only writes `also`.
 */
export async function countInWindows(
  d1: D1Database,
  keys: readonly string[],
  windowStart: number,
  also: D1PreparedStatement[] = [],
): Promise<Map<string, number>> {
  const statements = [...keys.map((key) => countStatement(d1, key, windowStart)), ...also];
  if (statements.length === 0) return new Map();
  const results = await d1.batch<{ key?: string; count?: number }>(statements);
  const counts = new Map<string, number>();
  for (const row of results.slice(0, keys.length).flatMap((result) => result.results)) {
    if (row.key !== undefined) counts.set(row.key, Number(row.count ?? 0));
  }
  return counts;
}

/** The counts of `keys` in the window starting at `windowStart` (a key never counted is absent). */
export async function windowCounts(
  d1: D1Database,
  keys: readonly [string, string],
  windowStart: number,
): Promise<Map<string, number>> {
  const { results } = await d1
    .prepare('SELECT key, count FROM rate_counters WHERE window_start = ? AND key IN (?, ?)')
    .bind(windowStart, ...keys)
    .all<{ key: string; count: number }>();
  return new Map(results.map((row) => [row.key, row.count]));
}

/** Takes one count back from each of `keys`; a count back at zero is no count at all, so its row goes. */
export async function uncountInWindows(d1: D1Database, keys: readonly string[], windowStart: number): Promise<void> {
  await d1.batch(
    keys.flatMap((key) => [
      d1
        .prepare('UPDATE rate_counters SET count = count - 1 WHERE key = ? AND window_start = ?')
        .bind(key, windowStart),
      d1.prepare('DELETE FROM rate_counters WHERE key = ? AND window_start = ? AND count <= 0').bind(key, windowStart),
    ]),
  );
}
