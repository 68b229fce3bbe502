/**
 * @module
 * Creating and changing the organisation tree (regions, units, services, counters) with its audit
 * row in the same batch. Shared by the admin API and, later, the admin console.
 */

import { officialArea, provinceTimeZone, slugFromName } from '../../domain/region-codes';
import type { Counter, Region, Service, Unit } from '../db/regions';
import { ProblemError } from '../http/problem';
import { randomCode } from '../security/tokens';
import { type Actor, auditStatement } from './audit';

/** Counter codes: 10 characters of 5 bits = 50 bits, far beyond guessing one by scanning. */
export const COUNTER_CODE_LENGTH = 10;

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Error && /UNIQUE constraint failed/i.test(error.message);
}

/** Runs an insert batch, turning a UNIQUE violation (e.g. a concurrent duplicate) into 409. */
async function insertOrConflict<T>(batch: () => Promise<T>, conflict: string): Promise<T> {
  try {
    return await batch();
  } catch (error) {
    if (isUniqueViolation(error)) throw new ProblemError(409, conflict);
    throw error;
  }
}

type Row = Record<string, unknown>;

function regionOf(row: Row): Region {
  return {
    id: Number(row.id),
    slug: String(row.slug),
    name: String(row.name),
    timezone: String(row.timezone),
    code: row.code === null || row.code === undefined ? null : String(row.code),
    createdAt: Number(row.created_at),
  };
}

/**
 * A region of the official list (SPEC §1): `code` must be a Kemendagri code (validated by the route); the name, the
 * slug and the time zone default to the official name, its slug and the province's legal time zone.
 */
export async function createRegion(
  d1: D1Database,
  actor: Actor,
  input: { code: string; slug?: string; name?: string; timezone?: string },
): Promise<Region> {
  const area = officialArea(input.code);
  if (!area) throw new ProblemError(400, `'${input.code}' is not in the official list of Kemendagri region codes.`);
  const region = {
    code: area.code,
    slug: input.slug ?? slugFromName(area.name),
    name: input.name ?? area.name,
    timezone: input.timezone ?? provinceTimeZone(area.province.code),
  };
  const existing = await d1
    .prepare('SELECT slug, code FROM regions WHERE slug = ? OR code = ?')
    .bind(region.slug, region.code)
    .first<{ slug: string; code: string | null }>();
  const conflict =
    existing && existing.code === region.code
      ? `Region '${existing.slug}' already has the code ${region.code}.`
      : `A region '${region.slug}' already exists.`;
  if (existing) throw new ProblemError(409, conflict);
  const [inserted] = await insertOrConflict(
    () =>
      d1.batch<Row>([
        d1
          .prepare('INSERT INTO regions (slug, name, timezone, code) VALUES (?, ?, ?, ?) RETURNING *')
          .bind(region.slug, region.name, region.timezone, region.code),
        auditStatement(d1, actor, 'region.create', `region:${region.slug}`, region, { slug: region.slug }),
      ]),
    `A region '${region.slug}' or with the code ${region.code} already exists.`,
  );
  return regionOf(inserted!.results[0]!);
}

export async function createUnit(
  d1: D1Database,
  actor: Actor,
  region: Region,
  input: { slug: string; name: string; population?: number | null; ikmTarget?: number | null },
): Promise<Unit> {
  const conflict = `Region '${region.slug}' already has a unit '${input.slug}'.`;
  if (await d1.prepare('SELECT 1 FROM units WHERE region_id = ? AND slug = ?').bind(region.id, input.slug).first()) {
    throw new ProblemError(409, conflict);
  }
  const [inserted] = await insertOrConflict(
    () =>
      d1.batch<Row>([
        d1
          .prepare(
            'INSERT INTO units (region_id, slug, name, population, ikm_target) VALUES (?, ?, ?, ?, ?) RETURNING *',
          )
          .bind(region.id, input.slug, input.name, input.population ?? null, input.ikmTarget ?? null),
        auditStatement(d1, actor, 'unit.create', `unit:${region.slug}/${input.slug}`, input, region.id),
      ]),
    conflict,
  );
  const row = inserted!.results[0]!;
  return {
    id: Number(row.id),
    regionId: region.id,
    slug: input.slug,
    name: input.name,
    population: row.population === null ? null : Number(row.population),
    ikmTarget: row.ikm_target === null ? null : Number(row.ikm_target),
    headName: null,
    headNip: null,
    createdAt: Number(row.created_at),
  };
}

