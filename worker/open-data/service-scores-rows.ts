/**
 * @module
 * Rows of `service-scores.csv|json` (SPEC §5): one per region × unit × service × month, built by
 * `buildServiceScores`, the function behind the services API and the unit page, so a figure is identical
 * everywhere. A unit × month appears when the unit received any response that month: every service of the unit,
 * then the responses without a service when there are some. Suppressed cells keep their count (SPEC §4).
 */
import { ELEMENT_CODES } from '../../domain/survey';
import { database } from '../db/client';
import { listRegionServices, type Region, type Unit } from '../db/regions';
import { aggregateRollups, type GroupedAggregate } from '../db/rollups';
import { buildServiceScores, type ServiceScore } from '../indicators/service-scores';
import type { OpenDataFilter } from './filters';
import { regionCodeCells } from './region-columns';
import type { Row, Scope } from './rows';

/** The CSV/JSON row of one service score of a unit in a month. */
export function serviceScoreRow(region: Region, unit: Unit, month: string, score: ServiceScore): Row {
  const nrr = new Map((score.elements ?? []).map((element) => [element.code, element.nrr]));
  return [
    region.slug,
    region.name,
    unit.slug,
    unit.name,
    score.service?.slug ?? null,
    score.service?.name ?? null,
    month,
    score.responses,
    score.ikm,
    score.grade,
    ...ELEMENT_CODES.map((code) => nrr.get(code) ?? null),
    ...regionCodeCells(region),
  ];
}

/** Yields the rows region by region: one rollup query per region (unit × service × month cells). */
export async function* serviceScoresRows(
  d1: D1Database,
  scope: Scope,
  filter: Pick<OpenDataFilter, 'from' | 'to' | 'unitId'>,
) {
  const db = database(d1);
  for (const { region, units } of scope.regions) {
    if (units.length === 0) continue;
    const [cells, services] = await Promise.all([
      aggregateRollups(d1, { regionId: region.id, unitId: filter.unitId, from: filter.from, to: filter.to }, [
        'unit',
        'service',
        'month',
      ]),
      listRegionServices(db, region.id),
    ]);
    const byUnitMonth = new Map<string, GroupedAggregate[]>();
    for (const cell of cells) {
      const key = `${cell.key.unit}|${cell.key.month}`;
      byUnitMonth.set(key, [...(byUnitMonth.get(key) ?? []), cell]);
    }
    const months = [...new Set(cells.map((cell) => String(cell.key.month)))].sort();
    for (const unit of units) {
      const unitServices = services.filter((service) => service.unitId === unit.id);
      for (const month of months) {
        const unitCells = byUnitMonth.get(`${unit.id}|${month}`);
        if (!unitCells) continue;
        for (const score of buildServiceScores(unitServices, unitCells, 'public')) {
          yield serviceScoreRow(region, unit, month, score);
        }
      }
    }
  }
}
