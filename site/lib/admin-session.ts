/**
 * @module
 * The console's view of who is signed in: the same session cookie, table and rules as the admin API
 * (worker/security/admin-auth.ts, domain/roles.ts), checked on the server before a console page renders
 * anything. Pages ask {@link ConsoleSession.can} before showing an action, and {@link regionAccess} before
 * showing a region: the API refuses the same things, so a hidden button is convenience, not the defence.
 */

import { env } from 'cloudflare:workers';
import type { AstroGlobal } from 'astro';
import { atLeast, type Role, reachesRegion, reachesUnit, unitLimit } from '../../domain/roles';
import { type PrincipalView, principalView } from '../../worker/admin/accounts';
import { readConfig } from '../../worker/env';
import {
  ADMIN_SESSION_COOKIE,
  type AdminSession,
  findSession,
  type Principal,
  sessionPrincipal,
} from '../../worker/security/admin-auth';

export interface ConsoleSession {
  csrfToken: string;
  expiresAt: number;
  principal: Principal;
  view: PrincipalView;
  /** True when the role is at least `minimum` (and, given ids, the region and unit are in reach). */
  can(minimum: Role, where?: { regionId?: number; unitId?: number }): boolean;
  /** The units the account is limited to in its region, or null for all. */
  units: readonly number[] | null;
}

export async function consoleSession(astro: AstroGlobal): Promise<ConsoleSession | null> {
  // Console pages show unpublished comments and key listings: never cached, never indexed.
  astro.response.headers.set('Cache-Control', 'no-store');
  astro.response.headers.set('X-Robots-Tag', 'noindex, nofollow');
  const cookie = astro.cookies.get(ADMIN_SESSION_COOKIE)?.value;
  const session: AdminSession | null = cookie ? await findSession(env.DB, cookie, readConfig(env).adminToken) : null;
  if (!session) return null;
  const principal = await sessionPrincipal(env.DB, session).catch(() => null);
  if (!principal) return null;
  return {
    csrfToken: session.csrfToken,
    expiresAt: session.expiresAt,
    principal,
    view: await principalView(env.DB, principal),
    units: unitLimit(principal),
    can(minimum, where = {}) {
      if (!atLeast(principal.role, minimum)) return false;
      if (where.regionId !== undefined && where.unitId !== undefined) {
        return reachesUnit(principal, where.regionId, where.unitId);
      }
      if (where.regionId !== undefined) return reachesRegion(principal, where.regionId);
      return true;
    },
  };
}

/** The console's 404 for an unknown region or unit (no-store, like every console page). */
export function notFound(): Response {
  return new Response(null, { status: 404, headers: { 'Cache-Control': 'no-store' } });
}

/** A 403 page body for a region or page outside the account's reach (no-store, like every console page). */
export function forbidden(): Response {
  return new Response('403 Forbidden: this account does not work here.', {
    status: 403,
    headers: { 'Cache-Control': 'no-store', 'Content-Type': 'text/plain; charset=utf-8' },
  });
}
