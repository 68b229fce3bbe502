/**
 * @module
 * `createRouter()`: every sub-app shares the bindings type and the validation hook, so a request
 * that fails its zod schema is always answered the same way (400 problem+json with field errors).
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../env';
import { validationProblem } from './problem';

export function createRouter<E extends AppEnv = AppEnv>() {
  return new OpenAPIHono<E>({
    defaultHook: (result) => {
      if (!result.success) return validationProblem(result.error);
    },
  });
}
