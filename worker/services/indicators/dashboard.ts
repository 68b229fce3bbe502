/**
 * @module
 * The operator's dashboard (SPEC §5 admin): per unit this month against last (IKM, grade, responses, elements),
 * the year's sample so far, the moderation queues and the month's held ratings, with the alerts `domain/alerts.ts`
 * raises from them. Staff see unsuppressed figures (the agency audience). Read from rollups and small counts.
 */

import { type Aggregate, emptyAggregate, mergeAggregates } from '../../../domain/aggregate';
import { type Alert, ageInDays, type MonthFigures, sortBySeverity, unitAlerts } from '../../../domain/alerts';
import { addMonths, localDate, monthPeriod, type Period } from '../../../domain/periods';
import { proratedSampleSize, sampleSize } from '../../../domain/sample-size';
import { type Summary, summarize } from '../../../domain/summary';
import type { Locale } from '../../../domain/survey';
import type { Region, Unit } from '../../db/regions';
import { heldRatingsByUnit } from '../../db/responses';
import { aggregateRollups } from '../../db/rollups';
import { type ModerationQueue, moderationQueues, REJECTED_PREFIX } from '../admin/moderation';
import { buildServiceScores, type ServiceScore } from './service-scores';

/** A month's figures on the dashboard: the Summary without the answer distribution. */
export type MonthSummary = Omit<Summary, 'distribution'>;

export interface UnitDashboard {
  unit: { slug: string; name: string };
  thisMonth: MonthSummary;
  lastMonth: MonthSummary;
  /** This month minus last: IKM points (2 dp, null unless both months have an IKM) and responses. */
  change: { ikm: number | null; responses: number };
  /** The year's Krejcie & Morgan sample (SPEC §3) against responses since 1 January; null without a population. */
  sample: {
    population: number;
    requiredYear: number;
    requiredToDate: number;
    achievedToDate: number;
  } | null;
  moderation: {
    pendingComments: number;
    oldestCommentDays: number | null;
    flaggedRatings: number;
    oldestFlaggedDays: number | null;
  };
  /**
   * This month's ratings stored but held for a staff check (shared networks, bursts: SPEC §5) and their share of the
   * month's stored ratings (counted + held, 4 dp; 0 without any).
   */
  held: { count: number; share: number };
  alerts: Alert[];
}

export interface RegionDashboard {
  region: { slug: string; name: string };
  month: { id: string; start: string; end: string };
  previousMonth: { id: string; start: string; end: string };
  /** The local date the year-to-date figures run to: today, or the month's last day for a past month. */
  asOf: string;
  totals: {
    thisMonth: MonthSummary;
    lastMonth: MonthSummary;
    change: { ikm: number | null; responses: number };
    alerts: { critical: number; warning: number; info: number };
  };
  /** Every unit's alerts, most severe first, each with its unit. */
  alerts: (Alert & { unit: { slug: string; name: string } })[];
  units: UnitDashboard[];
}

const periodOf = ({ id, start, end }: Period) => ({ id, start, end });

function monthSummary(aggregate: Aggregate, locale: Locale): MonthSummary {
  const { distribution: _distribution, ...summary } = summarize(aggregate, locale);
  return summary;
}

function changeOf(thisMonth: MonthSummary, lastMonth: MonthSummary) {
  return {
    ikm:
      thisMonth.ikm === null || lastMonth.ikm === null ? null : Math.round((thisMonth.ikm - lastMonth.ikm) * 100) / 100,
    responses: thisMonth.responses - lastMonth.responses,
  };
}

const figures = (summary: MonthSummary): MonthFigures => ({
  responses: summary.responses,
  ikm: summary.ikm,
  grade: summary.grade,
  elements: summary.elements,
});

/** Held ratings as a share of the month's stored ones (counted + held), 4 dp. */
function heldShare(held: number, counted: number): number {
  return held === 0 ? 0 : Math.round((held / (held + counted)) * 10_000) / 10_000;
}

/**
 * The month a dashboard shows: `YYYY-MM`, or the current local month. Null for a month after the current one
 * (nothing to show yet), so the route can answer 400.
 */
export function dashboardMonth(month: string | undefined, region: Pick<Region, 'timezone'>, now = Date.now()) {
  const today = localDate(now, region.timezone);
  const period = monthPeriod(month ?? today.slice(0, 7));
  if (period.start > today) return null;
  // The earlier of the month's last day and today ('YYYY-MM-DD' sorts as dates do).
  const [asOf = today] = [period.end, today].sort();
  return { period, asOf };
}

