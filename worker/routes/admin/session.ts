/**
 * @module
 * Console sign-in, sign-out and one's own authenticator (TOTP): an HttpOnly `__Host-` session cookie plus a CSRF
 * token; failed sign-ins are throttled and audited (docs/accounts.md, docs/spec.md §5).
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { csrf } from 'hono/csrf';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, MIN_PASSWORD_NON_SPACE } from '../../../domain/password-policy';
import { readConfig } from '../../env';
import { ADMIN_SECURITY, json, PUBLIC_SECURITY, problemResponses } from '../../http/openapi';
import { isOwnOrigin } from '../../http/origin';
import { createRouter } from '../../http/router';
import {
  ADMIN_SESSION_COOKIE,
  ADMIN_TOKEN_ACTOR,
  type AdminEnv,
  CSRF_HEADER,
  findSession,
  type Principal,
  SESSION_TTL_MS,
  sessionId,
  sessionPrincipal,
  unauthorized,
  userPrincipal,
} from '../../security/admin-auth';
import {
  assertSignInAllowed,
  emailDigest,
  forgiveSignInAttempt,
  recordReservedFailure,
  recordSignInFailure,
  reserveSignInAttempt,
  signInKeys,
} from '../../security/sign-in-throttle';
import { randomCode, secretsEqual } from '../../security/tokens';
import { confirmTotp, disableTotp, enrolTotp } from '../../services/admin/account-totp';
import {
  changePassword,
  endSession,
  normalizeEmail,
  passwordSignIn,
  principalView,
  signOutEverywhere,
  storeSession,
  TotpRequiredError,
} from '../../services/admin/accounts';
import { signInFailureAudit } from '../../services/admin/audit';

const NamedSchema = z.object({ slug: z.string(), name: z.string() });

const SessionSchema = z
  .object({
    actor: z.string().openapi({ example: 'user:usr_3kq8m2x9ab7cdefg' }),
    role: z.enum(['super', 'region_admin', 'unit_operator', 'viewer']),
    user: z
      .object({ id: z.string(), email: z.string(), name: z.string(), totp: z.boolean() })
      .nullable()
      .openapi({ description: 'Null for a session opened with the bootstrap token' }),
    region: NamedSchema.nullable().openapi({ description: 'The account’s region; null for super admins' }),
    units: z.array(NamedSchema).openapi({ description: 'The units a unit-scoped account works in; empty otherwise' }),
    csrfToken: z.string().openapi({ description: `Send as the ${CSRF_HEADER} header on POST, PATCH and DELETE` }),
    expiresAt: z.number().int().openapi({ description: 'Milliseconds since the epoch' }),
  })
  .openapi('AdminSession');

const SignInSchema = z
  .object({
    token: z.string().min(1).max(512).optional().openapi({ description: 'The bootstrap ADMIN_TOKEN' }),
    email: z.string().trim().max(254).optional().openapi({ example: 'operator@tanjungpinangkota.go.id' }),
    password: z.string().min(1).max(1024).optional(),
    totp: z
      .string()
      .regex(/^\d{6}$/, 'Six digits.')
      .optional()
      .openapi({ description: 'The current code, for accounts with an authenticator' }),
  })
  .superRefine((body, ctx) => {
    if (body.token !== undefined) return;
    if (!body.email) ctx.addIssue({ code: 'custom', path: ['email'], message: 'Enter the e-mail address.' });
    if (!body.password) ctx.addIssue({ code: 'custom', path: ['password'], message: 'Enter the password.' });
  })
  .openapi('SignIn', { description: '`{ email, password, totp? }` for a staff account, or `{ token }`' });

const signIn = createRoute({
  method: 'post',
  path: '/',
  tags: ['Admin'],
  operationId: 'signIn',
  security: PUBLIC_SECURITY,
  summary: 'Sign in to the console (staff account, or the bootstrap token)',
  request: { body: { required: true, ...json(SignInSchema) } },
  responses: {
    201: { description: 'Signed in; the cookie is set', ...json(SessionSchema) },
    ...problemResponses(400, 401, 403, 429),
  },
});

const current = createRoute({
  method: 'get',
  path: '/',
  tags: ['Admin'],
  operationId: 'getSession',
  security: PUBLIC_SECURITY,
  summary: 'The current console session: who, role, region, units, and the CSRF token',
  responses: { 200: { description: 'Signed in', ...json(SessionSchema) }, ...problemResponses(401) },
});

const signOut = createRoute({
  method: 'delete',
  path: '/',
  tags: ['Admin'],
  operationId: 'signOut',
  summary: 'Sign out of the console',
  security: ADMIN_SECURITY,
  responses: { 204: { description: 'Signed out; the cookie is cleared' }, ...problemResponses(401, 403) },
});

const everywhere = createRoute({
  method: 'post',
  path: '/sign-out-everywhere',
  tags: ['Admin'],
  operationId: 'signOutEverywhere',
  summary: 'End every session of one’s own account (on every device)',
  security: ADMIN_SECURITY,
  responses: {
    200: { description: 'Signed out everywhere', ...json(z.object({ sessions: z.number().int() })) },
    ...problemResponses(401, 403),
  },
});

const PasswordField = z.string().min(1).max(1024).openapi({ description: 'The current password (re-authentication)' });
const SixDigits = z.string().regex(/^\d{6}$/, 'Six digits.');

const ReauthSchema = z.object({ password: PasswordField }).openapi('TotpEnrolRequest');
const ConfirmSchema = z
  .object({ password: PasswordField, code: SixDigits.openapi({ description: 'A code of the new authenticator' }) })
  .openapi('TotpConfirm');
const DisableSchema = z
  .object({ password: PasswordField, code: SixDigits.openapi({ description: 'A current code of the authenticator' }) })
  .openapi('TotpDisable');

const REAUTH_REFUSED =
  '403: the password or code is wrong (counted as a failed sign-in); 429 with Retry-After once the account or network is locked';

const totpEnrol = createRoute({
  method: 'post',
  path: '/totp',
  tags: ['Admin'],
  operationId: 'startTotpEnrolment',
  summary: 'Start enrolling an authenticator app (TOTP), with the current password: the secret is shown once',
  description: REAUTH_REFUSED,
  security: ADMIN_SECURITY,
  request: { body: { required: true, ...json(ReauthSchema) } },
  responses: {
    201: {
      description: 'Scan the QR code (or type the secret), then confirm with a code',
      ...json(
        z
          .object({
            secret: z.string().openapi({ description: 'Base32, for typing into the app' }),
            uri: z.string().openapi({ example: 'otpauth://totp/Suara%20Layanan:a%40b.id?secret=…' }),
            qrSvg: z.string().openapi({ description: 'The URI as a QR code (SVG markup)' }),
          })
          .openapi('TotpEnrolment'),
      ),
    },
    ...problemResponses(400, 401, 403, 409, 429),
  },
});

const totpRoute = (action: 'confirm' | 'disable') =>
  createRoute({
    method: 'post',
    path: `/totp/${action}`,
    tags: ['Admin'],
    operationId: action === 'confirm' ? 'confirmTotp' : 'disableTotp',
    summary:
      action === 'confirm'
        ? 'Confirm the authenticator with its first code and the password: from now on sign-in asks for a code'
        : 'Remove the authenticator (needs the password and a current code)',
    description: REAUTH_REFUSED,
    security: ADMIN_SECURITY,
    request: { body: { required: true, ...json(action === 'confirm' ? ConfirmSchema : DisableSchema) } },
    responses: { 204: { description: 'Done' }, ...problemResponses(400, 401, 403, 409, 429) },
  });

const passwordChange = createRoute({
  method: 'post',
  path: '/password',
  tags: ['Admin'],
  operationId: 'changePassword',
  summary: 'Change one’s own password (current password, and a current code with an authenticator)',
  description: `${REAUTH_REFUSED}. Every other session of the account ends.`,
  security: ADMIN_SECURITY,
  request: {
    body: {
      required: true,
      ...json(
        z
          .object({
            password: PasswordField,
            newPassword: z
              .string()
              .max(MAX_PASSWORD_LENGTH * 4)
              .openapi({
                description: `At least ${MIN_PASSWORD_LENGTH} characters (${MIN_PASSWORD_NON_SPACE} not spaces), not the e-mail address`,
              }),
            totp: SixDigits.optional().openapi({ description: 'A current code, for accounts with an authenticator' }),
          })
          .openapi('PasswordChange'),
      ),
    },
  },
  responses: { 204: { description: 'Changed' }, ...problemResponses(400, 401, 403, 429) },
});

/** The sign-in throttle of the signed-in account and the caller's network, for re-authentication. */
async function throttleOf(c: Context<AdminEnv>, principal: Principal) {
  const now = Date.now();
  const email = principal.email === null ? null : normalizeEmail(principal.email);
  return { keys: await signInKeys(c.env.DB, readConfig(c.env).deviceHashKey, c.req.raw.headers, email, now), now };
}

