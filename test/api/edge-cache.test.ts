import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { aggregateOf } from '../../domain/aggregate';
import { summarize } from '../../domain/summary';
import { negotiateLocale } from '../../i18n/locale';
import { ScoreSchema } from '../../worker/contract/scores';
import type { Bindings } from '../../worker/env';
import { type FetchHandler, planOf, withEdgeCache } from '../../worker/http/edge-cache';
import { ADMIN_TOKEN } from '../support/admin';
import { createOrganisation } from '../support/fixtures';
import { fromOrigin } from '../support/origin';
import { insertRatings, same } from '../support/ratings';
import worker from '../support/worker';

const ORIGIN = 'https://suara.test';

/** One request through a handler, waiting for its `waitUntil` work (the cache write) before the next one. */
async function through(handler: FetchHandler<Bindings>, path: string, init?: RequestInit): Promise<Response> {
  const ctx = createExecutionContext();
  const response = await handler(new Request(`${ORIGIN}${path}`, init), env, ctx);
  const body = await response.arrayBuffer();
  await waitOnExecutionContext(ctx);
  return new Response(response.status === 304 ? null : body, response);
}

const fetchWorker: FetchHandler<Bindings> = (request, bindings, ctx) => worker.fetch(request, bindings, ctx);
const get = (path: string, init?: RequestInit) => through(fetchWorker, path, init);

/** A stand-in for an Astro page: what it was asked, in the language it negotiated, cacheable for a minute. */
function fakePage(calls: string[], headers: Record<string, string> = {}): FetchHandler<Bindings> {
  return withEdgeCache<Bindings>((request) => {
    const url = new URL(request.url);
    calls.push(url.href);
    const locale = negotiateLocale(url, request.headers.get('accept-language'));
    return new Response(`<html lang="${locale}"><meta property="og:url" content="${url.href}">`, {
      headers: { 'content-type': 'text/html', 'cache-control': 'public, max-age=60', ...headers },
    });
  });
}

