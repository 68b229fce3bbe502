/**
 * Open data at scale (docs/scale.md): downloads within a bounded number of D1 queries, continued by
 * `Link: rel="next"` parts; the fast writers write exactly what the reference CSV and JSON encoders write; public
 * reads go through a D1 read session.
 */
import { createExecutionContext } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { csvRow } from '../../domain/csv';
import { app } from '../../worker/app';
import { PAGE_SQL } from '../../worker/db/microdata';
import { QueryBudgetError, withQueryBudget } from '../../worker/db/query-budget';
import { readDatabase } from '../../worker/db/read';
import { prepareExport } from '../../worker/services/open-data/export';
import { planResponses } from '../../worker/services/open-data/responses-rows';
import { type Row, RowPage } from '../../worker/services/open-data/rows';
import { serialize, streamText } from '../../worker/services/open-data/writers';
import { countingD1 } from '../support/d1-counter';
import { createOrganisation, db } from '../support/fixtures';
import { get } from '../support/http';
import { insertRatings, same } from '../support/ratings';

const SCORES = [3, 3, 4, 4, 3, 3, 4, 2, 3];

beforeAll(async () => {
  // Three regions (one a prefix of another's slug), two closed months each: six blocks of 10+ responses.
  for (const region of ['kota', 'kota-baru', 'kota-lama']) {
    const org = await createOrganisation({ region });
    await insertRatings(org, [...same(10, SCORES, '2025-01-10'), ...same(11, SCORES, '2025-02-10')]);
  }
});

describe('downloads within a query budget (D1 allows 1,000 queries per invocation)', () => {
  it('plans blocks in file order and names the first block left out when the budget is spent', async () => {
    const prepared = await prepareExport(db(), {});
    const all = await planResponses(env.DB, prepared.scope, prepared.filter);
    expect(all.next).toBeNull();
    const names = all.blocks.map((b) => `${prepared.scope.regions[b.region]!.region.slug}:${b.month}`);
    expect(names).toEqual([
      'kota:2025-01',
      'kota:2025-02',
      'kota-baru:2025-01',
      'kota-baru:2025-02',
      'kota-lama:2025-01',
      'kota-lama:2025-02',
    ]);
    // Each block costs its GROUP BY and one page.
    const part = await planResponses(env.DB, prepared.scope, prepared.filter, {}, { budget: 5 });
    expect(part.blocks).toHaveLength(2);
    expect(part.next).toBe('kota-baru:2025-01');
    const rest = await planResponses(env.DB, prepared.scope, prepared.filter, {}, { cursor: 'kota-baru:2025-01' });
    expect(rest.blocks).toHaveLength(4);
  });

  it('a part requested with ?cursor= holds exactly the rows from that block on, each part a whole CSV', async () => {
    const whole = (await (await get('/data/responses.csv')).text()).split('\r\n').filter(Boolean);
    const [header, ...rows] = whole;
    expect(rows).toHaveLength(63);
    const second = await get('/data/responses.csv?cursor=kota-baru:2025-01');
    expect(second.status).toBe(200);
    expect(second.headers.get('content-disposition')).toContain('kota-baru-2025-01');
    const [secondHeader, ...secondRows] = (await second.text()).split('\r\n').filter(Boolean);
    expect(secondHeader).toBe(header);
    expect(secondRows).toEqual(rows.slice(21));
    // A complete file names no next part.
    expect((await get('/data/responses.csv')).headers.get('link')).not.toContain('rel="next"');
  });

  it('a download past the budget ends at a block boundary and links the next part; the parts make the whole file', async () => {
    const whole = (await (await get('/data/responses.csv')).text()).split('\r\n').filter(Boolean);
    const tight = { ...env, D1_QUERY_BUDGET: '11' };
    const rows: string[] = [];
    let next: string | null = '/data/responses.csv';
    let parts = 0;
    while (next) {
      const response = await app.request(`https://suara.test${next}`, {}, tight, createExecutionContext());
      expect(response.status).toBe(200);
      const [header, ...body] = (await response.text()).split('\r\n').filter(Boolean);
      expect(header).toBe(whole[0]);
      rows.push(...body);
      parts += 1;
      next = /<([^>]+)>; rel="next"/.exec(response.headers.get('link') ?? '')?.[1] ?? null;
      if (next)
        expect(response.headers.get('x-continuation')).toBe(new URL(next, 'https://x').searchParams.get('cursor'));
    }
    expect(parts).toBeGreaterThan(1);
    expect(rows).toEqual(whole.slice(1));
  });

  it('refuses a malformed cursor with a 400 problem', async () => {
    const response = await get('/data/responses.csv?cursor=kota;2025-01');
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });

  it('refuses a forged continuation with 400 before any D1 query: another region, outside from–to, month 13', async () => {
    const counted = countingD1(env.DB);
    for (const query of [
      'region=kota&cursor=kota-baru:2025-01',
      'from=2025-01&to=2025-02&cursor=kota:2025-03',
      'from=2025-02&cursor=kota:2025-01',
      'cursor=kota:2025-13',
    ]) {
      const response = await app.request(
        `https://suara.test/data/responses.csv?${query}`,
        {},
        { ...env, DB: counted.d1 },
        createExecutionContext(),
      );
      expect(response.status, query).toBe(400);
      expect(await response.json(), query).toMatchObject({ errors: [{ field: 'cursor' }] });
    }
    expect(counted.statements).toEqual([]);
    // A well-formed continuation naming no region of the download is refused too, once the regions are known.
    const unknown = await get('/data/responses.csv?cursor=tidak-ada:2025-01');
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ errors: [{ field: 'cursor' }] });
  });

  it('the query guard refuses the query past its budget, counting each statement of a batch', async () => {
    const budget = withQueryBudget(env.DB, 3);
    await budget.db.prepare('SELECT 1').first();
    await budget.db.batch([budget.db.prepare('SELECT 1'), budget.db.prepare('SELECT 2').bind()]);
    expect(budget.used).toBe(3);
    expect(() => budget.db.prepare('SELECT 1').all()).toThrow(QueryBudgetError);
  });
});

