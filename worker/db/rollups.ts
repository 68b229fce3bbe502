/**
 * @module
 * Reading the rollups, the only way indicators touch the data: each read takes the coarsest table that answers its
 * range (rollupSpans, tableFor), so its cost grows with units × months, never with responses (docs/scale.md).
 */
import type { Aggregate } from '../../domain/aggregate';
import { ELEMENT_CODES, SCORES } from '../../domain/survey';

const ELEMENTS = ELEMENT_CODES.map((code) => code.slice(1));

const SUMS = [
  'sum(n) AS n',
  'sum(sum_squared_totals) AS sq',
  ...ELEMENTS.flatMap((e) => [`sum(s${e}) AS s${e}`, ...SCORES.map((s) => `sum(c${e}_${s}) AS c${e}_${s}`)]),
].join(', ');
const OUTER_SUMS = [
  'sum(n) AS n',
  'sum(sq) AS sq',
  ...ELEMENTS.flatMap((e) => [`sum(s${e}) AS s${e}`, ...SCORES.map((s) => `sum(c${e}_${s}) AS c${e}_${s}`)]),
].join(', ');

/** What a group of rollup rows is keyed by. `month` is the local 'YYYY-MM'. */
export type RollupGrouping = 'unit' | 'counter' | 'service' | 'month' | 'region';

/** The grouping expressions of each table (a month is a prefix of a local date). */
const GROUP_EXPRESSIONS: Record<RollupTable, Record<RollupGrouping, string>> = {
  daily_rollups: {
    region: 'region_id',
    unit: 'unit_id',
    counter: 'counter_id',
    /** 0 for responses without a service (jenis layanan). */
    service: 'service_id',
    month: 'substr(local_date, 1, 7)',
  },
  monthly_rollups: {
    region: 'region_id',
    unit: 'unit_id',
    counter: 'counter_id',
    service: 'service_id',
    month: 'local_month',
  },
  /** No counter or service: only read by groupings without them ({@link tableFor}). */
  unit_monthly_rollups: {
    region: 'region_id',
    unit: 'unit_id',
    counter: 'NULL',
    service: 'NULL',
    month: 'local_month',
  },
};

type RollupTable = RollupSpan['table'] | 'unit_monthly_rollups';

/**
 * The table a span is read from: a monthly span grouped by nothing finer than the unit reads the unit × month sums
 * (SQLite keeps them from the monthly rows, migrations/0011), whose rows do not multiply with counters × services.
 */
export function tableFor(span: RollupSpan, groupBy: readonly RollupGrouping[]): RollupTable {
  if (span.table !== 'monthly_rollups') return span.table;
  return groupBy.some((g) => g === 'counter' || g === 'service') ? 'monthly_rollups' : 'unit_monthly_rollups';
}

