/**
 * @module
 * Admin: the official SKM report of a unit or region per period (HTML, PDF) and the signed SKP evidence link of a
 * unit × period; staff see unsuppressed figures, and the report says so (docs/spec.md §4, §5).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { localDate, type Period, parsePeriod, periodStatus } from '../../../domain/periods';
import { reachesUnit, unitLimit } from '../../../domain/roles';
import { SLUG_PATTERN } from '../../../domain/slugs';
import { readConfig } from '../../env';
import { contentDisposition } from '../../http/content-disposition';
import { ADMIN_SECURITY, problemResponses } from '../../http/openapi';
import { publicOrigin } from '../../http/origin';
import { ProblemError } from '../../http/problem';
import { createRouter } from '../../http/router';
import type { AdminEnv, Principal } from '../../security/admin-auth';
import { type Actor, auditStatement } from '../../services/admin/audit';
import { qrSvg } from '../../services/admin/counter-print';
import { unitScore } from '../../services/indicators/scores';
import { findUnitOf, type Region, regionUnits, type Unit } from '../../services/regions';
import { claimFigures, type IssuedEvidence, issueEvidence } from '../../services/report/evidence';
import { loadSkmReport } from '../../services/report/skm-report-data';
import { skmReportHtml } from '../../services/report/skm-report-html';
import { skmReportPdf } from '../../services/report/skm-report-pdf';
import { RegionParams, UnitParams } from './params';

const PERIOD_MESSAGE =
  'Expected a period such as 2026-11 (month), 2026-Q4 (quarter), 2026-S2 (semester) or 2026 (year).';

const PeriodSchema = z
  .string()
  .refine((id) => parsePeriod(id) !== null, { message: PERIOD_MESSAGE })
  .openapi({ description: 'Calendar period in the region’s time zone', example: '2026-Q4' });

const ReportQuerySchema = z.object({
  period: PeriodSchema.openapi({ param: { name: 'period', in: 'query' } }),
  // Empty means the whole region: the console's unit picker sends `unit=` for it.
  unit: z
    .union([z.string().regex(SLUG_PATTERN, 'Expected a unit slug such as disdukcapil.'), z.literal('')])
    .optional()
    .openapi({
      param: { name: 'unit', in: 'query' },
      description: 'The unit’s report; without it, the report of the whole region',
      example: 'disdukcapil',
    }),
});

const EvidenceQuerySchema = z.object({ period: PeriodSchema.openapi({ param: { name: 'period', in: 'query' } }) });

const EvidenceSchema = z
  .object({
    url: z.string().openapi({ example: 'https://suara.example/bukti/eyJ2IjoxLCJyIjoi….Xk3m9Q…' }),
    token: z.string(),
    region: z.string(),
    unit: z.string(),
    period: z.string().openapi({ example: '2026-Q4' }),
    responses: z.number().int(),
    ikm: z.number().openapi({ example: 88.42 }),
    ikmLow: z.number(),
    ikmHigh: z.number(),
    grade: z.enum(['A', 'B', 'C', 'D']),
    issuedOn: z.string().openapi({ description: 'Local date of issue', example: '2027-01-05' }),
  })
  .openapi('SkpEvidence', {
    description:
      'A signed, verifiable link to a unit’s IKM of one period (bukti dukung SKP). Anyone opening the URL sees the figures, whether the signature is valid and whether they still match today’s data.',
  });

const reportRoute = (format: 'html' | 'pdf') =>
  createRoute({
    method: 'get',
    path: format === 'html' ? '/regions/{region}/reports/skm' : '/regions/{region}/reports/skm.pdf',
    tags: ['Admin'],
    operationId: format === 'html' ? 'getSkmReport' : 'getSkmReportPdf',
    summary:
      format === 'html'
        ? 'The official SKM report of a unit or region (A4 HTML, print CSS)'
        : 'The official SKM report of a unit or region (PDF)',
    description:
      'The report in the template of PermenPANRB 14/2017: organizer, method, timing and sample (Krejcie–Morgan), respondents’ characteristics, NRR per element, IKM and grade per service (or unit), strengths and weaknesses, monthly trend and the previous period, follow-up of this and the previous period, and annexes (questionnaire, recapitulation). Unsuppressed: for the agency’s own staff. A unit’s report carries its signed SKP evidence link and QR code.',
    security: ADMIN_SECURITY,
    request: { params: RegionParams, query: ReportQuerySchema },
    responses: {
      200:
        format === 'html'
          ? { description: 'Open in a browser and print on A4', content: { 'text/html': { schema: z.string() } } }
          : {
              description: 'A4 PDF, as a download (`Content-Disposition: attachment`)',
              content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } },
            },
      ...problemResponses(400, 401, 404),
    },
  });

const issueRoute = createRoute({
  method: 'post',
  path: '/regions/{region}/units/{unit}/evidence',
  tags: ['Admin'],
  operationId: 'issueEvidenceLink',
  summary: 'Issue the signed SKP evidence link of a unit’s IKM for a period',
  security: ADMIN_SECURITY,
  request: {
    params: UnitParams,
    body: { required: true, content: { 'application/json': { schema: z.object({ period: PeriodSchema }) } } },
  },
  responses: {
    201: { description: 'Issued (audited)', content: { 'application/json': { schema: EvidenceSchema } } },
    ...problemResponses(400, 401, 403, 404, 409),
  },
});

const qrRoute = createRoute({
  method: 'get',
  path: '/regions/{region}/units/{unit}/evidence.svg',
  tags: ['Admin'],
  operationId: 'getEvidenceQrCode',
  summary: 'The QR code of the unit’s SKP evidence link for a period (SVG)',
  security: ADMIN_SECURITY,
  request: { params: UnitParams, query: EvidenceQuerySchema },
  responses: {
    200: { description: 'QR code of the evidence URL', content: { 'image/svg+xml': { schema: z.string() } } },
    ...problemResponses(400, 401, 404, 409),
  },
});

/** A period that has not begun has nothing to report: 400, like a malformed one. */
function reportablePeriod(id: string, region: Region, now: number): Period {
  const period = parsePeriod(id);
  if (!period) throw new ProblemError(400, PERIOD_MESSAGE);
  if (periodStatus(period, localDate(now, region.timezone)) === 'future') {
    throw new ProblemError(400, `The period ${id} has not started yet in ${region.timezone}.`);
  }
  return period;
}

