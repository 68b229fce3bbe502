/**
 * @module
 * Small, explicit test data written straight to D1 (each test file has its own storage).
 */
import { env } from 'cloudflare:workers';
import { counters, regions, services, units } from '../../schema';
import { database } from '../../worker/db/client';

export const db = () => database(env.DB);

/** The rows a query of the test's database gives. */
export async function rows<T = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<T[]> {
  return (
    await env.DB.prepare(sql)
      .bind(...params)
      .all<T>()
  ).results;
}

export interface Organisation {
  regionId: number;
  regionSlug: string;
  unitId: number;
  serviceId: number;
  counterId: number;
  counterCode: string;
}

let sequence = 0;

/** A region with one unit, one service and one active counter. */
export async function createOrganisation(
  overrides: {
    region?: string;
    regionName?: string;
    /** Kemendagri code; none by default, like a region created before codes existed. */
    regionCode?: string;
    timezone?: string;
    unit?: string;
    counterCode?: string;
  } = {},
): Promise<Organisation> {
  // Read once, before any await: parallel calls must not share a number.
  sequence += 1;
  const n = sequence;
  const regionSlug = overrides.region ?? `kota-uji-${n}`;
  const region = await db()
    .insert(regions)
    .values({
      slug: regionSlug,
      name: overrides.regionName ?? `Kota Uji ${n}`,
      timezone: overrides.timezone ?? 'Asia/Jakarta',
      code: overrides.regionCode ?? null,
    })
    .returning()
    .get();
  const unit = await db()
    .insert(units)
    .values({
      regionId: region.id,
      slug: overrides.unit ?? 'disdukcapil',
      name: 'Dinas Kependudukan dan Pencatatan Sipil',
      population: 1000,
      ikmTarget: 80,
    })
    .returning()
    .get();
  const service = await db()
    .insert(services)
    .values({ unitId: unit.id, slug: 'ktp-el', name: 'Penerbitan KTP-el' })
    .returning()
    .get();
  const counter = await db()
    .insert(counters)
    .values({ unitId: unit.id, code: overrides.counterCode ?? `loket${n}abcdef`, name: 'Loket 1' })
    .returning()
    .get();
  return {
    regionId: region.id,
    regionSlug: region.slug,
    unitId: unit.id,
    serviceId: service.id,
    counterId: counter.id,
    counterCode: counter.code,
  };
}
