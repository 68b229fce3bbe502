/**
 * @module
 * Rows of `scores.csv|json` (SPEC §5): one per region × unit × month, built by `buildScore`, the same function
 * behind the scores API and the pages, so a figure is identical everywhere. Suppressed cells keep their count and
 * leave every figure empty (SPEC §4).
 */
import { ELEMENT_CODES } from '../../domain/survey';
import type { Region } from '../db/regions';
import type { Score } from '../indicators/scores';
import { regionMonthlyScores } from '../indicators/trends';
import type { OpenDataFilter } from './filters';
import { regionCodeCells } from './region-columns';
import { monthsWithData, type Row, type Scope } from './rows';

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
 * Yields the rows region by region: one rollup query per region (units × months aggregates, built by
 * `regionMonthlyScores` as on the region page), so memory stays at one region's panel, never the responses.
 */
export async function* scoresRows(d1: D1Database, scope: Scope, filter: Pick<OpenDataFilter, 'from' | 'to'>) {
  for (const { region, units } of scope.regions) {
    if (units.length === 0) continue;
    const months = await monthsWithData(d1, { regionId: region.id, from: filter.from, to: filter.to });
    const scores = await regionMonthlyScores(d1, region, units, months);
    for (const unit of units) {
      for (const score of scores.get(unit.id) ?? []) yield scoreRow(score, region);
    }
  }
}
