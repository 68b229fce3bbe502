/**
 * @module
 * The one definition of how responses fold into the rollups, `daily_rollups` and `monthly_rollups` (keyed alike but
 * for the local day or month): SQLite triggers on `responses` ({@link ROLLUP_TRIGGERS_SQL}, migrations/0015) add
 * each unflagged row as it is inserted and take it back when it is deleted, flagged or changed, inside the writer's
 * own statement; {@link REBUILD_ROLLUPS_SQL} recomputes both tables from the same expressions. See docs/scale.md.
 */
import { ELEMENT_CODES } from '../../domain/survey';

const ELEMENTS = ELEMENT_CODES.map((code) => code.slice(1));
const SCORES = [1, 2, 3, 4];

const aggregateColumns = ELEMENTS.flatMap((e) => [`s${e}`, ...SCORES.map((s) => `c${e}_${s}`)]);

export const ROLLUP_VALUE_COLUMNS = ['n', 'sum_squared_totals', ...aggregateColumns] as const;

/** The key of `daily_rollups` (`monthly_rollups` has `local_month` in place of `local_date`). */
export const ROLLUP_KEY = ['region_id', 'unit_id', 'counter_id', 'service_id', 'local_date'] as const;

/** The rollup tables: their period column and how a response's `local_date` maps to it. */
export const ROLLUP_TABLES = [
  { table: 'daily_rollups', period: 'local_date', fromLocalDate: (date: string) => date },
  { table: 'monthly_rollups', period: 'local_month', fromLocalDate: (date: string) => `substr(${date}, 1, 7)` },
] as const;

type RollupTable = (typeof ROLLUP_TABLES)[number];

/** What one response adds to each of {@link ROLLUP_VALUE_COLUMNS}, over its columns prefixed by `row` ('NEW.'…). */
function responseValues(row: string): string[] {
  const total = ELEMENTS.map((e) => `${row}u${e}`).join(' + ');
  return [
    '1',
    `(${total}) * (${total})`,
    ...ELEMENTS.flatMap((e) => [`${row}u${e}`, ...SCORES.map((s) => `(${row}u${e} = ${s})`)]),
  ];
}

/** A response's rollup key (0 for no counter or service: NULLs never conflict in SQLite). */
function responseKey({ fromLocalDate }: RollupTable, row: string): string[] {
  return [
    `${row}region_id`,
    `${row}unit_id`,
    `coalesce(${row}counter_id, 0)`,
    `coalesce(${row}service_id, 0)`,
    fromLocalDate(`${row}local_date`),
  ];
}

const conflictClause = ({ table, period }: RollupTable) =>
  `ON CONFLICT (${[...ROLLUP_KEY.slice(0, 4), period].join(', ')}) DO UPDATE SET ${ROLLUP_VALUE_COLUMNS.map(
    (c) => `${c} = ${table}.${c} + excluded.${c}`,
  ).join(', ')}`;

const columnList = ({ period }: RollupTable) => [...ROLLUP_KEY.slice(0, 4), period, ...ROLLUP_VALUE_COLUMNS].join(', ');

/** The upsert that adds (1) or takes back (-1) the trigger's `NEW` or `OLD` row in one table. */
function rowUpsert(table: RollupTable, row: 'NEW' | 'OLD', sign: 1 | -1): string {
  const values = responseValues(`${row}.`).map((v) => (sign === 1 ? v : `-${v}`));
  return `  INSERT INTO ${table.table} (${columnList(table)})
  VALUES (${[...responseKey(table, `${row}.`), ...values].join(', ')})
  ${conflictClause(table)};`;
}

/** The columns of `responses` that decide whether and where a row counts. */
const COUNTED_COLUMNS = ['flagged', ...ROLLUP_KEY, ...ELEMENTS.map((e) => `u${e}`)];

function trigger(name: string, event: string, when: string, row: 'NEW' | 'OLD', sign: 1 | -1): string {
  return `CREATE TRIGGER \`${name}\` ${event} ON \`responses\` WHEN ${when}
BEGIN
${ROLLUP_TABLES.map((table) => rowUpsert(table, row, sign)).join('\n')}
END`;
}

/**
 * The triggers that keep both rollup tables equal to the unflagged responses, whoever writes them (a rating, paper
 * entry or import, an undo, a moderator's decision, a seed): an insert adds the row, a delete takes it back, and an
 * update of a counted column takes back the old row and adds the new one, each only while unflagged. A row inserted
 * with `ON CONFLICT DO NOTHING` that conflicts fires nothing, so a repeat adds nothing. migrations/0015 holds this
 * text; test/api/rollups.test.ts checks that the database's triggers are exactly these.
 */
export const ROLLUP_TRIGGERS_SQL: readonly string[] = [
  trigger('responses_rollups_after_insert', 'AFTER INSERT', 'NEW.flagged = 0', 'NEW', 1),
  trigger(
    'responses_rollups_after_update_old',
    `AFTER UPDATE OF ${COUNTED_COLUMNS.join(', ')}`,
    'OLD.flagged = 0',
    'OLD',
    -1,
  ),
  trigger(
    'responses_rollups_after_update_new',
    `AFTER UPDATE OF ${COUNTED_COLUMNS.join(', ')}`,
    'NEW.flagged = 0',
    'NEW',
    1,
  ),
  trigger('responses_rollups_after_delete', 'AFTER DELETE', 'OLD.flagged = 0', 'OLD', -1),
];

/**
 * The monthly rollups as the sums of the daily ones: how a rebuild fills them (a pass over the daily rows, far fewer
 * than the responses) and what migrations/0008_monthly_rollups_backfill.sql runs once on existing deployments.
 */
export const MONTHLY_FROM_DAILY_SQL = `INSERT INTO monthly_rollups (region_id, unit_id, counter_id, service_id, local_month, ${ROLLUP_VALUE_COLUMNS.join(', ')})
SELECT region_id, unit_id, counter_id, service_id, substr(local_date, 1, 7), ${ROLLUP_VALUE_COLUMNS.map((c) => `sum(${c})`).join(', ')}
FROM daily_rollups
GROUP BY region_id, unit_id, counter_id, service_id, substr(local_date, 1, 7)`;

const daily = ROLLUP_TABLES[0];
const dailyKey = responseKey(daily, '');

/** Recomputes every rollup from the responses, daily then monthly (maintenance, the demo seed, the bench). */
export const REBUILD_ROLLUPS_SQL = [
  ...ROLLUP_TABLES.map(({ table }) => `DELETE FROM ${table}`),
  // Kept from the monthly rows by triggers (migrations/0011): emptied too, so no zero rows are left behind.
  'DELETE FROM unit_monthly_rollups',
  `INSERT INTO ${daily.table} (${columnList(daily)})
SELECT ${[...dailyKey, ...responseValues('').map((v) => `sum(${v})`)].join(', ')}
FROM responses WHERE flagged = 0
GROUP BY ${dailyKey.join(', ')}`,
  MONTHLY_FROM_DAILY_SQL,
];
