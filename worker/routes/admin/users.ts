/**
 * @module
 * Admin: staff accounts, their invitation and reset links (shown once), scoped to the admin's region and the
 * rules of domain/roles.ts; accepting a link is public (docs/accounts.md, docs/spec.md §5).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { csrf } from 'hono/csrf';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, MIN_PASSWORD_NON_SPACE } from '../../../domain/password-policy';
import { ROLES } from '../../../domain/roles';
import { readConfig } from '../../env';
import { ADMIN_SECURITY, json, PUBLIC_SECURITY, problemResponses } from '../../http/openapi';
import { isOwnOrigin, publicOrigin } from '../../http/origin';
import { createRouter } from '../../http/router';
import type { AdminEnv } from '../../security/admin-auth';
import { assertSignInAllowed, recordSignInFailure, signInKeys } from '../../security/sign-in-throttle';
import {
  acceptLink,
  createAccount,
  InvalidLinkError,
  issueResetLink,
  listAccounts,
  setAccountDisabled,
  signOutEverywhere,
} from '../../services/admin/accounts';
import { NameSchema, SlugSchema } from './params';

const IdParams = z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' }, example: 'usr_…' }) });
const Named = z.object({ slug: z.string(), name: z.string() });

const AccountSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    region: Named.nullable(),
    units: z.array(Named),
    status: z.enum(['invited', 'active', 'disabled']),
    totp: z.boolean().openapi({ description: 'Signs in with an authenticator code' }),
    createdAt: z.number().int(),
  })
  .openapi('Account');

const AccountCreateSchema = z
  .object({
    email: z.email().max(254).openapi({ example: 'operator@tanjungpinangkota.go.id' }),
    name: NameSchema.openapi({ example: 'Siti Rahmawati' }),
    role: z.enum(ROLES),
    region: SlugSchema.nullable().optional().openapi({ description: 'Required for every role but super' }),
    units: z
      .array(SlugSchema)
      .max(100)
      .optional()
      .openapi({ description: 'Unit slugs: required for unit_operator, optional for viewer' }),
  })
  .openapi('AccountCreate');

const LinkSchema = z
  .object({
    url: z.string().openapi({ description: 'One-time link, shown only in this response' }),
    expiresAt: z.number().int(),
  })
  .openapi('AccountLink');

const listRoute = createRoute({
  method: 'get',
  path: '/users',
  tags: ['Admin'],
  operationId: 'listUsers',
  summary: 'Staff accounts within reach (a region admin: their region’s)',
  security: ADMIN_SECURITY,
  request: {
    query: z.object({
      region: z
        .string()
        .optional()
        .openapi({ param: { name: 'region', in: 'query' } }),
    }),
  },
  responses: {
    200: { description: 'Accounts by region and name', ...json(z.array(AccountSchema)) },
    ...problemResponses(401, 403, 404),
  },
});

const createAccountRoute = createRoute({
  method: 'post',
  path: '/users',
  tags: ['Admin'],
  operationId: 'createUser',
  summary: 'Create a staff account; answers with its one-time invitation link (valid 7 days)',
  security: ADMIN_SECURITY,
  request: { body: { required: true, ...json(AccountCreateSchema) } },
  responses: {
    201: {
      description: 'Created; give the link to the person',
      ...json(
        z.object({ id: z.string(), invitationUrl: z.string(), expiresAt: z.number().int() }).openapi('CreatedAccount'),
      ),
    },
    ...problemResponses(400, 401, 403, 409),
  },
});

const resetRoute = createRoute({
  method: 'post',
  path: '/users/{id}/reset-link',
  tags: ['Admin'],
  operationId: 'createResetLink',
  summary: 'A one-time link to set a new password (24 h; a new invitation if none was accepted)',
  security: ADMIN_SECURITY,
  request: {
    params: IdParams,
    body: {
      required: false,
      ...json(
        z
          .object({
            resetTotp: z.boolean().optional().openapi({ description: 'Also remove the authenticator (a lost phone)' }),
          })
          .openapi('ResetLinkOptions'),
      ),
    },
  },
  responses: { 201: { description: 'Issued', ...json(LinkSchema) }, ...problemResponses(401, 403, 404, 409) },
});

const stateRoute = (action: 'disable' | 'enable' | 'sign-out-everywhere') =>
  createRoute({
    method: 'post',
    path: `/users/{id}/${action}`,
    tags: ['Admin'],
    operationId: (
      { disable: 'disableUser', enable: 'enableUser', 'sign-out-everywhere': 'signOutUserEverywhere' } as const
    )[action],
    summary: {
      disable: 'Disable an account: it signs out everywhere and can no longer sign in',
      enable: 'Enable a disabled account again',
      'sign-out-everywhere': 'End every session of an account',
    }[action],
    security: ADMIN_SECURITY,
    request: { params: IdParams },
    responses: { 204: { description: 'Done' }, ...problemResponses(401, 403, 404, 409) },
  });

const acceptRoute = createRoute({
  method: 'post',
  path: '/invitations/accept',
  tags: ['Admin'],
  operationId: 'acceptInvitation',
  security: PUBLIC_SECURITY,
  summary: 'Accept an invitation or reset link: set the password (public, one-time)',
  request: {
    body: {
      required: true,
      ...json(
        z
          .object({
            token: z.string().min(1).max(128).openapi({ description: 'The part of the link after #' }),
            password: z
              .string()
              .max(MAX_PASSWORD_LENGTH * 4)
              .openapi({
                description: `At least ${MIN_PASSWORD_LENGTH} characters (${MIN_PASSWORD_NON_SPACE} not spaces), not the e-mail address`,
              }),
          })
          .openapi('AcceptLink'),
      ),
    },
  },
  responses: {
    201: { description: 'Password set; sign in with e-mail and password', ...json(z.object({ ok: z.literal(true) })) },
    ...problemResponses(400, 403, 429),
  },
});

export const adminUsersRouter = createRouter<AdminEnv>();
// Accepting a link is authenticated by its body: like sign-in, it must come from our own pages.
adminUsersRouter.use('/invitations/accept', async (c, next) =>
  csrf({ origin: (o) => isOwnOrigin(c.env, c.req.url, o) })(c, next),
);

adminUsersRouter
  .openapi(listRoute, async (c) =>
    c.json(await listAccounts(c.env.DB, c.get('principal'), c.req.valid('query').region), 200),
  )
  .openapi(createAccountRoute, async (c) =>
    c.json(await createAccount(c.env.DB, c.get('principal'), c.req.valid('json'), publicOrigin(c.env, c.req.url)), 201),
  )
  .openapi(resetRoute, async (c) =>
    c.json(
      await issueResetLink(
        c.env.DB,
        c.get('principal'),
        c.req.valid('param').id,
        publicOrigin(c.env, c.req.url),
        c.req.valid('json') ?? {},
      ),
      201,
    ),
  )
  .openapi(stateRoute('disable'), async (c) => {
    await setAccountDisabled(c.env.DB, c.get('principal'), c.req.valid('param').id, true);
    return c.body(null, 204);
  })
  .openapi(stateRoute('enable'), async (c) => {
    await setAccountDisabled(c.env.DB, c.get('principal'), c.req.valid('param').id, false);
    return c.body(null, 204);
  })
  .openapi(stateRoute('sign-out-everywhere'), async (c) => {
    await signOutEverywhere(c.env.DB, c.get('principal'), c.req.valid('param').id);
    return c.body(null, 204);
  })
  .openapi(acceptRoute, async (c) => {
    const { token, password } = c.req.valid('json');
    const now = Date.now();
    // Guessing link tokens is hopeless (260 bits), but a device that keeps trying is throttled like sign-in.
    const keys = await signInKeys(c.env.DB, readConfig(c.env).deviceHashKey, c.req.raw.headers, null, now);
    await assertSignInAllowed(c.env.DB, keys, now);
    try {
      await acceptLink(c.env.DB, token, password, now);
    } catch (error) {
      if (error instanceof InvalidLinkError) await recordSignInFailure(c.env.DB, keys, now);
      throw error;
    }
    return c.json({ ok: true as const }, 201);
  });
