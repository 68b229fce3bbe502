/**
 * @module
 * `GET /api/v1/agency/scores` (SPEC §5): the key's own region, unsuppressed, with sample adequacy,
 * SKP comparison and counters. A key never reaches another region: asking for one is a 404, exactly
 * as if it did not exist.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { PeriodQuerySchema, RankedScoreSchema, ServiceScoreSchema } from '../contract/scores';
import { noStore } from '../http/cache';
import { problemResponses, SECURITY } from '../http/openapi';
import { ProblemError } from '../http/problem';
import { createRouter } from '../http/router';
import { type AgencyEnv, agencyAuth } from '../security/api-keys';
import { agencyScores } from '../services/indicators/agency';
import { resolvePeriod } from '../services/indicators/scores';
import { regionById } from '../services/regions';

const CounterScoreSchema = z
  .object({
    code: z.string().openapi({ example: '7k2m9q4x1c' }),
    name: z.string().openapi({ example: 'Loket 1' }),
    active: z.boolean(),
    responses: z.number().int(),
    ikm: z.number().nullable().openapi({ description: 'Unsuppressed; null without responses' }),
    grade: z.enum(['A', 'B', 'C', 'D']).nullable(),
  })
  .openapi('CounterScore');

const AgencyUnitScoreSchema = RankedScoreSchema.extend({
  sample: z
    .object({
      population: z.number().int().nullable().openapi({
        description: 'Expected respondents in the period: the unit’s yearly population × months ÷ 12',
      }),
      required: z.number().int().nullable().openapi({ description: 'Krejcie & Morgan sample size (SPEC §3)' }),
      achieved: z.number().int(),
      adequate: z.boolean().nullable(),
    })
    .openapi({ description: 'Sample adequacy; null figures when the unit has no population set' }),
  target: z.number().nullable().openapi({ description: 'The unit’s SKP target IKM (25–100)' }),
  realization: z.number().nullable().openapi({ description: 'IKM ÷ target, 4 decimals (0.9823 = 98.23%)' }),
  suggestedRating: z
    .enum(['DI_ATAS', 'SESUAI', 'DI_BAWAH'])
    .nullable()
    .openapi({ description: 'Suggestion for the SKP indicator (PermenPANRB 6/2022); the assessor decides' }),
  counters: z.array(CounterScoreSchema).openapi({ description: 'Per counter (loket): never published (SPEC §4)' }),
  services: z.array(ServiceScoreSchema).openapi({
    description:
      'Per service (jenis layanan), unsuppressed; the last with `service: null` when some responses name none',
  }),
}).openapi('AgencyUnitScore');

const AgencyScoresSchema = z
  .object({
    region: z.object({ slug: z.string(), name: z.string() }),
    period: z.object({ id: z.string(), start: z.string(), end: z.string() }),
    units: z.array(AgencyUnitScoreSchema),
  })
  .openapi('AgencyScores');

const agencyScoresRoute = createRoute({
  method: 'get',
  path: '/scores',
  tags: ['Agency'],
  operationId: 'getAgencyScores',
  summary: 'Unsuppressed scores of the key’s region, with sample size, SKP and counters',
  security: [{ [SECURITY.agencyKey]: [] }],
  request: {
    query: PeriodQuerySchema.extend({
      region: z
        .string()
        .optional()
        .openapi({
          param: { name: 'region', in: 'query' },
          description: 'Optional; must be the key’s own region (any other answers 404)',
        }),
    }),
  },
  responses: {
    200: {
      description: 'Every unit of the key’s region',
      content: { 'application/json': { schema: AgencyScoresSchema } },
    },
    ...problemResponses(400, 401, 404),
  },
});

export const agencyRouter = createRouter<AgencyEnv>();
agencyRouter.use('*', noStore, agencyAuth);

agencyRouter.openapi(agencyScoresRoute, async (c) => {
  const { period: periodId, lang, region: requested } = c.req.valid('query');
  const { regionId } = c.get('agencyKey');
  const region = await regionById(c.env.DB, regionId);
  if (!region || (requested !== undefined && requested !== region.slug)) {
    // The same answer as for a region that does not exist: a key cannot probe other tenants.
    throw new ProblemError(404, requested ? `No region '${requested}'.` : 'No region.');
  }
  const period = resolvePeriod(periodId, region)!;
  return c.json(
    {
      region: { slug: region.slug, name: region.name },
      period: { id: period.id, start: period.start, end: period.end },
      units: await agencyScores(c.env.DB, region, period, lang),
    },
    200,
  );
});