describe('edge cache of public reads (SPEC §5 caching)', () => {
  it('answers a second identical scores request from the cache with the identical body and figures', async () => {
    const org = await createOrganisation({ region: 'cache-satu' });
    const row = [4, 4, 3, 3, 4, 4, 3, 3, 4];
    await insertRatings(org, same(12, row, '2026-03-10'));
    const path = '/api/v1/regions/cache-satu/units/disdukcapil/scores?period=2026-03';

    const first = await get(path);
    const second = await get(path);

    expect([first.status, first.headers.get('x-cache')]).toEqual([200, 'MISS']);
    expect([second.status, second.headers.get('x-cache')]).toEqual([200, 'HIT']);
    expect(await second.text()).toBe(await first.clone().text());
    const score = ScoreSchema.parse(await first.json());
    expect([score.responses, score.suppressed]).toEqual([12, false]);
    expect(score).toMatchObject(summarize(aggregateOf(Array.from({ length: 12 }, () => row))));
    expect(second.headers.get('cache-control')).toBe(first.headers.get('cache-control'));
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(Number(second.headers.get('age'))).toBeGreaterThanOrEqual(0);
  });

  it('serves the cached figures until their minute is over, while the handler already counts a new rating', async () => {
    const org = await createOrganisation({ region: 'cache-basi' });
    await insertRatings(org, same(10, [4, 4, 4, 4, 4, 4, 4, 4, 4], '2026-03-10'));
    const path = '/api/v1/regions/cache-basi/units/disdukcapil/scores?period=2026-03';
    await get(path);

    await insertRatings(org, same(1, [1, 1, 1, 1, 1, 1, 1, 1, 1], '2026-03-11'));
    const edge = await get(path);

    expect(edge.headers.get('x-cache')).toBe('HIT');
    expect(ScoreSchema.parse(await edge.json()).responses).toBe(10);
    expect(ScoreSchema.parse(await (await fromOrigin(path)).json()).responses).toBe(11);
  });

  it('keeps a suppressed unit suppressed through the cache: the count only (SPEC §4)', async () => {
    const org = await createOrganisation({ region: 'cache-kecil' });
    await insertRatings(org, same(9, [4, 4, 4, 4, 4, 4, 4, 4, 4], '2026-03-10'));
    const path = '/api/v1/regions/cache-kecil/scores?period=2026-03';

    await get(path);
    const hit = await get(path);

    expect(hit.headers.get('x-cache')).toBe('HIT');
    const body = (await hit.json()) as { units: unknown[] };
    expect(ScoreSchema.omit({ unit: true, region: true }).passthrough().parse(body.units[0])).toMatchObject({
      responses: 9,
      suppressed: true,
      ikm: null,
      elements: null,
      distribution: null,
    });
  });

  it('keeps languages and periods apart, and one entry for the same parameters in any order', async () => {
    const org = await createOrganisation({ region: 'cache-dua' });
    await insertRatings(org, same(10, [4, 4, 4, 4, 4, 4, 4, 4, 4], '2026-04-02'));
    const base = '/api/v1/regions/cache-dua/units/disdukcapil/scores';

    const id = await get(`${base}?period=2026-04`);
    const en = await get(`${base}?period=2026-04&lang=en`);
    const otherPeriod = await get(`${base}?period=2026-Q2`);
    const reordered = await get(`${base}?lang=en&period=2026-04`);

    expect([id, en, otherPeriod].map((r) => r.headers.get('x-cache'))).toEqual(['MISS', 'MISS', 'MISS']);
    expect(reordered.headers.get('x-cache')).toBe('HIT');
    expect(ScoreSchema.parse(await id.json()).elements?.[0]?.name).toBe('Persyaratan');
    expect(ScoreSchema.parse(await reordered.json()).elements?.[0]?.name).toBe('Requirements');
    expect(ScoreSchema.parse(await otherPeriod.json()).period.id).toBe('2026-Q2');
  });

  it('leaves unknown query parameters out of the key: a cache-buster is answered from the cache', async () => {
    const org = await createOrganisation({ region: 'cache-tiga' });
    await insertRatings(org, same(10, [3, 3, 3, 3, 3, 3, 3, 3, 3], '2026-05-02'));
    const path = '/api/v1/regions/cache-tiga/scores?period=2026-05';

    const first = await get(path);
    const busted = await get(`${path}&_=${Date.now()}&utm_source=koran`);

    expect(busted.headers.get('x-cache')).toBe('HIT');
    expect(await busted.text()).toBe(await first.text());
  });

  it('answers If-None-Match and HEAD from the cached copy', async () => {
    await createOrganisation({ region: 'cache-etag' });
    const path = '/api/v1/regions/cache-etag/scores?period=2026';
    const first = await get(path);
    const etag = first.headers.get('etag') ?? '';

    const revalidated = await get(path, { headers: { 'if-none-match': etag } });
    const head = await get(path, { method: 'HEAD' });

    expect(etag).not.toBe('');
    expect([revalidated.status, revalidated.headers.get('x-cache'), revalidated.headers.get('etag')]).toEqual([
      304,
      'HIT',
      etag,
    ]);
    expect([head.status, head.headers.get('x-cache'), (await head.arrayBuffer()).byteLength]).toEqual([200, 'HIT', 0]);
  });

  it('caches open-data files per filter, with their own ETag', async () => {
    const org = await createOrganisation({ region: 'cache-data' });
    await insertRatings(org, same(10, [4, 3, 4, 3, 4, 3, 4, 3, 4], '2026-02-02'));

    const first = await get('/data/scores.csv?region=cache-data');
    const second = await get('/data/scores.csv?region=cache-data');
    const unfiltered = await get('/data/scores.csv');

    expect([first.headers.get('x-cache'), second.headers.get('x-cache')]).toEqual(['MISS', 'HIT']);
    expect(await second.text()).toBe(await first.text());
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(second.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(unfiltered.headers.get('x-cache')).toBe('MISS');
  });

  it('caches the region list, but not the API’s unknown paths', async () => {
    await get('/api/v1/regions');
    const list = await get('/api/v1/regions');
    const unknown = await get('/api/v1/regions/a/b/c');

    expect([list.status, list.headers.get('x-cache')]).toEqual([200, 'HIT']);
    expect([unknown.status, unknown.headers.get('x-cache')]).toEqual([404, null]);
  });

  it('never stores errors: an unknown region or a malformed period is asked again', async () => {
    await createOrganisation({ region: 'cache-salah' });
    for (const [path, status] of [
      ['/api/v1/regions/tidak-ada/scores', 404],
      ['/api/v1/regions/cache-salah/scores?period=2026-13', 400],
    ] as const) {
      const first = await get(path);
      const second = await get(path);
      expect([first.status, second.status, second.headers.get('x-cache')]).toEqual([status, status, 'MISS']);
    }
  });

  it('never caches the admin and agency APIs, the rating form, POSTs or credentialed reads', async () => {
    const org = await createOrganisation({ region: 'cache-rahasia' });
    const twice = async (path: string, init?: RequestInit) => [await get(path, init), await get(path, init)];
    const bearer = { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } };

    for (const [path, init] of [
      ['/api/v1/admin/regions', bearer],
      ['/api/v1/agency/scores?period=2026', { headers: { authorization: 'Bearer sl_live_0' } }],
      [`/r/${org.counterCode}`, undefined],
    ] as const) {
      const responses = await twice(path, init);
      expect(responses.map((r) => r.headers.get('x-cache'))).toEqual([null, null]);
    }
    const post = await twice('/api/v1/regions/cache-rahasia/scores', { method: 'POST' });
    expect(post.map((r) => r.headers.get('x-cache'))).toEqual([null, null]);

    const scores = '/api/v1/regions/cache-rahasia/scores?period=2026';
    const withToken = await twice(scores, bearer);
    const withCookie = await twice(scores, { headers: { cookie: 'theme=dark; __Host-sl_admin=abc' } });
    expect([...withToken, ...withCookie].map((r) => r.headers.get('x-cache'))).toEqual([
      'BYPASS',
      'BYPASS',
      'BYPASS',
      'BYPASS',
    ]);
    // Nothing the credentialed reads produced was stored for the public.
    expect((await get(scores)).headers.get('x-cache')).toBe('MISS');
  });

  it('never stores a response that sets a cookie or is not public', async () => {
    const variants: Record<string, string>[] = [
      { 'set-cookie': 'a=b' },
      { 'cache-control': 'private, max-age=60' },
      { 'cache-control': 'no-store' },
    ];
    for (const headers of variants) {
      const calls: string[] = [];
      const handler = fakePage(calls, headers);
      await through(handler, '/tentang');
      const second = await through(handler, '/tentang');
      expect([calls.length, second.headers.get('x-cache')]).toEqual([2, 'MISS']);
    }
  });
});

