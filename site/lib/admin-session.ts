/**
 * @module
 * The console's view of who is signed in: the same session cookie, table and role rule as the admin API
 * (worker/security/admin-auth.ts), checked on the server before a console page renders anything.
 */

import { env } from 'cloudflare:workers';
import type { AstroGlobal } from 'astro';
import { ADMIN_SESSION_COOKIE, type AdminSession, findSession, sessionActor } from '../../worker/security/admin-auth';

export async function consoleSession(astro: AstroGlobal): Promise<AdminSession | null> {
  // Console pages show unpublished comments and key listings: never cached, never indexed.
  astro.response.headers.set('Cache-Control', 'no-store');
  astro.response.headers.set('X-Robots-Tag', 'noindex, nofollow');
  const cookie = astro.cookies.get(ADMIN_SESSION_COOKIE)?.value;
  const session = cookie ? await findSession(env.DB, cookie) : null;
  if (!session) return null;
  // The same rule as the admin API: only sessions that may use it may see the console.
  return sessionActor(env.DB, session).then(
    () => session,
    () => null,
  );
}
