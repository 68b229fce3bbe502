/**
 * @module
 * Respondents' characteristics for the SKM report (gender, age, education, occupation, channel):
 * the one indicator rollups do not hold. One bounded query over the raw responses of one unit (or
 * region) and period: four small GROUP BYs joined with UNION ALL, so the answer has at most a few
 * dozen rows (ages 15–100 at most) whatever the number of responses. Flagged responses are left out,
 * as from every other figure.
 */
import type { ProfileCount, RespondentProfile } from '../../domain/skm-report';

const DIMENSIONS = ['gender', 'age', 'education', 'occupation', 'channel'] as const;

export interface ProfileFilter {
  regionId: number;
  unitId?: number;
  /** Inclusive local dates 'YYYY-MM-DD'. */
  from: string;
  to: string;
}

export async function respondentProfile(d1: D1Database, filter: ProfileFilter): Promise<RespondentProfile> {
  // responses_region_date (region_id, local_date) serves every branch; the unit is a residual filter.
  const where = `region_id = ? AND local_date BETWEEN ? AND ? AND flagged = 0${filter.unitId === undefined ? '' : ' AND unit_id = ?'}`;
  const bindings = [filter.regionId, filter.from, filter.to, ...(filter.unitId === undefined ? [] : [filter.unitId])];
  const query = DIMENSIONS.map(
    (dimension) =>
      `SELECT '${dimension}' AS dimension, CAST(${dimension} AS TEXT) AS value, count(*) AS n FROM responses WHERE ${where} GROUP BY ${dimension}`,
  ).join(' UNION ALL ');
  const { results } = await d1
    .prepare(query)
    .bind(...DIMENSIONS.flatMap(() => bindings))
    .all<{ dimension: (typeof DIMENSIONS)[number]; value: string | null; n: number }>();
  const profile: Record<(typeof DIMENSIONS)[number], ProfileCount[]> = {
    gender: [],
    age: [],
    education: [],
    occupation: [],
    channel: [],
  };
  for (const row of results) profile[row.dimension].push({ value: row.value, count: Number(row.n) });
  return profile;
}
