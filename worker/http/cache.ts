/**
 * @module
 * HTTP caching of API responses. Public scores are the same for everyone, so a CDN may keep them for
 * a minute (a new rating shows within a minute) and serve a stale copy while it revalidates; the weak
 * ETag lets clients revalidate for free (304). Credentialed responses are never stored.
 */

import { etag } from 'hono/etag';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env';

/** Seconds a shared cache may serve public scores without asking (SPEC §5, caching). */
export const PUBLIC_MAX_AGE = 60;
/** Seconds a stale copy may still be served while one request revalidates in the background. */
export const PUBLIC_STALE_WHILE_REVALIDATE = 300;

const weakEtag = etag({ weak: true });

/** `Cache-Control: public…` plus a weak ETag on successful GETs; `If-None-Match` answers 304. */
export const publicCache = createMiddleware<AppEnv>(async (c, next) => {
  await weakEtag(c, async () => {
    await next();
    if (c.res.ok) {
      c.res.headers.set(
        'Cache-Control',
        `public, max-age=${PUBLIC_MAX_AGE}, stale-while-revalidate=${PUBLIC_STALE_WHILE_REVALIDATE}`,
      );
    }
  });
});

/** `Cache-Control: no-store` on every response, errors included (agency and admin data). */
export const noStore = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  c.res.headers.set('Cache-Control', 'no-store');
});