describe('fast writers (≥ 100k rows/s) write the reference bytes', () => {
  const cell = fc.oneof(
    fc.constant(null),
    fc.integer({ min: -1000, max: 1000 }),
    fc.double({ noNaN: false }),
    fc.string(),
    fc.constantFrom('=SUM(A1)', '-5', '+62 812', 'a,b', 'say "hi"', 'line\nbreak', '@x'),
  );
  const columns = ['a', 'b', 'c', 'd'];
  const rows = fc.array(fc.array(cell, { minLength: 4, maxLength: 4 }), { maxLength: 30 });

  async function* pages(list: Row[]) {
    // Half as single rows, half as one page: both shapes a producer may yield.
    const half = Math.floor(list.length / 2);
    for (const row of list.slice(0, half)) yield row;
    yield new RowPage(list.slice(half));
  }

  it('CSV: byte for byte what csvRow writes (RFC 4180, formula defence)', async () => {
    await fc.assert(
      fc.asyncProperty(rows, async (list) => {
        const expected = csvRow(columns) + list.map((row) => csvRow(row)).join('');
        expect(await streamText(serialize('csv', columns, pages(list)))).toBe(expected);
      }),
      { numRuns: 60 },
    );
  });

  it('JSON: byte for byte what JSON.stringify writes for each record', async () => {
    await fc.assert(
      fc.asyncProperty(rows, async (list) => {
        const records = list.map((row) =>
          JSON.stringify(Object.fromEntries(columns.map((c, i) => [c, row[i] ?? null]))),
        );
        const expected = records.length === 0 ? '[]\n' : `[\n${records.join(',\n')}\n]\n`;
        expect(await streamText(serialize('json', columns, pages(list)))).toBe(expected);
      }),
      { numRuns: 60 },
    );
  });
});

