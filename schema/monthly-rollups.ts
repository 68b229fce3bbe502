/**
 * @module
 * `monthly_rollups` (region × unit × counter × service × local month) and `unit_monthly_rollups` (region × unit ×
 * local month): the sums of `daily_rollups` by month, kept by the triggers of schema/rollups.ts, so whole-month
 * periods read about 30× fewer rows. docs/scale.md, "Rollups".
 */
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { ELEMENT_VALUE_COLUMNS } from './rollups';

/**
 * The value columns of every rollup table, from the one list in schema/rollups.ts. A function, so each table gets
 * its own column builders.
 */
export function rollupValueColumns() {
  return {
    n: integer('n').notNull().default(0),
    sumSquaredTotals: integer('sum_squared_totals').notNull().default(0),
    ...(Object.fromEntries(
      ELEMENT_VALUE_COLUMNS.map((column) => [column, integer(column).notNull().default(0)]),
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
 * The monthly rollups summed over counters and services: one row per region × unit × local month, kept by the same
 * triggers on `responses` in the same statement as the other two tables. Whole-month reads that group by nothing
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
