/**
 * @module
 * Admin: a unit's follow-up actions (rencana tindak lanjut), each change audited, published on the unit page
 * ("Anda berkata, kami bertindak"; docs/spec.md §5).
 */
import { createRoute, z } from '@hono/zod-openapi';
import {
  FollowUpActionSchema,
  FollowUpChangeSchema,
  FollowUpCreateSchema,
  followUpOut,
  PeriodIdSchema,
} from '../../contract/follow-up';
import { ADMIN_SECURITY, json, problemResponses } from '../../http/openapi';
import { ProblemError } from '../../http/problem';
import { createRouter } from '../../http/router';
import type { AdminEnv } from '../../security/admin-auth';
import {
  createFollowUpAction,
  deleteFollowUpAction,
  unitFollowUp,
  updateFollowUpAction,
} from '../../services/admin/follow-up';
import { UnitParams } from './params';

const PATH = '/regions/{region}/units/{unit}/follow-up';
const IdParams = UnitParams.extend({ id: z.string().openapi({ param: { name: 'id', in: 'path' } }) });
const PeriodQuery = z.object({
  period: PeriodIdSchema.optional().openapi({ param: { name: 'period', in: 'query' } }),
});

const listRoute = createRoute({
  method: 'get',
  path: PATH,
  tags: ['Admin'],
  operationId: 'listFollowUpActions',
  summary: 'A unit’s follow-up actions (optionally of one SKM period), by due date',
  security: ADMIN_SECURITY,
  request: { params: UnitParams, query: PeriodQuery },
  responses: {
    200: { description: 'The actions', ...json(z.array(FollowUpActionSchema)) },
    ...problemResponses(400, 401, 403, 404),
  },
});

const createActionRoute = createRoute({
  method: 'post',
  path: PATH,
  tags: ['Admin'],
  operationId: 'createFollowUpAction',
  summary: 'Add a follow-up action',
  security: ADMIN_SECURITY,
  request: { params: UnitParams, body: { required: true, ...json(FollowUpCreateSchema) } },
  responses: {
    201: { description: 'Created', ...json(FollowUpActionSchema) },
    ...problemResponses(400, 401, 403, 404),
  },
});

const changeRoute = createRoute({
  method: 'patch',
  path: `${PATH}/{id}`,
  tags: ['Admin'],
  operationId: 'updateFollowUpAction',
  summary: 'Change a follow-up action (status, evidence, due date…); completedAt is set when it becomes done',
  security: ADMIN_SECURITY,
  request: { params: IdParams, body: { required: true, ...json(FollowUpChangeSchema) } },
  responses: {
    200: { description: 'The action after the change', ...json(FollowUpActionSchema) },
    ...problemResponses(400, 401, 403, 404),
  },
});

const deleteRoute = createRoute({
  method: 'delete',
  path: `${PATH}/{id}`,
  tags: ['Admin'],
  operationId: 'deleteFollowUpAction',
  summary: 'Delete a follow-up action',
  security: ADMIN_SECURITY,
  request: { params: IdParams },
  responses: { 204: { description: 'Deleted' }, ...problemResponses(401, 403, 404) },
});

const notFound = (unit: string, id: string) => new ProblemError(404, `Unit '${unit}' has no follow-up action '${id}'.`);

export const adminFollowUpRouter = createRouter<AdminEnv>()
  .openapi(listRoute, async (c) => {
    const { unit } = c.var;
    const actions = await unitFollowUp(c.env.DB, unit.id, c.req.valid('query').period);
    return c.json(actions.map(followUpOut), 200);
  })
  .openapi(createActionRoute, async (c) => {
    const body = c.req.valid('json');
    const { region, unit } = c.var;
    const action = await createFollowUpAction(c.env.DB, c.get('actor'), region, unit, {
      ...body,
      elementCode: body.elementCode ?? null,
      status: body.status ?? 'planned',
      evidence: body.evidence || null,
      evidenceUrl: body.evidenceUrl ?? null,
    });
    return c.json(followUpOut(action), 201);
  })
  .openapi(changeRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { region, unit } = c.var;
    const body = c.req.valid('json');
    const action = await updateFollowUpAction(c.env.DB, c.get('actor'), region, unit, id, {
      ...body,
      // An emptied evidence box clears it.
      ...(body.evidence === '' ? { evidence: null } : {}),
    });
    if (!action) throw notFound(unit.slug, id);
    return c.json(followUpOut(action), 200);
  })
  .openapi(deleteRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { region, unit } = c.var;
    if (!(await deleteFollowUpAction(c.env.DB, c.get('actor'), region, unit, id))) throw notFound(unit.slug, id);
    return c.body(null, 204);
  });