export const sessionRouter = createRouter<AdminEnv>();
// Sign-in is a state-changing request authenticated by its body, so it too must come from our origin.
sessionRouter.use('/', async (c, next) =>
  c.req.method === 'POST' ? csrf({ origin: (origin) => isOwnOrigin(c.env, c.req.url, origin) })(c, next) : next(),
);

async function openSession(c: Context<AdminEnv>, userId: string, actor: string, regionId: number | null) {
  const cookie = randomCode(52); // 260 bits
  // A bootstrap session's id is keyed with the token that opened it, so it ends when the token changes.
  const id = await sessionId(cookie, userId === ADMIN_TOKEN_ACTOR ? readConfig(c.env).adminToken : null);
  const csrfToken = randomCode(32);
  const now = Date.now();
  const expiresAt = now + SESSION_TTL_MS;
  await storeSession(c.env.DB, { id, userId, csrfToken, expiresAt }, actor, regionId, now);
  setCookie(c, ADMIN_SESSION_COOKIE, cookie, {
    httpOnly: true,
    secure: true,
    sameSite: 'Strict',
    path: '/',
    maxAge: SESSION_TTL_MS / 1000,
  });
  return { csrfToken, expiresAt };
}

sessionRouter
  .openapi(signIn, async (c) => {
    const body = c.req.valid('json');
    const config = readConfig(c.env);
    const now = Date.now();
    const email = body.token === undefined ? normalizeEmail(body.email ?? '') : null;
    const keys = await signInKeys(c.env.DB, config.deviceHashKey, c.req.raw.headers, email, now);
    if (body.token !== undefined) {
      await assertSignInAllowed(c.env.DB, keys, now);
      if (!config.adminToken || !(await secretsEqual(body.token, config.adminToken))) {
        await recordSignInFailure(c.env.DB, keys, now, [signInFailureAudit(c.env.DB, { method: 'token' })]);
        throw unauthorized('The admin token is not valid.', 'invalid_token');
      }
      const opened = await openSession(c, ADMIN_TOKEN_ACTOR, ADMIN_TOKEN_ACTOR, null);
      return c.json(
        { actor: ADMIN_TOKEN_ACTOR, role: 'super' as const, user: null, region: null, units: [], ...opened },
        201,
      );
    }
    // Counted before the check, so parallel guesses stop at the limit; given back when the password was right.
    await reserveSignInAttempt(c.env.DB, keys, now);
    // A missing code (TotpRequiredError, 401) is not counted: the password was right. A wrong code is.
    const outcome = await passwordSignIn(
      c.env.DB,
      () => config.totpEncryptionKey,
      { email: email ?? '', password: body.password ?? '', totp: body.totp },
      now,
    ).catch(async (error: unknown) => {
      if (error instanceof TotpRequiredError) await forgiveSignInAttempt(c.env.DB, keys, now);
      throw error;
    });
    const principal = outcome.ok ? await userPrincipal(c.env.DB, outcome.id) : null;
    if (!outcome.ok || !principal) {
      const failure = outcome.ok
        ? { reason: 'disabled', account: null }
        : { reason: outcome.reason, account: outcome.account };
      await recordReservedFailure(c.env.DB, [
        signInFailureAudit(c.env.DB, {
          method: 'password',
          ...failure,
          emailHash: await emailDigest(config.deviceHashKey, email ?? ''),
        }),
      ]);
      throw unauthorized('The e-mail address, password or code is not right.');
    }
    await forgiveSignInAttempt(c.env.DB, keys, now);
    const opened = await openSession(c, outcome.id, principal.actor, outcome.regionId);
    return c.json({ ...(await principalView(c.env.DB, principal)), ...opened }, 201);
  })
  .openapi(current, async (c) => {
    const cookie = getCookie(c, ADMIN_SESSION_COOKIE);
    const session = cookie ? await findSession(c.env.DB, cookie, readConfig(c.env).adminToken) : null;
    if (!session) throw unauthorized('Not signed in.');
    const principal = await sessionPrincipal(c.env.DB, session);
    return c.json(
      { ...(await principalView(c.env.DB, principal)), csrfToken: session.csrfToken, expiresAt: session.expiresAt },
      200,
    );
  })
  .openapi(signOut, async (c) => {
    const session = c.get('session');
    if (!session) throw unauthorized('Not signed in.');
    await endSession(c.env.DB, c.get('principal'), session.id);
    deleteCookie(c, ADMIN_SESSION_COOKIE, { path: '/', secure: true });
    return c.body(null, 204);
  })
  .openapi(everywhere, async (c) => {
    const principal = c.get('principal');
    const result = await signOutEverywhere(c.env.DB, principal, 'self');
    if (c.get('session')) deleteCookie(c, ADMIN_SESSION_COOKIE, { path: '/', secure: true });
    return c.json(result, 200);
  })
  .openapi(totpEnrol, async (c) => {
    const principal = c.get('principal');
    const key = readConfig(c.env).totpEncryptionKey;
    const proof = { password: c.req.valid('json').password };
    return c.json(await enrolTotp(c.env.DB, key, principal, proof, await throttleOf(c, principal)), 201);
  })
  .openapi(totpRoute('confirm'), async (c) => {
    const principal = c.get('principal');
    const key = readConfig(c.env).totpEncryptionKey;
    const { password, code } = c.req.valid('json');
    await confirmTotp(c.env.DB, key, principal, { password, code }, await throttleOf(c, principal));
    return c.body(null, 204);
  })
  .openapi(totpRoute('disable'), async (c) => {
    const principal = c.get('principal');
    const key = readConfig(c.env).totpEncryptionKey;
    const { password, code } = c.req.valid('json');
    await disableTotp(c.env.DB, key, principal, { password, totp: code }, await throttleOf(c, principal));
    return c.body(null, 204);
  })
  .openapi(passwordChange, async (c) => {
    const principal = c.get('principal');
    const key = readConfig(c.env).totpEncryptionKey;
    const { password, newPassword, totp } = c.req.valid('json');
    const session = c.get('session');
    await changePassword(
      c.env.DB,
      key,
      principal,
      { password, totp },
      newPassword,
      session?.id ?? null,
      await throttleOf(c, principal),
    );
    return c.body(null, 204);
  });
