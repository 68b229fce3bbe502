/**
 * @module
 * Once per request, before any page: the language (`?lang=`, else Accept-Language) and the console session,
 * the latter looked up only when a console page asks for it (site/lib/admin-session.ts). README "Architecture".
 */

import { defineMiddleware } from 'astro:middleware';
import { env } from 'cloudflare:workers';
import { ADMIN_SESSION_COOKIE, type ConsoleSession, consoleSession } from '../worker/services/console';
import { requestLocale } from '../worker/services/request';

export const onRequest = defineMiddleware((context, next) => {
  context.locals.locale = requestLocale(context.url, context.request.headers.get('accept-language'));
  let session: Promise<ConsoleSession | null> | undefined;
  context.locals.consoleSession = () => {
    session ??= consoleSession(env, context.cookies.get(ADMIN_SESSION_COOKIE)?.value);
    return session;
  };
  return next();
});
