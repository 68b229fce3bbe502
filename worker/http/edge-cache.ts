/**
 * @module
 * The edge cache: public GET/HEAD reads answered from the data centre's Cache API, keyed by path, the parameters
 * the handler reads ({@link cacheRule}, an allow-list) and the page's language; credentialed requests pass through,
 * and only a cacheable `200` is stored, for the handler's own `max-age`. docs/scale.md, "Caching".
 */
import { RESERVED_REGION_SLUGS, SLUG_PATTERN } from '../../domain/slugs';
import { negotiateLocale } from '../../i18n/locale';
import { ADMIN_SESSION_COOKIE } from '../security/admin-auth';
import { matchesEtag } from '../services/open-data/freshness';
import { RESOURCE_NAMES } from '../services/open-data/resources';

/** The Worker's fetch, as both the Hono app and the Astro handler have it. */
export type FetchHandler<Env> = (request: Request, env: Env, ctx: ExecutionContext) => Response | Promise<Response>;

/** `X-Cache` on every cacheable path: served from the cache, rendered (and stored when storable), or not looked up. */
export type CacheStatus = 'HIT' | 'MISS' | 'BYPASS';

export interface CacheRule {
  /** The query parameters the handler reads, in the order they appear in the key. */
  params: readonly string[];
  /** True when the body depends on the negotiated language (pages): it becomes part of the key. */
  negotiatesLocale: boolean;
}

/** Stored beside a cached copy: when it was stored, to answer `Age` (so browsers do not add their own minute). */
const STORED_AT = 'x-edge-stored-at';
/** The key parameter of the negotiated language; a request's own parameter of that name is dropped like any other. */
const LOCALE_KEY = 'edge-locale';

const api = (...params: string[]): CacheRule => ({ params, negotiatesLocale: false });
const page = (...params: string[]): CacheRule => ({ params: ['lang', ...params], negotiatesLocale: true });

/**
 * Never cached, whatever else matches: the console, the admin and agency APIs (credentials), the rating form (tokens),
 * the SKP evidence check (its signature and expiry are judged on every request).
 */
const NEVER = /^\/(admin|r|bukti|api\/v1\/admin|api\/v1\/agency)(\/|$)/;

const FIXED: ReadonlyMap<string, CacheRule> = new Map([
  ['/api/v1/regions', api()],
  ['/data/datapackage.json', api()],
  ...RESOURCE_NAMES.flatMap((name) =>
    ['csv', 'json'].map((format): [string, CacheRule] => [
      `/data/${name}.${format}`,
      // responses.* also reads the continuation `cursor` of a download split into parts (docs/scale.md, "Exports").
      name === 'responses' ? api('cursor', 'from', 'region', 'to', 'unit') : api('from', 'region', 'to', 'unit'),
    ]),
  ),
  ['/robots.txt', api()],
  ['/sitemap.xml', api()],
  // The national directory's server-side search (`?q=`) is part of the page.
  ['/', page('q')],
  ['/tentang', page()],
  ['/data', page('from', 'region', 'to')],
]);

const SEGMENT = '([^/]+)';
const REGION_SCORES = new RegExp(`^/api/v1/regions/${SEGMENT}/scores$`);
// A unit's scores, its per-service scores and its follow-up actions: all read `period` (and the API's `lang`).
const UNIT_SCORES = new RegExp(`^/api/v1/regions/${SEGMENT}/units/${SEGMENT}/(scores|services|follow-up)$`);
const SNAPSHOT = /^\/data\/snapshots\/[^/]+\/[^/]+$/;
// The share cards of the portal, a region and a unit (worker/routes/og.ts): the language is `?lang=` only, since
// the crawlers of chat apps send no Accept-Language worth keying on.
const CARD = new RegExp(`^/og(/${SEGMENT}){0,2}/card\\.png$`);

const isRegionSlug = (segment: string) => SLUG_PATTERN.test(segment) && !RESERVED_REGION_SLUGS.has(segment);

/** The rule of a path, or null when the path is never cached. */
export function cacheRule(pathname: string): CacheRule | null {
  if (NEVER.test(pathname)) return null;
  const fixed = FIXED.get(pathname);
  if (fixed) return fixed;
  if (REGION_SCORES.test(pathname) || UNIT_SCORES.test(pathname)) return api('lang', 'period');
  if (SNAPSHOT.test(pathname)) return api();
  if (CARD.test(pathname)) return api('lang', 'period');
  // The site's region and unit pages and the badge: the first segment must be a region's possible slug.
  const [, region, unit, file, ...rest] = pathname.split('/');
  if (rest.length > 0 || !region || !isRegionSlug(region)) return null;
  if (unit === undefined) return page('period');
  if (!SLUG_PATTERN.test(unit)) return null;
  if (file === undefined) return page('period');
  return file === 'badge.svg' ? page('period') : null;
}

type Plan =
  | { kind: 'pass' }
  | { kind: 'bypass'; rule: CacheRule }
  | { kind: 'cache'; rule: CacheRule; key: Request; canonical: string };

