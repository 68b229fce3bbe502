/**
 * @module
 * The regions, units, services and counters a request names: found by slug or code (undefined when there is none),
 * listed, or answered 404 problem+json (docs/api.md). Admin routes get their region and unit from the access policy
 * (worker/security/policy.ts). Every function takes the D1 binding, or a read session of it, and opens the client.
 */
import { database } from '../db/client';
import {
  type Counter,
  findCounterByCode,
  findRegion,
  findRegionById,
  findUnit,
  listCounters,
  listServices,
  listUnits,
  type Region,
  type Unit,
} from '../db/regions';
import { ProblemError } from '../http/problem';

export type { Counter, Region, Unit } from '../db/regions';

/** A region by its id (an API key's, a session's). */
export function regionById(d1: D1Database, id: number): Promise<Region | undefined> {
  return findRegionById(database(d1), id);
}

/** A region's units, by name. */
export function regionUnits(d1: D1Database, regionId: number): Promise<Unit[]> {
  return listUnits(database(d1), regionId);
}

/** A unit's services (jenis layanan), by name. */
export function unitServices(d1: D1Database, unitId: number) {
  return listServices(database(d1), unitId);
}

/** A unit's counters (loket), by name. */
export function unitCounters(d1: D1Database, unitId: number): Promise<Counter[]> {
  return listCounters(database(d1), unitId);
}

/** A unit of a region by its slug. */
export function findUnitOf(d1: D1Database, regionId: number, slug: string): Promise<Unit | undefined> {
  return findUnit(database(d1), regionId, slug);
}

/** A counter by its code, with its unit and region: what the rating form needs from a QR code. */
export function findCounter(d1: D1Database, code: string) {
  return findCounterByCode(database(d1), code);
}

/** The region and unit two slugs name: undefined for an unknown region, `unit` undefined for an unknown unit. */
export async function findUnitBySlugs(
  d1: D1Database,
  slugs: { region: string; unit: string },
): Promise<{ region: Region; unit: Unit | undefined } | undefined> {
  const db = database(d1);
  const region = await findRegion(db, slugs.region);
  return region ? { region, unit: await findUnit(db, region.id, slugs.unit) } : undefined;
}

export async function requireRegion(d1: D1Database, slug: string): Promise<Region> {
  const region = await findRegion(database(d1), slug);
  if (!region) throw new ProblemError(404, `No region '${slug}'.`);
  return region;
}

export async function requireUnit(
  d1: D1Database,
  regionSlug: string,
  unitSlug: string,
): Promise<{ region: Region; unit: Unit }> {
  const found = await findUnitBySlugs(d1, { region: regionSlug, unit: unitSlug });
  if (!found) throw new ProblemError(404, `No region '${regionSlug}'.`);
  if (!found.unit) throw new ProblemError(404, `No unit '${unitSlug}' in region '${regionSlug}'.`);
  return { region: found.region, unit: found.unit };
}

/** A counter by its code, only if it belongs to the unit the URL names (a code alone must not cross units). */
export async function requireCounter(d1: D1Database, scope: { region: Region; unit: Unit }, code: string) {
  const found = await findCounter(d1, code);
  if (!found || found.unit.id !== scope.unit.id) {
    throw new ProblemError(404, `No counter '${code}' in unit '${scope.unit.slug}'.`);
  }
  return { region: scope.region, unit: scope.unit, counter: found.counter };
}
