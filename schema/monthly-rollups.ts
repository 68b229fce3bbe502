/**
 * @module
 * `monthly_rollups`: the same sums as `daily_rollups`, one row per region × unit × counter × service × local
 * month 'YYYY-MM'. SQLite's triggers on `responses` fold each response into both tables inside the statement that
 * writes it (worker/db/rollup-sql.ts), so a month row always equals the sum of its days; whole-month periods (month,
 * quarter, semester, year, trends) read this table, about 30× fewer rows than the daily one, so a year's region
 * figure stays cheap however many counters, services and days it spans.
 */
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { ELEMENT_CODES } from '../domain/survey';

/**
 * n, Σ(total²), then s1..s9 (per-element sums) and c{element}_{score} (how many answered that score on that
 * element): the value columns of both rollup tables. A function, so each table gets its own column builders.
 */
export function rollupValueColumns() {
  return {
    n: integer('n').notNull().default(0),
    /** Σ over respondents of (their nine scores' total)²: gives the IKM's exact variance. */
    sumSquaredTotals: integer('sum_squared_totals').notNull().default(0),
    ...(Object.fromEntries(
      ELEMENT_CODES.flatMap((code) => {
        const e = code.slice(1);
        return [
          [`s${e}`, integer(`s${e}`).notNull().default(0)],
          ...[1, 2, 3, 4].map((score) => [`c${e}_${score}`, integer(`c${e}_${score}`).notNull().default(0)]),
        ];
      }),
    ) as Record<string, ReturnType<typeof integer>>),
  };
}

/** Keyed like `daily_rollups`, with the local month instead of the local day (0 for no counter / service). */
export const monthlyRollups = sqliteTable(
  'monthly_rollups',
  {
    regionId: integer('region_id').notNull(),
    unitId: integer('unit_id').notNull(),
    counterId: integer('counter_id').notNull(),
    serviceId: integer('service_id').notNull(),
    /** Local 'YYYY-MM' in the region's time zone (the month of the responses' `local_date`). */
    localMonth: text('local_month').notNull(),
    ...rollupValueColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.unitId, t.counterId, t.serviceId, t.localMonth] }),
    index('monthly_rollups_region_month').on(t.regionId, t.localMonth),
    index('monthly_rollups_unit_month').on(t.unitId, t.localMonth),
  ],
);

/**
 * The monthly rollups summed over counters and services: one row per region × unit × local month. SQLite keeps it
 * (triggers on `monthly_rollups`, migrations/0011_unit_monthly_rollups_triggers.sql), so every writer of the monthly
 * table updates it in the same statement, hence the same transaction. Whole-month reads that group by nothing
 * finer than the unit (scores, trends, the national files) read it: its rows do not multiply with counters and
 * services as the data fills them in (docs/scale.md, "National simulation").
 */
export const unitMonthlyRollups = sqliteTable(
  'unit_monthly_rollups',
  {
    regionId: integer('region_id').notNull(),
    unitId: integer('unit_id').notNull(),
    localMonth: text('local_month').notNull(),
    ...rollupValueColumns(),
  },
  (t) => [primaryKey({ columns: [t.regionId, t.unitId, t.localMonth] })],
);
