/**
 * @module
 * Admin: a region's moderation queues: comments (publish, reject, reply) and flagged responses (accept into the
 * figures, or reject) (docs/spec.md §4).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { unitLimit } from '../../../domain/roles';
import { COMMENT_STATES } from '../../../schema';
import { ADMIN_SECURITY, json, problemResponses } from '../../http/openapi';
import { ProblemError } from '../../http/problem';
import { createRouter } from '../../http/router';
import type { AdminEnv } from '../../security/admin-auth';
import {
  acceptFlaggedResponse,
  listComments,
  listFlaggedResponses,
  moderateComment,
  rejectFlaggedResponse,
} from '../../services/admin/moderation';
import { RegionParams, visibleText } from './params';

const IdParams = RegionParams.extend({ id: z.string().openapi({ param: { name: 'id', in: 'path' } }) });

const CommentSchema = z
  .object({
    id: z.string(),
    unit: z.object({ slug: z.string(), name: z.string() }),
    body: z.string().openapi({ description: 'Already redacted (NIK, phone numbers, e-mail) when stored' }),
    status: z.enum(COMMENT_STATES),
    localDate: z.string(),
    createdAt: z.number().int(),
    moderatedAt: z.number().int().nullable(),
    moderatedBy: z.string().nullable(),
    reply: z.string().nullable(),
    repliedAt: z.number().int().nullable(),
  })
  .openapi('Comment');

const CommentDecisionSchema = z
  .object({
    status: z.enum(['published', 'rejected']).optional(),
    reply: visibleText(z.string().trim().min(1).max(2000)).nullable().optional().openapi({
      description: 'The unit’s public reply; null removes it',
    }),
  })
  .refine((body) => body.status !== undefined || body.reply !== undefined, { message: 'Nothing to change.' })
  .openapi('CommentDecision');

const FlaggedResponseSchema = z
  .object({
    id: z.string(),
    unit: z.object({ slug: z.string(), name: z.string() }),
    counter: z.string().nullable().openapi({ description: 'Counter code; null for paper' }),
    channel: z.enum(['qr', 'kiosk', 'paper']),
    localDate: z.string(),
    submittedAt: z.number().int(),
    reason: z.string().nullable().openapi({ description: 'Why it was flagged (e.g. an expired kiosk token)' }),
    answers: z.record(z.string(), z.number().int()),
  })
  .openapi('FlaggedResponse');

const listCommentsRoute = createRoute({
  method: 'get',
  path: '/regions/{region}/comments',
  tags: ['Admin'],
  operationId: 'listComments',
  summary: 'Comments of a region to moderate (default: pending), oldest first',
  security: ADMIN_SECURITY,
  request: {
    params: RegionParams,
    query: z.object({
      status: z
        .enum(COMMENT_STATES)
        .default('pending')
        .openapi({ param: { name: 'status', in: 'query' } }),
    }),
  },
  responses: {
    200: { description: 'At most 200 comments', ...json(z.array(CommentSchema)) },
    ...problemResponses(400, 401, 404),
  },
});

const moderateCommentRoute = createRoute({
  method: 'patch',
  path: '/regions/{region}/comments/{id}',
  tags: ['Admin'],
  operationId: 'moderateComment',
  summary: 'Publish or reject a comment, and/or set the unit’s reply',
  security: ADMIN_SECURITY,
  request: { params: IdParams, body: { required: true, ...json(CommentDecisionSchema) } },
  responses: {
    200: { description: 'The comment after the change', ...json(CommentSchema) },
    ...problemResponses(400, 401, 403, 404),
  },
});

const listFlaggedRoute = createRoute({
  method: 'get',
  path: '/regions/{region}/responses/flagged',
  tags: ['Admin'],
  operationId: 'listFlaggedResponses',
  summary: 'Flagged responses of a region (default: awaiting a decision), oldest first',
  security: ADMIN_SECURITY,
  request: {
    params: RegionParams,
    query: z.object({
      status: z
        .enum(['pending', 'rejected'])
        .default('pending')
        .openapi({ param: { name: 'status', in: 'query' } }),
    }),
  },
  responses: {
    200: { description: 'At most 200 responses', ...json(z.array(FlaggedResponseSchema)) },
    ...problemResponses(400, 401, 404),
  },
});

const decisionRoute = (decision: 'accept' | 'reject') =>
  createRoute({
    method: 'post',
    path: `/regions/{region}/responses/{id}/${decision}`,
    tags: ['Admin'],
    operationId: `${decision}FlaggedResponse`,
    summary:
      decision === 'accept'
        ? 'Accept a flagged response: it counts from now on (unflagged and added to the rollups atomically)'
        : 'Reject a flagged response: it stays out of every figure',
    security: ADMIN_SECURITY,
    request: { params: IdParams },
    responses: { 204: { description: 'Done' }, ...problemResponses(401, 403, 404) },
  });

export const adminModerationRouter = createRouter<AdminEnv>()
  .openapi(listCommentsRoute, async (c) => {
    const region = c.var.region;
    return c.json(
      await listComments(c.env.DB, region.id, c.req.valid('query').status, 200, unitLimit(c.get('principal'))),
      200,
    );
  })
  .openapi(moderateCommentRoute, async (c) => {
    const { region: slug, id } = c.req.valid('param');
    const region = c.var.region;
    const comment = await moderateComment(
      c.env.DB,
      c.get('actor'),
      region,
      id,
      c.req.valid('json'),
      Date.now(),
      unitLimit(c.get('principal')),
    );
    if (!comment) throw new ProblemError(404, `Region '${slug}' has no comment '${id}'.`);
    return c.json(comment, 200);
  })
  .openapi(listFlaggedRoute, async (c) => {
    const region = c.var.region;
    return c.json(
      await listFlaggedResponses(c.env.DB, region.id, c.req.valid('query').status, 200, unitLimit(c.get('principal'))),
      200,
    );
  })
  .openapi(decisionRoute('accept'), async (c) => {
    const { region: slug, id } = c.req.valid('param');
    const region = c.var.region;
    if (!(await acceptFlaggedResponse(c.env.DB, c.get('actor'), region, id, unitLimit(c.get('principal'))))) {
      throw new ProblemError(404, `Region '${slug}' has no flagged response '${id}'.`);
    }
    return c.body(null, 204);
  })
  .openapi(decisionRoute('reject'), async (c) => {
    const { region: slug, id } = c.req.valid('param');
    const region = c.var.region;
    if (!(await rejectFlaggedResponse(c.env.DB, c.get('actor'), region, id, unitLimit(c.get('principal'))))) {
      throw new ProblemError(404, `Region '${slug}' has no flagged response '${id}'.`);
    }
    return c.body(null, 204);
  });
