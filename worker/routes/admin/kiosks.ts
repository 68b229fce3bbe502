/**
 * @module
 * Admin: the kiosks enrolled at a counter, each created with a one-time enrolment link shown once, listed without
 * secrets, revocable at once (docs/rating.md, "Kiosk display and counter tablets").
 */
import { createRoute, z } from '@hono/zod-openapi';
import { ADMIN_SECURITY, json, problemResponses } from '../../http/openapi';
import { publicOrigin } from '../../http/origin';
import { ProblemError } from '../../http/problem';
import { createRouter } from '../../http/router';
import type { AdminEnv } from '../../security/admin-auth';
import { createKiosk, listKiosks, revokeKiosk } from '../../services/admin/kiosks';
import { requireCounter } from '../../services/regions';
import { CounterParams, LabelSchema } from './params';

const KioskSchema = z
  .object({
    id: z.string().openapi({ example: 'kiosk_3kq8m2x9ab7c' }),
    label: z.string().openapi({ example: 'Tablet loket 1' }),
    status: z.enum(['pending', 'enrolled', 'expired', 'revoked']).openapi({
      description: '`pending`: the enrolment link is not used yet; `expired`: it was not used in time',
    }),
    createdAt: z.number().int(),
    enrolmentExpiresAt: z.number().int().nullable(),
    enrolledAt: z.number().int().nullable(),
    lastSeenAt: z.number().int().nullable().openapi({ description: 'Accurate to five minutes' }),
    revokedAt: z.number().int().nullable(),
  })
  .openapi('Kiosk');

const CreatedKioskSchema = z
  .object({
    id: z.string().openapi({ example: 'kiosk_3kq8m2x9ab7c' }),
    enrolmentUrl: z.string().url().openapi({
      description: 'Open once on the kiosk within 24 hours; shown only in this response',
      example: 'https://suara.example.go.id/r/7k2m9q4x1c/kiosk/daftar?kode=q3N8k2M7p4X9t1Vb6cZ0r5Wy8hJ2d4Fg1sL7a9Ue3Ko',
    }),
    enrolmentExpiresAt: z.number().int(),
  })
  .openapi('CreatedKiosk');

const KioskParams = CounterParams.extend({ id: z.string().openapi({ param: { name: 'id', in: 'path' } }) });
const PATH = '/regions/{region}/units/{unit}/counters/{code}/kiosks';

const createKioskRoute = createRoute({
  method: 'post',
  path: PATH,
  tags: ['Admin'],
  operationId: 'enrolKiosk',
  summary: 'Enrol a kiosk (tablet or display) at a counter: returns a one-time enrolment link',
  security: ADMIN_SECURITY,
  request: {
    params: CounterParams,
    body: {
      required: true,
      ...json(z.object({ label: LabelSchema.openapi({ example: 'Tablet loket 1' }) })),
    },
  },
  responses: {
    201: { description: 'Created, awaiting enrolment', ...json(CreatedKioskSchema) },
    ...problemResponses(400, 401, 403, 404),
  },
});

const listKiosksRoute = createRoute({
  method: 'get',
  path: PATH,
  tags: ['Admin'],
  operationId: 'listKiosks',
  summary: 'List a counter’s kiosks (never their secrets)',
  security: ADMIN_SECURITY,
  request: { params: CounterParams },
  responses: {
    200: { description: 'Kiosks, oldest first', ...json(z.array(KioskSchema)) },
    ...problemResponses(401, 404),
  },
});

const revokeKioskRoute = createRoute({
  method: 'delete',
  path: `${PATH}/{id}`,
  tags: ['Admin'],
  operationId: 'revokeKiosk',
  summary: 'Revoke a kiosk (immediately: no more QR codes, normal limits again)',
  security: ADMIN_SECURITY,
  request: { params: KioskParams },
  responses: { 204: { description: 'Revoked' }, ...problemResponses(401, 403, 404) },
});

export const adminKiosksRouter = createRouter<AdminEnv>()
  .openapi(createKioskRoute, async (c) => {
    const params = c.req.valid('param');
    const { region, counter } = await requireCounter(c.env.DB, c.var, params.code);
    const created = await createKiosk(
      c.env.DB,
      c.get('actor'),
      { ...counter, regionId: region.id },
      c.req.valid('json').label,
    );
    const origin = publicOrigin(c.env, c.req.url);
    const enrolmentUrl = `${origin}/r/${encodeURIComponent(counter.code)}/kiosk/daftar?kode=${created.enrolmentCode}`;
    return c.json({ id: created.id, enrolmentUrl, enrolmentExpiresAt: created.enrolmentExpiresAt }, 201);
  })
  .openapi(listKiosksRoute, async (c) => {
    const params = c.req.valid('param');
    const { counter } = await requireCounter(c.env.DB, c.var, params.code);
    return c.json(await listKiosks(c.env.DB, counter.id), 200);
  })
  .openapi(revokeKioskRoute, async (c) => {
    const params = c.req.valid('param');
    const { region, counter } = await requireCounter(c.env.DB, c.var, params.code);
    if (!(await revokeKiosk(c.env.DB, c.get('actor'), { ...counter, regionId: region.id }, params.id))) {
      throw new ProblemError(404, `Counter '${params.code}' has no kiosk '${params.id}'.`);
    }
    return c.body(null, 204);
  });
