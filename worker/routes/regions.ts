/**
 * @module
 * `GET /api/v1/regions` (SPEC §5): the regions of this deployment, with their Kemendagri code and province,
 * cacheable by a CDN for a minute.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { provinceOfCode } from '../../domain/region-codes';
import { publicCache } from '../http/cache';
import { PUBLIC_SECURITY } from '../http/openapi';
import { createRouter } from '../http/router';
import { publicRegions } from '../services/public-pages';
import type { Region } from '../services/regions';

export const ProvinceSchema = z
  .object({
    code: z.string().openapi({ example: '21', description: 'Kemendagri province code (BPS uses the same).' }),
    name: z.string().openapi({ example: 'Kepulauan Riau' }),
  })
  .openapi('Province');

export const RegionSchema = z
  .object({
    slug: z.string().openapi({ example: 'tanjungpinang' }),
    name: z.string().openapi({ example: 'Kota Tanjungpinang' }),
    timezone: z.string().openapi({ example: 'Asia/Jakarta' }),
    code: z.string().nullable().openapi({
      example: '21.72',
      description:
        'Official Kemendagri region code (kode wilayah): NN.NN a kabupaten/kota, NN a province. BPS writes it without the dot (2172). Null only for a region created before codes existed.',
    }),
    province: ProvinceSchema.nullable().openapi({ description: 'The province of `code`; null when `code` is null.' }),
  })
  .openapi('Region');

/** The public shape of a region (SPEC §5 `Region`): the province comes from the code's first two digits. */
export function regionView(region: Pick<Region, 'slug' | 'name' | 'timezone' | 'code'>): z.infer<typeof RegionSchema> {
  return {
    slug: region.slug,
    name: region.name,
    timezone: region.timezone,
    code: region.code,
    province: provinceOfCode(region.code),
  };
}

const listRegionsRoute = createRoute({
  method: 'get',
  path: '/',
  tags: ['Public'],
  operationId: 'listRegions',
  security: PUBLIC_SECURITY,
  summary: 'List regions (pemerintah daerah)',
  responses: {
    200: {
      description: 'Every region of this deployment, by name',
      content: { 'application/json': { schema: z.array(RegionSchema) } },
    },
  },
});

export const regionsRouter = createRouter();
// The same for everyone, like the scores: a shared cache may keep it for a minute.
regionsRouter.use('/', publicCache);
regionsRouter.openapi(listRegionsRoute, async (c) => {
  const rows = await publicRegions(c.env);
  return c.json(rows.map(regionView), 200);
});
