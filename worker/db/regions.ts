/**
 * @module
 * Reading regions, units, services and counters: the organisation tree of a deployment.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { counters, regions, services, units } from '../../schema';
import type { Database } from './client';

export type Region = typeof regions.$inferSelect;
export type Unit = typeof units.$inferSelect;
export type Service = typeof services.$inferSelect;
export type Counter = typeof counters.$inferSelect;

export function listRegions(db: Database): Promise<Region[]> {
  return db.select().from(regions).orderBy(asc(regions.name));
}

/** Every region with how many service units it has, in one query (the national directory). */
export function listRegionsWithUnitCounts(db: Database): Promise<{ region: Region; units: number }[]> {
  return db
    .select({
      region: regions,
      // Spelled out: inside a subquery drizzle would leave both columns unqualified.
      units: sql<number>`(SELECT count(*) FROM units WHERE units.region_id = regions.id)`,
    })
    .from(regions);
}

/** The region named `slug` (none or one), or every region when no slug is given, by slug. */
export function listRegionsBySlug(db: Database, slug?: string): Promise<Region[]> {
  return slug === undefined
    ? db.select().from(regions).orderBy(asc(regions.slug))
    : db.select().from(regions).where(eq(regions.slug, slug));
}

export async function findRegion(db: Database, slug: string): Promise<Region | undefined> {
  return db.select().from(regions).where(eq(regions.slug, slug)).get();
}

export async function findRegionById(db: Database, id: number): Promise<Region | undefined> {
  return db.select().from(regions).where(eq(regions.id, id)).get();
}

export function listUnits(db: Database, regionId: number): Promise<Unit[]> {
  return db.select().from(units).where(eq(units.regionId, regionId)).orderBy(asc(units.name));
}

/**
 * The units of one region, or of every region, by slug: one query either way, and no list of ids bound (D1 takes
 * at most 100 parameters).
 */
export function listUnitsBySlug(db: Database, regionId?: number): Promise<Unit[]> {
  return regionId === undefined
    ? db.select().from(units).orderBy(asc(units.slug))
    : db.select().from(units).where(eq(units.regionId, regionId)).orderBy(asc(units.slug));
}

/** Every unit of every region, by region then unit slug: one query for national listings (the sitemap). */
export function listAllUnits(db: Database): Promise<{ region: string; unit: string }[]> {
  return db
    .select({ region: regions.slug, unit: units.slug })
    .from(units)
    .innerJoin(regions, eq(regions.id, units.regionId))
    .orderBy(asc(regions.slug), asc(units.slug));
}

export async function findUnit(db: Database, regionId: number, slug: string): Promise<Unit | undefined> {
  return db
    .select()
    .from(units)
    .where(and(eq(units.regionId, regionId), eq(units.slug, slug)))
    .get();
}

export function listServices(db: Database, unitId: number): Promise<Service[]> {
  return db.select().from(services).where(eq(services.unitId, unitId)).orderBy(asc(services.name));
}

export function listCounters(db: Database, unitId: number): Promise<Counter[]> {
  return db.select().from(counters).where(eq(counters.unitId, unitId)).orderBy(asc(counters.name));
}

/** A counter with the unit and region it belongs to: what the rating form needs from a QR code. */
export async function findCounterByCode(db: Database, code: string) {
  return db
    .select({ counter: counters, unit: units, region: regions })
    .from(counters)
    .innerJoin(units, eq(units.id, counters.unitId))
    .innerJoin(regions, eq(regions.id, units.regionId))
    .where(eq(counters.code, code))
    .get();
}

/** Every service of a region's units, for tables that group a whole region's figures by service. */
export function listRegionServices(db: Database, regionId: number): Promise<Service[]> {
  return db
    .select({ service: services })
    .from(services)
    .innerJoin(units, eq(units.id, services.unitId))
    .where(eq(units.regionId, regionId))
    .orderBy(asc(services.name))
    .then((rows) => rows.map((row) => row.service));
}

/** Every service of several regions' units (a chunk of a national file), in {@link listRegionServices}' order. */
export function listServicesOfRegions(db: Database, regionIds: readonly number[]): Promise<Service[]> {
  return db
    .select({ service: services })
    .from(services)
    .innerJoin(units, eq(units.id, services.unitId))
    .where(inArray(units.regionId, [...regionIds]))
    .orderBy(asc(services.name))
    .then((rows) => rows.map((row) => row.service));
}
