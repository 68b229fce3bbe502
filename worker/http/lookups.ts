/**
 * @module
 * Finding the region, unit or counter a URL names, or answering 404 problem+json (docs/api.md). Admin routes get
 * their region and unit from the access policy instead (worker/security/policy.ts).
 */
import type { Database } from '../db/client';
import { findCounterByCode, findRegion, findUnit, type Region, type Unit } from '../db/regions';
import { ProblemError } from './problem';

export async function requireRegion(db: Database, slug: string): Promise<Region> {
  const region = await findRegion(db, slug);
  if (!region) throw new ProblemError(404, `No region '${slug}'.`);
  return region;
}

export async function requireUnit(
  db: Database,
  regionSlug: string,
  unitSlug: string,
): Promise<{ region: Region; unit: Unit }> {
  const region = await requireRegion(db, regionSlug);
  const unit = await findUnit(db, region.id, unitSlug);
  if (!unit) throw new ProblemError(404, `No unit '${unitSlug}' in region '${regionSlug}'.`);
  return { region, unit };
}

/** A counter by its code, only if it belongs to the unit the URL names (a code alone must not cross units). */
export async function requireCounter(db: Database, scope: { region: Region; unit: Unit }, code: string) {
  const found = await findCounterByCode(db, code);
  if (!found || found.unit.id !== scope.unit.id) {
    throw new ProblemError(404, `No counter '${code}' in unit '${scope.unit.slug}'.`);
  }
  return { region: scope.region, unit: scope.unit, counter: found.counter };
}
