/**
 * @module
 * `POST /api/v1/responses`: a citizen's rating as JSON, from the rating form's script or any client (docs/spec.md §5).
 */
import { createRoute } from '@hono/zod-openapi';
import { RatingSubmissionSchema, StoredRatingSchema } from '../contract/rating';
import { limitBody } from '../http/body-limit';
import { PUBLIC_SECURITY, problemContent } from '../http/openapi';
import { ProblemError } from '../http/problem';
import { createRouter } from '../http/router';
import { waitUntilOf } from '../http/wait-until';
import { type SubmitOutcome, submitRating } from '../services/submit-rating';

/** A full rating with a 1,000-character comment of 4-byte characters is about 4.5 KB; anything far larger is not one. */
export const MAX_RATING_BYTES = 16 * 1024;

const submitRoute = createRoute({
  method: 'post',
  path: '/',
  tags: ['Public'],
  operationId: 'submitResponse',
  security: PUBLIC_SECURITY,
  summary: 'Submit a rating (idempotent on submissionId)',
  description:
    'Stores one rating of one visit. A repeat with the same `submissionId` stores nothing and answers 200 with the first id, before any rate limit. What the hourly limits per device or network, or the burst rule, would refuse is stored held (`held: true`): out of the indicators until a moderator releases it, never refused.',
  middleware: [limitBody(MAX_RATING_BYTES)] as const,
  request: {
    body: { required: true, content: { 'application/json': { schema: RatingSubmissionSchema } } },
  },
  responses: {
    201: {
      description: 'Stored: counted, or held for a staff check (`held`)',
      content: { 'application/json': { schema: StoredRatingSchema } },
    },
    200: {
      description: 'A repeat of an earlier submissionId: nothing new stored; `held` is the stored rating’s state',
      content: { 'application/json': { schema: StoredRatingSchema } },
    },
    400: { description: 'Invalid fields, listed in `errors`', content: problemContent },
    403: { description: 'Turnstile refused the token', content: problemContent },
    404: { description: 'Unknown or inactive counter', content: problemContent },
    413: { description: 'Body too large', content: problemContent },
    429: {
      description:
        'Too many ratings in one minute from this device or network: nothing stored; send the same submission again after `Retry-After`',
      headers: { 'Retry-After': { schema: { type: 'integer' }, description: 'Seconds to wait' } },
      content: problemContent,
    },
    503: { description: 'Turnstile could not be reached; nothing stored, retry later', content: problemContent },
  },
});

export const responsesRouter = createRouter().openapi(submitRoute, async (c) => {
  const outcome = await submitRating(
    { env: c.env, headers: c.req.raw.headers, waitUntil: waitUntilOf(c) },
    c.req.valid('json'),
  );
  if (outcome.kind === 'stored' || outcome.kind === 'repeat') {
    return c.json({ id: outcome.id, held: outcome.held }, outcome.kind === 'stored' ? 201 : 200);
  }
  throw refusal(outcome);
});

/** The problem (SPEC §5) of a submission that stored nothing. */
function refusal(outcome: Exclude<SubmitOutcome, { kind: 'stored' | 'repeat' }>): ProblemError {
  switch (outcome.kind) {
    case 'device-minute-limit':
    case 'network-minute-limit': {
      const from = outcome.kind === 'device-minute-limit' ? 'device' : 'network';
      return new ProblemError(
        429,
        `Too many ratings in one minute from this ${from}: nothing was stored; send it again after Retry-After (the rating form does so automatically).`,
        { headers: { 'retry-after': String(outcome.retryAfter) } },
      );
    }
    case 'counter-inactive':
      return new ProblemError(404, 'No active counter has this code.');
    case 'unknown-service':
      return fieldProblem('service', 'This unit offers no service with this slug.');
    case 'kiosk-token-invalid':
      return fieldProblem('kioskToken', 'This kiosk token is not valid for this counter.');
    case 'kiosk-token-expired':
      return fieldProblem('kioskToken', 'The kiosk QR code has expired: scan the code on the screen again.');
    case 'bot-unavailable':
      return new ProblemError(503, 'The bot check (Turnstile) could not be reached; nothing was stored. Try again.', {
        title: 'Service Unavailable',
        headers: { 'retry-after': String(outcome.retryAfter) },
      });
    case 'bot-refused':
      return new ProblemError(403, 'The bot check (Turnstile) refused this submission.');
  }
}

function fieldProblem(field: string, detail: string): ProblemError {
  return new ProblemError(400, 'The request has invalid fields.', {
    errors: [{ field, pointer: `#/${field}`, detail }],
  });
}
