/**
 * @module
 * What the open-data validators read (docs/open-data.md, worker/services/open-data/freshness.ts): small fingerprints of the
 * organisation tree, the published comments and the unit × month rollups, and the time of the newest rating.
 */

/** Counts and newest creation times of regions, units and services (and how many regions have a code). */
export async function catalogueFingerprint(d1: D1Database): Promise<Record<string, number | null>> {
  const tree = await d1
    .prepare(
      `SELECT (SELECT count(*) FROM regions) AS regions, (SELECT max(created_at) FROM regions) AS regions_at,
         (SELECT count(code) FROM regions) AS coded,
         (SELECT count(*) FROM units) AS units, (SELECT max(created_at) FROM units) AS units_at,
         (SELECT count(*) FROM services) AS services, (SELECT max(created_at) FROM services) AS services_at`,
    )
    .first<Record<string, number | null>>();
  return tree ?? {};
}

interface FingerprintFilter {
  regionId?: number;
  from: string;
  to: string;
}

/** The published comments of the filter's days: how many, the newest moderation and reply, the largest id. */
export function publishedCommentsFingerprint(d1: D1Database, filter: FingerprintFilter) {
  return d1
    .prepare(
      `SELECT count(*) AS n, max(moderated_at) AS moderated, max(replied_at) AS replied, max(id) AS last_id
       FROM comments WHERE status = 'published' AND local_date BETWEEN ? AND ?${filter.regionId === undefined ? '' : ' AND region_id = ?'}`,
    )
    .bind(filter.from, filter.to, ...(filter.regionId === undefined ? [] : [filter.regionId]))
    .first<{ n: number; moderated: number | null; replied: number | null; last_id: string | null }>();
}

/**
 * Sums over the unit × month rollups of the months `fromMonth`..`toMonth`: far fewer rows than the daily rollups,
 * which a national file would otherwise scan whole on every request. With `closedMonths` ([time zone, last closed
 * month] pairs), each region's rows stop at the year of its zone's last closed month.
 */
export function rollupFingerprint(
  d1: D1Database,
  filter: { regionId?: number; fromMonth: string; toMonth: string; closedMonths: readonly [string, string][] },
) {
  const region = filter.regionId === undefined ? '' : ' AND region_id = ?';
  const closed =
    filter.closedMonths.length === 0
      ? ''
      : ` AND substr(local_month, 1, 4) <= substr(CASE (SELECT timezone FROM regions g WHERE g.id = unit_monthly_rollups.region_id)${' WHEN ? THEN ?'.repeat(filter.closedMonths.length)} END, 1, 4)`;
  return d1
    .prepare(
      `SELECT count(*) AS cells, total(n) AS n, total(sum_squared_totals) AS sq, total(s1 + 2 * s5 + 3 * s9) AS mix,
         max(local_month) AS latest
       FROM unit_monthly_rollups WHERE local_month BETWEEN ? AND ?${region}${closed}`,
    )
    .bind(
      filter.fromMonth,
      filter.toMonth,
      ...(filter.regionId === undefined ? [] : [filter.regionId]),
      ...filter.closedMonths.flat(),
    )
    .first<{ cells: number; n: number; sq: number; mix: number; latest: string | null }>();
}

/**
 * The time of the newest rating of the filter's days. One region: the newest on its newest day, through the
 * (region, date) indexes. Every region: the newest row stored, if the filter covers its day (else none), since no
 * index orders all rows by date and a scan would grow with the data.
 */
export async function newestRatingAt(d1: D1Database, filter: FingerprintFilter): Promise<number | null> {
  if (filter.regionId === undefined) {
    const row = await d1
      .prepare(
        `SELECT submitted_at AS at FROM responses WHERE rowid = (SELECT max(rowid) FROM responses)
         AND local_date BETWEEN ? AND ?`,
      )
      .bind(filter.from, filter.to)
      .first<{ at: number | null }>();
    return row?.at ?? null;
  }
  const row = await d1
    .prepare(
      `SELECT max(submitted_at) AS at FROM responses WHERE region_id = ?1 AND local_date = (
         SELECT max(local_date) FROM daily_rollups WHERE region_id = ?1 AND local_date BETWEEN ?2 AND ?3)`,
    )
    .bind(filter.regionId, filter.from, filter.to)
    .first<{ at: number | null }>();
  return row?.at ?? null;
}
