/**
 * @module
 * Paper questionnaires as `text/csv`: every row validated first, one bad row refuses the file (400 per line), and an
 * identical file again is refused (409) unless `?duplicate=allow` (docs/spec.md §5, docs/api.md).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { limitBody } from '../../http/body-limit';
import { ADMIN_SECURITY, problemResponses } from '../../http/openapi';
import { ProblemError } from '../../http/problem';
import { createRouter } from '../../http/router';
import type { AdminEnv } from '../../security/admin-auth';
import {
  DuplicateImportError,
  fileDigest,
  IMPORT_COLUMNS,
  importTarget,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_ROWS,
  parsePaperCsv,
  regionToday,
  storePaperRows,
  wasImported,
} from '../../services/admin/paper-import';
import { unitServices } from '../../services/regions';
import { UnitParams } from './params';

const importRoute = createRoute({
  method: 'post',
  path: '/regions/{region}/units/{unit}/responses/import',
  tags: ['Admin'],
  operationId: 'importPaperResponses',
  summary: 'Import paper questionnaires (CSV), all or nothing',
  description: `Header \`${IMPORT_COLUMNS.join(',')}\`; \`date\` is YYYY-MM-DD in the region’s time zone; \`service\` a service slug of the unit or empty; u1…u9 scores 1–4; profile fields optional (SPEC §2). At most ${MAX_IMPORT_ROWS} rows and ${MAX_IMPORT_BYTES / 1024} KiB per file. Rows are stored with channel \`paper\`.`,
  security: ADMIN_SECURITY,
  request: {
    params: UnitParams,
    query: z.object({
      duplicate: z
        .enum(['allow'])
        .optional()
        .openapi({
          param: { name: 'duplicate', in: 'query' },
          description: 'Import even if this exact file was imported into the unit before',
        }),
    }),
    body: {
      required: true,
      content: {
        'text/csv': {
          schema: z.string().openapi({
            example: `${IMPORT_COLUMNS.join(',')}\n2026-10-05,ktp-el,4,3,3,4,3,4,4,3,3,P,34,SMA,WIRAUSAHA\n`,
          }),
        },
      },
    },
  },
  responses: {
    201: {
      description: 'Every row stored',
      content: { 'application/json': { schema: z.object({ imported: z.number().int() }).openapi('ImportResult') } },
    },
    ...problemResponses(400, 401, 403, 404, 409, 413, 415),
  },
});

function duplicateProblem(): ProblemError {
  return new ProblemError(
    409,
    'This exact file was already imported into this unit. Add ?duplicate=allow to import it again.',
  );
}

export const adminImportRouter = createRouter<AdminEnv>();
adminImportRouter.use(
  '/regions/:region/units/:unit/responses/import',
  limitBody(MAX_IMPORT_BYTES, `Files are limited to ${MAX_IMPORT_BYTES / 1024} KiB; split the file.`),
);

adminImportRouter.openapi(importRoute, async (c) => {
  const { region, unit } = c.var;
  const contentType = c.req.header('Content-Type') ?? '';
  if (!/^text\/csv\b/i.test(contentType)) {
    throw new ProblemError(415, 'Send the questionnaires as text/csv.');
  }
  const text = await c.req.text();
  const services = new Map((await unitServices(c.env.DB, unit.id)).map((s) => [s.slug, s.id]));
  const { rows, errors, errorCount } = parsePaperCsv(text, { services, today: regionToday(region) });
  if (errorCount > 0) {
    throw new ProblemError(
      400,
      `${errorCount} problem${errorCount === 1 ? '' : 's'} in the file${
        errorCount > errors.length ? ` (the first ${errors.length} are listed)` : ''
      }; nothing was imported.`,
      {
        errors: errors.map((e) => ({
          line: e.line,
          field: e.field,
          pointer: `#row=${e.line}`,
          detail: e.detail,
        })),
      },
    );
  }
  const digest = await fileDigest(text);
  if (c.req.valid('query').duplicate !== 'allow' && (await wasImported(c.env.DB, importTarget(region, unit), digest))) {
    throw duplicateProblem();
  }
  const allowDuplicate = c.req.valid('query').duplicate === 'allow';
  let imported: number;
  try {
    imported = await storePaperRows(c.env.DB, c.get('actor'), region, unit, rows, digest, Date.now(), allowDuplicate);
  } catch (error) {
    // The same file reached the unit's batch first (a concurrent upload): nothing of this one was stored.
    if (error instanceof DuplicateImportError) throw duplicateProblem();
    throw error;
  }
  return c.json({ imported }, 201);
});
