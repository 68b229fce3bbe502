/**
 * @module
 * OpenAPI building blocks shared by every router: the problem+json schema, the error responses a
 * route documents, and the security schemes. The document at /api/v1/openapi.json is generated from
 * these and from the same zod schemas that validate requests, so it cannot drift from the code.
 */
import { z } from '@hono/zod-openapi';

export const FieldErrorSchema = z
  .object({
    field: z.string().openapi({ example: 'answers.U3' }),
    pointer: z.string().openapi({ example: '#/answers/U3' }),
    detail: z.string(),
    line: z.number().int().optional().openapi({ description: 'CSV imports: the line of the file (header = 1).' }),
  })
  .openapi('FieldError');

export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: 'about:blank' }),
    title: z.string().openapi({ example: 'Bad Request' }),
    status: z.number().int().openapi({ example: 400 }),
    detail: z.string().optional(),
    errors: z.array(FieldErrorSchema).optional(),
  })
  .openapi('Problem', { description: 'RFC 9457 problem details; `errors` lists each invalid field on a 400.' });

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input (problem+json with `errors` per field)',
  401: 'Missing, invalid or revoked credentials (problem+json; `WWW-Authenticate: Bearer`)',
  403: 'Refused: a role below the route’s, another region or unit, or a cross-site request with a session cookie',
  404: 'Not found, or not visible to these credentials',
  409: 'Conflicts with an existing resource (e.g. a duplicate slug)',
  413: 'Request body too large',
  415: 'Unsupported media type',
  429: 'Too many requests (problem+json; `Retry-After` says how many seconds to wait)',
};

/** The documented error responses of a route, all `application/problem+json`. */
export function problemResponses<const S extends readonly (keyof typeof DESCRIPTIONS & number)[]>(...statuses: S) {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      {
        description: DESCRIPTIONS[status] ?? 'Error',
        content: { 'application/problem+json': { schema: ProblemSchema } },
      },
    ]),
  ) as {
    [K in S[number]]: {
      description: string;
      content: { 'application/problem+json': { schema: typeof ProblemSchema } };
    };
  };
}

/** Names of the security schemes registered in worker/app.ts. */
export const SECURITY = {
  agencyKey: 'agencyKey',
  adminToken: 'adminToken',
  adminSession: 'adminSession',
} as const;

/** `security` of a public route: no credentials (stated, so a reader or linter never has to guess). */
export const PUBLIC_SECURITY: Record<string, string[]>[] = [];

/** `security` of an admin route: the bearer ADMIN_TOKEN, or a console session cookie (+ CSRF header). */
export const ADMIN_SECURITY: Record<string, string[]>[] = [
  { [SECURITY.adminToken]: [] },
  { [SECURITY.adminSession]: [] },
];
