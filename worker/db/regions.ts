/**
 * @module
 * The organisation tree of a deployment (regions, units, services, counters): reading it, and the admin writes,
 * each in one batch with its audit row (which changes are allowed is worker/services/admin/organisation.ts).
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { counters, regions, services, units } from '../../schema';
import { type AuditRow, auditInsert } from './audit';
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

type Row = Record<string, unknown>;

const nullableNumber = (value: unknown) => (value === null || value === undefined ? null : Number(value));
const nullableString = (value: unknown) => (value === null || value === undefined ? null : String(value));

function regionOf(row: Row): Region {
  return {
    id: Number(row.id),
    slug: String(row.slug),
    name: String(row.name),
    timezone: String(row.timezone),
    code: nullableString(row.code),
    createdAt: Number(row.created_at),
  };
}

function unitOf(row: Row): Unit {
  return {
    id: Number(row.id),
    regionId: Number(row.region_id),
    slug: String(row.slug),
    name: String(row.name),
    population: nullableNumber(row.population),
    ikmTarget: nullableNumber(row.ikm_target),
    headName: nullableString(row.head_name),
    headNip: nullableString(row.head_nip),
    createdAt: Number(row.created_at),
  };
}

function serviceOf(row: Row): Service {
  return {
    id: Number(row.id),
    unitId: Number(row.unit_id),
    slug: String(row.slug),
    name: String(row.name),
    createdAt: Number(row.created_at),
  };
}

function counterOf(row: Row): Counter {
  return {
    id: Number(row.id),
    unitId: Number(row.unit_id),
    code: String(row.code),
    name: String(row.name),
    active: Boolean(row.active),
    kioskExpiredPolicy: row.kiosk_expired_policy === 'refuse' ? 'refuse' : 'mark',
    createdAt: Number(row.created_at),
  };
}

/** Runs an INSERT … RETURNING * and its audit row in one batch; the inserted row. */
async function insertReturning(d1: D1Database, insert: D1PreparedStatement, audit: AuditRow): Promise<Row> {
  const [inserted] = await d1.batch<Row>([insert, auditInsert(d1, audit)]);
  return inserted!.results[0]!;
}

/** A region holding this slug or this official code, if any. */
export function findRegionBySlugOrCode(
  d1: D1Database,
  slug: string,
  code: string,
): Promise<{ slug: string; code: string | null } | null> {
  return d1
    .prepare('SELECT slug, code FROM regions WHERE slug = ? OR code = ?')
    .bind(slug, code)
    .first<{ slug: string; code: string | null }>();
}

/** Inserts a region; throws on a taken slug or code (UNIQUE). */
export async function insertRegion(
  d1: D1Database,
  region: { slug: string; name: string; timezone: string; code: string },
  audit: AuditRow,
): Promise<Region> {
  const insert = d1
    .prepare('INSERT INTO regions (slug, name, timezone, code) VALUES (?, ?, ?, ?) RETURNING *')
    .bind(region.slug, region.name, region.timezone, region.code);
  return regionOf(await insertReturning(d1, insert, audit));
}

export async function unitSlugTaken(d1: D1Database, regionId: number, slug: string): Promise<boolean> {
  return (
    (await d1.prepare('SELECT 1 FROM units WHERE region_id = ? AND slug = ?').bind(regionId, slug).first()) !== null
  );
}

/** Inserts a unit; throws on a slug taken in the region (UNIQUE). */
export async function insertUnit(
  d1: D1Database,
  regionId: number,
  unit: { slug: string; name: string; population: number | null; ikmTarget: number | null },
  audit: AuditRow,
): Promise<Unit> {
  const insert = d1
    .prepare('INSERT INTO units (region_id, slug, name, population, ikm_target) VALUES (?, ?, ?, ?, ?) RETURNING *')
    .bind(regionId, unit.slug, unit.name, unit.population, unit.ikmTarget);
  return unitOf(await insertReturning(d1, insert, audit));
}

/** Sets the unit's head (kepala), who signs its SKM report; nulls clear it. */
export async function setUnitHead(
  d1: D1Database,
  unitId: number,
  head: { headName: string | null; headNip: string | null },
  audit: AuditRow,
): Promise<void> {
  await d1.batch([
    d1.prepare('UPDATE units SET head_name = ?, head_nip = ? WHERE id = ?').bind(head.headName, head.headNip, unitId),
    auditInsert(d1, audit),
  ]);
}

export async function serviceSlugTaken(d1: D1Database, unitId: number, slug: string): Promise<boolean> {
  return (
    (await d1.prepare('SELECT 1 FROM services WHERE unit_id = ? AND slug = ?').bind(unitId, slug).first()) !== null
  );
}

/** Inserts a service; throws on a slug taken in the unit (UNIQUE). */
export async function insertService(
  d1: D1Database,
  unitId: number,
  service: { slug: string; name: string },
  audit: AuditRow,
): Promise<Service> {
  const insert = d1
    .prepare('INSERT INTO services (unit_id, slug, name) VALUES (?, ?, ?) RETURNING *')
    .bind(unitId, service.slug, service.name);
  return serviceOf(await insertReturning(d1, insert, audit));
}

/** Inserts an active counter; throws on a taken code (UNIQUE). */
export async function insertCounter(
  d1: D1Database,
  unitId: number,
  counter: { code: string; name: string },
  audit: AuditRow,
): Promise<Counter> {
  const insert = d1
    .prepare('INSERT INTO counters (unit_id, code, name) VALUES (?, ?, ?) RETURNING *')
    .bind(unitId, counter.code, counter.name);
  return counterOf(await insertReturning(d1, insert, audit));
}

/** Changes the given fields of a counter (undefined keeps one); the counter after the change. */
export async function updateCounterRow(
  d1: D1Database,
  counterId: number,
  changes: { name?: string; active?: boolean; kioskExpiredPolicy?: Counter['kioskExpiredPolicy'] },
  audit: AuditRow,
): Promise<Counter> {
  const [updated] = await d1.batch<Row>([
    d1
      .prepare(
        `UPDATE counters SET name = coalesce(?, name), active = coalesce(?, active),
         kiosk_expired_policy = coalesce(?, kiosk_expired_policy) WHERE id = ? RETURNING *`,
      )
      .bind(
        changes.name ?? null,
        changes.active === undefined ? null : changes.active ? 1 : 0,
        changes.kioskExpiredPolicy ?? null,
        counterId,
      ),
    auditInsert(d1, audit),
  ]);
  return counterOf(updated!.results[0]!);
}
