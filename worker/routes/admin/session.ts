/**
 * @module
 * Console sign-in with the bootstrap token (SPEC §5): `POST /api/v1/admin/session` `{ token }` sets an
 * HttpOnly, Secure, SameSite=Strict `__Host-` cookie and returns the session's CSRF token, which the
 * console sends as `X-CSRF-Token` on every change; `GET` returns it again (after a page reload);
 * `DELETE` signs out. The cookie holds a random token; D1 stores only its SHA-256.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { csrf } from 'hono/csrf';
import { auditStatement } from '../../admin/audit';
import { readConfig } from '../../env';
import { problemResponses } from '../../http/openapi';
import { createRouter } from '../../http/router';
import {
  ADMIN_SESSION_COOKIE,
  ADMIN_TOKEN_ACTOR,
  type AdminEnv,
  adminAuth,
  CSRF_HEADER,
  findSession,
  isOwnOrigin,
  SESSION_TTL_MS,
  unauthorized,
} from '../../security/admin-auth';
import { randomCode, secretsEqual, sha256Hex } from '../../security/tokens';

const SessionSchema = z
  .object({
    actor: z.string().openapi({ example: 'admin-token' }),
    csrfToken: z.string().openapi({ description: `Send as the ${CSRF_HEADER} header on POST, PATCH and DELETE` }),
    expiresAt: z.number().int().openapi({ description: 'Milliseconds since the epoch' }),
  })
  .openapi('AdminSession');

const signIn = createRoute({
  method: 'post',
  path: '/',
  tags: ['Admin'],
  summary: 'Sign in to the console with the admin token',
  request: {
    body: {
      required: true,
      content: { 'application/json': { schema: z.object({ token: z.string().min(1).max(512) }) } },
    },
  },
  responses: {
    201: { description: 'Signed in; the cookie is set', content: { 'application/json': { schema: SessionSchema } } },
    ...problemResponses(400, 401, 403),
  },
});

const current = createRoute({
  method: 'get',
  path: '/',
  tags: ['Admin'],
  summary: 'The current console session and its CSRF token',
  responses: {
    200: { description: 'Signed in', content: { 'application/json': { schema: SessionSchema } } },
    ...problemResponses(401),
  },
});

const signOut = createRoute({
  method: 'delete',
  path: '/',
  tags: ['Admin'],
  summary: 'Sign out of the console',
  responses: { 204: { description: 'Signed out; the cookie is cleared' }, ...problemResponses(401, 403) },
});

export const sessionRouter = createRouter<AdminEnv>();
// Sign-in is a state-changing request authenticated by its body, so it too must come from our origin.
sessionRouter.use('/', async (c, next) =>
  c.req.method === 'POST'
    ? csrf({ origin: (origin) => isOwnOrigin(origin, c.req.url, readConfig(c.env).publicOrigin) })(c, next)
    : next(),
);
// Signing out changes state with the session cookie: the same origin and CSRF checks as every admin change.
sessionRouter.use('/', async (c, next) => (c.req.method === 'DELETE' ? adminAuth(c, next) : next()));

sessionRouter
  .openapi(signIn, async (c) => {
    const { token } = c.req.valid('json');
    const config = readConfig(c.env);
    if (!config.adminToken || !(await secretsEqual(token, config.adminToken))) {
      throw unauthorized('The admin token is not valid.', 'invalid_token');
    }
    const cookie = randomCode(52); // 260 bits
    const csrfToken = randomCode(32);
    const now = Date.now();
    const expiresAt = now + SESSION_TTL_MS;
    await c.env.DB.batch([
      // Sign-in is rare: a good moment to forget sessions that have expired.
      c.env.DB.prepare('DELETE FROM sessions WHERE expires_at <= ?').bind(now),
      c.env.DB.prepare('INSERT INTO sessions (id, user_id, csrf_token, expires_at) VALUES (?, ?, ?, ?)').bind(
        await sha256Hex(cookie),
        ADMIN_TOKEN_ACTOR,
        csrfToken,
        expiresAt,
      ),
      auditStatement(c.env.DB, ADMIN_TOKEN_ACTOR, 'session.create', 'session', { expiresAt }),
    ]);
    setCookie(c, ADMIN_SESSION_COOKIE, cookie, {
      httpOnly: true,
      secure: true,
      sameSite: 'Strict',
      path: '/',
      maxAge: SESSION_TTL_MS / 1000,
    });
    return c.json({ actor: ADMIN_TOKEN_ACTOR, csrfToken, expiresAt }, 201);
  })
  .openapi(current, async (c) => {
    const cookie = getCookie(c, ADMIN_SESSION_COOKIE);
    const session = cookie ? await findSession(c.env.DB, cookie) : null;
    if (!session) throw unauthorized('Not signed in.');
    const actor = session.userId === ADMIN_TOKEN_ACTOR ? ADMIN_TOKEN_ACTOR : `user:${session.userId}`;
    return c.json({ actor, csrfToken: session.csrfToken, expiresAt: session.expiresAt }, 200);
  })
  .openapi(signOut, async (c) => {
    const session = c.get('session');
    if (!session) throw unauthorized('Not signed in.');
    await c.env.DB.batch([
      c.env.DB.prepare('DELETE FROM sessions WHERE id = ?').bind(session.id),
      auditStatement(
        c.env.DB,
        session.userId === ADMIN_TOKEN_ACTOR ? ADMIN_TOKEN_ACTOR : `user:${session.userId}`,
        'session.delete',
        'session',
      ),
    ]);
    deleteCookie(c, ADMIN_SESSION_COOKIE, { path: '/', secure: true });
    return c.body(null, 204);
  });
