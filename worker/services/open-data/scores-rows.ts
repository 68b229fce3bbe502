/**
 * @module
 * Rows of `scores.csv|json` (SPEC §5): one per region × unit × month, built by `buildScore`, the same function
 * behind the scores API and the pages, so a figure is identical everywhere: published as the region-year's
 * disclosure plan decides. Suppressed cells keep their count and leave every figure empty (SPEC §4).
 */
import { emptyAggregate } from '../../../domain/aggregate';
import { monthPeriod } from '../../../domain/periods';
import { ELEMENT_CODES } from '../../../domain/survey';
import type { Region } from '../../db/regions';
import { aggregateRollups } from '../../db/rollups';
import { disclosurePlans, yearsBetween } from '../indicators/disclosure';
import { buildScore, type Score } from '../indicators/scores';
import { regionMonthlyScores } from '../indicators/trends';
import type { OpenDataFilter } from './filters';
import { regionCodeCells } from './region-columns';
import { monthsWithData, type Row, regionChunks, type Scope } from './rows';

/** The CSV/JSON row of one score of `region`. */
export function scoreRow(score: Score, region: Pick<Region, 'code'>): Row {
  const nrr = new Map((score.elements ?? []).map((element) => [element.code, element.nrr]));
  return [
    score.region.slug,
    score.region.name,
    score.unit.slug,
    score.unit.name,
    score.period.id,
    score.responses,
    score.ikm,
    score.grade,
    ...ELEMENT_CODES.map((code) => nrr.get(code) ?? null),
    ...regionCodeCells(region),
  ];
}

/**
 * Yields the rows region by region, each unit with a row for every month in which its region received a response
 * (a quiet month is a row of 0 responses). One region (`?region=`): its months and one rollup query, as on the
 * region page. Several regions (the national file): per chunk of 50 regions one grouped rollup query, whose
 * groups also give each region's months, and one for the chunk's disclosure plans, so 552 regions cost 22 queries
 * instead of 1,104 (D1 allows 1,000 per invocation; docs/scale.md, "Per-invocation limits").
 */
export async function* scoresRows(d1: D1Database, scope: Scope, filter: Pick<OpenDataFilter, 'from' | 'to'>) {
  if (scope.regions.length === 1) {
    for (const { region, units } of scope.regions) {
      if (units.length === 0) continue;
      const months = await monthsWithData(d1, { regionId: region.id, from: filter.from, to: filter.to });
      const scores = await regionMonthlyScores(d1, region, units, months);
      for (const unit of units) {
        for (const score of scores.get(unit.id) ?? []) yield scoreRow(score, region);
      }
    }
    return;
  }
  for (const chunk of regionChunks(scope)) {
    const regionIds = chunk.map(({ region }) => region.id);
    // The filter's range is whole months, so this reads only the monthly rollups; the plans read whole years.
    const [groups, plans] = await Promise.all([
      aggregateRollups(d1, { regionIds, from: filter.from, to: filter.to }, ['region', 'unit', 'month']),
      disclosurePlans(d1, regionIds, yearsBetween(filter.from, filter.to)),
    ]);
    const byKey = new Map(groups.map((g) => [`${g.key.unit}|${g.key.month}`, g.aggregate]));
    const monthsByRegion = new Map<number, Set<string>>();
    for (const { key } of groups) {
      const months = monthsByRegion.get(Number(key.region)) ?? new Set<string>();
      months.add(String(key.month));
      monthsByRegion.set(Number(key.region), months);
    }
    for (const { region, units } of chunk) {
      const months = [...(monthsByRegion.get(region.id) ?? [])].sort();
      for (const unit of units) {
        for (const month of months) {
          const aggregate = byKey.get(`${unit.id}|${month}`) ?? emptyAggregate();
          const published = plans(region.id, month.slice(0, 4)).unitPublished(unit.id, month);
          yield scoreRow(buildScore(region, unit, monthPeriod(month), aggregate, 'public', 'id', published), region);
        }
      }
    }
  }
}