/** A part of a read: inclusive bounds in the table's period ('YYYY-MM-DD' daily, 'YYYY-MM' monthly). */
export interface RollupSpan {
  table: 'daily_rollups' | 'monthly_rollups';
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;
const shiftDay = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (date: string) =>
  DATE.test(date) && !Number.isNaN(Date.parse(`${date}T00:00:00Z`)) && shiftDay(date, 0) === date;

/**
 * The one place that chooses the table: the whole months inside [from, to] from the monthly rollups, the days
 * before the first and after the last whole month from the daily ones. A range inside one month, or bounds that
 * are not plain dates, read only days.
 */
export function rollupSpans(from: string, to: string): RollupSpan[] {
  const daily: RollupSpan[] = [{ table: 'daily_rollups', from, to }];
  if (!isDate(from) || !isDate(to) || from > to) return daily;
  // The first day of the first whole month, and the last day of the last whole month.
  const wholeStart = from.endsWith('-01') ? from : `${shiftDay(`${from.slice(0, 7)}-28`, 4).slice(0, 7)}-01`;
  const nextMonthStart = `${shiftDay(`${to.slice(0, 7)}-28`, 4).slice(0, 7)}-01`;
  const wholeEnd = shiftDay(nextMonthStart, -1) === to ? to : shiftDay(`${to.slice(0, 7)}-01`, -1);
  if (wholeStart > wholeEnd) return daily;
  const spans: RollupSpan[] = [];
  if (from < wholeStart) spans.push({ table: 'daily_rollups', from, to: shiftDay(wholeStart, -1) });
  spans.push({ table: 'monthly_rollups', from: wholeStart.slice(0, 7), to: wholeEnd.slice(0, 7) });
  if (wholeEnd < to) spans.push({ table: 'daily_rollups', from: shiftDay(wholeEnd, 1), to });
  return spans;
}

export interface RollupFilter {
  regionId?: number;
  /** Several regions at once (a national file reads regions in chunks); at most 90, as D1 binds 100 values. */
  regionIds?: readonly number[];
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

/**
 * One row per combination of `groupBy` with the columns `sums` (over a table's columns; `outerSums` adds the
 * per-span partial sums up). Reads through {@link rollupSpans}: whole months from the monthly table.
 */
async function groupedRows(
  d1: D1Database,
  filter: RollupFilter,
  groupBy: readonly RollupGrouping[],
  sums: string,
  outerSums: string,
  spans: readonly RollupSpan[],
): Promise<RollupRow[]> {
  const bindings: (string | number)[] = [];
  const parts = spans.map((span) => {
    const table = tableFor(span, groupBy);
    const expressions = GROUP_EXPRESSIONS[table];
    const conditions = [`${expressions.month === 'local_month' ? 'local_month' : 'local_date'} BETWEEN ? AND ?`];
    bindings.push(span.from, span.to);
    if (filter.regionId !== undefined) {
      conditions.push('region_id = ?');
      bindings.push(filter.regionId);
    }
    if (filter.regionIds !== undefined) {
      conditions.push(`region_id IN (${filter.regionIds.map(() => '?').join(', ') || 'NULL'})`);
      bindings.push(...filter.regionIds);
    }
    if (filter.unitId !== undefined) {
      conditions.push('unit_id = ?');
      bindings.push(filter.unitId);
    }
    const keys = groupBy.map((g) => `${expressions[g]} AS k_${g}`);
    return `SELECT ${[...keys, sums].join(', ')} FROM ${table} WHERE ${conditions.join(' AND ')}${
      groupBy.length ? ` GROUP BY ${groupBy.map((g) => expressions[g]).join(', ')}` : ''
    }`;
  });
  // Several spans: each sums its own rows, then the partial sums are added up per group.
  const query =
    parts.length === 1
      ? (parts[0] as string)
      : `SELECT ${[...groupBy.map((g) => `k_${g}`), outerSums].join(', ')} FROM (${parts.join(' UNION ALL ')})${
          groupBy.length ? ` GROUP BY ${groupBy.map((g) => `k_${g}`).join(', ')}` : ''
        }`;
  const { results } = await d1
    .prepare(query)
    .bind(...bindings)
    .all<RollupRow>();
  return results.filter((row) => Number(row.n ?? 0) > 0);
}

const keyOf = (groupBy: readonly RollupGrouping[], row: RollupRow) =>
  Object.fromEntries(groupBy.map((g) => [g, row[`k_${g}`] as number | string]));

/**
 * Sums rollups matching `filter`, one aggregate per combination of `groupBy` (or one in all). `spans` defaults to
 * {@link rollupSpans} of the filter's range; tests pass one daily span to compare both tables' figures.
 */
export async function aggregateRollups(
  d1: D1Database,
  filter: RollupFilter,
  groupBy: readonly RollupGrouping[] = [],
  spans: readonly RollupSpan[] = rollupSpans(filter.from, filter.to),
): Promise<GroupedAggregate[]> {
  const rows = await groupedRows(d1, filter, groupBy, SUMS, OUTER_SUMS, spans);
  return rows.map((row) => ({ key: keyOf(groupBy, row), aggregate: toAggregate(row) }));
}

/**
 * Only the number of responses per combination of `groupBy`: what suppression needs of the finer groups (SPEC §4),
 * at a fraction of {@link aggregateRollups}' columns. Groups without responses are left out. Reads through the
 * same spans, so whole months come from the monthly table here too.
 */
export async function countRollups(
  d1: D1Database,
  filter: RollupFilter,
  groupBy: readonly RollupGrouping[],
  spans: readonly RollupSpan[] = rollupSpans(filter.from, filter.to),
): Promise<{ key: GroupedAggregate['key']; n: number }[]> {
  const rows = await groupedRows(d1, filter, groupBy, 'sum(n) AS n', 'sum(n) AS n', spans);
  return rows.map((row) => ({ key: keyOf(groupBy, row), n: Number(row.n) }));
}

/** The responses of one region × unit × service (0 = none) × month: what a disclosure plan is computed from. */
export interface CellCount {
  region: number;
  unit: number;
  service: number;
  month: string;
  n: number;
}

/**
 * Every nonempty region × unit × service × month count in `from`..`to` (whole months: the monthly table only) of
 * `regionIds` (every region when absent), in one query: the input of the disclosure plans (SPEC §4). With
 * `unitsOnly`, one count per unit × month (service 0): enough for the plan's unit and region figures, which it
 * decides from those totals alone, and read from the unit-month rollups.
 */
export async function disclosureCounts(
  d1: D1Database,
  filter: { regionIds?: readonly number[]; from: string; to: string; unitsOnly?: boolean },
): Promise<CellCount[]> {
  const { regionIds, from, to, unitsOnly = false } = filter;
  const rows = await countRollups(
    d1,
    regionIds?.length === 1 ? { regionId: regionIds[0], from, to } : { regionIds, from, to },
    unitsOnly ? ['region', 'unit', 'month'] : ['region', 'unit', 'service', 'month'],
  );
  return rows.map(({ key, n }) => ({
    region: Number(key.region),
    unit: Number(key.unit),
    service: Number(key.service ?? 0),
    month: String(key.month),
    n,
  }));
}

/** The months ('YYYY-MM', ascending) in which a region (or one unit) received any counted response. */
export async function rollupMonths(
  d1: D1Database,
  filter: { regionId: number; unitId?: number; fromMonth: string; toMonth: string },
): Promise<string[]> {
  const unitCondition = filter.unitId === undefined ? '' : ' AND unit_id = ?';
  const { results } = await d1
    .prepare(
      `SELECT DISTINCT local_month AS month FROM monthly_rollups
       WHERE region_id = ? AND local_month BETWEEN ? AND ?${unitCondition} AND n > 0 ORDER BY month`,
    )
    .bind(filter.regionId, filter.fromMonth, filter.toMonth, ...(filter.unitId === undefined ? [] : [filter.unitId]))
    .all<{ month: string }>();
  return results.map((row) => row.month);
}

/** The first local month with any rating in a region (or the whole deployment), or null. */
export async function firstRollupMonth(d1: D1Database, regionId?: number): Promise<string | null> {
  const row = await d1
    .prepare(
      `SELECT min(local_month) AS first FROM monthly_rollups${regionId === undefined ? '' : ' WHERE region_id = ?'}`,
    )
    .bind(...(regionId === undefined ? [] : [regionId]))
    .first<{ first: string | null }>();
  return row?.first ?? null;
}
