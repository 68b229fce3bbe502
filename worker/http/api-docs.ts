/**
 * @module
 * `/api/docs`: the Scalar API reference of `/api/v1/openapi.json`, with its script served from our own origin
 * (`/vendor/scalar-api-reference.js`, the `@scalar/api-reference` standalone bundle copied there by the Astro build,
 * astro.config.mjs) and a Content-Security-Policy that allows nothing else: no CDN, no third-party fonts.
 */
import { Scalar } from '@scalar/hono-api-reference';
import type { Context, MiddlewareHandler } from 'hono';
import { NONCE, type SecureHeadersVariables, secureHeaders } from 'hono/secure-headers';

/** Where the Astro build puts the vendored bundle (a static asset, served before the Worker runs). */
export const SCALAR_SCRIPT = '/vendor/scalar-api-reference.js';

/** The one inline script (the bundle's initialisation) runs by nonce; styles are injected by the bundle at run time. */
export const apiDocsHeaders: MiddlewareHandler = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'", NONCE],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:', 'blob:'],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    workerSrc: ["'self'", 'blob:'],
    formAction: ["'none'"],
    baseUri: ["'none'"],
    objectSrc: ["'none'"],
    frameAncestors: ["'none'"],
  },
});

export const apiDocs = Scalar((c: Context<{ Variables: SecureHeadersVariables }>) => ({
  url: '/api/v1/openapi.json',
  pageTitle: 'Suara Layanan API',
  favicon: '/favicon.svg',
  cdn: SCALAR_SCRIPT,
  nonce: c.get('secureHeadersNonce'),
  // Scalar's default fonts come from its own CDN; the page uses the system's.
  withDefaultFonts: false,
}));
