/**
 * @module
 * The national directory behind the home page (SPEC §6): every region's IKM, grade and responses of its current
 * year, by province, in at most five D1 queries whatever the number of regions (docs/scale.md).
 */
import { type Aggregate, emptyAggregate } from '../../../domain/aggregate';
import { groupByProvince, type ProvinceGroup, queryWords } from '../../../domain/directory';
import type { Period } from '../../../domain/periods';
import type { Province } from '../../../domain/region-codes';
import type { PublicSummary } from '../../../domain/summary';
import type { Locale } from '../../../domain/survey';
import { database } from '../../db/client';
import { listRegionsWithUnitCounts, type Region } from '../../db/regions';
import { aggregateRollups, disclosureCounts } from '../../db/rollups';
import { plansOfCounts } from './disclosure';
import { pooledSummary, resolvePeriod } from './scores';

export interface DirectoryRegion {
  slug: string;
  name: string;
  code: string | null;
  region: Region;
  /** How many service units the region has. */
  units: number;
  /** The region's current year in its own time zone. */
  period: Period;
  /** The pooled public figure, suppressed as on the region page (SPEC §4). */
  summary: PublicSummary;
}

export interface NationalDirectory {
  groups: ProvinceGroup<DirectoryRegion>[];
  /** Provinces without a (matching) region. */
  emptyProvinces: Province[];
  /** Regions in the deployment, and how many match the query. */
  total: number;
  matched: number;
}

/** Every region's pooled figures for one period (a calendar year): one aggregate and one count query, nationally. */
async function periodFigures(d1: D1Database, period: Period) {
  const year = period.start.slice(0, 4);
  const [totals, counts] = await Promise.all([
    aggregateRollups(d1, { from: period.start, to: period.end }, ['region']),
    // The pooled figure is a region figure: unit-month totals decide it, so the plans skip the services.
    disclosureCounts(d1, { from: `${year}-01-01`, to: `${year}-12-31`, unitsOnly: true }),
  ]);
  return {
    totals: new Map<number, Aggregate>(totals.map((row) => [Number(row.key.region), row.aggregate])),
    plans: await plansOfCounts(counts, { unitsOnly: true }),
  };
}

/** The directory of regions matching `query` (`?q=`; every region when empty), with their current-year figures. */
export async function nationalDirectory(
  d1: D1Database,
  { locale = 'id', query = '', now = Date.now() }: { locale?: Locale; query?: string | null; now?: number } = {},
): Promise<NationalDirectory> {
  const rows = await listRegionsWithUnitCounts(database(d1));
  const words = queryWords(query);
  const entries = rows.map(({ region, units: unitCount }) => ({
    slug: region.slug,
    name: region.name,
    code: region.code,
    region,
    units: Number(unitCount),
    period: resolvePeriod(undefined, region, now)!,
  }));
  const { groups, emptyProvinces } = groupByProvince(entries, words);
  const matched = groups.flatMap((group) => group.entries);

  // One set of queries per distinct current year among the matching regions, not per region.
  const periods = new Map(matched.map((entry) => [entry.period.id, entry.period]));
  const figures = new Map(
    await Promise.all(
      [...periods.values()].map(async (period) => [period.id, await periodFigures(d1, period)] as const),
    ),
  );
  const withSummary = (entry: (typeof entries)[number]): DirectoryRegion => {
    const figure = figures.get(entry.period.id);
    const id = entry.region.id;
    return {
      ...entry,
      summary: pooledSummary(
        figure?.totals.get(id) ?? emptyAggregate(),
        figure?.plans(id, entry.period.start.slice(0, 4)).regionPublished(entry.period.id) ?? false,
        locale,
      ),
    };
  };
  return {
    groups: groups.map((group) => ({ province: group.province, entries: group.entries.map(withSummary) })),
    emptyProvinces,
    total: entries.length,
    matched: matched.length,
  };
}
