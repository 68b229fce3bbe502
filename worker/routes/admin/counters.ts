/**
 * @module
 * Admin: counters (loket), their QR codes and A4 posters; a deactivated counter keeps its code, so its printed
 * poster shows a friendly page (docs/spec.md §1, §5).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { KIOSK_EXPIRED_POLICIES } from '../../../schema';
import { contentDisposition } from '../../http/content-disposition';
import { ADMIN_SECURITY, json, problemResponses } from '../../http/openapi';
import { publicOrigin } from '../../http/origin';
import { createRouter } from '../../http/router';
import { noncedPageHeaders } from '../../http/security-headers';
import type { AdminEnv } from '../../security/admin-auth';
import { posterHtml, qrSvg } from '../../services/admin/counter-print';
import { counterUrl, createCounter, updateCounter } from '../../services/admin/organisation';
import { type Counter, requireCounter, unitCounters } from '../../services/regions';
import { CounterParams, NameSchema, UnitParams } from './params';

const CounterSchema = z
  .object({
    code: z.string().openapi({ description: '10 characters, unguessable, URL-safe', example: '7k2m9q4x1c' }),
    url: z
      .string()
      .openapi({ description: 'The rating form the QR code points to', example: 'https://suara.example/r/7k2m9q4x1c' }),
    name: z.string().openapi({ example: 'Loket 1' }),
    active: z.boolean(),
    kioskExpiredPolicy: z.enum(KIOSK_EXPIRED_POLICIES).openapi({
      description: 'Kiosk ratings with an expired rotating token: `mark` (stored, flagged for review) or `refuse`',
    }),
  })
  .openapi('Counter');

const CounterPatchSchema = z
  .object({
    name: NameSchema.optional(),
    active: z.boolean().optional(),
    kioskExpiredPolicy: z.enum(KIOSK_EXPIRED_POLICIES).optional(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), { message: 'Nothing to change.' })
  .openapi('CounterPatch');

const listRoute = createRoute({
  method: 'get',
  path: '/regions/{region}/units/{unit}/counters',
  tags: ['Admin'],
  operationId: 'listCounters',
  summary: 'List the counters of a unit',
  security: ADMIN_SECURITY,
  request: { params: UnitParams },
  responses: {
    200: { description: 'Counters by name', ...json(z.array(CounterSchema)) },
    ...problemResponses(401, 404),
  },
});

const createRouteConfig = createRoute({
  method: 'post',
  path: '/regions/{region}/units/{unit}/counters',
  tags: ['Admin'],
  operationId: 'createCounter',
  summary: 'Create a counter (loket) with an unguessable code',
  security: ADMIN_SECURITY,
  request: {
    params: UnitParams,
    body: { required: true, ...json(z.object({ name: NameSchema.openapi({ example: 'Loket 1' }) })) },
  },
  responses: { 201: { description: 'Created', ...json(CounterSchema) }, ...problemResponses(400, 401, 403, 404) },
});

const patchRoute = createRoute({
  method: 'patch',
  path: '/regions/{region}/units/{unit}/counters/{code}',
  tags: ['Admin'],
  operationId: 'updateCounter',
  summary: 'Rename, deactivate or reactivate a counter, or set its kiosk policy',
  security: ADMIN_SECURITY,
  request: { params: CounterParams, body: { required: true, ...json(CounterPatchSchema) } },
  responses: { 200: { description: 'Updated', ...json(CounterSchema) }, ...problemResponses(400, 401, 403, 404) },
});

const qrRoute = createRoute({
  method: 'get',
  path: '/regions/{region}/units/{unit}/counters/{code}/qr.svg',
  tags: ['Admin'],
  operationId: 'getCounterQrCode',
  summary: 'The counter’s QR code (SVG)',
  security: ADMIN_SECURITY,
  request: { params: CounterParams },
  responses: {
    200: { description: 'QR code of the rating form URL', content: { 'image/svg+xml': { schema: z.string() } } },
    ...problemResponses(401, 404),
  },
});

const posterRoute = createRoute({
  method: 'get',
  path: '/regions/{region}/units/{unit}/counters/{code}/poster',
  tags: ['Admin'],
  operationId: 'getCounterPoster',
  summary: 'A print-ready poster with the QR code on one A4 sheet (HTML, print CSS, a print button)',
  security: ADMIN_SECURITY,
  middleware: [noncedPageHeaders],
  request: { params: CounterParams },
  responses: {
    200: { description: 'Open in a browser and print on A4', content: { 'text/html': { schema: z.string() } } },
    ...problemResponses(401, 404),
  },
});

export const adminCountersRouter = createRouter<AdminEnv>();

function view(counter: Counter, linkOrigin: string) {
  return {
    code: counter.code,
    url: counterUrl(linkOrigin, counter.code),
    name: counter.name,
    active: counter.active,
    kioskExpiredPolicy: counter.kioskExpiredPolicy,
  };
}

adminCountersRouter
  .openapi(listRoute, async (c) => {
    return c.json(
      (await unitCounters(c.env.DB, c.var.unit.id)).map((counter) => view(counter, publicOrigin(c.env, c.req.url))),
      200,
    );
  })
  .openapi(createRouteConfig, async (c) => {
    const { region, unit } = c.var;
    const counter = await createCounter(c.env.DB, c.get('actor'), region, unit, c.req.valid('json'));
    return c.json(view(counter, publicOrigin(c.env, c.req.url)), 201);
  })
  .openapi(patchRoute, async (c) => {
    const { code } = c.req.valid('param');
    const found = await requireCounter(c.env.DB, c.var, code);
    const updated = await updateCounter(c.env.DB, c.get('actor'), found.counter, c.req.valid('json'), found.region.id);
    return c.json(view(updated, publicOrigin(c.env, c.req.url)), 200);
  })
  .openapi(qrRoute, async (c) => {
    const { code } = c.req.valid('param');
    const found = await requireCounter(c.env.DB, c.var, code);
    return c.body(qrSvg(counterUrl(publicOrigin(c.env, c.req.url), found.counter.code)), 200, {
      'Content-Type': 'image/svg+xml; charset=utf-8',
      'Content-Disposition': contentDisposition('inline', `qr-${found.counter.code}.svg`),
    });
  })
  .openapi(posterRoute, async (c) => {
    const { code } = c.req.valid('param');
    const found = await requireCounter(c.env.DB, c.var, code);
    const page = await posterHtml({
      url: counterUrl(publicOrigin(c.env, c.req.url), found.counter.code),
      regionName: found.region.name,
      unitName: found.unit.name,
      counterName: found.counter.name,
      active: found.counter.active,
      nonce: c.get('secureHeadersNonce') ?? '',
    });
    return c.html(page, 200);
  });
