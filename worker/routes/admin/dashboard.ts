/**
 * @module
 * Admin: the operator's read-only dashboard of a region or unit: this month against last, the year's sample, the
 * moderation queues and their alerts, unsuppressed (docs/spec.md §3 "Operator alerts", §5).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { SEVERITIES } from '../../../domain/alerts';
import { parsePeriod } from '../../../domain/periods';
import { unitLimit } from '../../../domain/roles';
import { ELEMENT_CODES } from '../../../domain/survey';
import { ScoreSchema, ServiceScoreSchema } from '../../contract/scores';
import { ADMIN_SECURITY, json, problemResponses } from '../../http/openapi';
import { ProblemError } from '../../http/problem';
import { createRouter } from '../../http/router';
import type { AdminEnv } from '../../security/admin-auth';
import { dashboardMonth, regionDashboard, unitDashboardOf } from '../../services/indicators/dashboard';
import { regionUnits, unitServices } from '../../services/regions';
import { RegionParams, UnitParams } from './params';

const MonthQuerySchema = z.object({
  month: z
    .string()
    .refine((id) => parsePeriod(id)?.kind === 'month', { message: "Expected a month 'YYYY-MM', e.g. 2026-11." })
    .optional()
    .openapi({
      param: { name: 'month', in: 'query' },
      description: 'The month to show, in the region’s time zone; default the current month. Not a future month.',
      example: '2026-11',
    }),
  lang: z
    .enum(['id', 'en'])
    .optional()
    .openapi({ param: { name: 'lang', in: 'query' }, description: 'Language of element names' }),
});

const PeriodSchema = z.object({ id: z.string(), start: z.string(), end: z.string() });
const UnitRef = z.object({ slug: z.string(), name: z.string() });
const MonthSummarySchema = ScoreSchema.pick({
  responses: true,
  ikm: true,
  ikmLow: true,
  ikmHigh: true,
  grade: true,
  elements: true,
}).openapi('MonthSummary', { description: 'A month’s unsuppressed figures (null without responses)' });
const ChangeSchema = z.object({
  ikm: z.number().nullable().openapi({ description: 'IKM points, this month minus last (null unless both have one)' }),
  responses: z.number().int(),
});
const Grade = z.enum(['A', 'B', 'C', 'D']);
const Severity = z.enum(SEVERITIES);

const AlertSchema = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('ikm-drop'),
      severity: Severity,
      from: z.number(),
      to: z.number(),
      points: z.number().openapi({ description: 'IKM points fallen since last month (≥ 5; ≥ 10 is critical)' }),
    }),
    z.object({ kind: z.literal('grade-drop'), severity: Severity, from: Grade, to: Grade }),
    z.object({
      kind: z.literal('element-grade-d'),
      severity: Severity,
      elements: z.array(z.object({ code: z.enum(ELEMENT_CODES), score: z.number() })).openapi({
        description: 'Elements whose NRR × 25 is below 65.00 (grade D) this month',
      }),
    }),
    z.object({
      kind: z.literal('sample-behind'),
      severity: Severity,
      required: z.number().int().openapi({ description: 'Share of the year’s sample due by `asOf`' }),
      achieved: z.number().int().openapi({ description: 'Responses since 1 January' }),
      requiredYear: z.number().int(),
    }),
    z.object({
      kind: z.literal('comments-waiting'),
      severity: Severity,
      count: z.number().int(),
      oldestDays: z.number().int(),
    }),
    z.object({
      kind: z.literal('flags-waiting'),
      severity: Severity,
      count: z.number().int(),
      oldestDays: z.number().int(),
    }),
  ])
  .openapi('Alert', {
    description:
      'Something on the dashboard that needs acting on (SPEC §3, “Operator alerts”). `severity` is critical, warning or info.',
  });

const UnitDashboardFields = {
  unit: UnitRef,
  thisMonth: MonthSummarySchema,
  lastMonth: MonthSummarySchema,
  change: ChangeSchema,
  sample: z
    .object({
      population: z.number().int(),
      requiredYear: z.number().int().openapi({ description: 'Krejcie & Morgan sample for the yearly population' }),
      requiredToDate: z.number().int().openapi({ description: 'Its share due by `asOf` (elapsed days of the year)' }),
      achievedToDate: z.number().int().openapi({ description: 'Responses from 1 January to `asOf`' }),
    })
    .nullable()
    .openapi({ description: 'Null when the unit has no yearly population set' }),
  moderation: z.object({
    pendingComments: z.number().int(),
    oldestCommentDays: z.number().int().nullable(),
    flaggedRatings: z.number().int(),
    oldestFlaggedDays: z.number().int().nullable(),
  }),
  held: z
    .object({
      count: z.number().int().openapi({ description: 'Ratings of the month still held for a staff check' }),
      share: z.number().openapi({ description: 'Their share of the month’s stored ratings (counted + held), 0–1' }),
    })
    .openapi({
      description:
        'Ratings stored but held (shared network, burst, hourly limit: SPEC §5), neither released nor rejected yet',
    }),
  alerts: z.array(AlertSchema).openapi({ description: 'Most severe first' }),
};

const DashboardHead = {
  region: UnitRef,
  month: PeriodSchema,
  previousMonth: PeriodSchema,
  asOf: z.string().openapi({ description: 'Last local date of the year-to-date figures: today, or the month’s end' }),
};

export const RegionDashboardSchema = z
  .object({
    ...DashboardHead,
    totals: z.object({
      thisMonth: MonthSummarySchema,
      lastMonth: MonthSummarySchema,
      change: ChangeSchema,
      alerts: z.object({ critical: z.number().int(), warning: z.number().int(), info: z.number().int() }),
    }),
    alerts: z
      .array(AlertSchema.and(z.object({ unit: UnitRef })))
      .openapi({ description: 'Every unit’s alerts, most severe first' }),
    units: z.array(z.object(UnitDashboardFields).openapi('UnitDashboardEntry')),
  })
  .openapi('RegionDashboard');

export const UnitDashboardSchema = z
  .object({
    ...DashboardHead,
    ...UnitDashboardFields,
    services: z.array(ServiceScoreSchema).openapi({ description: 'This month per service, unsuppressed' }),
  })
  .openapi('UnitDashboard');

const regionDashboardRoute = createRoute({
  method: 'get',
  path: '/regions/{region}/dashboard',
  tags: ['Admin'],
  operationId: 'getRegionDashboard',
  summary: 'The region’s dashboard: every unit this month against last, and the alerts',
  security: ADMIN_SECURITY,
  request: { params: RegionParams, query: MonthQuerySchema },
  responses: {
    200: { description: 'The dashboard', ...json(RegionDashboardSchema) },
    ...problemResponses(400, 401, 404),
  },
});

const unitDashboardRoute = createRoute({
  method: 'get',
  path: '/regions/{region}/units/{unit}/dashboard',
  tags: ['Admin'],
  operationId: 'getUnitDashboard',
  summary: 'One unit’s dashboard, with this month per service',
  security: ADMIN_SECURITY,
  request: { params: UnitParams, query: MonthQuerySchema },
  responses: {
    200: { description: 'The dashboard', ...json(UnitDashboardSchema) },
    ...problemResponses(400, 401, 404),
  },
});

function monthOrProblem(month: string | undefined, region: { timezone: string }) {
  const resolved = dashboardMonth(month, region);
  if (!resolved) throw new ProblemError(400, `The month ${month} has not begun in this region.`);
  return resolved;
}

export const adminDashboardRouter = createRouter<AdminEnv>()
  .openapi(regionDashboardRoute, async (c) => {
    const { month, lang } = c.req.valid('query');
    const region = c.var.region;
    const resolved = monthOrProblem(month, region);
    // A unit-scoped account sees its own units' entries and alerts only.
    const limit = unitLimit(c.get('principal'));
    const units = (await regionUnits(c.env.DB, region.id)).filter((unit) => limit === null || limit.includes(unit.id));
    return c.json(await regionDashboard(c.env.DB, region, units, resolved, Date.now(), lang), 200);
  })
  .openapi(unitDashboardRoute, async (c) => {
    const { month, lang } = c.req.valid('query');
    const { region, unit } = c.var;
    const resolved = monthOrProblem(month, region);
    const services = await unitServices(c.env.DB, unit.id);
    return c.json(await unitDashboardOf(c.env.DB, region, unit, services, resolved, Date.now(), lang), 200);
  });
