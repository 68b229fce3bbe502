/**
 * @module
 * The zod schemas of `Score` (SPEC §5) and of the query that selects a period: they validate the
 * requests and generate the OpenAPI document, and tests parse responses with them so the code and
 * the published contract cannot disagree.
 */
import { z } from '@hono/zod-openapi';
import { parsePeriod } from '../../domain/periods';
import { ELEMENT_CODES } from '../../domain/survey';

export const PeriodQuerySchema = z.object({
  period: z
    .string()
    .refine((id) => parsePeriod(id) !== null, {
      message: 'Expected a period such as 2026-11 (month), 2026-Q4 (quarter), 2026-S2 (semester) or 2026 (year).',
    })
    .optional()
    .openapi({
      param: { name: 'period', in: 'query' },
      description:
        'Calendar period in the region’s time zone: `YYYY-MM`, `YYYY-Qn`, `YYYY-Sn` or `YYYY`. Default: the current year.',
      example: '2026-Q4',
    }),
  lang: z
    .enum(['id', 'en'])
    .optional()
    .openapi({
      param: { name: 'lang', in: 'query' },
      description: 'Language of element names (Bahasa Indonesia by default).',
    }),
});

const ElementCodeSchema = z.enum(ELEMENT_CODES);

export const ScoreSchema = z
  .object({
    region: z.object({ slug: z.string(), name: z.string() }),
    unit: z.object({ slug: z.string(), name: z.string() }),
    period: z.object({
      id: z.string().openapi({ example: '2026-Q4' }),
      start: z.string().openapi({ description: 'First local date, inclusive', example: '2026-10-01' }),
      end: z.string().openapi({ description: 'Last local date, inclusive', example: '2026-12-31' }),
    }),
    responses: z.number().int().openapi({ description: 'Number of (unflagged) responses in the period' }),
    suppressed: z.boolean().openapi({
      description: 'True when fewer than 10 responses: only the count is published (SPEC §4)',
    }),
    ikm: z.number().nullable().openapi({ description: 'IKM on the 25–100 scale, 2 decimals', example: 91.48 }),
    ikmLow: z.number().nullable().openapi({ description: 'Lower bound of the 95% confidence interval, 2 decimals' }),
    ikmHigh: z.number().nullable().openapi({ description: 'Upper bound of the 95% confidence interval, 2 decimals' }),
    grade: z
      .enum(['A', 'B', 'C', 'D'])
      .nullable()
      .openapi({ description: 'Mutu pelayanan: A Sangat Baik, B Baik, C Kurang Baik, D Tidak Baik' }),
    elements: z
      .array(
        z.object({
          code: ElementCodeSchema,
          name: z.string().openapi({ example: 'Persyaratan' }),
          nrr: z.number().openapi({ description: 'Mean score 1–4 of the element, 3 decimals', example: 3.621 }),
        }),
      )
      .nullable(),
    distribution: z
      .array(
        z.object({
          code: ElementCodeSchema,
          counts: z
            .array(z.number().int())
            .length(4)
            .openapi({ description: 'How many answered 1, 2, 3 and 4', example: [1, 3, 40, 56] }),
        }),
      )
      .nullable()
      .openapi({ description: 'Answers per score and element; null when suppressed or without responses' }),
  })
  .openapi('Score', {
    description:
      'Indicators of one unit in one period (SPEC §3, §5). `ikm`, `ikmLow`, `ikmHigh`, `grade`, `elements` and `distribution` are null when suppressed or when there are no responses.',
  });

/** The figures of `Score` without its region, unit and period: what a per-service row repeats. */
const SummaryFields = ScoreSchema.omit({ region: true, unit: true, period: true });

export const ServiceScoreSchema = SummaryFields.extend({
  service: z
    .object({
      slug: z.string().openapi({ example: 'ktp-el' }),
      name: z.string().openapi({ example: 'Penerbitan KTP-el' }),
    })
    .nullable()
    .openapi({ description: 'The service (jenis layanan) rated; null for responses given without one' }),
  suppressed: z.boolean().openapi({
    description:
      'True when fewer than 10 responses, or withheld so that no small service can be recovered by subtracting the published ones from the unit’s figure (SPEC §4): only the count is published',
  }),
}).openapi('ServiceScore', {
  description: 'Indicators of one service (jenis layanan) of a unit in one period (SPEC §5).',
});

export const UnitServiceScoresSchema = z
  .object({
    region: z.object({ slug: z.string(), name: z.string() }),
    unit: z.object({ slug: z.string(), name: z.string() }),
    period: z.object({ id: z.string(), start: z.string(), end: z.string() }),
    services: z.array(ServiceScoreSchema),
  })
  .openapi('UnitServiceScores');

export const RankedScoreSchema = ScoreSchema.extend({
  rank: z.number().int().openapi({
    description:
      'Position in the region, 1 = best by the shrunk (empirical-Bayes) IKM; units too small to publish come last (docs/method.md)',
  }),
}).openapi('RankedScore');

export const RegionScoresSchema = z
  .object({
    region: z.object({ slug: z.string(), name: z.string() }),
    period: z.object({ id: z.string(), start: z.string(), end: z.string() }),
    units: z.array(RankedScoreSchema),
  })
  .openapi('RegionScores');
