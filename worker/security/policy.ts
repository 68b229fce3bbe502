/**
 * @module
 * Who may call which admin route: one policy (least role, and the scope the path names) per route in ADMIN_POLICIES;
 * enforcePolicy checks it before the route runs, fails closed, and resolves `c.var.region`/`unit` (docs/accounts.md).
 */
import { createMiddleware } from 'hono/factory';
import { matchedRoutes } from 'hono/route';
import { atLeast, type Role, reachesRegion, reachesUnit } from '../../domain/roles';
import { database } from '../db/client';
import { findRegion, findUnit } from '../db/regions';
import { ProblemError } from '../http/problem';
import { type AdminEnv, adminAuth } from './admin-auth';

/**
 * What the path names and the caller must reach: `unit` (`:region` and `:unit`), `region` (`:region`), `global`
 * (nothing in the path: the handler limits what it shows or changes to the caller's reach), or `public` (no
 * credentials; the route guards itself, e.g. signing in).
 */
export type PolicyScope = 'public' | 'global' | 'region' | 'unit';

export interface Policy {
  /** The least role that may call the route (`viewer` < `unit_operator` < `region_admin` < `super`). */
  role: Role;
  scope: PolicyScope;
}

/** A route's policy; `role` is ignored for public routes. */
export function policy(p: Policy): Policy {
  return p;
}

const PUBLIC = policy({ role: 'viewer', scope: 'public' });

/**
 * Every admin route, by `METHOD /path` relative to `/api/v1/admin` (Hono's `:param` syntax). A route without a
 * policy is refused to everyone but super admins (fail closed), and test/api/policy.test.ts fails on it.
 */
export const ADMIN_POLICIES: Record<string, Policy> = {
  // Signing in, reading one's own session (it answers 401 itself) and accepting an invitation or reset link.
  'POST /session': PUBLIC,
  'GET /session': PUBLIC,
  'POST /invitations/accept': PUBLIC,
  // One's own session and authenticator.
  'DELETE /session': policy({ role: 'viewer', scope: 'global' }),
  'POST /session/sign-out-everywhere': policy({ role: 'viewer', scope: 'global' }),
  'POST /session/totp': policy({ role: 'viewer', scope: 'global' }),
  'POST /session/totp/confirm': policy({ role: 'viewer', scope: 'global' }),
  'POST /session/totp/disable': policy({ role: 'viewer', scope: 'global' }),
  'POST /session/password': policy({ role: 'viewer', scope: 'global' }),
  // Accounts: region admins manage their own region's (handlers check the target with domain/roles.ts).
  'GET /users': policy({ role: 'region_admin', scope: 'global' }),
  'POST /users': policy({ role: 'region_admin', scope: 'global' }),
  'POST /users/:id/reset-link': policy({ role: 'region_admin', scope: 'global' }),
  'POST /users/:id/disable': policy({ role: 'region_admin', scope: 'global' }),
  'POST /users/:id/enable': policy({ role: 'region_admin', scope: 'global' }),
  'POST /users/:id/sign-out-everywhere': policy({ role: 'region_admin', scope: 'global' }),
  'GET /audit': policy({ role: 'region_admin', scope: 'global' }),
  // The organisation tree.
  'POST /regions': policy({ role: 'super', scope: 'global' }),
  'GET /regions/:region/units': policy({ role: 'viewer', scope: 'region' }),
  'POST /regions/:region/units': policy({ role: 'region_admin', scope: 'region' }),
  'PATCH /regions/:region/units/:unit': policy({ role: 'region_admin', scope: 'unit' }),
  'GET /regions/:region/units/:unit/services': policy({ role: 'viewer', scope: 'unit' }),
  'POST /regions/:region/units/:unit/services': policy({ role: 'region_admin', scope: 'unit' }),
  'GET /regions/:region/units/:unit/counters': policy({ role: 'viewer', scope: 'unit' }),
  'POST /regions/:region/units/:unit/counters': policy({ role: 'region_admin', scope: 'unit' }),
  'PATCH /regions/:region/units/:unit/counters/:code': policy({ role: 'region_admin', scope: 'unit' }),
  'GET /regions/:region/units/:unit/counters/:code/qr.svg': policy({ role: 'viewer', scope: 'unit' }),
  'GET /regions/:region/units/:unit/counters/:code/poster': policy({ role: 'viewer', scope: 'unit' }),
  'POST /regions/:region/units/:unit/responses/import': policy({ role: 'unit_operator', scope: 'unit' }),
  // Paper questionnaires keyed in one by one; undo is further limited to the author (worker/services/admin/paper-entry.ts).
  'POST /regions/:region/units/:unit/responses': policy({ role: 'unit_operator', scope: 'unit' }),
  'DELETE /regions/:region/units/:unit/responses/:id': policy({ role: 'unit_operator', scope: 'unit' }),
  // Kiosks (enrolled tablets and displays) of a counter.
  'GET /regions/:region/units/:unit/counters/:code/kiosks': policy({ role: 'viewer', scope: 'unit' }),
  'POST /regions/:region/units/:unit/counters/:code/kiosks': policy({ role: 'region_admin', scope: 'unit' }),
  'DELETE /regions/:region/units/:unit/counters/:code/kiosks/:id': policy({ role: 'region_admin', scope: 'unit' }),
  // Follow-up (rencana tindak lanjut).
  'GET /regions/:region/units/:unit/follow-up': policy({ role: 'viewer', scope: 'unit' }),
  'POST /regions/:region/units/:unit/follow-up': policy({ role: 'unit_operator', scope: 'unit' }),
  'PATCH /regions/:region/units/:unit/follow-up/:id': policy({ role: 'unit_operator', scope: 'unit' }),
  'DELETE /regions/:region/units/:unit/follow-up/:id': policy({ role: 'unit_operator', scope: 'unit' }),
  // The operator's dashboard: region paths show a unit-scoped caller its own units only (worker/routes/admin/dashboard.ts).
  'GET /regions/:region/dashboard': policy({ role: 'viewer', scope: 'region' }),
  'GET /regions/:region/units/:unit/dashboard': policy({ role: 'viewer', scope: 'unit' }),
  // The official SKM report: a unit's needs that unit, the whole region's needs region-wide reach (reports.ts).
  'GET /regions/:region/reports/skm': policy({ role: 'viewer', scope: 'region' }),
  'GET /regions/:region/reports/skm.pdf': policy({ role: 'viewer', scope: 'region' }),
  // SKP evidence (bukti dukung): the report carries it too, so whoever may read the unit's report may issue it.
  'POST /regions/:region/units/:unit/evidence': policy({ role: 'viewer', scope: 'unit' }),
  'GET /regions/:region/units/:unit/evidence.svg': policy({ role: 'viewer', scope: 'unit' }),
  // Agency API keys.
  'GET /regions/:region/api-keys': policy({ role: 'region_admin', scope: 'region' }),
  'POST /regions/:region/api-keys': policy({ role: 'region_admin', scope: 'region' }),
  'DELETE /regions/:region/api-keys/:id': policy({ role: 'region_admin', scope: 'region' }),
  // Moderation queues: region paths; handlers keep unit-scoped callers to their units (unitLimit).
  'GET /regions/:region/comments': policy({ role: 'viewer', scope: 'region' }),
  'PATCH /regions/:region/comments/:id': policy({ role: 'unit_operator', scope: 'region' }),
  'GET /regions/:region/responses/flagged': policy({ role: 'viewer', scope: 'region' }),
  'POST /regions/:region/responses/:id/accept': policy({ role: 'unit_operator', scope: 'region' }),
  'POST /regions/:region/responses/:id/reject': policy({ role: 'unit_operator', scope: 'region' }),
};

