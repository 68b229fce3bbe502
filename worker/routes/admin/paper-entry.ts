/**
 * @module
 * Keyed-in paper questionnaires: store one (idempotent on its submissionId), or take back one's own entry within
 * 15 minutes (docs/spec.md §5).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { isCalendarDate } from '../../../domain/periods';
import { redactPersonalData } from '../../../domain/redaction';
import { ELEMENT_CODES, MAX_COMMENT_LENGTH } from '../../../domain/survey';
import { AnswersSchema, CreatedSchema, RespondentSchema } from '../../contract/rating';
import { ADMIN_SECURITY, json, problemResponses } from '../../http/openapi';
import { type FieldError, ProblemError } from '../../http/problem';
import { createRouter } from '../../http/router';
import type { AdminEnv } from '../../security/admin-auth';
import {
  enterPaperResponse,
  entryDateRange,
  UNDO_WINDOW_MS,
  undoPaperResponse,
} from '../../services/admin/paper-entry';
import { paperDateProblem, regionToday } from '../../services/admin/paper-import';
import { unitServices } from '../../services/regions';
import { UnitParams } from './params';

export const PaperEntrySchema = z
  .strictObject({
    submissionId: z.uuid('submissionId must be a UUID made by the client.').openapi({
      description: 'Client-made UUID; a repeat stores nothing and answers 200 with the first id.',
      example: '3f0c1a5e-8a4b-4c6f-9d2e-7b1a0c9e4d21',
    }),
    date: z.string().refine(isCalendarDate, 'A date written YYYY-MM-DD.').openapi({
      description: 'The questionnaire’s date in the region’s time zone: not in the future, at most a year back.',
      example: '2026-11-30',
    }),
    service: z
      .string()
      .min(1)
      .max(100)
      .optional()
      .openapi({ description: "Slug of one of the unit's services", example: 'ktp-el' }),
    answers: AnswersSchema,
    respondent: RespondentSchema.optional(),
    comment: z
      .string()
      .max(MAX_COMMENT_LENGTH, `A comment has at most ${MAX_COMMENT_LENGTH} characters.`)
      .optional()
      .openapi({ description: 'The written suggestion, if any: redacted, then pending moderation like any comment.' }),
  })
  .openapi('PaperEntry');

const enterRoute = createRoute({
  method: 'post',
  path: '/regions/{region}/units/{unit}/responses',
  tags: ['Admin'],
  operationId: 'enterPaperResponse',
  summary: 'Key in one paper questionnaire',
  description:
    'Stored with channel `paper` and `entered_by` = the caller, folded into the rollups and audited in one atomic batch. A repeat with the same `submissionId` stores nothing and answers 200 with the first id.',
  security: ADMIN_SECURITY,
  request: { params: UnitParams, body: { required: true, ...json(PaperEntrySchema) } },
  responses: {
    201: { description: 'Stored', ...json(CreatedSchema) },
    200: { description: 'A repeat: already stored, nothing new', ...json(CreatedSchema) },
    ...problemResponses(400, 401, 403, 404, 409),
  },
});

const undoRoute = createRoute({
  method: 'delete',
  path: '/regions/{region}/units/{unit}/responses/{id}',
  tags: ['Admin'],
  operationId: 'undoPaperResponse',
  summary: 'Undo a keyed-in paper questionnaire (its author, within 15 minutes)',
  description:
    'Removes the response, its rollup contribution and its comment in one atomic batch, audited. 403 if another account keyed it in, 409 once 15 minutes have passed, 404 for anything but a paper response of this unit.',
  security: ADMIN_SECURITY,
  request: { params: UnitParams.extend({ id: z.string().openapi({ param: { name: 'id', in: 'path' } }) }) },
  responses: { 204: { description: 'Undone' }, ...problemResponses(401, 403, 404, 409) },
});

const fieldProblem = (field: string, detail: string): FieldError => ({ field, pointer: `#/${field}`, detail });

export const adminPaperEntryRouter = createRouter<AdminEnv>()
  .openapi(enterRoute, async (c) => {
    const body = c.req.valid('json');
    const { region, unit } = c.var;
    const errors: FieldError[] = [];
    const dateProblem = paperDateProblem(body.date, entryDateRange(regionToday(region)));
    if (dateProblem) errors.push(fieldProblem('date', dateProblem));
    let serviceId: number | null = null;
    if (body.service !== undefined) {
      const service = (await unitServices(c.env.DB, unit.id)).find((s) => s.slug === body.service);
      if (service) serviceId = service.id;
      else errors.push(fieldProblem('service', `The unit has no service '${body.service}'.`));
    }
    if (errors.length) throw new ProblemError(400, 'The questionnaire has invalid fields.', { errors });
    const comment = body.comment?.trim() ? redactPersonalData(body.comment.trim()) : null;
    const outcome = await enterPaperResponse(c.env.DB, c.get('actor'), region, unit, {
      submissionId: body.submissionId,
      date: body.date,
      serviceId,
      scores: ELEMENT_CODES.map((code) => body.answers[code]),
      gender: body.respondent?.gender ?? null,
      age: body.respondent?.age ?? null,
      education: body.respondent?.education ?? null,
      occupation: body.respondent?.occupation ?? null,
      comment,
    });
    if (outcome.kind === 'conflict') {
      throw new ProblemError(409, 'This submissionId already names another response; make a new one.');
    }
    return c.json({ id: outcome.id }, outcome.kind === 'stored' ? 201 : 200);
  })
  .openapi(undoRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { region, unit } = c.var;
    const outcome = await undoPaperResponse(c.env.DB, c.get('actor'), region, unit, id);
    if (outcome === 'not-found') throw new ProblemError(404, `Unit '${unit.slug}' has no paper response '${id}'.`);
    if (outcome === 'not-yours') {
      throw new ProblemError(403, 'Only the account that keyed in a questionnaire may undo it.');
    }
    if (outcome === 'too-late') {
      throw new ProblemError(
        409,
        `A questionnaire can be undone within ${UNDO_WINDOW_MS / 60_000} minutes of keying it in; this one is older.`,
      );
    }
    return c.body(null, 204);
  });
