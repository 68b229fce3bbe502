/**
 * @module
 * The agency view of a region (SPEC §5): every unit's `Score` unsuppressed (the agency is the data's
 * own controller), sample adequacy, the SKP comparison and per-counter figures, which are never public
 * (SPEC §4: a counter often means one identifiable civil servant).
 */
import { emptyAggregate } from '../../../domain/aggregate';
import { monthsOf, type Period } from '../../../domain/periods';
import { sampleSize } from '../../../domain/sample-size';
import { type SkpRating, skpAssessment } from '../../../domain/skp';
import { summarize } from '../../../domain/summary';
import type { Locale } from '../../../domain/survey';
import { database } from '../../db/client';
import { listRegionCounters } from '../../db/counters';
import { listRegionServices, listUnits, type Region } from '../../db/regions';
import { aggregateRollups } from '../../db/rollups';
import { type RankedScore, regionScores } from './scores';
import { buildServiceScores, type ServiceScore } from './service-scores';

export interface CounterScore {
  code: string;
  name: string;
  active: boolean;
  responses: number;
  ikm: number | null;
  grade: RankedScore['grade'];
}

export interface AgencyUnitScore extends RankedScore {
  sample: { population: number | null; required: number | null; achieved: number; adequate: boolean | null };
  target: number | null;
  realization: number | null;
  suggestedRating: SkpRating | null;
  counters: CounterScore[];
  /** Per service (jenis layanan), unsuppressed. */
  services: ServiceScore[];
}

/**
 * The unit's expected respondents in the period. `population` is per year (SPEC §1), so a shorter
 * period gets its share: a quarter needs the Krejcie & Morgan sample of a quarter's users.
 */
export function periodPopulation(annual: number | null, period: Period): number | null {
  if (annual === null || annual < 0) return null;
  return Math.round((annual * monthsOf(period).length) / 12);
}

/** Every unit of the region with its agency figures for the period, its counters' among them. */
export async function agencyScores(
  d1: D1Database,
  region: Region,
  period: Period,
  locale: Locale = 'id',
): Promise<AgencyUnitScore[]> {
  const db = database(d1);
  const [units, counters] = await Promise.all([listUnits(db, region.id), listRegionCounters(db, region.id)]);
  const filter = { regionId: region.id, from: period.start, to: period.end };
  const [{ scores }, byCounter, byService, services] = await Promise.all([
    regionScores(d1, region, units, period, 'agency', locale),
    aggregateRollups(d1, filter, ['counter']),
    aggregateRollups(d1, filter, ['unit', 'service']),
    listRegionServices(db, region.id),
  ]);
  const counterAggregates = new Map(byCounter.map((g) => [Number(g.key.counter), g.aggregate]));
  const unitsBySlug = new Map(units.map((unit) => [unit.slug, unit]));
  return scores.map((score) => {
    const unit = unitsBySlug.get(score.unit.slug)!;
    const population = periodPopulation(unit.population, period);
    const required = population === null ? null : sampleSize(population);
    return {
      ...score,
      sample: {
        population,
        required,
        achieved: score.responses,
        adequate: required === null ? null : score.responses >= required,
      },
      ...skpAssessment(score.ikm, unit.ikmTarget),
      counters: counters
        .filter((counter) => counter.unitId === unit.id)
        .map((counter) => {
          const summary = summarize(counterAggregates.get(counter.id) ?? emptyAggregate(), locale);
          return {
            code: counter.code,
            name: counter.name,
            active: counter.active,
            responses: summary.responses,
            ikm: summary.ikm,
            grade: summary.grade,
          };
        }),
      services: buildServiceScores(
        services.filter((service) => service.unitId === unit.id),
        byService.filter((cell) => Number(cell.key.unit) === unit.id),
        'agency',
        locale,
      ),
    };
  });
}
