/**
 * @module
 * What lets `responses.csv|json` serve a closed month from the nightly snapshot instead of reading D1 row by row
 * (worker/open-data/responses-rows.ts, docs/scale.md "Exports"):
 *
 * - `export_revisions`: a counter per region × month ('*' for the region's catalogue: its own row, its units and
 *   services), raised by SQLite triggers (migration 0013) whenever a published row changes other than by a new
 *   rating: a flag, an unflag, a deletion, a changed answer, profile or date, a renamed unit or service. New ratings
 *   need no trigger: they raise the month's count in the rollups instead, so the rating path writes nothing more.
 * - `response_blocks`: where the snapshot wrote a region × month block of the file (an R2 object and the byte range
 *   of its rows), and the stamp (count, revisions, format) of the data it was cut from. A block is served from R2
 *   only while its stamp equals the current one; otherwise the rows are read live.
 */
import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const exportRevisions = sqliteTable(
  'export_revisions',
  {
    regionId: integer('region_id').notNull(),
    /** The local month 'YYYY-MM' of the changed rows, or '*' for a change to the region's catalogue. */
    month: text('month').notNull(),
    revision: integer('revision').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.regionId, t.month] })],
);

export const responseBlocks = sqliteTable(
  'response_blocks',
  {
    regionId: integer('region_id').notNull(),
    month: text('month').notNull(),
    format: text('format', { enum: ['csv', 'json'] }).notNull(),
    /** The snapshot's partition file (`snapshots/{day}/{region}/{month}/responses.{format}`). */
    r2Key: text('r2_key').notNull(),
    /** The block's rows within that file: after the CSV header or the JSON '[', before the JSON ']'. */
    offset: integer('offset').notNull(),
    length: integer('length').notNull(),
    /** `responseBlockStamp` of the data the file was written from. */
    stamp: text('stamp').notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionId, t.month, t.format] })],
);
