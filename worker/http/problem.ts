/**
 * @module
 * The one error shape of the API, RFC 9457 problem details (schema in worker/http/openapi.ts): routes throw
 * `ProblemError` and `onError` turns anything thrown into a problem response (docs/api.md).
 */

import type { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';
import { MisconfigurationError, MissingSecretError } from '../env';
import type { FieldErrorSchema, ProblemSchema } from './openapi';

/** One invalid field: its dotted path (`answers.U3`) and the same as a JSON Pointer (RFC 6901). */
export type FieldError = z.infer<typeof FieldErrorSchema>;

/** The documented members, plus the extensions a problem may carry (`setting` of a misconfiguration). */
export type Problem = z.infer<typeof ProblemSchema> & { [extension: string]: unknown };

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export class ProblemError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    detail?: string,
    readonly extra: Partial<Problem> & { headers?: Record<string, string> } = {},
  ) {
    super(detail ?? TITLES[status] ?? 'Error');
  }
}

export function problemResponse(problem: Problem, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: { 'content-type': 'application/problem+json; charset=utf-8', ...headers },
  });
}

export function problem(status: number, detail?: string, extra: Partial<Problem> = {}): Problem {
  return { type: 'about:blank', title: TITLES[status] ?? 'Error', status, ...(detail ? { detail } : {}), ...extra };
}

export function fieldErrors(error: ZodError): FieldError[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String);
    return {
      field: path.join('.') || '(body)',
      pointer: `#/${path.map((p) => p.replaceAll('~', '~0').replaceAll('/', '~1')).join('/')}`,
      detail: issue.message,
    };
  });
}

export function validationProblem(error: ZodError, detail = 'The request has invalid fields.'): Response {
  return problemResponse(problem(400, detail, { errors: fieldErrors(error) }));
}

/**
 * A deployment whose configuration is unusable (no PUBLIC_ORIGIN in production): the operator's error, so a 500 for
 * every request, logged; never a link to the wrong place.
 */
export function misconfigured(err: MisconfigurationError, path: string): Response {
  console.error(JSON.stringify({ level: 'error', path, message: err.message }));
  return problemResponse(problem(500, err.message, { title: 'Server misconfigured', setting: err.setting }), {
    'cache-control': 'no-store',
  });
}

/** Hono `onError`: bad input is always a 4xx; only a genuine fault is a 500, and it is logged. */
export function onError(err: Error, c: Context): Response {
  if (err instanceof ProblemError) {
    const { headers, ...extra } = err.extra;
    return problemResponse(problem(err.status, err.message, extra), headers);
  }
  if (err instanceof HTTPException) {
    return problemResponse(problem(err.status, err.message || undefined));
  }
  if (err instanceof MisconfigurationError) return misconfigured(err, c.req.path);
  if (err instanceof MissingSecretError) {
    console.error(JSON.stringify({ level: 'error', path: c.req.path, message: err.message }));
    // SKP evidence has its own key; every other missing secret stops ratings.
    const detail =
      err.secret === 'EVIDENCE_SIGNING_KEY'
        ? 'SKP evidence is unavailable: the portal is not fully configured.'
        : 'Ratings are paused: the portal is not fully configured. Your answer is kept; try again later.';
    return problemResponse(problem(503, detail), { 'Retry-After': '300' });
  }
  console.error(JSON.stringify({ level: 'error', path: c.req.path, message: err.message, stack: err.stack }));
  return problemResponse(problem(500, 'An unexpected error occurred. It has been logged.'));
}
