/**
 * @module
 * What lets `responses.csv|json` serve a closed month from the nightly snapshot: `export_revisions`, raised by
 * SQLite triggers (migration 0013) when a published row changes other than by a new rating, and `response_blocks`,
 * where the snapshot wrote each region × month block and the stamp it was cut from. docs/scale.md, "Exports".
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
