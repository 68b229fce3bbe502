/**
 * @module
 * Month-by-month scores for trend charts: each month's figure built by `buildScore` as the scores API and
 * `scores.csv` build it, published as its year's disclosure plan decides (SPEC §4, docs/method.md).
 */
import { emptyAggregate } from '../../../domain/aggregate';
import { localMonth, monthPeriod, monthsEndingWith, type Period } from '../../../domain/periods';
import type { Locale } from '../../../domain/survey';
import type { Region, Unit } from '../../db/regions';
import { aggregateRollups, firstRollupMonth } from '../../db/rollups';
import { type DisclosurePlans, disclosurePlans, yearsBetween } from './disclosure';
import { buildScore, monthlyAggregates, type Score } from './scores';

/**
 * The `count` months ending with the last month of `period`, or with the current month in `timeZone` when the
 * period is still running (a chart of the current year should not end in empty future months). Oldest first, and
 * fewer near January 2000, where the months a period can name begin.
 */
export function trailingMonths(period: Period, timeZone: string, count = 12, now = Date.now()): string[] {
  const current = localMonth(now, timeZone);
  const [last = current] = [period.end.slice(0, 7), current].sort();
  return monthsEndingWith(last, count);
}

/** One unit's public score for each of `months`. */
export async function unitMonthlyScores(
  d1: D1Database,
  region: Region,
  unit: Unit,
  months: readonly string[],
  locale: Locale = 'id',
): Promise<Score[]> {
  const [monthly, plans] = await Promise.all([
    monthlyAggregates(d1, { regionId: region.id, unitId: unit.id }, months),
    plansOfMonths(d1, region, months),
  ]);
  return monthly.map(({ month, aggregate }) =>
    buildScore(
      region,
      unit,
      monthPeriod(month),
      aggregate,
      'public',
      locale,
      unitPublished(plans, region, unit, month),
    ),
  );
}

/**
 * Every unit's public score for each of `months` (a unit's quiet month is a score of 0 responses), in one rollup
 * query. Used by the region page's trends and by `scores.csv`, so both show the same figures.
 */
export async function regionMonthlyScores(
  d1: D1Database,
  region: Region,
  units: readonly Unit[],
  months: readonly string[],
): Promise<Map<number, Score[]>> {
  const result = new Map<number, Score[]>();
  const [first] = months;
  const last = months.at(-1);
  if (first === undefined || last === undefined) return result;
  // One unit (a filtered download): read only its rollups.
  const unitId = units.length === 1 ? units[0]?.id : undefined;
  const [grouped, plans] = await Promise.all([
    aggregateRollups(d1, { regionId: region.id, unitId, from: monthPeriod(first).start, to: monthPeriod(last).end }, [
      'unit',
      'month',
    ]),
    plansOfMonths(d1, region, months),
  ]);
  const byKey = new Map(grouped.map((g) => [`${g.key.unit}|${g.key.month}`, g.aggregate]));
  for (const unit of units) {
    result.set(
      unit.id,
      months.map((month) =>
        buildScore(
          region,
          unit,
          monthPeriod(month),
          byKey.get(`${unit.id}|${month}`) ?? emptyAggregate(),
          'public',
          'id',
          unitPublished(plans, region, unit, month),
        ),
      ),
    );
  }
  return result;
}

/** The disclosure plans of the years `months` span (a trailing 12 months: one or two), in one query. */
function plansOfMonths(d1: D1Database, region: Region, months: readonly string[]): Promise<DisclosurePlans> {
  const [first] = months;
  const last = months.at(-1);
  return disclosurePlans(d1, [region.id], first && last ? yearsBetween(first, last) : []);
}

/** Whether a unit's month is published: each month by its own year's plan. */
function unitPublished(plans: DisclosurePlans, region: Region, unit: Unit, month: string): boolean {
  return plans(region.id, month.slice(0, 4)).unitPublished(unit.id, month);
}

/** The first local month with any rating in a region (or the whole deployment), or null. */
export async function firstMonthWithData(d1: D1Database, regionId?: number): Promise<string | null> {
  return firstRollupMonth(d1, regionId);
}
