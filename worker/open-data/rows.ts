/**
 * @module
 * What the row producers of the open-data files share: the row shape and the regions a request covers.
 */
import { asc, eq } from 'drizzle-orm';
import { regions, units } from '../../schema';
import type { Database } from '../db/client';
import type { Region, Unit } from '../db/regions';
import { ProblemError } from '../http/problem';
import type { OpenDataQuery } from './filters';

/** One output row: values in the resource's column order (see resources.ts). */
export type Row = (string | number | null)[];

/** The regions (and, per region, the units) a request covers, in slug order. Unknown names are a 404. */
export interface Scope {
  regions: { region: Region; units: Unit[] }[];
}

export async function resolveScope(db: Database, query: Pick<OpenDataQuery, 'region' | 'unit'>): Promise<Scope> {
  const chosen = query.region
    ? await db.select().from(regions).where(eq(regions.slug, query.region))
    : await db.select().from(regions).orderBy(asc(regions.slug));
  if (query.region && chosen.length === 0) throw new ProblemError(404, `No region '${query.region}'.`);
  const scope: Scope = { regions: [] };
  for (const region of chosen) {
    let list = await db.select().from(units).where(eq(units.regionId, region.id)).orderBy(asc(units.slug));
    if (query.unit) {
      list = list.filter((u) => u.slug === query.unit);
      if (list.length === 0) throw new ProblemError(404, `No unit '${query.unit}' in region '${region.slug}'.`);
    }
    scope.regions.push({ region, units: list });
  }
  return scope;
}

/** The months ('YYYY-MM', ascending) in which a region (or one unit) received any counted response. */
export async function monthsWithData(
  d1: D1Database,
  filter: { regionId: number; unitId?: number; from: string; to: string },
): Promise<string[]> {
  const unitCondition = filter.unitId === undefined ? '' : ' AND unit_id = ?';
  const { results } = await d1
    .prepare(
      `SELECT DISTINCT local_month AS month FROM monthly_rollups
       WHERE region_id = ? AND local_month BETWEEN ? AND ?${unitCondition} AND n > 0 ORDER BY month`,
    )
    // Months, not days: the monthly rollups hold one row per month and cell (filters cover whole months).
    .bind(
      filter.regionId,
      filter.from.slice(0, 7),
      filter.to.slice(0, 7),
      ...(filter.unitId === undefined ? [] : [filter.unitId]),
    )
    .all<{ month: string }>();
  return results.map((row) => row.month);
}
