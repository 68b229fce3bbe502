/**
 * @module
 * What the row producers of the open-data files share: the row shape and the regions a request covers.
 */
import type { Database } from '../../db/client';
import { listRegionsBySlug, listUnitsBySlug, type Region, type Unit } from '../../db/regions';
import { rollupMonths } from '../../db/rollups';
import { ProblemError } from '../../http/problem';
import type { OpenDataQuery } from './filters';

/** One output row: values in the resource's column order (see resources.ts). */
export type Row = (string | number | null)[];

/**
 * What a row producer yields: one row, or (for speed) a whole page of rows at once. Yielding a page costs one
 * await instead of one per row, which is most of the time of a million-row file.
 */
export type RowsOrPage = Row | RowPage | SerializedRows;

/** A page of rows yielded in one step (see {@link RowsOrPage}). */
export class RowPage {
  constructor(readonly rows: readonly Row[]) {}
}

/**
 * At least one row already serialized in the file's format, as a stored block's bytes (responses-rows.ts): the
 * writer passes them through. CSV: whole lines. JSON: the objects joined by `,\n`, without the array's brackets.
 */
export class SerializedRows {
  constructor(readonly body: ReadableStream<Uint8Array>) {}
}

/** The regions (and, per region, the units) a request covers, in slug order. Unknown names are a 404. */
export interface Scope {
  regions: { region: Region; units: Unit[] }[];
}

export async function resolveScope(db: Database, query: Pick<OpenDataQuery, 'region' | 'unit'>): Promise<Scope> {
  const chosen = await listRegionsBySlug(db, query.region || undefined);
  if (query.region && chosen.length === 0) throw new ProblemError(404, `No region '${query.region}'.`);
  const scope: Scope = { regions: [] };
  // Every region's units in one query, not one per region: a national deployment has hundreds of regions, and
  // D1 allows 1,000 queries per invocation. Without a region filter every region is chosen, so every unit is wanted.
  const first = chosen[0];
  const all = await listUnitsBySlug(db, query.region && first ? first.id : undefined);
  const byRegion = new Map<number, Unit[]>();
  for (const unit of all) {
    const list = byRegion.get(unit.regionId);
    if (list) list.push(unit);
    else byRegion.set(unit.regionId, [unit]);
  }
  for (const region of chosen) {
    let list = byRegion.get(region.id) ?? [];
    if (query.unit) {
      list = list.filter((u) => u.slug === query.unit);
      if (list.length === 0) throw new ProblemError(404, `No unit '${query.unit}' in region '${region.slug}'.`);
    }
    scope.regions.push({ region, units: list });
  }
  return scope;
}

/**
 * How many regions a national file reads per rollup query: the queries grow by one per 50 regions (11 for the
 * 552 regional governments), never by one or two per region, and one chunk's groups (50 regions × their units ×
 * months) stay a small part of a Worker's 128 MB. Below D1's 100 bound values per statement.
 */
export const REGIONS_PER_QUERY = 50;

/** `scope`'s regions that have units, in chunks of {@link REGIONS_PER_QUERY}, in file order. */
export function regionChunks(scope: Scope): Scope['regions'][] {
  const withUnits = scope.regions.filter(({ units }) => units.length > 0);
  const chunks: Scope['regions'][] = [];
  for (let i = 0; i < withUnits.length; i += REGIONS_PER_QUERY) chunks.push(withUnits.slice(i, i + REGIONS_PER_QUERY));
  return chunks;
}

/** The months ('YYYY-MM', ascending) in which a region (or one unit) received any counted response. */
export async function monthsWithData(
  d1: D1Database,
  filter: { regionId: number; unitId?: number; from: string; to: string },
): Promise<string[]> {
  // Months, not days: the monthly rollups hold one row per month and cell (filters cover whole months).
  return rollupMonths(d1, {
    regionId: filter.regionId,
    unitId: filter.unitId,
    fromMonth: filter.from.slice(0, 7),
    toMonth: filter.to.slice(0, 7),
  });
}