async function report(
  env: AdminEnv['Bindings'],
  principal: Principal,
  requestUrl: string,
  region: Region,
  query: { period: string; unit?: string | undefined },
) {
  const now = Date.now();
  const period = reportablePeriod(query.period, region, now);
  let unit: Unit | null = null;
  if (query.unit) {
    unit = (await findUnitOf(env.DB, region.id, query.unit)) ?? null;
    if (!unit) throw new ProblemError(404, `No unit '${query.unit}' in region '${region.slug}'.`);
    if (!reachesUnit(principal, region.id, unit.id)) {
      throw new ProblemError(403, `This account does not work in unit '${unit.slug}'.`);
    }
  } else if (unitLimit(principal) !== null) {
    // The region's report holds every unit's figures: only accounts that reach the whole region may read it.
    throw new ProblemError(403, 'The whole region’s report needs an account for the whole region; choose a unit.');
  }
  const units = unit ? [unit] : await regionUnits(env.DB, region.id);
  const config = readConfig(env);
  const loaded = await loadSkmReport(env.DB, {
    region,
    unit,
    units,
    period,
    now,
    evidence: {
      origin: publicOrigin(env, requestUrl),
      key: () => config.evidenceSigningKey,
    },
  });
  const filename = `laporan-skm-${region.slug}-${unit?.slug ?? 'semua-unit'}-${period.id}`;
  return { ...loaded, region, unit, filename, now };
}