export const ADMIN_PREFIX = '/api/v1/admin';

/** The policy of a route by method and full Hono path, or null when none is declared. */
export function policyOf(method: string, path: string): Policy | null {
  const relative = path.startsWith(ADMIN_PREFIX) ? path.slice(ADMIN_PREFIX.length) || '/' : path;
  return ADMIN_POLICIES[`${method.toUpperCase()} ${relative.replace(/\/+$/, '') || '/'}`] ?? null;
}

/** The path parameters of `pattern` (`/a/:b/c`) in `path`; both already matched by the router. */
function pathParams(pattern: string, path: string): Record<string, string> {
  const names = pattern.split('/');
  const values = path.split('/');
  const params: Record<string, string> = {};
  names.forEach((name, i) => {
    if (name.startsWith(':') && values[i] !== undefined) params[name.slice(1)] = decodeURIComponent(values[i]);
  });
  return params;
}

/**
 * Runs before every admin route: authenticates (adminAuth), then refuses a role below the policy's with 403, a
 * region or unit that does not exist with 404 and one the caller does not reach with 403, before the route
 * validates or changes anything.
 */
export const enforcePolicy = createMiddleware<AdminEnv>(async (c, next) => {
  // The route that will answer: middleware (`use`) is registered for every method as ALL.
  const route = matchedRoutes(c).find((r) => r.method !== 'ALL');
  const found = route ? policyOf(route.method, route.path) : null;
  if (found?.scope === 'public') return next();
  // Authenticates (401) and checks CSRF on changes (403); sets the principal.
  await adminAuth(c, async () => {});
  if (!route) return next(); // no such route: the 404 comes after authentication, as before
  const principal = c.get('principal');
  if (!found) {
    if (principal.role === 'super') return next();
    throw new ProblemError(403, 'This route declares no access policy; only super admins may call it.');
  }
  if (!atLeast(principal.role, found.role)) {
    throw new ProblemError(403, `This needs the role ${found.role} or above; this account is ${principal.role}.`);
  }
  if (found.scope === 'region' || found.scope === 'unit') {
    const params = pathParams(route.path, c.req.path);
    const db = database(c.env.DB);
    const region = await findRegion(db, params.region ?? '');
    if (!region) throw new ProblemError(404, `No region '${params.region}'.`);
    if (!reachesRegion(principal, region.id)) {
      throw new ProblemError(403, `This account does not work in region '${params.region}'.`);
    }
    c.set('region', region);
    if (found.scope === 'unit') {
      const unit = await findUnit(db, region.id, params.unit ?? '');
      if (!unit) throw new ProblemError(404, `No unit '${params.unit}' in region '${params.region}'.`);
      if (!reachesUnit(principal, region.id, unit.id)) {
        throw new ProblemError(403, `This account does not work in unit '${params.unit}'.`);
      }
      c.set('unit', unit);
    }
  }
  return next();
});
