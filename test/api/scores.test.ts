import { describe, expect, it } from 'vitest';
import { aggregateOf } from '../../domain/aggregate';
import { rankUnits } from '../../domain/ranking';
import { summarize } from '../../domain/summary';
import { units } from '../../schema';
import { RegionScoresSchema, ScoreSchema } from '../../worker/contract/scores';
import { createOrganisation, db } from '../support/fixtures';
import { get } from '../support/http';
import { fromOrigin } from '../support/origin';
import { insertRatings, same } from '../support/ratings';

/** The SPEC §3 test vector: 29 responses with element totals 105, 101, 100, 116, 102, 105, 106, 105, 115. */
const VECTOR_TOTALS = [105, 101, 100, 116, 102, 105, 106, 105, 115];
const vectorRows = Array.from({ length: 29 }, (_, r) =>
  VECTOR_TOTALS.map((total) => Math.floor(total / 29) + (r < total - Math.floor(total / 29) * 29 ? 1 : 0)),
);

describe('GET /api/v1/regions/{region}/units/{unit}/scores (SPEC §3, §5)', () => {
  it('answers the SPEC §3 test vector: IKM 91.48, grade A, NRRs to 3 decimals, exactly the domain summary', async () => {
    const org = await createOrganisation({ region: 'vektor' });
    await insertRatings(
      org,
      vectorRows.map((scores, i) => ({ date: `2026-02-${String(1 + (i % 28)).padStart(2, '0')}`, scores })),
    );

    const response = await get('/api/v1/regions/vektor/units/disdukcapil/scores?period=2026-02');

    expect(response.status).toBe(200);
    const score = ScoreSchema.strict().parse(await response.json());
    expect(score).toMatchObject({
      region: { slug: 'vektor', name: expect.any(String) },
      unit: { slug: 'disdukcapil', name: 'Dinas Kependudukan dan Pencatatan Sipil' },
      period: { id: '2026-02', start: '2026-02-01', end: '2026-02-28' },
      responses: 29,
      suppressed: false,
      ikm: 91.48,
      grade: 'A',
    });
    expect(score).toMatchObject(summarize(aggregateOf(vectorRows)));
    expect(score.elements?.[0]).toEqual({ code: 'U1', name: 'Persyaratan', nrr: 3.621 });
    expect(score.ikmLow).toBeLessThanOrEqual(91.48);
    expect(score.ikmHigh).toBeGreaterThanOrEqual(91.48);
  });

  it('aggregates months into quarters, semesters and years; other periods are empty, not errors', async () => {
    const org = await createOrganisation({ region: 'periode' });
    await insertRatings(org, [
      ...same(6, [4, 4, 4, 4, 4, 4, 4, 4, 4], '2026-01-31'),
      ...same(6, [3, 3, 3, 3, 3, 3, 3, 3, 3], '2026-04-01'),
      ...same(6, [2, 2, 2, 2, 2, 2, 2, 2, 2], '2026-12-31'),
    ]);
    const ikmOf = async (period: string) => {
      const body = ScoreSchema.parse(
        await (await get(`/api/v1/regions/periode/units/disdukcapil/scores?period=${period}`)).json(),
      );
      return [body.responses, body.ikm];
    };

    expect(await ikmOf('2026-Q1')).toEqual([6, null]);
    // S1 (12) and the year (18) are large enough, but the year minus S1 is December's 6 responses. S1 was published
    // from April on, as the year to date, so the disclosure plan keeps it and withholds the year (SPEC §4 releases).
    expect(await ikmOf('2026-S1')).toEqual([12, 87.5]);
    expect(await ikmOf('2026-S2')).toEqual([6, null]);
    expect(await ikmOf('2026')).toEqual([18, null]);
    expect(await ikmOf('2025')).toEqual([0, null]);
  });

  it('suppresses a unit with fewer than 10 responses: the count only, every figure null (SPEC §4)', async () => {
    const org = await createOrganisation({ region: 'kecil' });
    await insertRatings(org, same(9, [4, 3, 4, 3, 4, 3, 4, 3, 4], '2026-03-10'));

    const score = ScoreSchema.parse(
      await (await get('/api/v1/regions/kecil/units/disdukcapil/scores?period=2026-03')).json(),
    );

    expect(score).toMatchObject({
      responses: 9,
      suppressed: true,
      ikm: null,
      ikmLow: null,
      ikmHigh: null,
      grade: null,
      elements: null,
      distribution: null,
    });
  });

  it('leaves flagged responses out of every figure', async () => {
    const org = await createOrganisation({ region: 'bendera' });
    await insertRatings(org, [
      ...same(10, [4, 4, 4, 4, 4, 4, 4, 4, 4], '2026-05-02'),
      ...same(5, [1, 1, 1, 1, 1, 1, 1, 1, 1], '2026-05-02').map((row) => ({ ...row, flagged: true })),
    ]);

    const score = ScoreSchema.parse(
      await (await get('/api/v1/regions/bendera/units/disdukcapil/scores?period=2026-05')).json(),
    );

    expect(score).toMatchObject({ responses: 10, ikm: 100, grade: 'A' });
  });

  it('answers an invalid period with 400 problem+json naming the field', async () => {
    await createOrganisation({ region: 'salah' });
    for (const period of ['2026-13', '2026-Q5', '2026-S3', '26', '2026-1', 'last-year', '1999']) {
      const response = await get(`/api/v1/regions/salah/units/disdukcapil/scores?period=${period}`);
      expect(response.status, period).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await response.json()).toMatchObject({ status: 400, errors: [{ field: 'period' }] });
    }
  });

  it('answers an unknown region or unit with 404 problem+json', async () => {
    await createOrganisation({ region: 'ada' });
    for (const path of [
      '/api/v1/regions/tidak-ada/units/disdukcapil/scores',
      '/api/v1/regions/ada/units/tidak-ada/scores',
    ]) {
      const response = await get(path);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
  });

  it('defaults to the current year in the region’s time zone', async () => {
    await createOrganisation({ region: 'sekarang', timezone: 'Asia/Jayapura' });
    const score = ScoreSchema.parse(await (await get('/api/v1/regions/sekarang/units/disdukcapil/scores')).json());
    const year = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jayapura', year: 'numeric' }).format(new Date());
    expect(score.period).toEqual({ id: year, start: `${year}-01-01`, end: `${year}-12-31` });
  });

  it('gives element names in English with ?lang=en', async () => {
    const org = await createOrganisation({ region: 'bahasa' });
    await insertRatings(org, same(10, [4, 4, 4, 4, 4, 4, 4, 4, 4], '2026-05-02'));
    const score = ScoreSchema.parse(
      await (await get('/api/v1/regions/bahasa/units/disdukcapil/scores?period=2026&lang=en')).json(),
    );
    expect(score.elements?.[0]?.name).toBe('Requirements');
  });
});

