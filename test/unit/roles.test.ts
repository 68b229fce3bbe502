import { describe, expect, it } from 'vitest';
import {
  accountRefusal,
  accountShapeProblem,
  atLeast,
  type Grant,
  ROLES,
  reachesRegion,
  reachesUnit,
  unitLimit,
} from '../../domain/roles';

const superAdmin: Grant = { role: 'super', regionId: null, unitIds: null };
const regionAdmin: Grant = { role: 'region_admin', regionId: 1, unitIds: null };
const operator: Grant = { role: 'unit_operator', regionId: 1, unitIds: [10, 11] };
const viewer: Grant = { role: 'viewer', regionId: 1, unitIds: null };

describe('staff roles (SPEC §5 Admin, docs/accounts.md)', () => {
  it('orders the roles viewer < unit_operator < region_admin < super', () => {
    expect(ROLES).toEqual(['viewer', 'unit_operator', 'region_admin', 'super']);
    expect(atLeast('super', 'region_admin')).toBe(true);
    expect(atLeast('region_admin', 'region_admin')).toBe(true);
    expect(atLeast('unit_operator', 'region_admin')).toBe(false);
    expect(atLeast('viewer', 'unit_operator')).toBe(false);
    expect(atLeast('viewer', 'viewer')).toBe(true);
  });

  it('gives super admins every region and unit, everyone else their own region only', () => {
    expect(reachesRegion(superAdmin, 99)).toBe(true);
    expect(reachesUnit(superAdmin, 99, 5)).toBe(true);
    expect(reachesRegion(regionAdmin, 1)).toBe(true);
    expect(reachesRegion(regionAdmin, 2)).toBe(false);
    expect(reachesUnit(regionAdmin, 1, 12)).toBe(true);
    expect(reachesUnit(regionAdmin, 2, 12)).toBe(false);
  });

  it('keeps a unit operator to its own units, also inside its own region', () => {
    expect(reachesUnit(operator, 1, 10)).toBe(true);
    expect(reachesUnit(operator, 1, 12)).toBe(false);
    expect(reachesUnit(operator, 2, 10)).toBe(false);
    expect(unitLimit(operator)).toEqual([10, 11]);
    expect(unitLimit(regionAdmin)).toBeNull();
    expect(unitLimit({ role: 'unit_operator', regionId: 1, unitIds: [] })).toEqual([]);
    expect(reachesUnit({ role: 'unit_operator', regionId: 1, unitIds: [] }, 1, 10)).toBe(false);
    expect(reachesUnit(viewer, 1, 12)).toBe(true);
  });

  it('lets region admins create region admins, operators and viewers in their own region only, never a super admin', () => {
    for (const role of ['region_admin', 'unit_operator', 'viewer'] as const) {
      expect(accountRefusal(regionAdmin, { role, regionId: 1 }), role).toBeNull();
      expect(accountRefusal(regionAdmin, { role, regionId: 2 }), role).toBe('region');
    }
    expect(accountRefusal(regionAdmin, { role: 'super', regionId: null })).toBe('role');
    expect(accountRefusal(operator, { role: 'viewer', regionId: 1 })).toBe('role');
    expect(accountRefusal(viewer, { role: 'viewer', regionId: 1 })).toBe('role');
    expect(accountRefusal(superAdmin, { role: 'super', regionId: null })).toBeNull();
  });

  it('checks an account’s shape: super without region, operators with units, region admins without', () => {
    expect(accountShapeProblem({ role: 'super', regionId: null, unitIds: [] })).toBeNull();
    expect(accountShapeProblem({ role: 'super', regionId: 1, unitIds: [] })).toMatch(/no region/);
    expect(accountShapeProblem({ role: 'region_admin', regionId: null, unitIds: [] })).toMatch(/needs a region/);
    expect(accountShapeProblem({ role: 'unit_operator', regionId: 1, unitIds: [] })).toMatch(/at least one unit/);
    expect(accountShapeProblem({ role: 'unit_operator', regionId: 1, unitIds: [3] })).toBeNull();
    expect(accountShapeProblem({ role: 'region_admin', regionId: 1, unitIds: [3] })).toMatch(/every unit/);
    expect(accountShapeProblem({ role: 'viewer', regionId: 1, unitIds: [] })).toBeNull();
    expect(accountShapeProblem({ role: 'viewer', regionId: 1, unitIds: [3] })).toBeNull();
  });
});
