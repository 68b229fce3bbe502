/**
 * @module
 * The security headers of every response, API and site alike (applied once in the Worker entry, around both the
 * Hono app and Astro's handler). A response that already sets a header keeps its own: the rating form's nonce'd
 * Content-Security-Policy and the API reference's policy are stricter or more specific than these defaults.
 */
import { NONCE, secureHeaders } from 'hono/secure-headers';

/** The site's pages: only our own scripts, styles (Astro inlines small ones) and images; never framed. */
export const PAGE_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "object-src 'none'",
].join('; ');

/**
 * A page made in the Worker with one small inline script of its own (the poster's print button): the site's policy,
 * with that script allowed by a per-response nonce (`c.get('secureHeadersNonce')`) instead of `'self'`. Only the
 * policy is set here; {@link withSecurityHeaders} adds the rest.
 */
export const noncedPageHeaders = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: [NONCE],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'"],
    connectSrc: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    baseUri: ["'none'"],
    objectSrc: ["'none'"],
  },
  crossOriginEmbedderPolicy: false,
  crossOriginResourcePolicy: false,
  crossOriginOpenerPolicy: false,
  originAgentCluster: false,
  referrerPolicy: false,
  strictTransportSecurity: false,
  xContentTypeOptions: false,
  xDnsPrefetchControl: false,
  xDownloadOptions: false,
  xFrameOptions: false,
  xPermittedCrossDomainPolicies: false,
  xXssProtection: false,
  removePoweredBy: false,
});

/** Everything that is not HTML (JSON, CSV, SVG, text): nothing in it may load or run anything. */
export const RESOURCE_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; sandbox";

/** Badges are embedded as images on agencies' own sites: readable cross-origin, still unable to run anything. */
const EMBEDDABLE = /^\/[^/]+\/[^/]+\/badge\.svg$/;

const COMMON: Record<string, string> = {
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()',
  'cross-origin-opener-policy': 'same-origin',
};

/** `response` with every missing security header set (a copy when its headers are immutable). */
export function withSecurityHeaders(request: Request, response: Response): Response {
  try {
    secure(request, response.headers);
    return response;
  } catch (error) {
    // Immutable headers (a response straight from fetch or an asset binding): a copy takes them. Copying every
    // response instead was a measurable share of a rating's CPU.
    if (!(error instanceof TypeError)) throw error;
    const secured = new Response(response.body, response);
    secure(request, secured.headers);
    return secured;
  }
}

function secure(request: Request, headers: Headers): void {
  const { pathname } = new URL(request.url);
  const html = /^text\/html\b/i.test(headers.get('content-type') ?? '');
  for (const [name, value] of Object.entries(COMMON)) if (!headers.has(name)) headers.set(name, value);
  if (!headers.has('content-security-policy')) {
    headers.set('content-security-policy', html ? PAGE_POLICY : RESOURCE_POLICY);
  }
  if (!headers.has('x-frame-options')) headers.set('x-frame-options', 'DENY');
  if (EMBEDDABLE.test(pathname)) headers.set('cross-origin-resource-policy', 'cross-origin');
}
