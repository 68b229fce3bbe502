/**
 * @module
 * Checks of the rollup invariant for tests: every `daily_rollups` row equals its unflagged raw responses, every
 * `monthly_rollups` row the sum of its month's `daily_rollups` rows, and every `unit_monthly_rollups` row the sum of
 * its unit's monthly rows, in every value column, both ways (no rollup row without its rows, and no rows without it).
 */
import { env } from 'cloudflare:workers';
import { ROLLUP_VALUE_COLUMNS } from '../../schema/rollups';

const KEY = ['region_id', 'unit_id', 'counter_id', 'service_id', 'local_month'];
const DAYS_BY_MONTH = `SELECT region_id, unit_id, counter_id, service_id, substr(local_date, 1, 7) AS local_month,
  ${ROLLUP_VALUE_COLUMNS.map((c) => `sum(${c}) AS ${c}`).join(', ')}
  FROM daily_rollups GROUP BY 1, 2, 3, 4, 5`;

const UNIT_KEY = ['region_id', 'unit_id', 'local_month'];
const MONTHS_BY_UNIT = `SELECT region_id, unit_id, local_month,
  ${ROLLUP_VALUE_COLUMNS.map((c) => `sum(${c}) AS ${c}`).join(', ')}
  FROM monthly_rollups GROUP BY 1, 2, 3`;

function oneWay(left: string, right: string, key: readonly string[] = KEY): string {
  const differs = ROLLUP_VALUE_COLUMNS.map((c) => `coalesce(a.${c}, 0) != coalesce(b.${c}, 0)`).join(' OR ');
  return `SELECT ${key.map((k) => `a.${k}`).join(', ')}, a.n AS n, b.n AS other_n FROM (${left}) a LEFT JOIN (${right}) b
    ON ${key.map((k) => `a.${k} = b.${k}`).join(' AND ')} WHERE (${differs})`;
}

/** The month cells where monthly ≠ Σ daily (empty when the invariant holds). */
export async function monthlyMismatches(): Promise<Record<string, unknown>[]> {
  const monthly = 'SELECT * FROM monthly_rollups';
  const { results } = await env.DB.prepare(
    `${oneWay(monthly, DAYS_BY_MONTH)} UNION ALL ${oneWay(DAYS_BY_MONTH, monthly)}`,
  ).all<Record<string, unknown>>();
  const unitMonthly = 'SELECT * FROM unit_monthly_rollups';
  const units = await env.DB.prepare(
    `${oneWay(unitMonthly, MONTHS_BY_UNIT, UNIT_KEY)} UNION ALL ${oneWay(MONTHS_BY_UNIT, unitMonthly, UNIT_KEY)}`,
  ).all<Record<string, unknown>>();
  return [...results, ...units.results.map((row) => ({ table: 'unit_monthly_rollups', ...row }))];
}

/**
 * The unflagged raw responses summed per daily-rollup key, written out here rather than taken from the production
 * SQL (schema/rollups.ts), so that the check does not share a mistake with what it checks.
 */
const RAW_BY_DAY = `SELECT region_id, unit_id, coalesce(counter_id, 0) AS counter_id, coalesce(service_id, 0) AS service_id,
  local_date, count(*) AS n, sum((u1 + u2 + u3 + u4 + u5 + u6 + u7 + u8 + u9) * (u1 + u2 + u3 + u4 + u5 + u6 + u7 + u8 + u9))
  AS sum_squared_totals, ${[1, 2, 3, 4, 5, 6, 7, 8, 9]
    .map((e) => `sum(u${e}) AS s${e}, ${[1, 2, 3, 4].map((s) => `sum(u${e} = ${s}) AS c${e}_${s}`).join(', ')}`)
    .join(', ')}
  FROM responses WHERE flagged = 0 GROUP BY 1, 2, 3, 4, 5`;

/** The day cells where `daily_rollups` ≠ the unflagged raw responses, both ways (empty when the invariant holds). */
export async function rawMismatches(): Promise<Record<string, unknown>[]> {
  const key = ['region_id', 'unit_id', 'counter_id', 'service_id', 'local_date'];
  const daily = 'SELECT * FROM daily_rollups';
  // A rollup row whose responses all left (undone, flagged) stays, all zeros: equal to no rows (coalesce).
  const { results } = await env.DB.prepare(
    `${oneWay(daily, RAW_BY_DAY, key)} UNION ALL ${oneWay(RAW_BY_DAY, daily, key)}`,
  ).all<Record<string, unknown>>();
  return results;
}
