/**
 * @module
 * The one definition of how responses fold into the rollups (daily and monthly per counter and service, monthly per
 * unit): SQLite triggers on `responses` ({@link ROLLUP_TRIGGERS_SQL}) add each unflagged row as it is inserted and take
 * it back when it is deleted, flagged or changed; {@link REBUILD_ROLLUPS_SQL} recomputes them. docs/scale.md, "Rollups".
 */
import { ELEMENT_CODES } from '../domain/survey';

const ELEMENTS = ELEMENT_CODES.map((code) => code.slice(1));
const SCORES = [1, 2, 3, 4];

/** Per element e: `s{e}`, the sum of its scores, and `c{e}_{score}`, how many answered that score. */
export const ELEMENT_VALUE_COLUMNS = ELEMENTS.flatMap((e) => [`s${e}`, ...SCORES.map((s) => `c${e}_${s}`)]);

/** The value columns of every rollup table: n, Σ(total²) (the IKM's exact variance), then the element columns. */
export const ROLLUP_VALUE_COLUMNS = ['n', 'sum_squared_totals', ...ELEMENT_VALUE_COLUMNS] as const;

/** The key of `daily_rollups` (`monthly_rollups` has `local_month` in place of `local_date`). */
export const ROLLUP_KEY = ['region_id', 'unit_id', 'counter_id', 'service_id', 'local_date'] as const;

/**
 * The rollup tables: their period column, how a response's `local_date` maps to it, and whether they are keyed by
 * the unit alone (`unit_monthly_rollups`, the read of whole units' months) or also by counter and service.
 */
export const ROLLUP_TABLES = [
  { table: 'daily_rollups', period: 'local_date', unitOnly: false, fromLocalDate: (date: string) => date },
  {
    table: 'monthly_rollups',
    period: 'local_month',
    unitOnly: false,
    fromLocalDate: (date: string) => `substr(${date}, 1, 7)`,
  },
  {
    table: 'unit_monthly_rollups',
    period: 'local_month',
    unitOnly: true,
    fromLocalDate: (date: string) => `substr(${date}, 1, 7)`,
  },
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

const keyColumns = ({ period, unitOnly }: RollupTable): string[] =>
  unitOnly ? ['region_id', 'unit_id', period] : [...ROLLUP_KEY.slice(0, 4), period];

/** A response's rollup key (0 for no counter or service: NULLs never conflict in SQLite). */
function responseKey({ fromLocalDate, unitOnly }: RollupTable, row: string): string[] {
  const period = fromLocalDate(`${row}local_date`);
  if (unitOnly) return [`${row}region_id`, `${row}unit_id`, period];
  return [`${row}region_id`, `${row}unit_id`, `coalesce(${row}counter_id, 0)`, `coalesce(${row}service_id, 0)`, period];
}

const columnList = (table: RollupTable) => [...keyColumns(table), ...ROLLUP_VALUE_COLUMNS].join(', ');

/**
 * Adds (1) or takes back (-1) the trigger's `NEW` or `OLD` row in one table: the key's row, created at zero if it is
 * missing, then one UPDATE through the key. SQLite compiles this pair in half the time of one 47-column upsert
 * (`ON CONFLICT DO UPDATE`), and every rating's insert compiles it anew (docs/scale.md, "Rollups by trigger"). The
 * key's values come from NOT NULL columns, so `OR IGNORE` can only skip the row that already exists.
 */
function rowFold(table: RollupTable, row: 'NEW' | 'OLD', sign: 1 | -1): string {
  const columns = keyColumns(table);
  const key = responseKey(table, `${row}.`);
  const values = responseValues(`${row}.`);
  const op = sign === 1 ? '+' : '-';
  return `  INSERT OR IGNORE INTO ${table.table} (${columns.join(', ')}) VALUES (${key.join(', ')});
  UPDATE ${table.table} SET ${ROLLUP_VALUE_COLUMNS.map((c, i) => `${c} = ${c} ${op} ${values[i]}`).join(', ')}
  WHERE ${columns.map((c, i) => `${c} = ${key[i]}`).join(' AND ')};`;
}

/** The columns of `responses` that decide whether and where a row counts. */
const COUNTED_COLUMNS = ['flagged', ...ROLLUP_KEY, ...ELEMENTS.map((e) => `u${e}`)];

function trigger(name: string, event: string, when: string, row: 'NEW' | 'OLD', sign: 1 | -1): string {
  return `CREATE TRIGGER \`${name}\` ${event} ON \`responses\` WHEN ${when}
BEGIN
${ROLLUP_TABLES.map((table) => rowFold(table, row, sign)).join('\n')}
END`;
}

/**
 * The triggers that keep every rollup table equal to the unflagged responses, whoever writes them (a rating, paper
 * entry or import, an undo, a moderator's decision, a seed): an insert adds the row, a delete takes it back, and an
 * update of a counted column takes back the old row and adds the new one, each only while unflagged. A row inserted
 * with `ON CONFLICT DO NOTHING` that conflicts fires nothing, so a repeat adds nothing. Each table is written by the
 * trigger itself, never by a trigger on another rollup table: SQLite compiles every trigger a statement can fire into
 * that statement, and a rating's insert is compiled anew on each call (docs/scale.md, "Rollups by trigger").
 * migrations/0016 holds this text; test/api/rollups.test.ts checks that the database's triggers are exactly these.
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

/** The rollups of a coarser table as the sums of a finer one's rows (how a rebuild fills the monthly tables). */
function sumsInto(target: RollupTable, source: RollupTable): string {
  // The target's period from the source's: the month of a daily row's date, or the same month.
  const period = target.period === source.period ? source.period : target.fromLocalDate(source.period);
  const key = [...keyColumns(target).slice(0, -1), period];
  return `INSERT INTO ${target.table} (${columnList(target)})
SELECT ${[...key, ...ROLLUP_VALUE_COLUMNS.map((c) => `sum(${c})`)].join(', ')}
FROM ${source.table}
GROUP BY ${key.join(', ')}`;
}

const [daily, monthly, unitMonthly] = ROLLUP_TABLES;
const dailyKey = responseKey(daily, '');

/** Recomputes every rollup from the responses, daily, then monthly, then per unit (maintenance, the seed, benches). */
export const REBUILD_ROLLUPS_SQL = [
  ...ROLLUP_TABLES.map(({ table }) => `DELETE FROM ${table}`),
  `INSERT INTO ${daily.table} (${columnList(daily)})
SELECT ${[...dailyKey, ...responseValues('').map((v) => `sum(${v})`)].join(', ')}
FROM responses WHERE flagged = 0
GROUP BY ${dailyKey.join(', ')}`,
  sumsInto(monthly, daily),
  sumsInto(unitMonthly, monthly),
];