/** What PATCH changes on a unit: a field left out stays, null clears it. */
export interface UnitChanges {
  headName?: string | null;
  headNip?: string | null;
}

/** Sets or clears the head (kepala) of a unit, who signs its SKM report. */
export async function updateUnit(
  d1: D1Database,
  actor: Actor,
  region: Region,
  unit: Unit,
  changes: UnitChanges,
): Promise<Unit> {
  const next = {
    headName: changes.headName === undefined ? unit.headName : changes.headName,
    headNip: changes.headNip === undefined ? unit.headNip : changes.headNip,
  };
  await d1.batch([
    d1.prepare('UPDATE units SET head_name = ?, head_nip = ? WHERE id = ?').bind(next.headName, next.headNip, unit.id),
    auditStatement(
      d1,
      actor,
      'unit.update',
      `unit:${region.slug}/${unit.slug}`,
      { before: { headName: unit.headName, headNip: unit.headNip }, changes },
      region.id,
    ),
  ]);
  return { ...unit, ...next };
}

export async function createService(
  d1: D1Database,
  actor: Actor,
  region: Region,
  unit: Unit,
  input: { slug: string; name: string },
): Promise<Service> {
  const conflict = `Unit '${unit.slug}' already has a service '${input.slug}'.`;
  if (await d1.prepare('SELECT 1 FROM services WHERE unit_id = ? AND slug = ?').bind(unit.id, input.slug).first()) {
    throw new ProblemError(409, conflict);
  }
  const [inserted] = await insertOrConflict(
    () =>
      d1.batch<Row>([
        d1
          .prepare('INSERT INTO services (unit_id, slug, name) VALUES (?, ?, ?) RETURNING *')
          .bind(unit.id, input.slug, input.name),
        auditStatement(
          d1,
          actor,
          'service.create',
          `service:${region.slug}/${unit.slug}/${input.slug}`,
          input,
          region.id,
        ),
      ]),
    conflict,
  );
  const row = inserted!.results[0]!;
  return { id: Number(row.id), unitId: unit.id, slug: input.slug, name: input.name, createdAt: Number(row.created_at) };
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

/** A new active counter with a fresh unguessable code (a collision, ~never, is retried). */
export async function createCounter(
  d1: D1Database,
  actor: Actor,
  region: Region,
  unit: Unit,
  input: { name: string },
): Promise<Counter> {
  for (let attempt = 0; ; attempt += 1) {
    const code = randomCode(COUNTER_CODE_LENGTH);
    try {
      const [inserted] = await d1.batch<Row>([
        d1
          .prepare('INSERT INTO counters (unit_id, code, name) VALUES (?, ?, ?) RETURNING *')
          .bind(unit.id, code, input.name),
        auditStatement(
          d1,
          actor,
          'counter.create',
          `counter:${code}`,
          {
            region: region.slug,
            unit: unit.slug,
            name: input.name,
          },
          region.id,
        ),
      ]);
      return counterOf(inserted!.results[0]!);
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= 2) throw error;
    }
  }
}

export interface CounterChanges {
  name?: string;
  active?: boolean;
  kioskExpiredPolicy?: Counter['kioskExpiredPolicy'];
}

/** Renames, deactivates or reactivates a counter, or sets what happens to expired kiosk tokens. */
export async function updateCounter(
  d1: D1Database,
  actor: Actor,
  counter: Counter,
  changes: CounterChanges,
  regionId: number,
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
        counter.id,
      ),
    auditStatement(
      d1,
      actor,
      'counter.update',
      `counter:${counter.code}`,
      {
        before: { name: counter.name, active: counter.active, kioskExpiredPolicy: counter.kioskExpiredPolicy },
        changes,
      },
      regionId,
    ),
  ]);
  return counterOf(updated!.results[0]!);
}

/** The public address of a counter's rating form, which its QR code encodes. */
export function counterUrl(origin: string, code: string): string {
  return `${origin}/r/${code}`;
}
