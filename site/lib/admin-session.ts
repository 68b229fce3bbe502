/**
 * @module
 * The console pages' responses: who is signed in (the admin API's session and rules, worker/services/console.ts),
 * never cached or indexed, and the 404 and 403 they answer. A hidden button is convenience, not the defence: the
 * API refuses the same things (docs/spec.md, admin console).
 */
import type { AstroGlobal } from 'astro';
import type { ConsoleSession, Refusal } from '../../worker/services/console';

export type { ConsoleSession };

export async function consoleSession(astro: AstroGlobal): Promise<ConsoleSession | null> {
  // Console pages show unpublished comments and key listings: never cached, never indexed.
  astro.response.headers.set('Cache-Control', 'no-store');
  astro.response.headers.set('X-Robots-Tag', 'noindex, nofollow');
  return astro.locals.consoleSession();
}

/** The response of a console page the account may not see. */
export function refused(refusal: Refusal): Response {
  return refusal === 'not-found' ? notFound() : forbidden();
}

/** The console's 404 for an unknown region or unit (no-store, like every console page). */
export function notFound(): Response {
  return new Response(null, { status: 404, headers: { 'Cache-Control': 'no-store' } });
}

/** A 403 page body for a region or page outside the account's reach (no-store, like every console page). */
export function forbidden(): Response {
  return new Response('403 Forbidden: this account does not work here.', {
    status: 403,
    headers: { 'Cache-Control': 'no-store', 'Content-Type': 'text/plain; charset=utf-8' },
  });
}
