/**
 * @module
 * The list of nightly open-data snapshots (their index files), newest first, for the `/data` catalogue.
 */
import { desc, notLike } from 'drizzle-orm';
import { snapshots } from '../../schema';
import type { Database } from './client';

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
