/**
 * @module
 * The one request body limit: 413 in the one error shape (problem+json) instead of Hono's plain text (docs/api.md).
 */
import { bodyLimit } from 'hono/body-limit';
import { problem, problemResponse } from './problem';

/** `detail` tells the client what to do instead, where there is something (split a file). */
export function limitBody(maxBytes: number, detail = `The request body may hold at most ${maxBytes} bytes.`) {
  return bodyLimit({ maxSize: maxBytes, onError: () => problemResponse(problem(413, detail)) });
}
