/**
 * @module
 * Rows of `scores.csv|json` (SPEC §5): one per region × unit × month, built by `buildScore`, the same function
 * behind the scores API and the pages, so a figure is identical everywhere. Suppressed cells keep their count and
 * leave every figure empty (SPEC §4).
 */
import { emptyAggregate } from '../../domain/aggregate';
import { parsePeriod } from '../../domain/periods';
import { ELEMENT_CODES } from '../../domain/survey';
import { aggregateRollups } from '../db/rollups';
import { buildScore, type Score } from '../indicators/scores';
import type { OpenDataFilter } from './filters';
import { monthsWithData, type Row, type Scope } from './rows';

/** The CSV/JSON row of one score. */
export function scoreRow(score: Score): Row {
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
  ];
}

/**
 * Yields the rows region by region: one rollup query per region (units × months aggregates), so memory stays at one
 * region's panel, never the responses.
 */
export async function* scoresRows(d1: D1Database, scope: Scope, filter: Pick<OpenDataFilter, 'from' | 'to'>) {
  for (const { region, units } of scope.regions) {
    if (units.length === 0) continue;
    const range = { regionId: region.id, from: filter.from, to: filter.to };
    const months = await monthsWithData(d1, range);
    if (months.length === 0) continue;
    const unitId = units.length === 1 ? units[0]?.id : undefined;
    const grouped = await aggregateRollups(d1, { ...range, unitId }, ['unit', 'month']);
    const aggregates = new Map(grouped.map((g) => [`${g.key.unit}|${g.key.month}`, g.aggregate]));
    for (const unit of units) {
      for (const month of months) {
        const period = parsePeriod(month);
        if (!period) continue;
        const aggregate = aggregates.get(`${unit.id}|${month}`) ?? emptyAggregate();
        yield scoreRow(buildScore(region, unit, period, aggregate, 'public'));
      }
    }
  }
}
