/**
 * @module
 * Counters (loket) across a region, for the agency view and the admin API.
 */
import { asc, eq } from 'drizzle-orm';
import { counters, units } from '../../schema';
import type { Database } from './client';
import type { Counter } from './regions';

/** Every counter of a region's units, by name. */
export function listRegionCounters(db: Database, regionId: number): Promise<Counter[]> {
  return db
    .select({
      id: counters.id,
      unitId: counters.unitId,
      code: counters.code,
      name: counters.name,
      active: counters.active,
      kioskExpiredPolicy: counters.kioskExpiredPolicy,
      createdAt: counters.createdAt,
    })
    .from(counters)
    .innerJoin(units, eq(units.id, counters.unitId))
    .where(eq(units.regionId, regionId))
    .orderBy(asc(counters.name), asc(counters.id));
}
