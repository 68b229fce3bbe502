/**
 * @module
 * `adminAuth`: the admin token or a console session cookie (unsafe methods also same-origin with `X-CSRF-Token`)
 * sets the caller's Principal; worker/security/policy.ts decides per route (docs/spec.md §5, docs/accounts.md).
 */
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { Grant } from '../../domain/roles';
import { findEnabledUser, findLiveSession } from '../db/accounts';
import type { Region, Unit } from '../db/regions';
import { type AppEnv, type Bindings, readConfig } from '../env';
import { isOwnOrigin } from '../http/origin';
import { ProblemError } from '../http/problem';
import { type Actor, signInFailureAudit } from '../services/admin/audit';
import { hmacBase64Url } from './hmac';
import { assertSignInAllowed, recordSignInFailure, signInKeys } from './sign-in-throttle';
import { bearerToken, bearerUnauthorized, secretsEqual, sha256Hex } from './tokens';

/** `__Host-`: only set over HTTPS, for this exact host and path /, so no subdomain can plant or read it. */
export const ADMIN_SESSION_COOKIE = '__Host-sl_admin';
export const CSRF_HEADER = 'X-CSRF-Token';
/** A console session lasts a working day. */
export const SESSION_TTL_MS = 8 * 60 * 60 * 1000;
/** The actor of the bootstrap token, in the audit log and in sessions opened with it. */
export const ADMIN_TOKEN_ACTOR = 'admin-token';

export interface AdminSession {
  id: string;
  userId: string;
  csrfToken: string;
  expiresAt: number;
}

/** Who is calling the admin API: the audit actor and the role, region and units it reaches. */
export interface Principal extends Grant {
  actor: Actor;
  /** Null for the bootstrap ADMIN_TOKEN, which is a super admin without an account. */
  userId: string | null;
  email: string | null;
  name: string | null;
}

export const BOOTSTRAP_PRINCIPAL: Principal = {
  actor: ADMIN_TOKEN_ACTOR,
  userId: null,
  email: null,
  name: null,
  role: 'super',
  regionId: null,
  unitIds: null,
};

export type AdminEnv = AppEnv & {
  Variables: {
    actor: Actor;
    principal: Principal;
    session: AdminSession | null;
    /** The path's `:region` and `:unit`, resolved once by enforcePolicy for routes of that scope only. */
    region: Region;
    unit: Unit;
  };
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const unauthorized = (detail: string, error?: 'invalid_token') => bearerUnauthorized('admin', detail, error);

/** True when the request demonstrably comes from a page of this portal (Origin, else Sec-Fetch-Site). */
export function isSameOrigin(env: Bindings, request: Request): boolean {
  const origin = request.headers.get('Origin');
  if (origin !== null) return isOwnOrigin(env, request.url, origin);
  return request.headers.get('Sec-Fetch-Site') === 'same-origin';
}

/**
 * The id under which a session is stored: the SHA-256 of its cookie, or for a session opened with the bootstrap
 * token an HMAC of the cookie keyed with that token. Rotating ADMIN_TOKEN (or removing it) thus ends every
 * session it opened, without the token or anything that reveals it being stored.
 */
export async function sessionId(cookie: string, bootstrapToken: string | null): Promise<string> {
  return bootstrapToken === null
    ? sha256Hex(cookie)
    : `bootstrap:${await hmacBase64Url(bootstrapToken, `console-session\u0000${cookie}`)}`;
}

/** The live session of a cookie value, or null; `adminToken` is the current ADMIN_TOKEN (see {@link sessionId}). */
export async function findSession(
  d1: D1Database,
  cookie: string,
  adminToken: string | null,
  now = Date.now(),
): Promise<AdminSession | null> {
  const ids = {
    id: await sessionId(cookie, null),
    bootstrapId: adminToken === null ? '' : await sessionId(cookie, adminToken),
    bootstrapActor: ADMIN_TOKEN_ACTOR,
  };
  return findLiveSession(d1, ids, now);
}

/** The principal of a user id: its role, region and units; null when the account is missing or disabled. */
export async function userPrincipal(d1: D1Database, userId: string): Promise<Principal | null> {
  const found = await findEnabledUser(d1, userId);
  if (!found) return null;
  const { user: row, unitIds } = found;
  return {
    actor: `user:${row.id}`,
    userId: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    regionId: row.role === 'super' ? null : row.regionId,
    // Operators reach their units only (none if none are left); a viewer without units sees the whole region.
    unitIds: row.role === 'unit_operator' || (row.role === 'viewer' && unitIds.length > 0) ? unitIds : null,
  };
}

/** The principal of a session; a session whose user is gone or disabled is refused (401). */
export async function sessionPrincipal(d1: D1Database, session: AdminSession): Promise<Principal> {
  if (session.userId === ADMIN_TOKEN_ACTOR) return BOOTSTRAP_PRINCIPAL;
  const principal = await userPrincipal(d1, session.userId);
  if (!principal) throw unauthorized('The session’s user no longer exists or is disabled.');
  return principal;
}

export const adminAuth = createMiddleware<AdminEnv>(async (c, next) => {
  const config = readConfig(c.env);
  const authorization = c.req.header('Authorization');
  if (authorization !== undefined) {
    const token = bearerToken(authorization);
    // Token guesses are throttled like sign-ins, per network: checked before comparing, so a locked network
    // cannot learn whether a guess was right.
    const now = Date.now();
    const keys = await signInKeys(c.env.DB, config.deviceHashKey, c.req.raw.headers, null, now);
    await assertSignInAllowed(c.env.DB, keys, now);
    if (!token || !config.adminToken || !(await secretsEqual(token, config.adminToken))) {
      await recordSignInFailure(c.env.DB, keys, now, [signInFailureAudit(c.env.DB, { method: 'bearer' })]);
      throw unauthorized('The admin token is not valid.', 'invalid_token');
    }
    c.set('actor', ADMIN_TOKEN_ACTOR);
    c.set('principal', BOOTSTRAP_PRINCIPAL);
    c.set('session', null);
    return next();
  }
  const cookie = getCookie(c, ADMIN_SESSION_COOKIE);
  if (cookie) {
    const session = await findSession(c.env.DB, cookie, config.adminToken);
    if (!session) throw unauthorized('The session has expired or was signed out.');
    // Browsers send cookies on their own (never an Authorization header): only sessions need the CSRF defence.
    if (!SAFE_METHODS.has(c.req.method)) {
      if (!isSameOrigin(c.env, c.req.raw)) {
        throw new ProblemError(403, 'Cross-site request refused.');
      }
      const csrf = c.req.header(CSRF_HEADER) ?? '';
      if (!(await secretsEqual(csrf, session.csrfToken))) {
        throw new ProblemError(403, `Missing or wrong ${CSRF_HEADER} header.`);
      }
    }
    const principal = await sessionPrincipal(c.env.DB, session);
    c.set('actor', principal.actor);
    c.set('principal', principal);
    c.set('session', session);
    return next();
  }
  throw unauthorized('Admin credentials are required: Authorization: Bearer <ADMIN_TOKEN>, or a console session.');
});
