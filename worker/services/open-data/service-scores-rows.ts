/**
 * @module
 * Rows of `service-scores.csv|json` (SPEC §5): one per region × unit × service × month, built by
 * `buildServiceScores`, the function behind the services API and the unit page, so a figure is identical
 * everywhere. A unit × month appears when the unit received any response that month: every service of the unit,
 * then the responses without a service when there are some. Suppressed cells keep their count (SPEC §4).
 */
import { ELEMENT_CODES } from '../../../domain/survey';
import { database } from '../../db/client';
import { listServicesOfRegions, type Region, type Unit } from '../../db/regions';
import { aggregateRollups, type GroupedAggregate } from '../../db/rollups';
import { disclosurePlans, yearsBetween } from '../indicators/disclosure';
import { buildServiceScores, type ServiceScore } from '../indicators/service-scores';
import type { OpenDataFilter } from './filters';
import { regionCodeCells } from './region-columns';
import { type Row, regionChunks, type Scope } from './rows';

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

/**
 * Yields the rows region by region: per chunk of 50 regions (one region when filtered) one rollup query
 * (region × unit × service × month cells), one for the chunk's services and one for its disclosure plans (whole
 * years, every unit: a unit's file shows what its region's does), so a national file costs 3 queries per 50
 * regions, not 3 per region (docs/scale.md, "Per-invocation limits").
 */
export async function* serviceScoresRows(
  d1: D1Database,
  scope: Scope,
  filter: Pick<OpenDataFilter, 'from' | 'to' | 'unitId'>,
) {
  const db = database(d1);
  for (const chunk of regionChunks(scope)) {
    const regionIds = chunk.map(({ region }) => region.id);
    const [cells, services, plans] = await Promise.all([
      aggregateRollups(
        d1,
        chunk.length === 1
          ? { regionId: regionIds[0], unitId: filter.unitId, from: filter.from, to: filter.to }
          : { regionIds, unitId: filter.unitId, from: filter.from, to: filter.to },
        ['region', 'unit', 'service', 'month'],
      ),
      listServicesOfRegions(db, regionIds),
      disclosurePlans(d1, regionIds, yearsBetween(filter.from, filter.to)),
    ]);
    const byUnitMonth = new Map<string, GroupedAggregate[]>();
    const monthsByRegion = new Map<number, Set<string>>();
    for (const cell of cells) {
      const key = `${cell.key.unit}|${cell.key.month}`;
      const list = byUnitMonth.get(key);
      if (list) list.push(cell);
      else byUnitMonth.set(key, [cell]);
      const months = monthsByRegion.get(Number(cell.key.region)) ?? new Set<string>();
      months.add(String(cell.key.month));
      monthsByRegion.set(Number(cell.key.region), months);
    }
    for (const { region, units } of chunk) {
      const months = [...(monthsByRegion.get(region.id) ?? [])].sort();
      for (const unit of units) {
        const unitServices = services.filter((service) => service.unitId === unit.id);
        for (const month of months) {
          const unitCells = byUnitMonth.get(`${unit.id}|${month}`);
          if (!unitCells) continue;
          const plan = plans(region.id, month.slice(0, 4));
          const published = (service: number) => plan.servicePublished(unit.id, service, month);
          for (const score of buildServiceScores(unitServices, unitCells, 'public', 'id', published)) {
            yield serviceScoreRow(region, unit, month, score);
          }
        }
      }
    }
  }
}
