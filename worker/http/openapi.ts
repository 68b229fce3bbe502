/**
 * @module
 * OpenAPI building blocks of every router: the one problem+json schema, the documented error responses and the
 * security schemes, from which (with the validating zod schemas) /api/v1/openapi.json is generated (docs/api.md).
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

/** A documented `application/json` body (request or response) of `schema`. */
export const json = <T>(schema: T) => ({ content: { 'application/json': { schema } } });

/** The body of every documented error response. */
export const problemContent = { 'application/problem+json': { schema: ProblemSchema } };

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
    statuses.map((status) => [status, { description: DESCRIPTIONS[status] ?? 'Error', content: problemContent }]),
  ) as {
    [K in S[number]]: {
      description: string;
      content: typeof problemContent;
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
