/**
 * @module
 * The nightly open-data snapshots (docs/open-data.md): their recorded files, newest first for the `/data` catalogue,
 * and what the snapshot job reads and records (worker/services/jobs/snapshot.ts), including the stored blocks of `responses.*`.
 */
import { desc, notLike } from 'drizzle-orm';
import { responseBlocks, snapshots } from '../../schema';
import { type Database, database } from './client';

export type SnapshotFileRow = typeof snapshots.$inferSelect;

export async function listSnapshots(db: Database, days = 30): Promise<{ day: string; files: SnapshotFileRow[] }[]> {
  const rows = await db
    .select()
    .from(snapshots)
    // The day's index files only: the parts (`{region}/{month}/{file}`) are listed, with checksums, in SHA256SUMS.
    .where(notLike(snapshots.file, '%/%'))
    .orderBy(desc(snapshots.day), snapshots.file)
    .limit(days * 10);
  const byDay = new Map<string, SnapshotFileRow[]>();
  for (const row of rows) byDay.set(row.day, [...(byDay.get(row.day) ?? []), row]);
  return [...byDay].slice(0, days).map(([day, files]) => ({ day, files }));
}

/** How many of `files` are recorded for `day`. */
export async function countSnapshotFiles(d1: D1Database, day: string, files: readonly string[]): Promise<number> {
  const row = await d1
    .prepare(`SELECT count(*) AS n FROM snapshots WHERE day = ? AND file IN (${files.map(() => '?').join(', ')})`)
    .bind(day, ...files)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

/** Every region × month with a counted response or a published comment (the same months the files show). */
export async function snapshotPartitions(d1: D1Database): Promise<{ region: string; month: string }[]> {
  const { results } = await d1
    .prepare(
      `SELECT g.slug AS region, p.month AS month FROM (
         SELECT DISTINCT region_id, local_month AS month FROM monthly_rollups WHERE n > 0
         UNION SELECT DISTINCT region_id, substr(local_date, 1, 7) FROM comments WHERE status = 'published'
       ) p JOIN regions g ON g.id = p.region_id ORDER BY g.slug, p.month`,
    )
    .all<{ region: string; month: string }>();
  return results;
}

/** The files recorded for `day` under the folder `prefix` ('{region}/{month}/'). */
export async function snapshotFilesUnder(d1: D1Database, day: string, prefix: string): Promise<string[]> {
  const { results } = await d1
    .prepare('SELECT file FROM snapshots WHERE day = ? AND file LIKE ?')
    .bind(day, `${prefix}%`)
    .all<{ file: string }>();
  return results.map((row) => row.file);
}

/** The partition files recorded for `day` (those in a folder), by path, with their sizes and checksums. */
export async function snapshotPartFiles(
  d1: D1Database,
  day: string,
): Promise<{ file: string; bytes: number; sha256: string }[]> {
  const { results } = await d1
    .prepare(`SELECT file, bytes, sha256 FROM snapshots WHERE day = ? AND file LIKE '%/%' ORDER BY file`)
    .bind(day)
    .all<{ file: string; bytes: number; sha256: string }>();
  return results;
}

/** Records (or records again) a file of `day` stored under `r2Key`, with its size and SHA-256. */
export async function recordSnapshotFile(
  d1: D1Database,
  file: { day: string; file: string; r2Key: string },
  stats: { bytes: number; sha256: string },
): Promise<void> {
  await database(d1)
    .insert(snapshots)
    .values({ ...file, ...stats })
    .onConflictDoUpdate({ target: [snapshots.day, snapshots.file], set: stats });
}

/** Records where the rows of a region × month block of `responses.*` are stored, and the stamp of their data. */
export async function recordResponseBlock(
  d1: D1Database,
  block: { regionId: number; month: string; format: 'csv' | 'json' },
  stored: { r2Key: string; offset: number; length: number; stamp: string },
): Promise<void> {
  await database(d1)
    .insert(responseBlocks)
    .values({ ...block, ...stored })
    .onConflictDoUpdate({
      target: [responseBlocks.regionId, responseBlocks.month, responseBlocks.format],
      set: stored,
    });
}