describe('public reads through a D1 read session (docs/scale.md, read replication)', () => {
  it('reads the same rows as the primary, and a bookmark from a write sees that write', async () => {
    const primary = await env.DB.prepare('SELECT slug FROM regions ORDER BY slug').all();
    expect((await readDatabase(env).prepare('SELECT slug FROM regions ORDER BY slug').all()).results).toEqual(
      primary.results,
    );
    const writer = env.DB.withSession('first-primary');
    await writer
      .prepare(`INSERT INTO regions (slug, name, timezone) VALUES ('kota-baca', 'Kota Baca', 'Asia/Jakarta')`)
      .run();
    const bookmark = writer.getBookmark();
    expect(bookmark).not.toBeNull();
    const seen = await readDatabase(env, bookmark).prepare(`SELECT slug FROM regions WHERE slug = 'kota-baca'`).first();
    expect(seen).toEqual({ slug: 'kota-baca' });
    // A malformed bookmark starts a fresh session rather than failing the request.
    expect(await readDatabase(env, 'not a bookmark!').prepare('SELECT 1 AS one').first()).toEqual({ one: 1 });
  });

  it('serves the public API and open data through it', async () => {
    const regions = (await (await get('/api/v1/regions')).json()) as { slug: string }[];
    expect(regions.map((r) => r.slug)).toContain('kota-baru');
    expect((await get('/api/v1/regions/kota/scores?period=2025-01')).status).toBe(200);
    expect((await get('/data/scores.csv?region=kota')).status).toBe(200);
  });
});

describe('responses.* pages read the index only where they can (exports at 1M rows)', () => {
  it('walks responses_unit_month_rows from the cursor: no sort, no scan of the table', async () => {
    const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${PAGE_SQL}`)
      .bind(1, '2025-01', '', 5000)
      .all<{ detail: string }>();
    const plan = results.map((row) => row.detail).join('\n');
    expect(plan).toContain('USING INDEX responses_unit_month_rows (unit_id=? AND month=? AND id>?)');
    expect(plan).not.toMatch(/TEMP B-TREE|SCAN r\b/);
  });
});

describe('uncached parts of a download, per client network (SPEC §5, docs/open-data.md)', () => {
  const part = (cursor: string, ip: string) =>
    exports.default.fetch(`https://suara.test/data/responses.csv?cursor=${cursor}`, {
      headers: { 'cf-connecting-ip': ip },
    });
  /** 31 continuations no one asked for before: each misses the edge cache and reaches D1. */
  const cursors = Array.from(
    { length: 31 },
    (_, i) => `kota-lama:${2023 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`,
  );

  it('serves 30 uncached parts a minute to one network, then 429 problem+json with Retry-After; others and cached parts still pass', async () => {
    // The limit counts whole minutes: start early in one, so all 31 requests fall into it.
    const left = 60_000 - (Date.now() % 60_000);
    if (left < 20_000) await new Promise((resolve) => setTimeout(resolve, left + 100));
    const statuses: (string | null)[] = [];
    for (const cursor of cursors.slice(0, 30)) {
      const response = await part(cursor, '198.51.100.7');
      expect(response.status, cursor).toBe(200);
      statuses.push(response.headers.get('x-cache'));
      await response.body?.cancel();
    }
    expect(new Set(statuses)).toEqual(new Set(['MISS']));
    // Another address of the same /24 is the same network.
    const refused = await part(cursors[30] as string, '198.51.100.99');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const wait = Number(refused.headers.get('retry-after'));
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(60);
    expect(await refused.json()).toMatchObject({ status: 429, detail: expect.stringMatching(/Too many parts/) });
    // A part already in the edge cache costs D1 nothing and is not limited; neither is another network.
    const cached = await part(cursors[0] as string, '198.51.100.7');
    expect([cached.status, cached.headers.get('x-cache')]).toEqual([200, 'HIT']);
    await cached.body?.cancel();
    const other = await part(cursors[30] as string, '203.0.113.5');
    expect(other.status).toBe(200);
    await other.body?.cancel();
    // Nothing but keyed hashes is stored: no address.
    const keys = JSON.stringify(
      await env.DB.prepare("SELECT key FROM rate_counters WHERE key LIKE 'export-part:%'").all(),
    );
    expect(keys).not.toMatch(/198\.51|203\.0/);
  }, 60_000);
});
