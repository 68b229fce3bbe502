/**
 * @module
 * The daily salt of device and network hashes, and forgetting yesterday's device data (docs/rating.md "Who is a
 * device"): worker/security/device-hash.ts decides when.
 */

/**
 * Stores `fresh` as the salt of `day` unless an isolate was first, reads the day's salt and deletes older days', in
 * one batch: isolates racing on a new day all end up with the winner's salt. `created` is true for the winner only.
 */
export async function claimDaySalt(
  d1: D1Database,
  day: string,
  fresh: string,
): Promise<{ salt: string; created: boolean }> {
  const [inserted, selected] = await d1.batch([
    d1.prepare('INSERT OR IGNORE INTO device_salts (day, salt) VALUES (?, ?)').bind(day, fresh),
    d1.prepare('SELECT salt FROM device_salts WHERE day = ?').bind(day),
    d1.prepare('DELETE FROM device_salts WHERE day < ?').bind(day),
  ]);
  const salt = (selected?.results[0] as { salt: string } | undefined)?.salt ?? fresh;
  return { salt, created: inserted?.meta.changes === 1 };
}

/** Deletes the rate-limit windows and the responses' device and network hashes older than `cutoff`. */
export async function forgetDeviceData(d1: D1Database, cutoff: number): Promise<void> {
  await d1.batch([
    d1.prepare('DELETE FROM rate_counters WHERE window_start < ?').bind(cutoff),
    d1
      .prepare(
        'UPDATE responses SET device_hash = NULL, network_hash = NULL WHERE device_hash IS NOT NULL AND submitted_at < ?',
      )
      .bind(cutoff),
  ]);
}