/** The unit's evidence for a period from today's unsuppressed figures; 409 without responses. */
async function evidenceOf(
  env: AdminEnv['Bindings'],
  requestUrl: string,
  { region, unit }: { region: Region; unit: Unit },
  id: string,
) {
  const now = Date.now();
  const period = reportablePeriod(id, region, now);
  const score = await unitScore(env.DB, region, unit, period, 'agency');
  const config = readConfig(env);
  const evidence = await issueEvidence(
    config.evidenceSigningKey,
    publicOrigin(env, requestUrl),
    region,
    unit,
    period,
    score,
    localDate(now, region.timezone),
  );
  if (!evidence)
    throw new ProblemError(409, `No responses for ${unit.slug} in ${period.id}: there is no IKM to attest.`);
  return { region, unit, evidence };
}

/**
 * Every signed evidence link the portal hands out is an audited decision, whether issued on its own (POST), as a
 * QR code (GET …/evidence.svg) or inside a unit's report: one row per link handed out, with its figures.
 */
async function auditEvidence(
  d1: D1Database,
  actor: Actor,
  region: Pick<Region, 'id' | 'slug'>,
  unit: Pick<Unit, 'slug'>,
  { claim }: IssuedEvidence,
  via: 'json' | 'qr' | 'report-html' | 'report-pdf',
): Promise<void> {
  await auditStatement(
    d1,
    actor,
    'evidence.issue',
    `unit:${region.slug}/${unit.slug}`,
    { period: claim.p, responses: claim.n, ikm: claim.ikm, grade: claim.g, issuedOn: claim.at, via },
    region.id,
  ).run();
}

export const adminReportsRouter = createRouter<AdminEnv>();

adminReportsRouter
  .openapi(reportRoute('html'), async (c) => {
    const loaded = await report(c.env, c.get('principal'), c.req.url, c.var.region, c.req.valid('query'));
    const html = await skmReportHtml(loaded.report);
    if (loaded.evidence && loaded.unit) {
      await auditEvidence(c.env.DB, c.get('actor'), loaded.region, loaded.unit, loaded.evidence, 'report-html');
    }
    return c.html(html, 200);
  })
  .openapi(reportRoute('pdf'), async (c) => {
    const loaded = await report(c.env, c.get('principal'), c.req.url, c.var.region, c.req.valid('query'));
    const bytes = await skmReportPdf(loaded.report, new Date(loaded.now));
    if (loaded.evidence && loaded.unit) {
      await auditEvidence(c.env.DB, c.get('actor'), loaded.region, loaded.unit, loaded.evidence, 'report-pdf');
    }
    return c.body(bytes.slice().buffer, 200, {
      'Content-Type': 'application/pdf',
      // Saved as a file: opening it in place would replace the console the report was asked from.
      'Content-Disposition': contentDisposition('attachment', `${loaded.filename}.pdf`),
    });
  })
  .openapi(issueRoute, async (c) => {
    const found = await evidenceOf(c.env, c.req.url, c.var, c.req.valid('json').period);
    const { claim, token, url } = found.evidence;
    await auditEvidence(c.env.DB, c.get('actor'), found.region, found.unit, found.evidence, 'json');
    return c.json({ url, token, ...claimFigures(claim) }, 201);
  })
  .openapi(qrRoute, async (c) => {
    const found = await evidenceOf(c.env, c.req.url, c.var, c.req.valid('query').period);
    await auditEvidence(c.env.DB, c.get('actor'), found.region, found.unit, found.evidence, 'qr');
    return c.body(qrSvg(found.evidence.url), 200, {
      'Content-Type': 'image/svg+xml; charset=utf-8',
      'Content-Disposition': contentDisposition('inline', `bukti-skp-${found.unit.slug}-${found.evidence.claim.p}.svg`),
    });
  });
