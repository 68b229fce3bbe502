/**
 * @module
 * Request body limits answered in the one error shape (413 problem+json) instead of Hono's plain text.
 */
import { bodyLimit } from 'hono/body-limit';
import { problem, problemResponse } from './problem';

export function limitBody(maxBytes: number) {
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => problemResponse(problem(413, `The request body may hold at most ${maxBytes} bytes.`)),
  });
}
