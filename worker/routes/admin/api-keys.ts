/**
 * @module
 * Admin: a region's agency API keys: create (the key is shown once), list (without secrets), revoke
 * (docs/spec.md §5, docs/api.md).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { ADMIN_SECURITY, json, problemResponses } from '../../http/openapi';
import { ProblemError } from '../../http/problem';
import { createRouter } from '../../http/router';
import type { AdminEnv } from '../../security/admin-auth';
import { createApiKey, listApiKeys, revokeApiKey } from '../../services/admin/api-keys';
import { LabelSchema, RegionParams } from './params';

const CreatedKeySchema = z
  .object({
    id: z.string().openapi({ example: 'key_3kq8m2x9ab7c' }),
    key: z.string().openapi({
      description: 'The secret, shown only in this response: store it now',
      example: 'sl_live_9n3k7q2m8x4c6v1b5z0h2j7k9m3p4q6r',
    }),
    prefix: z.string().openapi({ example: 'sl_live_9n3k' }),
  })
  .openapi('CreatedApiKey');

const ApiKeySchema = z
  .object({
    id: z.string(),
    label: z.string(),
    prefix: z.string().openapi({ description: 'The first characters of the key, to tell keys apart' }),
    createdAt: z.number().int(),
    lastUsedAt: z.number().int().nullable().openapi({ description: 'Accurate to a minute' }),
    revokedAt: z.number().int().nullable(),
  })
  .openapi('ApiKey');

const postRoute = createRoute({
  method: 'post',
  path: '/regions/{region}/api-keys',
  tags: ['Admin'],
  operationId: 'createApiKey',
  summary: 'Create an agency API key for a region',
  security: ADMIN_SECURITY,
  request: {
    params: RegionParams,
    body: {
      required: true,
      ...json(
        z.object({
          label: LabelSchema.openapi({ example: 'Bagian Organisasi — laporan SKP' }),
        }),
      ),
    },
  },
  responses: { 201: { description: 'Created', ...json(CreatedKeySchema) }, ...problemResponses(400, 401, 403, 404) },
});

const listRoute = createRoute({
  method: 'get',
  path: '/regions/{region}/api-keys',
  tags: ['Admin'],
  operationId: 'listApiKeys',
  summary: 'List a region’s API keys (never the secrets)',
  security: ADMIN_SECURITY,
  request: { params: RegionParams },
  responses: {
    200: { description: 'Keys, oldest first', ...json(z.array(ApiKeySchema)) },
    ...problemResponses(401, 404),
  },
});

const revokeRoute = createRoute({
  method: 'delete',
  path: '/regions/{region}/api-keys/{id}',
  tags: ['Admin'],
  operationId: 'revokeApiKey',
  summary: 'Revoke an API key (immediately)',
  security: ADMIN_SECURITY,
  request: { params: RegionParams.extend({ id: z.string().openapi({ param: { name: 'id', in: 'path' } }) }) },
  responses: { 204: { description: 'Revoked' }, ...problemResponses(401, 403, 404) },
});

export const adminApiKeysRouter = createRouter<AdminEnv>()
  .openapi(postRoute, async (c) => {
    const region = c.var.region;
    return c.json(await createApiKey(c.env.DB, c.get('actor'), region, c.req.valid('json').label), 201);
  })
  .openapi(listRoute, async (c) => {
    const region = c.var.region;
    return c.json(await listApiKeys(c.env.DB, region.id), 200);
  })
  .openapi(revokeRoute, async (c) => {
    const { region: slug, id } = c.req.valid('param');
    const region = c.var.region;
    if (!(await revokeApiKey(c.env.DB, c.get('actor'), region, id))) {
      throw new ProblemError(404, `Region '${slug}' has no API key '${id}'.`);
    }
    return c.body(null, 204);
  });
