/**
 * @module
 * The SQL that folds responses into the rollups: `daily_rollups` and `monthly_rollups`, keyed alike but for the
 * local day or the local month. One statement builder serves every writer (a rating, a paper import or entry, an
 * undo, a moderator's decision, the demo seed, a full rebuild, the bench) and always yields the upsert of BOTH
 * tables, for the caller's one atomic batch: so a month row is always the sum of its days and both are the same
 * function of the unflagged responses. Each statement selects from `responses`, so inside a D1 batch it adds
 * exactly the rows that the batch's own insert created: a repeated submission adds nothing. A third table,
 * `unit_monthly_rollups` (the monthly rows summed over counters and services), is kept by SQLite triggers on
 * `monthly_rollups` (migrations/0011_unit_monthly_rollups_triggers.sql), inside the same statements.
 */
import { ELEMENT_CODES } from '../../domain/survey';

const ELEMENTS = ELEMENT_CODES.map((code) => code.slice(1));
const SCORES = [1, 2, 3, 4];

const aggregateColumns = ELEMENTS.flatMap((e) => [`s${e}`, ...SCORES.map((s) => `c${e}_${s}`)]);
const totalExpression = ELEMENTS.map((e) => `u${e}`).join(' + ');
const aggregateExpressions = ELEMENTS.flatMap((e) => [`sum(u${e})`, ...SCORES.map((s) => `sum(u${e} = ${s})`)]);

export const ROLLUP_VALUE_COLUMNS = ['n', 'sum_squared_totals', ...aggregateColumns] as const;

/** The key of `daily_rollups` (`monthly_rollups` has `local_month` in place of `local_date`). */
export const ROLLUP_KEY = ['region_id', 'unit_id', 'counter_id', 'service_id', 'local_date'] as const;

/** The rollup tables: their period column and how a response's `local_date` maps to it. */
export const ROLLUP_TABLES = [
  { table: 'daily_rollups', period: 'local_date', fromLocalDate: 'local_date' },
  { table: 'monthly_rollups', period: 'local_month', fromLocalDate: 'substr(local_date, 1, 7)' },
] as const;

type RollupTable = (typeof ROLLUP_TABLES)[number];

function upsertInto({ table, period, fromLocalDate }: RollupTable, where: string, sign: 1 | -1): string {
  const signed = (expression: string) => (sign === 1 ? expression : `-(${expression})`);
  const values = [`count(*)`, `sum((${totalExpression}) * (${totalExpression}))`, ...aggregateExpressions].map(signed);
  const key = [...ROLLUP_KEY.slice(0, 4), period];
  const groups = `region_id, unit_id, coalesce(counter_id, 0), coalesce(service_id, 0), ${fromLocalDate}`;
  return `INSERT INTO ${table} (${[...key, ...ROLLUP_VALUE_COLUMNS].join(', ')})
SELECT ${groups}, ${values.join(', ')}
FROM responses WHERE (${where}) AND flagged = 0
GROUP BY ${groups}
ON CONFLICT (${key.join(', ')}) DO UPDATE SET ${ROLLUP_VALUE_COLUMNS.map((c) => `${c} = ${table}.${c} + excluded.${c}`).join(', ')}`;
}

/**
 * The upserts (daily, then monthly) that add (sign 1) or remove (sign -1) the unflagged responses matching `where`
 * to or from the rollups. `where` is SQL over `responses` and may hold `?` placeholders, bound by the caller on
 * each statement alike; both must run in the same batch, next to each other, over the same rows.
 */
export function rollupUpsertSql(where: string, sign: 1 | -1 = 1): readonly string[] {
  const key = `${sign} ${where}`;
  let sql = built.get(key);
  if (!sql) {
    sql = ROLLUP_TABLES.map((table) => upsertInto(table, where, sign));
    built.set(key, sql);
  }
  return sql;
}

/**
 * Built once per condition: every rating needs the same two statements, and building their hundred columns each
 * time was a measurable share of a rating's CPU. The conditions are the writers' literals, so the map stays small.
 */
const built = new Map<string, readonly string[]>();

/** {@link rollupUpsertSql} prepared and bound, to spread into the caller's batch. */
export function rollupStatements(
  d1: D1Database,
  where: string,
  params: readonly unknown[] = [],
  sign: 1 | -1 = 1,
): D1PreparedStatement[] {
  return rollupUpsertSql(where, sign).map((sql) => d1.prepare(sql).bind(...params));
}

/**
 * The monthly rollups as the sums of the daily ones: how a rebuild fills them (a pass over the daily rows, far fewer
 * than the responses) and what migrations/0008_monthly_rollups_backfill.sql runs once on existing deployments.
 */
export const MONTHLY_FROM_DAILY_SQL = `INSERT INTO monthly_rollups (region_id, unit_id, counter_id, service_id, local_month, ${ROLLUP_VALUE_COLUMNS.join(', ')})
SELECT region_id, unit_id, counter_id, service_id, substr(local_date, 1, 7), ${ROLLUP_VALUE_COLUMNS.map((c) => `sum(${c})`).join(', ')}
FROM daily_rollups
GROUP BY region_id, unit_id, counter_id, service_id, substr(local_date, 1, 7)`;

/** Recomputes every rollup from the responses, daily then monthly (maintenance, the demo seed, the bench). */
export const REBUILD_ROLLUPS_SQL = [
  ...ROLLUP_TABLES.map(({ table }) => `DELETE FROM ${table}`),
  // Kept from the monthly rows by triggers (migrations/0011): emptied too, so no zero rows are left behind.
  'DELETE FROM unit_monthly_rollups',
  upsertInto(ROLLUP_TABLES[0], '1 = 1', 1),
  MONTHLY_FROM_DAILY_SQL,
];
