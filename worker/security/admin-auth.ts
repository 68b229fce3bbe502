/**
 * @module
 * `adminAuth`: who may use the admin API (SPEC §5). Either `Authorization: Bearer <ADMIN_TOKEN>`
 * (compared in constant time), or a console session cookie. Cookies are sent by browsers on their
 * own, so a session request with an unsafe method must also come from our own origin and carry the
 * session's CSRF token in `X-CSRF-Token` (the console reads it from `POST /api/v1/admin/session`).
 * Bearer requests need no CSRF defence: browsers never attach that header by themselves.
 */
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { Actor } from '../admin/audit';
import { type AppEnv, readConfig } from '../env';
import { ProblemError } from '../http/problem';
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

export type AdminEnv = AppEnv & {
  Variables: { actor: Actor; session: AdminSession | null };
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const unauthorized = (detail: string, error?: 'invalid_token') => bearerUnauthorized('admin', detail, error);

/** True when the request demonstrably comes from a page of this portal (Origin, else Sec-Fetch-Site). */
export function isSameOrigin(request: Request, publicOrigin: string | null): boolean {
  const origin = request.headers.get('Origin');
  if (origin !== null) return isOwnOrigin(origin, request.url, publicOrigin);
  return request.headers.get('Sec-Fetch-Site') === 'same-origin';
}

/** True when `origin` is this portal's: the request's own origin or the configured public one. */
export function isOwnOrigin(origin: string, requestUrl: string, publicOrigin: string | null): boolean {
  return origin === new URL(requestUrl).origin || origin === publicOrigin;
}

/** The live session of a cookie value, or null. */
export async function findSession(d1: D1Database, cookie: string, now = Date.now()): Promise<AdminSession | null> {
  return d1
    .prepare(
      'SELECT id, user_id AS userId, csrf_token AS csrfToken, expires_at AS expiresAt FROM sessions WHERE id = ? AND expires_at > ?',
    )
    .bind(await sha256Hex(cookie), now)
    .first<AdminSession>();
}

/** The audit actor of a session; user sessions must belong to an enabled super admin. */
export async function sessionActor(d1: D1Database, session: AdminSession): Promise<Actor> {
  if (session.userId === ADMIN_TOKEN_ACTOR) return ADMIN_TOKEN_ACTOR;
  const user = await d1
    .prepare('SELECT role FROM users WHERE id = ? AND disabled_at IS NULL')
    .bind(session.userId)
    .first<{ role: string }>();
  if (!user) throw unauthorized('The session’s user no longer exists or is disabled.');
  // Region-scoped roles (region_admin, moderator) need per-route checks that do not exist yet: refuse.
  if (user.role !== 'super') throw new ProblemError(403, 'This account may not use the admin API.');
  return `user:${session.userId}`;
}

export const adminAuth = createMiddleware<AdminEnv>(async (c, next) => {
  const config = readConfig(c.env);
  const authorization = c.req.header('Authorization');
  if (authorization !== undefined) {
    const token = bearerToken(authorization);
    if (!token || !config.adminToken || !(await secretsEqual(token, config.adminToken))) {
      throw unauthorized('The admin token is not valid.', 'invalid_token');
    }
    c.set('actor', ADMIN_TOKEN_ACTOR);
    c.set('session', null);
    return next();
  }
  const cookie = getCookie(c, ADMIN_SESSION_COOKIE);
  if (cookie) {
    const session = await findSession(c.env.DB, cookie);
    if (!session) throw unauthorized('The session has expired or was signed out.');
    if (!SAFE_METHODS.has(c.req.method)) {
      if (!isSameOrigin(c.req.raw, config.publicOrigin)) {
        throw new ProblemError(403, 'Cross-site request refused.');
      }
      const csrf = c.req.header(CSRF_HEADER) ?? '';
      if (!(await secretsEqual(csrf, session.csrfToken))) {
        throw new ProblemError(403, `Missing or wrong ${CSRF_HEADER} header.`);
      }
    }
    c.set('actor', await sessionActor(c.env.DB, session));
    c.set('session', session);
    return next();
  }
  throw unauthorized('Admin credentials are required: Authorization: Bearer <ADMIN_TOKEN>, or a console session.');
});