describe('GET /api/v1/regions/{region}/scores (SPEC §5, fair ranking in docs/method.md)', () => {
  it('lists every unit ranked by the shrunk IKM, suppressed and empty units last, raw IKM as the headline', async () => {
    const org = await createOrganisation({ region: 'peringkat' });
    const other = async (slug: string) =>
      (
        await db()
          .insert(units)
          .values({ regionId: org.regionId, slug, name: `Unit ${slug}` })
          .returning()
          .get()
      ).id;
    const rowsByUnit = new Map<string, number[][]>();
    const rate = async (unitId: number, slug: string, rows: number[][]) => {
      rowsByUnit.set(slug, rows);
      await insertRatings(
        { ...org, unitId },
        rows.map((scores, i) => ({ date: `2026-07-${String(1 + (i % 28)).padStart(2, '0')}`, scores })),
      );
    };
    // A few perfect ratings, a large consistently good unit, a mediocre one, one too small and one without data.
    await rate(
      await other('sedikit-sempurna'),
      'sedikit-sempurna',
      Array.from({ length: 10 }, () => Array(9).fill(4)),
    );
    await rate(
      await other('besar-baik'),
      'besar-baik',
      Array.from({ length: 200 }, (_, i) => [4, 4, 4, 3, 4, 4, 4, 4, i % 2 === 0 ? 4 : 3]),
    );
    await rate(
      org.unitId,
      'disdukcapil',
      Array.from({ length: 30 }, (_, i) => Array(9).fill(2 + (i % 2))),
    );
    await rate(
      await other('terlalu-kecil'),
      'terlalu-kecil',
      Array.from({ length: 3 }, () => Array(9).fill(4)),
    );
    await other('kosong');

    const response = await get('/api/v1/regions/peringkat/scores?period=2026-07');

    expect(response.status).toBe(200);
    const body = RegionScoresSchema.parse(await response.json());
    expect(body.region.slug).toBe('peringkat');
    expect(body.period).toEqual({ id: '2026-07', start: '2026-07-01', end: '2026-07-31' });
    const slugs = [...rowsByUnit.keys(), 'kosong'].sort();
    const expected = rankUnits(slugs, (slug) => aggregateOf(rowsByUnit.get(slug) ?? []));
    expect(body.units.map((u) => [u.unit.slug, u.rank])).toEqual(expected.map((r) => [r.item, r.rank]));
    expect(new Set(body.units.slice(-2).map((u) => u.unit.slug))).toEqual(new Set(['kosong', 'terlalu-kecil']));
    expect(body.units.slice(-2).every((u) => u.suppressed && u.ikm === null)).toBe(true);
    const top = body.units.find((u) => u.unit.slug === 'sedikit-sempurna');
    expect(top?.ikm).toBe(100);
    for (const score of body.units) {
      expect(score).toMatchObject(
        score.suppressed ? { ikm: null } : summarize(aggregateOf(rowsByUnit.get(score.unit.slug)!)),
      );
    }
  });

  it('is cacheable by a CDN for a minute with a weak ETag, and answers If-None-Match with 304', async () => {
    const org = await createOrganisation({ region: 'cache' });
    await insertRatings(org, same(12, [3, 3, 3, 3, 3, 3, 3, 3, 3], '2026-08-08'));

    const first = await get('/api/v1/regions/cache/scores?period=2026-08');
    const etag = first.headers.get('etag');

    expect(first.status).toBe(200);
    expect(etag).toMatch(/^W\/".+"$/);
    expect(first.headers.get('cache-control')).toMatch(/^public, max-age=60, stale-while-revalidate=\d+$/);
    const again = await get('/api/v1/regions/cache/scores?period=2026-08', { headers: { 'If-None-Match': etag! } });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(again.headers.get('cache-control')).toMatch(/^public/);

    // A new rating changes the body, hence the ETag (at the edge once the cached minute is over).
    await insertRatings(org, same(1, [4, 4, 4, 4, 4, 4, 4, 4, 4], '2026-08-09'));
    const changed = await fromOrigin('/api/v1/regions/cache/scores?period=2026-08', {
      headers: { 'If-None-Match': etag! },
    });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    const unit = await get('/api/v1/regions/cache/units/disdukcapil/scores?period=2026-08');
    expect(unit.headers.get('etag')).toMatch(/^W\//);
  });

  it('does not let a CDN cache errors', async () => {
    const response = await get('/api/v1/regions/cache/scores?period=2026-99');
    expect(response.status).toBe(400);
    expect(response.headers.get('cache-control')).toBeNull();
  });
});

describe('complementary suppression in the public scores (SPEC §4)', () => {
  it('never publishes both a quarter and its published months when their difference is one small month', async () => {
    const org = await createOrganisation({ region: 'komplementer' });
    await insertRatings(org, [
      ...same(20, [4, 4, 4, 4, 4, 4, 4, 4, 4], '2026-01-15'),
      ...same(5, [1, 1, 1, 1, 1, 1, 1, 1, 1], '2026-02-15'),
    ]);

    const january = ScoreSchema.parse(
      await (await get('/api/v1/regions/komplementer/units/disdukcapil/scores?period=2026-01')).json(),
    );
    const quarter = ScoreSchema.parse(
      await (await get('/api/v1/regions/komplementer/units/disdukcapil/scores?period=2026-Q1')).json(),
    );
    const ranking = await (await get('/api/v1/regions/komplementer/scores?period=2026-Q1')).json<{
      units: unknown[];
    }>();

    // February is suppressed (n = 5); quarter − January would give it away, so the plan withholds one of the two.
    // January was published all February, before February's responses came: it stays, and the quarter goes (SPEC §4
    // releases). The ranking shows the quarter as the API does.
    expect(january).toMatchObject({ responses: 20, suppressed: false, ikm: 100 });
    expect(quarter).toMatchObject({ responses: 25, suppressed: true, ikm: null });
    expect(ranking.units[0]).toMatchObject({ responses: 25, suppressed: true, ikm: null });
  });

  it('publishes the quarter once its suppressed months hold 10 or more responses together', async () => {
    const org = await createOrganisation({ region: 'cukup' });
    await insertRatings(org, [
      ...same(20, [4, 4, 4, 4, 4, 4, 4, 4, 4], '2026-01-15'),
      ...same(5, [1, 1, 1, 1, 1, 1, 1, 1, 1], '2026-02-15'),
      ...same(5, [1, 1, 1, 1, 1, 1, 1, 1, 1], '2026-03-15'),
    ]);

    const quarter = await (await get('/api/v1/regions/cukup/units/disdukcapil/scores?period=2026-Q1')).json();

    expect(quarter).toMatchObject({ responses: 30, suppressed: false, ikm: 75 });
  });
});
