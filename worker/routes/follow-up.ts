/**
 * @module
 * Public: a unit's follow-up actions ("Anda berkata, kami bertindak" / "You said, we did", SPEC §5), what it does
 * about its weakest elements. Nothing personal: the owner is a position. Cacheable by a CDN for a minute.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { FollowUpActionSchema, followUpOut, PeriodIdSchema } from '../contract/follow-up';
import { publicCache } from '../http/cache';
import { PUBLIC_SECURITY, problemResponses } from '../http/openapi';
import { createRouter } from '../http/router';
import { unitFollowUp } from '../services/admin/follow-up';
import { requireUnit } from '../services/regions';

const publicFollowUpRoute = createRoute({
  method: 'get',
  path: '/{region}/units/{unit}/follow-up',
  tags: ['Public'],
  operationId: 'listUnitFollowUp',
  security: PUBLIC_SECURITY,
  summary: 'Follow-up actions of a unit (you said, we did)',
  description:
    'The actions the unit committed to for the SKM period they answer (all periods when `period` is absent), by due date.',
  request: {
    params: z.object({
      region: z.string().openapi({ param: { name: 'region', in: 'path' }, example: 'tanjungpinang' }),
      unit: z.string().openapi({ param: { name: 'unit', in: 'path' }, example: 'disdukcapil' }),
    }),
    query: z.object({ period: PeriodIdSchema.optional().openapi({ param: { name: 'period', in: 'query' } }) }),
  },
  responses: {
    200: {
      description: 'The actions',
      content: { 'application/json': { schema: z.array(FollowUpActionSchema) } },
    },
    ...problemResponses(400, 404),
  },
});

export const followUpRouter = createRouter();
followUpRouter.use('/:region/units/:unit/follow-up', publicCache);
followUpRouter.openapi(publicFollowUpRoute, async (c) => {
  const params = c.req.valid('param');
  const { unit } = await requireUnit(c.env.DB, params.region, params.unit);
  const actions = await unitFollowUp(c.env.DB, unit.id, c.req.valid('query').period);
  return c.json(actions.map(followUpOut), 200);
});
