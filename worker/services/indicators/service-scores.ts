/**
 * @module
 * Per-service (jenis layanan) scores of a unit (SPEC §5 `ServiceScore`): the unit's responses split by the service
 * the citizen rated, plus one row (`service: null`) for responses given without one. A public figure is published
 * only as the region-year's disclosure plan decides (`servicePublished`, SPEC §4), which sees every other figure.
 */
import { type Aggregate, emptyAggregate, mergeAggregates } from '../../../domain/aggregate';
import type { Period } from '../../../domain/periods';
import { isSuppressed, type PublicSummary, summarize, suppressedSummary } from '../../../domain/summary';
import type { Locale } from '../../../domain/survey';
import { database } from '../../db/client';
import { listServices, type Region, type Service, type Unit } from '../../db/regions';
import { aggregateRollups, type GroupedAggregate } from '../../db/rollups';
import { planForPeriod } from './disclosure';
import type { Audience } from './scores';

export interface ServiceScore extends PublicSummary {
  /** Null for the responses given without a service. */
  service: { slug: string; name: string } | null;
}

/**
 * The service scores of one unit from its rollup cells keyed by `service` (0 = none). Every service of the unit is
 * listed, by name, even without responses; the "no service" row only when it has responses. A cell of a service id
 * not among `services` (never expected) counts as "no service" rather than vanishing from the total. A public row
 * is published only when `published` says so of every service id it holds (the plan's decision for the period; a
 * sum of published figures reveals nothing more); without `published` nothing public is.
 */
export function buildServiceScores(
  services: readonly Pick<Service, 'id' | 'slug' | 'name'>[],
  cells: readonly GroupedAggregate[],
  audience: Audience,
  locale: Locale = 'id',
  published: (service: number) => boolean = () => false,
): ServiceScore[] {
  const known = new Set(services.map((service) => service.id));
  const totals = new Map<number, Aggregate>();
  const ids = new Map<number, Set<number>>();
  for (const { key, aggregate } of cells) {
    const service = Number(key.service ?? 0);
    const id = known.has(service) ? service : 0;
    totals.set(id, mergeAggregates(totals.get(id) ?? emptyAggregate(), aggregate));
    ids.set(id, (ids.get(id) ?? new Set<number>()).add(service));
  }
  const rows: { service: ServiceScore['service']; id: number }[] = [
    ...[...services]
      .sort((a, b) => a.name.localeCompare(b.name, 'id'))
      .map((service) => ({ service: { slug: service.slug, name: service.name }, id: service.id })),
    ...(totals.has(0) ? [{ service: null, id: 0 }] : []),
  ];
  return rows.map((row) => {
    const aggregate = totals.get(row.id) ?? emptyAggregate();
    const withheld =
      audience === 'public' && (isSuppressed(aggregate.n) || ![...(ids.get(row.id) ?? [])].every(published));
    if (withheld) return { service: row.service, ...suppressedSummary(aggregate.n) };
    return { service: row.service, ...summarize(aggregate, locale), suppressed: false };
  });
}

/** The per-service scores of one unit over a period (public: suppressed as SPEC §4 says; agency: everything). */
export async function unitServiceScores(
  d1: D1Database,
  region: Pick<Region, 'id'>,
  unit: Pick<Unit, 'id'>,
  period: Period,
  audience: Audience,
  locale: Locale = 'id',
): Promise<ServiceScore[]> {
  const [services, cells, plan] = await Promise.all([
    listServices(database(d1), unit.id),
    aggregateRollups(d1, { regionId: region.id, unitId: unit.id, from: period.start, to: period.end }, ['service']),
    audience === 'public' ? planForPeriod(d1, region.id, period) : undefined,
  ]);
  return buildServiceScores(services, cells, audience, locale, (service) =>
    plan ? plan.servicePublished(unit.id, service, period.id) : false,
  );
}
