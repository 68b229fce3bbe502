/**
 * @module
 * The reads behind `responses.csv|json`, the microdata (SPEC §4, docs/open-data.md): the region × month blocks that
 * could publish, a block's group sizes and its rows in keyset pages (worker/services/open-data/responses-rows.ts).
 */
import { ELEMENT_CODES } from '../../domain/survey';

/** The age band of `age` in SQL, identical to domain/survey.ts `ageBand` (tested). */
export const AGE_BAND_SQL = `CASE WHEN r.age IS NULL THEN NULL WHEN r.age < 20 THEN '<20' WHEN r.age < 30 THEN '20-29'
  WHEN r.age < 40 THEN '30-39' WHEN r.age < 50 THEN '40-49' WHEN r.age < 60 THEN '50-59' ELSE '60+' END`;

/**
 * The nine answers (each 1–4, never null) as one text of nine digits: D1 hands over a row value by value, and one
 * value instead of nine makes a page markedly cheaper to read (bench/README.md, "Exports").
 */
const PACKED_SCORES = ELEMENT_CODES.map((code) => `r.${code.toLowerCase()}`).join(' || ');

/**
 * One page of a unit's month, in file order, as raw arrays (no per-row objects). The WHERE clause matches the
 * partial index `responses_unit_month_rows` (unit, the virtual `month` column, id, then the published columns;
 * unflagged rows only), so SQLite walks it from the cursor and stops after LIMIT rows.
 */
export const PAGE_SQL = `SELECT r.id, s.slug, r.channel, ${PACKED_SCORES}, r.gender, ${AGE_BAND_SQL}, r.education, r.occupation,
  r.service_id FROM responses r LEFT JOIN services s ON s.id = r.service_id
  WHERE r.unit_id = ? AND r.month = ? AND r.flagged = 0 AND r.id > ?
  ORDER BY r.id LIMIT ?`;

/**
 * Positions in a {@link PAGE_SQL} row: the id, the service slug, the channel, the packed scores, then gender, age
 * band, education and occupation, and the service id.
 */
export const PAGE_COLUMN = { id: 0, service: 1, channel: 2, scores: 3, gender: 4, serviceId: 8 } as const;

export type PageRow = (string | number | null)[];

/** A unit's month, one page after the id `after`. */
export function microdataPage(
  d1: D1Database,
  page: { unitId: number; month: string; after: string; limit: number },
): Promise<PageRow[]> {
  return d1.prepare(PAGE_SQL).bind(page.unitId, page.month, page.after, page.limit).raw<PageRow>();
}

/** A unit × month cell that may publish, with its month's export revisions and the block a snapshot stored. */
export interface BlockCandidateRow {
  region_id: number;
  unit_id: number;
  month: string;
  n: number;
  revision: number;
  catalogue: number;
  r2_key?: string | null;
  offset?: number | null;
  length?: number | null;
  stamp?: string | null;
}

/**
 * Per region × unit × month of the days `from`..`to` (of one region, or one unit) with at least `minimum` counted
 * responses: its count, the month's export revisions (rows and the region's catalogue), and, with `storedFormat`,
 * the block the snapshot stored in that format. One query over the daily rollups.
 */
export async function blockCandidates(
  d1: D1Database,
  filter: { from: string; to: string; regionId?: number; unitId?: number; minimum: number; storedFormat?: string },
): Promise<BlockCandidateRow[]> {
  const { regionId, unitId, storedFormat } = filter;
  const where = [
    'local_date BETWEEN ? AND ?',
    ...(regionId === undefined ? [] : ['region_id = ?']),
    ...(unitId === undefined ? [] : ['unit_id = ?']),
  ].join(' AND ');
  const { results } = await d1
    .prepare(
      // The minimum comes from code, not from the request.
      `SELECT b.region_id, b.unit_id, b.month, b.n, coalesce(m.revision, 0) AS revision,
              coalesce(w.revision, 0) AS catalogue${storedFormat ? ', s.r2_key, s.offset, s.length, s.stamp' : ''}
       FROM (
         SELECT region_id, unit_id, substr(local_date, 1, 7) AS month, sum(n) AS n FROM daily_rollups
         WHERE ${where} GROUP BY region_id, unit_id, month HAVING sum(n) >= ${filter.minimum}
       ) b
       LEFT JOIN export_revisions m ON m.region_id = b.region_id AND m.month = b.month
       LEFT JOIN export_revisions w ON w.region_id = b.region_id AND w.month = '*'${
         storedFormat
           ? ' LEFT JOIN response_blocks s ON s.region_id = b.region_id AND s.month = b.month AND s.format = ?'
           : ''
       }`,
    )
    .bind(
      filter.from,
      filter.to,
      ...(regionId === undefined ? [] : [regionId]),
      ...(unitId === undefined ? [] : [unitId]),
      ...(storedFormat ? [storedFormat] : []),
    )
    .all<BlockCandidateRow>();
  return results;
}

/** A group's published quasi-identifiers as the GROUP BY reads them: service slug, channel, the four profile fields. */
type CellColumns = [string | null, string | null, string | null, string | null, string | null, string | null];

/**
 * The sizes of a region's (or one unit's) groups of unflagged responses of the days `start`..`end`, grouped by
 * every published quasi-identifier (SPEC §4), the service by id and named after grouping: rows of unit id, the
 * {@link CellColumns}, size and service id, as raw arrays (a large region's block has thousands of groups).
 */
export function microdataGroups(
  d1: D1Database,
  block: { regionId: number; start: string; end: string; unitId?: number },
): Promise<[number, ...CellColumns, number, number | null][]> {
  const { unitId } = block;
  return d1
    .prepare(
      `SELECT g.unit_id, s.slug, g.channel, g.gender, g.age_band, g.education, g.occupation, g.n, g.service_id FROM (
         SELECT r.unit_id, r.service_id, r.channel, r.gender, ${AGE_BAND_SQL} AS age_band, r.education, r.occupation,
                count(*) AS n
         FROM responses r WHERE r.region_id = ? AND r.local_date BETWEEN ? AND ? AND r.flagged = 0${unitId === undefined ? '' : ' AND r.unit_id = ?'}
         GROUP BY r.unit_id, r.service_id, r.channel, r.gender, age_band, r.education, r.occupation
       ) g LEFT JOIN services s ON s.id = g.service_id`,
    )
    .bind(block.regionId, block.start, block.end, ...(unitId === undefined ? [] : [unitId]))
    .raw<[number, ...CellColumns, number, number | null]>();
}
