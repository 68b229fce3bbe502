/**
 * @module
 * Follow-up actions (rencana tindak lanjut) on the wire: one zod schema per shape validates the admin API's bodies
 * and documents the admin and public answers in `/api/v1/openapi.json`.
 */
import { z } from '@hono/zod-openapi';
import { isCalendarDate, parsePeriod } from '../../domain/periods';
import { ELEMENT_CODES } from '../../domain/survey';
import { FOLLOW_UP_STATUSES } from '../../schema';
import type { FollowUpAction } from '../db/follow-up';

const PERIOD_MESSAGE = 'An SKM period: 2026-11 (month), 2026-Q4, 2026-S2 or 2026.';

export const PeriodIdSchema = z
  .string()
  .refine((id) => parsePeriod(id) !== null, PERIOD_MESSAGE)
  .openapi({ example: '2026-Q3', description: PERIOD_MESSAGE });

const DateSchema = z.string().refine(isCalendarDate, 'A date written YYYY-MM-DD.').openapi({ example: '2026-12-31' });

/** Evidence links are published: only https, so the public page never links to a plain-text or script URL. */
const HttpsUrlSchema = z
  .string()
  .trim()
  .max(2000)
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'https:' && url.hostname !== '';
    } catch {
      return false;
    }
  }, 'An https:// link (a photo, decree or SOP online).')
  .openapi({ example: 'https://disdukcapil.example.go.id/sop-antrean.pdf' });

const text = (max: number) => z.string().trim().min(2, 'At least 2 characters.').max(max);

const fields = {
  period: PeriodIdSchema,
  elementCode: z
    .enum(ELEMENT_CODES)
    .nullable()
    .openapi({ description: 'The weak element (unsur) addressed; null for a unit-wide action' }),
  issue: text(1000).openapi({ description: 'What respondents said', example: 'Waktu tunggu KTP-el terlalu lama' }),
  action: text(1000).openapi({
    description: 'What the unit does about it',
    example: 'Menambah satu loket pada jam sibuk',
  }),
  owner: text(160).openapi({
    description: 'A position, never a person’s name: it is published',
    example: 'Kepala Seksi Pelayanan',
  }),
  dueDate: DateSchema,
  status: z.enum(FOLLOW_UP_STATUSES),
  evidence: z.string().trim().max(2000).nullable().openapi({ description: 'What was done (public)' }),
  evidenceUrl: HttpsUrlSchema.nullable(),
};

export const FollowUpCreateSchema = z
  .strictObject({
    ...fields,
    elementCode: fields.elementCode.optional(),
    status: fields.status.optional(),
    evidence: fields.evidence.optional(),
    evidenceUrl: fields.evidenceUrl.optional(),
  })
  .openapi('FollowUpCreate');

export const FollowUpChangeSchema = z
  .strictObject(
    Object.fromEntries(Object.entries(fields).map(([key, schema]) => [key, schema.optional()])) as {
      [K in keyof typeof fields]: z.ZodOptional<(typeof fields)[K]>;
    },
  )
  .refine((body) => Object.values(body).some((value) => value !== undefined), { message: 'Nothing to change.' })
  .openapi('FollowUpChange');

export const FollowUpActionSchema = z
  .object({
    id: z.string(),
    period: z.string(),
    elementCode: z.enum(ELEMENT_CODES).nullable(),
    issue: z.string(),
    action: z.string(),
    owner: z.string().openapi({ description: 'A position, not a person' }),
    dueDate: z.string(),
    status: z.enum(FOLLOW_UP_STATUSES),
    evidence: z.string().nullable(),
    evidenceUrl: z.string().nullable(),
    createdAt: z.number().int(),
    updatedAt: z.number().int(),
    completedAt: z.number().int().nullable().openapi({ description: 'When the status became done (ms)' }),
  })
  .openapi('FollowUpAction');

export type FollowUpActionOut = z.infer<typeof FollowUpActionSchema>;

/** The stored row as answered: without the internal region and unit ids. */
export function followUpOut(row: FollowUpAction): FollowUpActionOut {
  const { regionId: _region, unitId: _unit, ...rest } = row;
  return { ...rest, elementCode: (rest.elementCode as FollowUpActionOut['elementCode']) ?? null };
}
