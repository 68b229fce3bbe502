/**
 * @module
 * Staff roles and what each may reach (docs/accounts.md): pure rules shared by the admin API's policies
 * (worker/security/policy.ts) and the console pages (site/lib/admin-session.ts), so both refuse the same things.
 *
 * Roles are ordered: `viewer` < `unit_operator` < `region_admin` < `super`. A policy names the least role a
 * route needs; a caller also needs the route's region (and unit) in its grant. Super admins have every region;
 * everyone else has exactly one. A unit-scoped grant (`unitIds` not null) reaches only those units.
 */

export const ROLES = ['viewer', 'unit_operator', 'region_admin', 'super'] as const;
export type Role = (typeof ROLES)[number];

/** What a signed-in caller may reach. */
export interface Grant {
  role: Role;
  /** Null only for super admins (every region). */
  regionId: number | null;
  /** Null: every unit of the region. Otherwise the units this account works in. */
  unitIds: readonly number[] | null;
}

/** True when `role` is `minimum` or above it. */
export function atLeast(role: Role, minimum: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(minimum);
}

export function reachesRegion(grant: Grant, regionId: number): boolean {
  return grant.role === 'super' || grant.regionId === regionId;
}

export function reachesUnit(grant: Grant, regionId: number, unitId: number): boolean {
  if (!reachesRegion(grant, regionId)) return false;
  return grant.role === 'super' || grant.unitIds === null || grant.unitIds.includes(unitId);
}

/** The units a grant is limited to inside its region, or null when it reaches all of them. */
export function unitLimit(grant: Grant): readonly number[] | null {
  return grant.role === 'super' || grant.role === 'region_admin' ? null : grant.unitIds;
}

/** Whether a role is tied to units: operators always, viewers optionally, admins never. */
export function roleTakesUnits(role: Role): 'required' | 'optional' | 'never' {
  if (role === 'unit_operator') return 'required';
  if (role === 'viewer') return 'optional';
  return 'never';
}

/** An account someone wants to create, or one that exists and someone wants to change. */
export interface AccountTarget {
  role: Role;
  regionId: number | null;
}

/**
 * Why `actor` may not create (or reset, disable, sign out) an account like `target`, or null when it may.
 * Super admins manage everyone; region admins manage region admins, operators and viewers of their own
 * region only, and never a super admin. Nobody else manages accounts.
 */
export function accountRefusal(actor: Grant, target: AccountTarget): 'role' | 'region' | null {
  if (actor.role === 'super') return null;
  if (actor.role !== 'region_admin') return 'role';
  if (target.role === 'super') return 'role';
  if (target.regionId === null || target.regionId !== actor.regionId) return 'region';
  return null;
}

/** The shape rules of an account: super admins have no region, everyone else has one; units only where allowed. */
export function accountShapeProblem(target: AccountTarget & { unitIds: readonly number[] }): string | null {
  if (target.role === 'super') {
    if (target.regionId !== null) return 'A super admin belongs to no region.';
    if (target.unitIds.length > 0) return 'A super admin has no units.';
    return null;
  }
  if (target.regionId === null) return 'This role needs a region.';
  const units = roleTakesUnits(target.role);
  if (units === 'required' && target.unitIds.length === 0) return 'A unit operator needs at least one unit.';
  if (units === 'never' && target.unitIds.length > 0) return 'A region admin reaches every unit; give no units.';
  return null;
}
