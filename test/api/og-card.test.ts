import { describe, expect, it } from 'vitest';
import { ScoreSchema } from '../../worker/contract/scores';
import { type CardInput, cardSvg, cardText } from '../../worker/views/og/card';
import { rasterize } from '../../worker/views/og/raster';
import { createOrganisation } from '../support/fixtures';
import { get } from '../support/http';
import { insertRatings, type RatingRow, same } from '../support/ratings';

/** Width and height from the PNG's IHDR chunk, after checking the signature and that IHDR comes first. */
function pngSize(bytes: Uint8Array): { width: number; height: number } {
  expect([...bytes.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(new TextDecoder().decode(bytes.slice(12, 16))).toBe('IHDR');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

const bytesOf = async (response: Response) => new Uint8Array(await response.arrayBuffer());
/** The card the Worker should draw for `input`, rendered here the same way. */
const expected = async (input: CardInput) => rasterize(cardSvg(cardText(input)));

/** `count` ratings in `month`, differing by row so no two cells look alike. */
const ratings = (count: number, month: string, salt: number): RatingRow[] =>
  Array.from({ length: count }, (_, r) => ({
    date: `${month}-${String(1 + (r % 28)).padStart(2, '0')}`,
    scores: Array.from({ length: 9 }, (_, e) => 1 + ((r + e * salt + Number(month.slice(5))) % 4)),
  }));

// Each test renders several 1200×630 PNGs (the Worker's and the expected ones): more than 5 s on a busy machine.
describe('GET /og/…/card.png, the pages’ share cards (docs/spec.md §6)', { timeout: 30_000 }, () => {
  it('answers a 1200×630 PNG of a unit with its published IKM and grade, cached at the edge', async () => {
    const org = await createOrganisation({ region: 'kartu', regionName: 'Kota Kartu' });
    await insertRatings(org, same(12, [4, 4, 3, 4, 4, 3, 4, 4, 4], '2026-03-10'));
    const path = '/og/kartu/disdukcapil/card.png?period=2026-03';

    const response = await get(path);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('cache-control')).toMatch(/^public, max-age=600\b/);
    expect(response.headers.get('x-cache')).toBe('MISS');
    const bytes = await bytesOf(response);
    expect(pngSize(bytes)).toEqual({ width: 1200, height: 630 });

    const score = ScoreSchema.parse(
      await (await get('/api/v1/regions/kartu/units/disdukcapil/scores?period=2026-03')).json(),
    );
    expect(score).toMatchObject({ suppressed: false, grade: 'A' });
    expect(bytes).toEqual(
      await expected({
        locale: 'id',
        title: 'Dinas Kependudukan dan Pencatatan Sipil',
        subtitle: 'Kota Kartu',
        periodLabel: 'Maret 2026',
        figures: score,
      }),
    );

    const again = await get(path);
    expect(again.headers.get('x-cache')).toBe('HIT');
    expect(await bytesOf(again)).toEqual(bytes);
  });

  it('draws no figure the disclosure plan withholds: 20 responses of February, given back by the quarter − January', async () => {
    const org = await createOrganisation({ region: 'kartu-selisih', regionName: 'Kota Selisih' });
    await insertRatings(org, [...ratings(5, '2025-01', 2), ...ratings(20, '2025-02', 3)]);
    const february = ScoreSchema.parse(
      await (await get('/api/v1/regions/kartu-selisih/units/disdukcapil/scores?period=2025-02')).json(),
    );
    expect(february).toMatchObject({ responses: 20, suppressed: true, ikm: null });

    const response = await get('/og/kartu-selisih/disdukcapil/card.png?period=2025-02&lang=en');
    expect(response.status).toBe(200);
    const withheld = await expected({
      locale: 'en',
      title: 'Dinas Kependudukan dan Pencatatan Sipil',
      subtitle: 'Kota Selisih',
      periodLabel: 'February 2025',
      figures: { responses: 20, ikm: null, grade: null, suppressed: true },
    });
    expect(await bytesOf(response)).toEqual(withheld);

    // The region's pooled February is the unit's: withheld as well.
    const region = await get('/og/kartu-selisih/card.png?period=2025-02&lang=en');
    expect(await bytesOf(region)).toEqual(
      await expected({
        locale: 'en',
        title: 'Kota Selisih',
        periodLabel: 'February 2025',
        figures: { responses: 20, ikm: null, grade: null, suppressed: true },
      }),
    );
  });

  it('has a card for the portal’s own pages, in either language', async () => {
    for (const [query, locale] of [
      ['', 'id'],
      ['?lang=en', 'en'],
    ] as const) {
      const response = await get(`/og/card.png${query}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/png');
      const bytes = await bytesOf(response);
      expect(pngSize(bytes)).toEqual({ width: 1200, height: 630 });
      expect(bytes).toEqual(
        await expected({
          locale,
          title:
            locale === 'id'
              ? 'Kepuasan masyarakat terhadap pelayanan publik, terbuka untuk semua.'
              : 'Citizen satisfaction with public services, open to everyone.',
        }),
      );
    }
  });

  it('answers 404 problem+json for an unknown region or unit, and 400 for a malformed slug or period', async () => {
    await createOrganisation({ region: 'kartu-ada' });
    for (const path of ['/og/tidak-ada/card.png', '/og/kartu-ada/tidak-ada/card.png']) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      await response.body?.cancel();
    }
    for (const path of ['/og/Kartu_Ada/card.png', '/og/kartu-ada/disdukcapil/card.png?period=2026-13']) {
      const response = await get(path);
      expect(response.status, path).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      await response.body?.cancel();
    }
  });
});
