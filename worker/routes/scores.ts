/**
 * @module
 * Public scores (SPEC §5): a region's units ranked fairly, and one unit's `Score`, for any calendar
 * period. Read from rollups only; small cells suppressed (SPEC §4); cacheable by a CDN for a minute.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { PeriodQuerySchema, RegionScoresSchema, ScoreSchema, UnitServiceScoresSchema } from '../contract/scores';
import { publicCache } from '../http/cache';
import { PUBLIC_SECURITY, problemResponses } from '../http/openapi';
import { createRouter } from '../http/router';
import { regionRanking, unitFigure, unitServiceFigures } from '../services/public-pages';

const RegionParam = z.string().openapi({ param: { name: 'region', in: 'path' }, example: 'tanjungpinang' });
const UnitParam = z.string().openapi({ param: { name: 'unit', in: 'path' }, example: 'disdukcapil' });

const regionScoresRoute = createRoute({
  method: 'get',
  path: '/{region}/scores',
  tags: ['Public'],
  operationId: 'listRegionScores',
  security: PUBLIC_SECURITY,
  summary: 'Scores of every unit of a region, ranked fairly',
  description:
    'Every unit’s `Score` for the period, ordered by the empirical-Bayes shrunk IKM (docs/method.md, “Fair ranking”); the raw `ikm` stays the headline figure. Units with fewer than 10 responses, or withheld by the disclosure plan (SPEC §4), are suppressed and listed last.',
  request: { params: z.object({ region: RegionParam }), query: PeriodQuerySchema },
  responses: {
    200: { description: 'The region’s units', content: { 'application/json': { schema: RegionScoresSchema } } },
    ...problemResponses(400, 404),
  },
});

const unitScoresRoute = createRoute({
  method: 'get',
  path: '/{region}/units/{unit}/scores',
  tags: ['Public'],
  operationId: 'getUnitScore',
  security: PUBLIC_SECURITY,
  summary: 'Score of one unit',
  request: { params: z.object({ region: RegionParam, unit: UnitParam }), query: PeriodQuerySchema },
  responses: {
    200: { description: 'The unit’s score', content: { 'application/json': { schema: ScoreSchema } } },
    ...problemResponses(400, 404),
  },
});

const unitServicesRoute = createRoute({
  method: 'get',
  path: '/{region}/units/{unit}/services',
  tags: ['Public'],
  operationId: 'listUnitServiceScores',
  security: PUBLIC_SECURITY,
  summary: 'Scores of one unit per service (jenis layanan)',
  description:
    'One `ServiceScore` per service of the unit (by name, also those without responses), then one with `service: null` for responses given without a service. Services with fewer than 10 responses are suppressed, and so are those the disclosure plan withholds so that no combination of published figures reveals a withheld one (SPEC §4).',
  request: { params: z.object({ region: RegionParam, unit: UnitParam }), query: PeriodQuerySchema },
  responses: {
    200: {
      description: 'The unit’s services',
      content: { 'application/json': { schema: UnitServiceScoresSchema } },
    },
    ...problemResponses(400, 404),
  },
});

export const scoresRouter = createRouter();
scoresRouter.use('/:region/scores', publicCache);
scoresRouter.use('/:region/units/:unit/scores', publicCache);
scoresRouter.use('/:region/units/:unit/services', publicCache);

scoresRouter
  .openapi(regionScoresRoute, async (c) => {
    const { region: slug } = c.req.valid('param');
    const { period: periodId, lang } = c.req.valid('query');
    const { region, period, scores } = await regionRanking(c.env, slug, periodId, lang);
    return c.json(
      {
        region: { slug: region.slug, name: region.name },
        period: { id: period.id, start: period.start, end: period.end },
        units: scores,
      },
      200,
    );
  })
  .openapi(unitScoresRoute, async (c) => {
    const { period: periodId, lang } = c.req.valid('query');
    return c.json((await unitFigure(c.env, c.req.valid('param'), periodId, lang)).score, 200);
  })
  .openapi(unitServicesRoute, async (c) => {
    const { period: periodId, lang } = c.req.valid('query');
    const { region, unit, period, services } = await unitServiceFigures(c.env, c.req.valid('param'), periodId, lang);
    return c.json(
      {
        region: { slug: region.slug, name: region.name },
        unit: { slug: unit.slug, name: unit.name },
        period: { id: period.id, start: period.start, end: period.end },
        services,
      },
      200,
    );
  });
