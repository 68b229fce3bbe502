import type { Context } from 'hono';

/**
 * The request's `ctx.waitUntil`, or undefined where there is no execution context (`app.request` in a unit test):
 * callers then simply await what they would have left running.
 */
export function waitUntilOf(c: Context): ((promise: Promise<unknown>) => void) | undefined {
  try {
    const ctx = c.executionCtx;
    return (promise) => ctx.waitUntil(promise);
  } catch {
    return undefined;
  }
}
