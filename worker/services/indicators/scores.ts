/**
 * @module
 * Scores (SPEC §5 `Score`) for units and regions over a period, read from rollups and computed by
 * the pure domain. One function per question, shared by the API, the pages and the open data, so a
 * figure is the same wherever it is shown.
 */
import { type Aggregate, emptyAggregate, mergeAggregates } from '../../../domain/aggregate';
import type { DisclosurePlan } from '../../../domain/disclosure';
import { currentPeriod, monthPeriod, type Period, parsePeriod } from '../../../domain/periods';
import { rankUnits } from '../../../domain/ranking';
import { type PublicSummary, publicSummary, type Summary, summarize } from '../../../domain/summary';
import type { Locale } from '../../../domain/survey';
import type { Region, Unit } from '../../db/regions';
import { aggregateRollups, type GroupedAggregate } from '../../db/rollups';
import { planForPeriod } from './disclosure';

/** Public figures are suppressed below n = 10; the unit's own agency sees everything (SPEC §4). */
export type Audience = 'public' | 'agency';

export interface Score extends Summary {
  region: { slug: string; name: string };
  unit: { slug: string; name: string };
  period: { id: string; start: string; end: string };
  suppressed: boolean;
}

export interface RankedScore extends Score {
  /** 1 = best by the shrunk (empirical Bayes) estimate; units too small to publish come last. */
  rank: number;
}

/** The period of `?period=`, or the current calendar year in the region's time zone when absent. */
export function resolvePeriod(periodId: string | undefined, region: Pick<Region, 'timezone'>, now = Date.now()) {
  if (periodId === undefined || periodId === '') return currentPeriod('year', now, region.timezone);
  return parsePeriod(periodId);
}

/**
 * The Score of one unit and period. A public figure is published only when `published`, the decision of the
 * region-year's disclosure plan (`plan.unitPublished`, SPEC §4); the agency sees everything.
 */
export function buildScore(
  region: Pick<Region, 'slug' | 'name'>,
  unit: Pick<Unit, 'slug' | 'name'>,
  period: Period,
  aggregate: Aggregate,
  audience: Audience,
  locale: Locale = 'id',
  published = false,
): Score {
  const summary =
    audience === 'public'
      ? publicSummary(aggregate, locale, !published)
      : { ...summarize(aggregate, locale), suppressed: false };
  return {
    region: { slug: region.slug, name: region.name },
    unit: { slug: unit.slug, name: unit.name },
    period: { id: period.id, start: period.start, end: period.end },
    ...summary,
  };
}

/** Every unit of a region over a period, ranked fairly (docs/method.md, "Fair ranking"). */
export async function regionScores(
  d1: D1Database,
  region: Region,
  units: readonly Unit[],
  period: Period,
  audience: Audience,
  locale: Locale = 'id',
): Promise<{ scores: RankedScore[]; aggregates: Map<number, Aggregate>; pooled: PublicSummary }> {
  const [cells, plan] = await Promise.all([regionUnits(d1, region, period), planForPeriod(d1, region.id, period)]);
  const aggregates = new Map<number, Aggregate>(cells.map(({ key, aggregate }) => [Number(key.unit), aggregate]));
  const aggregateOfUnit = (unit: Unit) => aggregates.get(unit.id) ?? emptyAggregate();
  const ranked = rankUnits(
    units,
    aggregateOfUnit,
    audience === 'agency' ? { minResponses: 1 } : { eligible: (unit) => plan.unitPublished(unit.id, period.id) },
  );
  return {
    scores: ranked.map(({ item, rank }) => ({
      ...buildScore(
        region,
        item,
        period,
        aggregateOfUnit(item),
        audience,
        locale,
        plan.unitPublished(item.id, period.id),
      ),
      rank,
    })),
    aggregates,
    pooled: pooledOfCells(cells, plan, period, locale),
  };
}

export async function unitScore(
  d1: D1Database,
  region: Region,
  unit: Unit,
  period: Period,
  audience: Audience,
  locale: Locale = 'id',
): Promise<Score> {
  const [[total], published] = await Promise.all([
    aggregateRollups(d1, { unitId: unit.id, from: period.start, to: period.end }),
    audience === 'public'
      ? planForPeriod(d1, region.id, period).then((plan) => plan.unitPublished(unit.id, period.id))
      : false,
  ]);
  return buildScore(region, unit, period, total?.aggregate ?? emptyAggregate(), audience, locale, published);
}

/** A region's rollups over a period, one aggregate per unit: what its scores and pooled figure need. */
function regionUnits(d1: D1Database, region: Region, period: Period) {
  return aggregateRollups(d1, { regionId: region.id, from: period.start, to: period.end }, ['unit']);
}

/**
 * The whole region as one public figure (all its units' responses pooled), published only when the region-year's
 * disclosure plan publishes the region's figure of the period (SPEC §4).
 */
export function pooledSummary(total: Aggregate, published: boolean, locale: Locale): PublicSummary {
  return publicSummary(total, locale, !published);
}

/** {@link pooledSummary} from a region's unit cells. */
function pooledOfCells(
  cells: readonly GroupedAggregate[],
  plan: DisclosurePlan,
  period: Period,
  locale: Locale,
): PublicSummary {
  const total = cells.reduce((sum, cell) => mergeAggregates(sum, cell.aggregate), emptyAggregate());
  return pooledSummary(total, plan.regionPublished(period.id), locale);
}

/** {@link pooledSummary} of a region on its own; `regionScores` returns it with the units, the home page has its own. */
export async function regionSummary(
  d1: D1Database,
  region: Region,
  period: Period,
  locale: Locale = 'id',
): Promise<PublicSummary> {
  const [cells, plan] = await Promise.all([regionUnits(d1, region, period), planForPeriod(d1, region.id, period)]);
  return pooledOfCells(cells, plan, period, locale);
}

/** Monthly aggregates of one unit (or a whole region) over a period, every month present (empty when none). */
export async function monthlyAggregates(
  d1: D1Database,
  scope: { regionId: number; unitId?: number },
  months: readonly string[],
): Promise<{ month: string; aggregate: Aggregate }[]> {
  const [first] = months;
  const last = months.at(-1);
  if (first === undefined || last === undefined) return [];
  const from = monthPeriod(first).start;
  const to = monthPeriod(last).end;
  const grouped = await aggregateRollups(d1, { ...scope, from, to }, ['month']);
  const byMonth = new Map(grouped.map((g) => [String(g.key.month), g.aggregate]));
  return months.map((month) => ({ month, aggregate: byMonth.get(month) ?? emptyAggregate() }));
}
