/**
 * @module
 * Creating and changing the organisation tree (regions, units, services, counters), each change with its audit
 * row; a duplicate answers 409. Used by the admin API and the console (README, "Admin").
 */
import { officialArea, provinceTimeZone, slugFromName } from '../../../domain/region-codes';
import {
  type Counter,
  findRegionBySlugOrCode,
  insertCounter,
  insertRegion,
  insertService,
  insertUnit,
  type Region,
  type Service,
  serviceSlugTaken,
  setUnitHead,
  type Unit,
  unitSlugTaken,
  updateCounterRow,
} from '../../db/regions';
import { ProblemError } from '../../http/problem';
import { randomCode } from '../../security/tokens';
import type { Actor } from './audit';

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
  const existing = await findRegionBySlugOrCode(d1, region.slug, region.code);
  const conflict =
    existing && existing.code === region.code
      ? `Region '${existing.slug}' already has the code ${region.code}.`
      : `A region '${region.slug}' already exists.`;
  if (existing) throw new ProblemError(409, conflict);
  const audit = { actor, action: 'region.create', target: `region:${region.slug}`, detail: region };
  return insertOrConflict(
    () => insertRegion(d1, region, { ...audit, region: { slug: region.slug } }),
    `A region '${region.slug}' or with the code ${region.code} already exists.`,
  );
}

export async function createUnit(
  d1: D1Database,
  actor: Actor,
  region: Region,
  input: { slug: string; name: string; population?: number | null; ikmTarget?: number | null },
): Promise<Unit> {
  const conflict = `Region '${region.slug}' already has a unit '${input.slug}'.`;
  if (await unitSlugTaken(d1, region.id, input.slug)) {
    throw new ProblemError(409, conflict);
  }
  const unit = {
    slug: input.slug,
    name: input.name,
    population: input.population ?? null,
    ikmTarget: input.ikmTarget ?? null,
  };
  const audit = {
    actor,
    action: 'unit.create',
    target: `unit:${region.slug}/${input.slug}`,
    detail: input,
    region: region.id,
  };
  return insertOrConflict(() => insertUnit(d1, region.id, unit, audit), conflict);
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
  await setUnitHead(d1, unit.id, next, {
    actor,
    action: 'unit.update',
    target: `unit:${region.slug}/${unit.slug}`,
    detail: { before: { headName: unit.headName, headNip: unit.headNip }, changes },
    region: region.id,
  });
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
  if (await serviceSlugTaken(d1, unit.id, input.slug)) {
    throw new ProblemError(409, conflict);
  }
  const service = { slug: input.slug, name: input.name };
  const target = `service:${region.slug}/${unit.slug}/${input.slug}`;
  const audit = { actor, action: 'service.create', target, detail: input, region: region.id };
  return insertOrConflict(() => insertService(d1, unit.id, service, audit), conflict);
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
      return await insertCounter(
        d1,
        unit.id,
        { code, name: input.name },
        {
          actor,
          action: 'counter.create',
          target: `counter:${code}`,
          detail: { region: region.slug, unit: unit.slug, name: input.name },
          region: region.id,
        },
      );
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
  return updateCounterRow(d1, counter.id, changes, {
    actor,
    action: 'counter.update',
    target: `counter:${counter.code}`,
    detail: {
      before: { name: counter.name, active: counter.active, kioskExpiredPolicy: counter.kioskExpiredPolicy },
      changes,
    },
    region: regionId,
  });
}

/** The public address of a counter's rating form, which its QR code encodes. */
export function counterUrl(origin: string, code: string): string {
  return `${origin}/r/${code}`;
}
