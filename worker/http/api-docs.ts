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

/**
 * WCAG 2.2 AA contrast (4.5:1) for the text Scalar greys out and its HTTP-method colours, in both colour modes; the
 * doubled class outranks Scalar's own and Hono's theme. Code panels are `.dark-mode` in either mode.
 */
const CONTRAST_CSS = `
.light-mode.light-mode {
  --scalar-color-2: #5f5f5f;
  --scalar-color-3: #636363;
  --scalar-color-accent: #0066cc;
  --scalar-color-green: #00754a;
  --scalar-color-red: #c4000a;
  --scalar-color-yellow: #7a5d00;
  --scalar-color-blue: #005a96;
  --scalar-color-orange: #a63b00;
  --scalar-color-purple: #5203d1;
  --scalar-color-query: #006669;
}
.dark-mode.dark-mode {
  --scalar-color-2: #bdbdb6;
  --scalar-color-3: #a3a39d;
  --scalar-color-accent: #ff9a52;
  --scalar-color-green: #3dd68c;
  --scalar-color-red: #ff8a99;
  --scalar-color-yellow: #f9b44e;
  --scalar-color-blue: #94a5f5;
  --scalar-color-orange: #ff8d4d;
  --scalar-color-purple: #c0a6fa;
}`;

const scalar = Scalar((c: Context<{ Variables: SecureHeadersVariables }>) => ({
  url: '/api/v1/openapi.json',
  pageTitle: 'Suara Layanan API',
  favicon: '/favicon.svg',
  cdn: SCALAR_SCRIPT,
  nonce: c.get('secureHeadersNonce'),
  // Scalar's default fonts come from its own CDN; the page uses the system's.
  withDefaultFonts: false,
  // A reference of this API only: none of Scalar's own services (AI agent, MCP, SDK generator, deploy, telemetry).
  agent: { disabled: true },
  mcp: { disabled: true },
  showDeveloperTools: 'never',
  telemetry: false,
  customCss: CONTRAST_CSS,
}));

/** Scalar's page with the language of its text declared (its template's `<html>` has none). */
export const apiDocs: MiddlewareHandler = async (c, next) => {
  const response = await scalar(c, next);
  if (!response) return;
  const page = (await response.text()).replace(/^<!doctype html>\s*<html>/i, '<!doctype html>\n<html lang="en">');
  return new Response(page, response);
};
