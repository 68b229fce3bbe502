import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { aggregateOf } from '../../domain/aggregate';
import { summarize } from '../../domain/summary';
import { counters } from '../../schema';
import { LAST_USED_RESOLUTION_MS } from '../../worker/security/api-keys';
import { createApiKey, revokeApiKey } from '../../worker/services/admin/api-keys';
import { createOrganisation, db } from '../support/fixtures';
import { insertRatings, same } from '../support/ratings';

const get = (path: string, key?: string) =>
  exports.default.fetch(`https://suara.test${path}`, key ? { headers: { Authorization: `Bearer ${key}` } } : {});

async function keyFor(regionSlug: string, regionId: number) {
  return createApiKey(env.DB, 'test', { id: regionId, slug: regionSlug }, 'Bagian Organisasi');
}

describe('GET /api/v1/agency/scores (SPEC §5 agency API, §4 disclosure)', () => {
  it('gives the key’s region every unit unsuppressed, with sample size, SKP comparison and counters', async () => {
    const org = await createOrganisation({ region: 'instansi' }); // population 1000, ikmTarget 80
    const second = await db()
      .insert(counters)
      .values({ unitId: org.unitId, code: 'loketdua234', name: 'Loket 2' })
      .returning()
      .get();
    const rows = [
      ...same(4, [4, 4, 4, 4, 4, 4, 4, 4, 4], '2026-04-10'),
      ...same(3, [3, 3, 3, 3, 3, 3, 3, 3, 4], '2026-05-10').map((r) => ({ ...r, counterId: second.id })),
    ];
    await insertRatings(org, rows);
    const { key } = await keyFor('instansi', org.regionId);

    const response = await get('/api/v1/agency/scores?period=2026-Q2', key);

    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = await response.json<{ region: unknown; period: unknown; units: Record<string, unknown>[] }>();
    expect(body.region).toEqual({ slug: 'instansi', name: expect.any(String) });
    expect(body.period).toEqual({ id: '2026-Q2', start: '2026-04-01', end: '2026-06-30' });
    const [unit] = body.units;
    const expected = summarize(aggregateOf(rows.map((r) => r.scores)));
    // 7 responses: suppressed publicly, but the agency sees the figures (SPEC §4).
    expect(unit).toMatchObject({ ...expected, suppressed: false, rank: 1 });
    expect(unit).toMatchObject({
      // A quarter of a yearly population of 1000 → 250 → Krejcie & Morgan 152.
      sample: { population: 250, required: 152, achieved: 7, adequate: false },
      target: 80,
      realization: Number(((expected.ikm ?? 0) / 80).toFixed(4)),
      suggestedRating: 'DI_ATAS',
    });
    expect(unit?.counters).toEqual([
      { code: org.counterCode, name: 'Loket 1', active: true, responses: 4, ikm: 100, grade: 'A' },
      { code: 'loketdua234', name: 'Loket 2', active: true, responses: 3, ikm: 77.78, grade: 'B' },
    ]);
    const publicScore = await (await get('/api/v1/regions/instansi/units/disdukcapil/scores?period=2026-Q2')).json();
    expect(publicScore).toMatchObject({ responses: 7, suppressed: true, ikm: null });
  });

  it('never shows another region: asking for it with ?region= is a 404, and its units never appear', async () => {
    const own = await createOrganisation({ region: 'milik-sendiri' });
    const other = await createOrganisation({ region: 'tetangga', unit: 'dinkes' });
    await insertRatings(other, same(12, [2, 2, 2, 2, 2, 2, 2, 2, 2], '2026-04-01'));
    const { key } = await keyFor('milik-sendiri', own.regionId);

    const foreign = await get('/api/v1/agency/scores?period=2026&region=tetangga', key);
    const missing = await get('/api/v1/agency/scores?period=2026&region=tidak-ada', key);
    const mine = await get('/api/v1/agency/scores?period=2026&region=milik-sendiri', key);

    expect(foreign.status).toBe(404);
    expect(foreign.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await foreign.json()).toEqual({ ...(await missing.json<object>()), detail: "No region 'tetangga'." });
    expect(mine.status).toBe(200);
    const body = await mine.json<{ units: { unit: { slug: string }; region: { slug: string } }[] }>();
    expect(body.units.map((u) => [u.region.slug, u.unit.slug])).toEqual([['milik-sendiri', 'disdukcapil']]);
  });

  it('answers a missing, unknown or revoked key with 401 problem+json and WWW-Authenticate: Bearer', async () => {
    const org = await createOrganisation({ region: 'kunci' });
    const { id, key } = await keyFor('kunci', org.regionId);
    expect(key).toMatch(/^sl_live_[0-9a-z]{32}$/);
    expect((await get('/api/v1/agency/scores', key)).status).toBe(200);
    await revokeApiKey(env.DB, 'test', { id: org.regionId, slug: 'kunci' }, id);

    for (const credential of [undefined, 'sl_live_00000000000000000000000000000000', key]) {
      const response = await get('/api/v1/agency/scores', credential);
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer /);
      expect(response.headers.get('cache-control')).toBe('no-store');
    }
    const basic = await exports.default.fetch('https://suara.test/api/v1/agency/scores', {
      headers: { Authorization: 'Basic dXNlcjpwYXNz' },
    });
    expect(basic.status).toBe(401);
  });

  it('stores only a SHA-256 digest of the key, and records its last use at most once a minute', async () => {
    const org = await createOrganisation({ region: 'jejak' });
    const { id, key } = await keyFor('jejak', org.regionId);
    const row = () =>
      env.DB.prepare('SELECT hash, prefix, last_used_at AS lastUsedAt FROM api_keys WHERE id = ?')
        .bind(id)
        .first<{ hash: string; prefix: string; lastUsedAt: number | null }>();
    const stored = await row();
    expect(stored?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored?.hash).not.toContain(key.slice(8));
    expect(key.startsWith(stored?.prefix ?? '?')).toBe(true);
    expect(stored?.lastUsedAt).toBeNull();

    await get('/api/v1/agency/scores', key);
    await expect.poll(async () => (await row())?.lastUsedAt).not.toBeNull();
    const first = (await row())?.lastUsedAt ?? 0;
    await get('/api/v1/agency/scores', key);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await row())?.lastUsedAt).toBe(first);

    // A minute later the next request refreshes it.
    await env.DB.prepare('UPDATE api_keys SET last_used_at = ? WHERE id = ?')
      .bind(first - LAST_USED_RESOLUTION_MS, id)
      .run();
    await get('/api/v1/agency/scores', key);
    await expect.poll(async () => (await row())?.lastUsedAt).toBeGreaterThan(first - LAST_USED_RESOLUTION_MS);
  });

  it('rejects an invalid period with 400 problem+json', async () => {
    const org = await createOrganisation({ region: 'periode-agensi' });
    const { key } = await keyFor('periode-agensi', org.regionId);
    const response = await get('/api/v1/agency/scores?period=2026-Q9', key);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errors: [{ field: 'period' }] });
  });
});
