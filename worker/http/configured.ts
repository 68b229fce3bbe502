/**
 * @module
 * Fail closed before anything else runs: a deployment missing a setting it cannot work without (docs/spec.md §5,
 * README "Deploy") answers every request with a 500 problem, before the edge cache could serve an old page.
 */
import { type Bindings, MisconfigurationError, readConfig } from '../env';
import type { FetchHandler } from './edge-cache';
import { misconfigured } from './problem';

/** Throws MisconfigurationError when the deployment cannot serve correct links. */
export function checkConfiguration(env: Bindings): void {
  void readConfig(env).publicOrigin;
}

export function withConfiguration<E extends Bindings>(handler: FetchHandler<E>): FetchHandler<E> {
  return (request, env, ctx) => {
    try {
      checkConfiguration(env);
    } catch (error) {
      if (error instanceof MisconfigurationError) return misconfigured(error, new URL(request.url).pathname);
      throw error;
    }
    return handler(request, env, ctx);
  };
}
