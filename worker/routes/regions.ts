/**
 * @module
 * `GET /api/v1/regions` (SPEC §5): the regions of this deployment.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { database } from '../db/client';
import { readDatabase } from '../db/read';
import { listRegions } from '../db/regions';
import { createRouter } from '../http/router';

export const RegionSchema = z
  .object({
    slug: z.string().openapi({ example: 'tanjungpinang' }),
    name: z.string().openapi({ example: 'Kota Tanjungpinang' }),
    timezone: z.string().openapi({ example: 'Asia/Jakarta' }),
  })
  .openapi('Region');

const listRegionsRoute = createRoute({
  method: 'get',
  path: '/',
  tags: ['Public'],
  summary: 'List regions (pemerintah daerah)',
  responses: {
    200: {
      description: 'Every region of this deployment',
      content: { 'application/json': { schema: z.array(RegionSchema) } },
    },
  },
});

export const regionsRouter = createRouter().openapi(listRegionsRoute, async (c) => {
  const rows = await listRegions(database(readDatabase(c.env)));
  return c.json(
    rows.map(({ slug, name, timezone }) => ({ slug, name, timezone })),
    200,
  );
});