/** Decides what the cache does with a request: pass it on untouched, bypass the cache, or look it up under a key. */
export function planOf(request: Request): Plan {
  if (request.method !== 'GET' && request.method !== 'HEAD') return { kind: 'pass' };
  const url = new URL(request.url);
  const rule = cacheRule(url.pathname);
  if (!rule) return { kind: 'pass' };
  if (hasCredentials(request)) return { kind: 'bypass', rule };
  const kept: [string, string][] = [];
  for (const name of rule.params) {
    const values = url.searchParams.getAll(name);
    // The handlers read one value; which of several they would take is theirs to say, so the cache stays out of it.
    if (values.length > 1) return { kind: 'bypass', rule };
    const [value] = values;
    // Pages ignore a language they do not know (negotiation falls back to Accept-Language), so the key does too.
    if (value === undefined || (rule.negotiatesLocale && name === 'lang' && value !== 'id' && value !== 'en')) continue;
    kept.push([name, value]);
  }
  const query = new URLSearchParams(kept).toString();
  const canonical = `${url.origin}${url.pathname}${query ? `?${query}` : ''}`;
  const keyParams = new URLSearchParams(kept);
  if (rule.negotiatesLocale) keyParams.set(LOCALE_KEY, negotiateLocale(url, request.headers.get('accept-language')));
  const keyQuery = keyParams.toString();
  const key = new Request(`${url.origin}${url.pathname}${keyQuery ? `?${keyQuery}` : ''}`);
  return { kind: 'cache', rule, key, canonical };
}

/** What the handler renders on a miss: the canonical URL in full, no conditional or range request, so it can be stored. */
function originRequest(request: Request, canonical: string): Request {
  const headers = new Headers(request.headers);
  for (const name of ['if-none-match', 'if-modified-since', 'if-range', 'range']) headers.delete(name);
  return new Request(canonical, { method: 'GET', headers });
}

function hasCredentials(request: Request): boolean {
  if (request.headers.has('authorization')) return true;
  const cookie = request.headers.get('cookie');
  return cookie?.split(';').some((part) => part.trim().startsWith(`${ADMIN_SESSION_COOKIE}=`)) ?? false;
}

/** True when a shared cache may keep the response: a 200 without cookies, public, with a positive lifetime. */
export function isStorable(response: Response): boolean {
  if (response.status !== 200 || response.headers.has('set-cookie')) return false;
  const directives = (response.headers.get('cache-control') ?? '').toLowerCase();
  if (/(^|[\s,])(private|no-store|no-cache)([\s,=]|$)/.test(directives)) return false;
  const lifetime = /(?:^|[\s,])(?:s-maxage|max-age)=(\d+)/.exec(directives);
  return lifetime !== null && Number(lifetime[1]) > 0;
}

/**
 * Wraps a Worker's fetch with the edge cache.
 * @example
 * export default { fetch: withEdgeCache((request, env, ctx) => app.fetch(request, env, ctx)) };
 */
export function withEdgeCache<Env>(fetch: FetchHandler<Env>): FetchHandler<Env> {
  return async (request, env, ctx) => {
    const plan = planOf(request);
    if (plan.kind === 'pass') return fetch(request, env, ctx);
    if (plan.kind === 'bypass') return finish(request, await fetch(request, env, ctx), plan.rule, 'BYPASS');

    const cache = caches.default;
    // A cache that fails (quota, an outage) must cost speed only, never the answer.
    const cached = await cache.match(plan.key).catch(() => undefined);
    if (cached) return finish(request, cached, plan.rule, 'HIT');

    const response = await fetch(originRequest(request, plan.canonical), env, ctx);
    if (!isStorable(response)) return finish(request, response, plan.rule, 'MISS');
    const headers = new Headers(response.headers);
    headers.set(STORED_AT, String(Date.now()));
    let body: ReadableStream | ArrayBuffer | null;
    let stored: ReadableStream | ArrayBuffer | null;
    if (headers.has('etag') || response.body === null) {
      // Large files (open data) carry their own ETag: stream them to the client and to the cache at once.
      [body, stored] = response.body ? response.body.tee() : [null, null];
    } else {
      // Pages are small: hash the body once for a weak ETag, so repeat visitors get 304s from the cached copy.
      const bytes = await response.arrayBuffer();
      headers.set('etag', await weakEtagOf(bytes));
      [body, stored] = [bytes, bytes.slice(0)];
    }
    ctx.waitUntil(
      cache.put(plan.key, new Response(stored, { status: 200, headers })).catch(() => {
        // Not stored (the Cache API is off on workers.dev, or the object is too large): the next reader renders again.
      }),
    );
    return finish(request, new Response(body, { status: 200, headers }), plan.rule, 'MISS');
  };
}

/** The client's copy: `X-Cache`, `Age`, `Vary`, and a 304 or an empty body where the request asks for one. */
function finish(request: Request, response: Response, rule: CacheRule, status: CacheStatus): Response {
  const headers = new Headers(response.headers);
  const storedAt = Number(headers.get(STORED_AT));
  headers.delete(STORED_AT);
  headers.delete('cf-cache-status');
  if (status === 'HIT' && Number.isFinite(storedAt) && storedAt > 0) {
    headers.set('age', String(Math.max(0, Math.floor((Date.now() - storedAt) / 1000))));
  }
  headers.set('x-cache', status);
  if (rule.negotiatesLocale) headers.append('vary', 'Accept-Language');
  const etag = headers.get('etag');
  if (
    status !== 'BYPASS' &&
    response.status === 200 &&
    etag &&
    matchesEtag(request.headers.get('if-none-match'), etag)
  ) {
    void response.body?.cancel();
    const kept = new Headers();
    for (const name of ['cache-control', 'etag', 'age', 'vary', 'last-modified', 'x-cache']) {
      const value = headers.get(name);
      if (value !== null) kept.set(name, value);
    }
    return new Response(null, { status: 304, headers: kept });
  }
  if (request.method === 'HEAD' && response.body) {
    void response.body.cancel();
    return new Response(null, { status: response.status, statusText: response.statusText, headers });
  }
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

async function weakEtagOf(bytes: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)).slice(0, 16);
  return `W/"${Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('')}"`;
}
