/**
 * @module
 * The body of `POST /api/v1/responses` (SPEC §5): one zod schema validates requests and documents them in
 * `/api/v1/openapi.json`. The no-JavaScript form is turned into the same shape and checked by the same schema.
 */
import { z } from '@hono/zod-openapi';
import {
  EDUCATIONS,
  ELEMENT_CODES,
  type ElementCode,
  GENDERS,
  MAX_AGE,
  MAX_COMMENT_LENGTH,
  MIN_AGE,
  OCCUPATIONS,
} from '../../domain/survey';

const SCORE_MESSAGE = 'Choose one of the four answers: a whole number from 1 to 4.';
const Score = z.int({ error: SCORE_MESSAGE }).min(1, SCORE_MESSAGE).max(4, SCORE_MESSAGE).openapi({ example: 3 });

export const AnswersSchema = z
  .strictObject(Object.fromEntries(ELEMENT_CODES.map((code) => [code, Score])) as Record<ElementCode, typeof Score>)
  .openapi('Answers', {
    description: 'The nine elements (unsur) U1…U9 of PermenPANRB 14/2017, each 1 (worst) to 4 (best). All required.',
  });

export const RespondentSchema = z
  .strictObject({
    gender: z.enum(GENDERS).optional(),
    age: z
      .int({ error: `Age in whole years from ${MIN_AGE} to ${MAX_AGE}.` })
      .min(MIN_AGE, `Age in whole years from ${MIN_AGE} to ${MAX_AGE}.`)
      .max(MAX_AGE, `Age in whole years from ${MIN_AGE} to ${MAX_AGE}.`)
      .optional(),
    education: z.enum(EDUCATIONS).optional(),
    occupation: z.enum(OCCUPATIONS).optional(),
  })
  .openapi('Respondent', { description: 'Optional profile; every field optional (SPEC §2).' });

/** A counter's public code as printed in its QR code. */
export const CounterCode = z
  .string()
  .min(8, 'A counter code has at least 8 characters.')
  .max(64, 'A counter code has at most 64 characters.')
  .regex(/^[A-Za-z0-9_-]+$/, 'A counter code holds only letters, digits, - and _.');

export const RatingSubmissionSchema = z
  .strictObject({
    counter: CounterCode.openapi({
      description: 'The code of the counter (loket) from its QR code.',
      example: 'k7Qm2xPa9L',
    }),
    service: z
      .string()
      .min(1)
      .max(100)
      .optional()
      .openapi({ description: "Slug of one of the unit's services (jenis layanan).", example: 'ktp-el' }),
    answers: AnswersSchema,
    comment: z
      .string()
      .max(MAX_COMMENT_LENGTH, `A comment has at most ${MAX_COMMENT_LENGTH} characters.`)
      .optional()
      .openapi({
        description:
          'Free text. Stored only after automatic redaction of personal data (NIK, phone, e-mail), public only after moderation.',
      }),
    respondent: RespondentSchema.optional(),
    turnstileToken: z
      .string()
      .min(1, 'The bot check (Turnstile) token is missing.')
      .max(2048)
      .openapi({ description: 'Cloudflare Turnstile response token.' }),
    submissionId: z.uuid('submissionId must be a UUID made by the client.').openapi({
      description: 'Client-made UUID; a repeat with the same id stores nothing and answers 200 with the first id.',
      example: '3f0c1a5e-8a4b-4c6f-9d2e-7b1a0c9e4d21',
    }),
    clientId: z.uuid('clientId must be a UUID made by the client.').optional().openapi({
      description:
        "Extension of SPEC §5: a random UUID the client makes once per install (kept in localStorage) and sends with every rating. It tells apart phones whose user agents are identical on one network; hashed with the day's salt, never stored.",
      example: '9b2d7c4e-1f3a-4e8b-a6c5-2d9e0f1b3c47',
    }),
    kioskToken: z.string().min(1).max(64).optional().openapi({
      description:
        "Extension of SPEC §5: the rotating token from a kiosk display's QR code (`/r/{code}?k=…`). Present: channel `kiosk`; absent: channel `qr`.",
    }),
  })
  .openapi('RatingSubmission');

export type RatingSubmission = z.infer<typeof RatingSubmissionSchema>;

export const CreatedSchema = z
  .object({ id: z.string().openapi({ description: 'The stored response', example: '0b7e9c1e-…' }) })
  .openapi('ResponseId');

export const StoredRatingSchema = z
  .object({
    id: z.string().openapi({ description: 'The stored response', example: '0b7e9c1e-…' }),
    held: z.boolean().openapi({
      description:
        'True when the rating is stored but held for a staff check before it counts (many ratings from one network or device, SPEC §5); false when it counts.',
    }),
  })
  .openapi('StoredRating');
