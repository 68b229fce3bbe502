/**
 * @module
 * How many rows each open-data file would hold for a region (or all) and a month range, counted from the rollups in
 * one statement (docs/open-data.md "Sizes"): what the `/data` page multiplies into approximate download sizes.
 */
/** Rows per open-data file, keyed by the file's name (worker/services/open-data/resources.ts `ResourceName`). */
export interface ExportRowCounts {
  scores: number;
  'service-scores': number;
  responses: number;
  comments: number;
}

export interface ExportRowsFilter {
  regionId?: number;
  /** Inclusive months 'YYYY-MM'. */
  fromMonth: string;
  toMonth: string;
}

/**
 * Row counts: exact for scores (every unit × every month its region had a response), upper bounds for the others
 * (every service of a unit plus the row without one, each unit-month with responses; every counted response before
 * suppression and closed-month rules; published comments).
 */
export async function exportRowCounts(d1: D1Database, filter: ExportRowsFilter): Promise<ExportRowCounts> {
  const row = await d1
    .prepare(
      `WITH months AS (
         SELECT region_id, unit_id, local_month, n FROM unit_monthly_rollups
         WHERE n > 0 AND (?1 IS NULL OR region_id = ?1) AND local_month BETWEEN ?2 AND ?3)
       SELECT
         (SELECT coalesce(sum(
            (SELECT count(*) FROM units u WHERE u.region_id = r.region_id) * r.months), 0)
          FROM (SELECT region_id, count(DISTINCT local_month) AS months FROM months GROUP BY region_id) r) AS scores,
         (SELECT coalesce(sum(1 + (SELECT count(*) FROM services s WHERE s.unit_id = m.unit_id)), 0)
          FROM months m) AS serviceScores,
         (SELECT coalesce(sum(n), 0) FROM months) AS responses,
         (SELECT count(*) FROM comments c WHERE c.status = 'published' AND (?1 IS NULL OR c.region_id = ?1)
            AND c.local_date BETWEEN ?2 || '-01' AND ?3 || '-31') AS comments`,
    )
    .bind(filter.regionId ?? null, filter.fromMonth, filter.toMonth)
    .first<{ scores: number; serviceScores: number; responses: number; comments: number }>();
  return {
    scores: row?.scores ?? 0,
    'service-scores': row?.serviceScores ?? 0,
    responses: row?.responses ?? 0,
    comments: row?.comments ?? 0,
  };
}
