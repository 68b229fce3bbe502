/**
 * @module The disclosure plan of each region × calendar year (docs/spec.md §4 "Complementary suppression"): read
 * from the rollup counts per unit × service × month, computed by the pure `planDisclosure`, and kept per isolate
 * while the counts are unchanged. Every public figure asks the plan of its region and year, so all outputs agree.
 */
import {
  type DisclosureCell,
  type DisclosureCheckpoint,
  type DisclosurePlan,
  planDisclosureFrom,
} from '../../../domain/disclosure';
import type { Period } from '../../../domain/periods';
import { type CellCount, disclosureCounts } from '../../db/rollups';

/** The plans of some regions and years, looked up by region id and year 'YYYY'. */
export type DisclosurePlans = (regionId: number, year: string) => DisclosurePlan;

/** Plans kept per isolate: enough for every region of the national directory, small against a Worker's memory. */
const MEMO_LIMIT = 1000;
const memo = new Map<string, DisclosurePlan>();
/** Each region-year's releases of its closed months: new responses this month then replan only this month. */
const checkpoints = new Map<string, DisclosureCheckpoint>();

/** The plan of one region-year's nonempty cells, memoised by region, year and a digest of the cells. */
async function planOf(
  regionId: number,
  year: string,
  cells: DisclosureCell[],
  unitsOnly: boolean,
): Promise<DisclosurePlan> {
  cells.sort(
    (a, b) => a.unit - b.unit || a.service - b.service || (a.month < b.month ? -1 : a.month > b.month ? 1 : 0),
  );
  const text = cells.map((cell) => `${cell.unit},${cell.service},${cell.month},${cell.n}`).join(';');
  // SHA-256, not a short hash: two different counts sharing a plan would publish a figure the other forbids.
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  const key = `${regionId}|${year}|${unitsOnly ? 'units' : 'all'}|${btoa(String.fromCharCode(...digest))}`;
  const known = memo.get(key);
  if (known) {
    remember(memo, key, known);
    return known;
  }
  const checkpointKey = `${regionId}|${year}|${unitsOnly}`;
  const { plan, checkpoint } = planDisclosureFrom(year, cells, {
    unitsOnly,
    checkpoint: checkpoints.get(checkpointKey),
  });
  remember(memo, key, plan);
  remember(checkpoints, checkpointKey, checkpoint);
  return plan;
}

/** Keeps `value` as the most recently used (last), dropping the least recently used beyond the limit. */
function remember<T>(map: Map<string, T>, key: string, value: T): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > MEMO_LIMIT) map.delete(map.keys().next().value as string);
}

/**
 * The plans of every region-year that has counts among `rows` (keyed by region, unit, service and month). Any other
 * region-year, with nothing to publish or not read at all, is answered by a plan that publishes nothing. With
 * `unitsOnly` (rows of unit-month totals) the plans decide unit and region figures only.
 */
export async function plansOfCounts(
  rows: readonly CellCount[],
  { unitsOnly = false }: { unitsOnly?: boolean } = {},
): Promise<DisclosurePlans> {
  const cellsOf = new Map<string, DisclosureCell[]>();
  for (const row of rows) {
    const key = `${row.region}|${row.month.slice(0, 4)}`;
    const cell = { unit: row.unit, service: row.service, month: row.month, n: row.n };
    const list = cellsOf.get(key);
    if (list) list.push(cell);
    else cellsOf.set(key, [cell]);
  }
  const plans = new Map<string, DisclosurePlan>();
  for (const [key, cells] of cellsOf) {
    const [regionId, year] = key.split('|') as [string, string];
    plans.set(key, await planOf(Number(regionId), year, cells, unitsOnly));
  }
  return (regionId, year) => plans.get(`${regionId}|${year}`) ?? NOTHING_PUBLISHED;
}

const NOTHING_PUBLISHED: DisclosurePlan = {
  unitPublished: () => false,
  regionPublished: () => false,
  servicePublished: () => false,
  serviceCellWithheld: () => true,
};

/** The calendar years 'YYYY' from the year of local date `from` to that of `to`. */
export function yearsBetween(from: string, to: string): string[] {
  const first = Number(from.slice(0, 4));
  const last = Number(to.slice(0, 4));
  return Array.from({ length: Math.max(0, last - first + 1) }, (_, i) => String(first + i));
}

/** Plans together with the services each unit-month holds: what the microdata need to blank withheld services. */
export interface DisclosureReading {
  plans: DisclosurePlans;
  /** The service ids (0 = none) with responses in a region's unit × month. */
  services(regionId: number, unit: number, month: string): number[];
}

/** The plans of `regionIds` for `years` (one rollup query), with the services of every unit-month read. */
export async function readDisclosure(
  d1: D1Database,
  regionIds: readonly number[],
  years: readonly string[],
): Promise<DisclosureReading> {
  const [first] = years;
  const last = years.at(-1);
  const rows =
    first === undefined || last === undefined || regionIds.length === 0
      ? []
      : await disclosureCounts(d1, { regionIds, from: `${first}-01-01`, to: `${last}-12-31` });
  const services = new Map<string, number[]>();
  for (const row of rows) {
    const key = `${row.region}|${row.unit}|${row.month}`;
    services.set(key, [...(services.get(key) ?? []), row.service]);
  }
  return {
    plans: await plansOfCounts(rows),
    services: (regionId, unit, month) => services.get(`${regionId}|${unit}|${month}`) ?? [],
  };
}

/** The plans of `regionIds` for `years`, in one rollup query. */
export async function disclosurePlans(
  d1: D1Database,
  regionIds: readonly number[],
  years: readonly string[],
): Promise<DisclosurePlans> {
  return (await readDisclosure(d1, regionIds, years)).plans;
}

/** The plan of one region and calendar year. */
export async function disclosurePlan(d1: D1Database, regionId: number, year: string): Promise<DisclosurePlan> {
  return (await disclosurePlans(d1, [regionId], [year]))(regionId, year);
}

/** The plan that decides a period's public figures: every period is of one calendar year (domain/periods.ts). */
export function planForPeriod(d1: D1Database, regionId: number, period: Period): Promise<DisclosurePlan> {
  return disclosurePlan(d1, regionId, period.start.slice(0, 4));
}
