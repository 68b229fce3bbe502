/**
 * @module
 * Per-service (jenis layanan) scores of a unit (SPEC §5 `ServiceScore`): the unit's responses split by the service
 * the citizen rated, plus one row (`service: null`) for responses given without one. Public figures are suppressed
 * below n = 10 and, complementarily, so that no withheld service can be recovered by subtracting the published
 * services from the unit's published figure, or its published months from the service's figure (SPEC §4).
 */
import { type Aggregate, emptyAggregate, mergeAggregates } from '../../domain/aggregate';
import type { Period } from '../../domain/periods';
import {
  isSuppressed,
  type PublicSummary,
  revealsSuppressedParts,
  summarize,
  suppressedSummary,
  withheldParts,
} from '../../domain/summary';
import type { Locale } from '../../domain/survey';
import { database } from '../db/client';
import { listServices, type Region, type Service, type Unit } from '../db/regions';
import { aggregateRollups, type GroupedAggregate } from '../db/rollups';
import type { Audience } from './scores';

export interface ServiceScore extends PublicSummary {
  /** Null for the responses given without a service. */
  service: { slug: string; name: string } | null;
}

/**
 * The service scores of one unit from its rollup cells keyed by `service` (0 = none), optionally also by `month`
 * (one cell per service × month, which lets a longer period be checked against its months). Every service of the
 * unit is listed, by name, even without responses; the "no service" row only when it has responses. A cell of a
 * service id not among `services` (never expected) counts as "no service" rather than vanishing from the total.
 */
export function buildServiceScores(
  services: readonly Pick<Service, 'id' | 'slug' | 'name'>[],
  cells: readonly GroupedAggregate[],
  audience: Audience,
  locale: Locale = 'id',
): ServiceScore[] {
  const known = new Set(services.map((service) => service.id));
  const totals = new Map<number, Aggregate>();
  const months = new Map<number, Map<string, number>>();
  const unitMonths = new Map<string, number>();
  for (const { key, aggregate } of cells) {
    const id = known.has(Number(key.service)) ? Number(key.service) : 0;
    totals.set(id, mergeAggregates(totals.get(id) ?? emptyAggregate(), aggregate));
    const month = String(key.month ?? '');
    const perMonth = months.get(id) ?? new Map<string, number>();
    perMonth.set(month, (perMonth.get(month) ?? 0) + aggregate.n);
    months.set(id, perMonth);
    unitMonths.set(month, (unitMonths.get(month) ?? 0) + aggregate.n);
  }
  const rows: { service: ServiceScore['service']; id: number }[] = [
    ...[...services]
      .sort((a, b) => a.name.localeCompare(b.name, 'id'))
      .map((service) => ({ service: { slug: service.slug, name: service.name }, id: service.id })),
    ...(totals.has(0) ? [{ service: null, id: 0 }] : []),
  ];
  const aggregates = rows.map((row) => totals.get(row.id) ?? emptyAggregate());
  const counts = aggregates.map((aggregate) => aggregate.n);
  const unitTotal = counts.reduce((sum, n) => sum + n, 0);
  const withheld =
    audience === 'public'
      ? withheldParts(counts, {
          // The unit's own figure is withheld when small or when its months would reveal one (as its Score is).
          totalWithheld: isSuppressed(unitTotal) || revealsSuppressedParts([...unitMonths.values()]),
          alsoWithheld: rows.map((row) => revealsSuppressedParts([...(months.get(row.id)?.values() ?? [])])),
        })
      : rows.map(() => false);
  return rows.map((row, i) => {
    const aggregate = aggregates[i] ?? emptyAggregate();
    if (withheld[i]) return { service: row.service, ...suppressedSummary(aggregate.n) };
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
  const [services, cells] = await Promise.all([
    listServices(database(d1), unit.id),
    aggregateRollups(d1, { regionId: region.id, unitId: unit.id, from: period.start, to: period.end }, [
      'service',
      'month',
    ]),
  ]);
  return buildServiceScores(services, cells, audience, locale);
}