/** The dashboard of a region's units for `month` (see {@link dashboardMonth}). */
export async function regionDashboard(
  d1: D1Database,
  region: Region,
  units: readonly Unit[],
  month: { period: Period; asOf: string },
  now = Date.now(),
  locale: Locale = 'id',
): Promise<RegionDashboard> {
  const previous = monthPeriod(addMonths(month.period.id, -1));
  const yearStart = `${month.period.id.slice(0, 4)}-01-01`;
  const scope = { regionId: region.id, unitId: units.length === 1 ? units[0]?.id : undefined };
  const [byMonth, yearToDate, queues, held] = await Promise.all([
    aggregateRollups(d1, { ...scope, from: previous.start, to: month.period.end }, ['unit', 'month']),
    aggregateRollups(d1, { ...scope, from: yearStart, to: month.asOf }, ['unit']),
    moderationQueues(d1, region.id),
    heldRatingsByUnit(d1, region.id, { from: month.period.start, to: month.period.end }, REJECTED_PREFIX),
  ]);
  const cell = (unitId: number, monthId: string) =>
    byMonth.find((g) => Number(g.key.unit) === unitId && g.key.month === monthId)?.aggregate ?? emptyAggregate();
  const pooled = (monthId: string) =>
    byMonth
      .filter((g) => g.key.month === monthId && units.some((unit) => unit.id === Number(g.key.unit)))
      .reduce((sum, g) => mergeAggregates(sum, g.aggregate), emptyAggregate());

  const dashboards = units.map((unit) =>
    unitDashboard(
      unit,
      monthSummary(cell(unit.id, month.period.id), locale),
      monthSummary(cell(unit.id, previous.id), locale),
      yearToDate.find((g) => Number(g.key.unit) === unit.id)?.aggregate.n ?? 0,
      month.asOf,
      queues.get(unit.id),
      held.get(unit.id) ?? 0,
      now,
    ),
  );
  const alerts = sortBySeverity(dashboards.flatMap((d) => d.alerts.map((alert) => ({ ...alert, unit: d.unit }))));
  const thisMonth = monthSummary(pooled(month.period.id), locale);
  const lastMonth = monthSummary(pooled(previous.id), locale);
  return {
    region: { slug: region.slug, name: region.name },
    month: periodOf(month.period),
    previousMonth: periodOf(previous),
    asOf: month.asOf,
    totals: {
      thisMonth,
      lastMonth,
      change: changeOf(thisMonth, lastMonth),
      alerts: {
        critical: alerts.filter((a) => a.severity === 'critical').length,
        warning: alerts.filter((a) => a.severity === 'warning').length,
        info: alerts.filter((a) => a.severity === 'info').length,
      },
    },
    alerts,
    units: dashboards,
  };
}

function unitDashboard(
  unit: Unit,
  thisMonth: MonthSummary,
  lastMonth: MonthSummary,
  achievedToDate: number,
  asOf: string,
  queue: ModerationQueue | undefined,
  heldCount: number,
  now: number,
): UnitDashboard {
  const sample =
    unit.population === null || unit.population < 0
      ? null
      : {
          population: unit.population,
          requiredYear: sampleSize(unit.population),
          requiredToDate: proratedSampleSize(unit.population, asOf),
          achievedToDate,
        };
  const age = (at: number | null | undefined) => (at === null || at === undefined ? null : ageInDays(at, now));
  const moderation = {
    pendingComments: queue?.pendingComments ?? 0,
    oldestCommentDays: age(queue?.oldestCommentAt),
    flaggedRatings: queue?.flaggedRatings ?? 0,
    oldestFlaggedDays: age(queue?.oldestFlaggedAt),
  };
  return {
    unit: { slug: unit.slug, name: unit.name },
    thisMonth,
    lastMonth,
    change: changeOf(thisMonth, lastMonth),
    sample,
    moderation,
    held: { count: heldCount, share: heldShare(heldCount, thisMonth.responses) },
    alerts: unitAlerts({ thisMonth: figures(thisMonth), lastMonth: figures(lastMonth), sample, moderation }),
  };
}

/** One unit's dashboard, with this month's per-service figures (unsuppressed) added. */
export async function unitDashboardOf(
  d1: D1Database,
  region: Region,
  unit: Unit,
  services: Parameters<typeof buildServiceScores>[0],
  month: { period: Period; asOf: string },
  now = Date.now(),
  locale: Locale = 'id',
): Promise<Omit<RegionDashboard, 'units' | 'alerts' | 'totals'> & UnitDashboard & { services: ServiceScore[] }> {
  const [dashboard, cells] = await Promise.all([
    regionDashboard(d1, region, [unit], month, now, locale),
    aggregateRollups(d1, { regionId: region.id, unitId: unit.id, from: month.period.start, to: month.period.end }, [
      'service',
    ]),
  ]);
  const {
    units: [only],
    alerts: _alerts,
    totals: _totals,
    ...rest
  } = dashboard;
  // regionDashboard of one unit always has that unit's entry.
  return { ...rest, ...only!, services: buildServiceScores(services, cells, 'agency', locale) };
}