describe('edge cache of the site’s pages (keys by negotiated language)', () => {
  it('never gives a browser in one language the page cached for another', async () => {
    const calls: string[] = [];
    const page = fakePage(calls);
    const path = '/kota-bahasa/disdukcapil?period=2026';
    const english = { headers: { 'accept-language': 'en-GB,en;q=0.9' } };
    const indonesian = { headers: { 'accept-language': 'id-ID,id;q=0.9,en;q=0.5' } };

    const en1 = await through(page, path, english);
    const id1 = await through(page, path, indonesian);
    const en2 = await through(page, path, english);
    const id2 = await through(page, path, { headers: {} });

    expect([en1, id1, en2, id2].map((r) => r.headers.get('x-cache'))).toEqual(['MISS', 'MISS', 'HIT', 'HIT']);
    expect(await en2.text()).toContain('lang="en"');
    expect(await id2.text()).toContain('lang="id"');
    expect(en2.headers.get('vary')).toBe('Accept-Language');
    expect(calls).toHaveLength(2);
  });

  it('renders the canonical URL: unknown parameters never reach the page, so its links are the same for all', async () => {
    const calls: string[] = [];
    const page = fakePage(calls);

    const shared = await through(page, '/kota-tautan?fbclid=IwAR0abc&period=2026-Q1&lang=en');
    const clean = await through(page, '/kota-tautan?lang=en&period=2026-Q1');

    expect(calls).toEqual([`${ORIGIN}/kota-tautan?lang=en&period=2026-Q1`]);
    expect(clean.headers.get('x-cache')).toBe('HIT');
    expect(await clean.text()).toBe(await shared.text());
  });

  it('gives pages a weak ETag so a repeat visit is a 304 from the cached copy', async () => {
    const page = fakePage([]);
    const first = await through(page, '/data?region=kota-etag');
    const etag = first.headers.get('etag') ?? '';

    const revalidated = await through(page, '/data?region=kota-etag', { headers: { 'if-none-match': etag } });

    expect(etag).toMatch(/^W\/"[0-9a-f]{32}"$/);
    expect([revalidated.status, revalidated.headers.get('x-cache')]).toEqual([304, 'HIT']);
  });

  it('covers exactly the public pages: the console and unknown paths pass through', () => {
    const planned = (path: string) => planOf(new Request(`${ORIGIN}${path}`)).kind;
    for (const path of [
      '/',
      '/tentang',
      '/data',
      '/kota-a',
      '/kota-a/unit-b',
      '/kota-a/unit-b/badge.svg',
      // The public reads of the per-service scores and the follow-up actions (SPEC §5), with their period.
      '/api/v1/regions/kota-a/units/unit-b/services?period=2026-03',
      '/api/v1/regions/kota-a/units/unit-b/follow-up?period=2026',
      '/data/service-scores.csv?region=kota-a',
    ]) {
      expect([path, planned(path)]).toEqual([path, 'cache']);
    }
    for (const path of [
      '/admin',
      '/admin/kota-a',
      '/admin/kota-a/moderasi',
      '/kota-a/unit-b/lain',
      '/api/v1/responses',
      // The SKP evidence check judges its signature and expiry on every request.
      '/bukti/abc',
      '/bukti/abc/laporan.pdf',
    ]) {
      expect([path, planned(path)]).toEqual([path, 'pass']);
    }
    const key = (path: string) => {
      const plan = planOf(new Request(`${ORIGIN}${path}`));
      return plan.kind === 'cache' ? plan.key.url : plan.kind;
    };
    expect(key('/api/v1/regions/kota-a/units/unit-b/services?utm=x&period=2026-03')).toBe(
      `${ORIGIN}/api/v1/regions/kota-a/units/unit-b/services?period=2026-03`,
    );
    expect(key('/api/v1/regions/kota-a/units/unit-b/follow-up?period=2026&lang=en')).toBe(
      `${ORIGIN}/api/v1/regions/kota-a/units/unit-b/follow-up?lang=en&period=2026`,
    );
    // The home page's search is a different page per query (SPEC §6).
    expect(key('/?q=riau&utm=x')).toBe(`${ORIGIN}/?q=riau&edge-locale=id`);
    // A repeated parameter is the handler's to judge: passed on uncached, never guessed at.
    expect(planOf(new Request(`${ORIGIN}/kota-a?period=2026&period=2025`)).kind).toBe('bypass');
  });
});
