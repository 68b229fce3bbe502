/**
 * @module
 * Reading aggregates from `daily_rollups`: the only way indicators touch the database. The cost
 * depends on units × days in the period, never on the number of raw responses.
 */
import type { Aggregate } from '../../domain/aggregate';
import { ELEMENT_CODES, SCORES } from '../../domain/survey';

const ELEMENTS = ELEMENT_CODES.map((code) => code.slice(1));

const SUMS = [
  'sum(n) AS n',
  'sum(sum_squared_totals) AS sq',
  ...ELEMENTS.flatMap((e) => [`sum(s${e}) AS s${e}`, ...SCORES.map((s) => `sum(c${e}_${s}) AS c${e}_${s}`)]),
].join(', ');

/** What a group of rollup rows is keyed by. `month` is the local 'YYYY-MM'. */
export type RollupGrouping = 'unit' | 'counter' | 'service' | 'month' | 'region';

const GROUP_EXPRESSIONS: Record<RollupGrouping, string> = {
  region: 'region_id',
  unit: 'unit_id',
  counter: 'counter_id',
  /** 0 for responses without a service (jenis layanan). */
  service: 'service_id',
  month: 'substr(local_date, 1, 7)',
};

export interface RollupFilter {
  regionId?: number;
  unitId?: number;
  /** Inclusive local dates 'YYYY-MM-DD'. */
  from: string;
  to: string;
}

export interface GroupedAggregate {
  key: Partial<Record<RollupGrouping, number | string>>;
  aggregate: Aggregate;
}

type RollupRow = Record<string, number | string | null>;

function toAggregate(row: RollupRow): Aggregate {
  const num = (name: string) => Number(row[name] ?? 0);
  return {
    n: num('n'),
    sumSquaredTotals: num('sq'),
    sums: ELEMENTS.map((e) => num(`s${e}`)),
    counts: ELEMENTS.map((e) => SCORES.map((s) => num(`c${e}_${s}`))),
  };
}

function whereOf(filter: RollupFilter): { where: string; bindings: (string | number)[] } {
  const conditions = ['local_date BETWEEN ? AND ?'];
  const bindings: (string | number)[] = [filter.from, filter.to];
  if (filter.regionId !== undefined) {
    conditions.push('region_id = ?');
    bindings.push(filter.regionId);
  }
  if (filter.unitId !== undefined) {
    conditions.push('unit_id = ?');
    bindings.push(filter.unitId);
  }
  return { where: conditions.join(' AND '), bindings };
}

async function groupedRows(
  d1: D1Database,
  filter: RollupFilter,
  groupBy: readonly RollupGrouping[],
  sums: string,
): Promise<RollupRow[]> {
  const { where, bindings } = whereOf(filter);
  const keys = groupBy.map((g) => `${GROUP_EXPRESSIONS[g]} AS k_${g}`);
  const query = `SELECT ${[...keys, sums].join(', ')} FROM daily_rollups WHERE ${where}${
    groupBy.length ? ` GROUP BY ${groupBy.map((g) => GROUP_EXPRESSIONS[g]).join(', ')}` : ''
  }`;
  const { results } = await d1
    .prepare(query)
    .bind(...bindings)
    .all<RollupRow>();
  return results.filter((row) => Number(row.n ?? 0) > 0);
}

const keyOf = (groupBy: readonly RollupGrouping[], row: RollupRow) =>
  Object.fromEntries(groupBy.map((g) => [g, row[`k_${g}`] as number | string]));

/** Sums rollups matching `filter`, one aggregate per combination of `groupBy` (or one in all). */
export async function aggregateRollups(
  d1: D1Database,
  filter: RollupFilter,
  groupBy: readonly RollupGrouping[] = [],
): Promise<GroupedAggregate[]> {
  const rows = await groupedRows(d1, filter, groupBy, SUMS);
  return rows.map((row) => ({ key: keyOf(groupBy, row), aggregate: toAggregate(row) }));
}

/**
 * Only the number of responses per combination of `groupBy`: what suppression needs of the finer groups (SPEC §4),
 * at a fraction of {@link aggregateRollups}' columns. Groups without responses are left out.
 */
export async function countRollups(
  d1: D1Database,
  filter: RollupFilter,
  groupBy: readonly RollupGrouping[],
): Promise<{ key: GroupedAggregate['key']; n: number }[]> {
  const rows = await groupedRows(d1, filter, groupBy, 'sum(n) AS n');
  return rows.map((row) => ({ key: keyOf(groupBy, row), n: Number(row.n) }));
}

/** The latest local date with any rollup, per region: "how fresh is this figure". */
export async function latestRollupDate(d1: D1Database, regionId?: number): Promise<string | null> {
  const row = await d1
    .prepare(
      `SELECT max(local_date) AS latest FROM daily_rollups${regionId === undefined ? '' : ' WHERE region_id = ?'}`,
    )
    .bind(...(regionId === undefined ? [] : [regionId]))
    .first<{ latest: string | null }>();
  return row?.latest ?? null;
}
