/**
 * @module
 * The SQL that folds responses into `daily_rollups`. One statement serves every writer (a rating,
 * a paper import, a moderator's decision, the demo seed, a full rebuild), so rollups are always the
 * same function of the unflagged responses. It selects from `responses`, so inside a D1 batch it adds
 * exactly the rows that the batch's own insert created: a repeated submission adds nothing.
 */
import { ELEMENT_CODES } from '../../domain/survey';

const ELEMENTS = ELEMENT_CODES.map((code) => code.slice(1));
const SCORES = [1, 2, 3, 4];

const aggregateColumns = ELEMENTS.flatMap((e) => [`s${e}`, ...SCORES.map((s) => `c${e}_${s}`)]);
const totalExpression = ELEMENTS.map((e) => `u${e}`).join(' + ');
const aggregateExpressions = ELEMENTS.flatMap((e) => [`sum(u${e})`, ...SCORES.map((s) => `sum(u${e} = ${s})`)]);

export const ROLLUP_KEY = ['region_id', 'unit_id', 'counter_id', 'service_id', 'local_date'] as const;
export const ROLLUP_VALUE_COLUMNS = ['n', 'sum_squared_totals', ...aggregateColumns] as const;

/**
 * Adds (sign 1) or removes (sign -1) the unflagged responses matching `where` to or from the rollups.
 * `where` is SQL over `responses` and may hold `?` placeholders, bound by the caller.
 */
export function rollupUpsertSql(where: string, sign: 1 | -1 = 1): string {
  const signed = (expression: string) => (sign === 1 ? expression : `-(${expression})`);
  const values = [`count(*)`, `sum((${totalExpression}) * (${totalExpression}))`, ...aggregateExpressions].map(signed);
  return `INSERT INTO daily_rollups (${[...ROLLUP_KEY, ...ROLLUP_VALUE_COLUMNS].join(', ')})
SELECT region_id, unit_id, coalesce(counter_id, 0), coalesce(service_id, 0), local_date, ${values.join(', ')}
FROM responses WHERE (${where}) AND flagged = 0
GROUP BY region_id, unit_id, coalesce(counter_id, 0), coalesce(service_id, 0), local_date
ON CONFLICT (${ROLLUP_KEY.join(', ')}) DO UPDATE SET ${ROLLUP_VALUE_COLUMNS.map((c) => `${c} = daily_rollups.${c} + excluded.${c}`).join(', ')}`;
}

/** Recomputes every rollup from the responses (maintenance and the demo seed). */
export const REBUILD_ROLLUPS_SQL = [`DELETE FROM daily_rollups`, rollupUpsertSql('1 = 1')];
