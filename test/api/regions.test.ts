import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createOrganisation } from '../support/fixtures';

describe('GET /api/v1/regions (SPEC §5)', () => {
  it('lists every region with slug, name, time zone, Kemendagri code and province, alphabetically by name', async () => {
    await createOrganisation({ region: 'tanjungpinang', regionName: 'Kota Tanjungpinang', regionCode: '21.72' });
    await createOrganisation({
      region: 'gorontalo',
      regionName: 'Kota Gorontalo',
      regionCode: '75.71',
      timezone: 'Asia/Makassar',
    });
    // A region created before codes existed: no code, no province (SPEC §1).
    await createOrganisation({ region: 'lama', regionName: 'Kota Lama' });

    const response = await exports.default.fetch('https://suara.test/api/v1/regions');

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    // The same for everyone: the edge cache and CDNs may keep it for a minute.
    expect(response.headers.get('cache-control')).toMatch(/^public, max-age=60\b/);
    expect(await response.json()).toEqual([
      {
        slug: 'gorontalo',
        name: 'Kota Gorontalo',
        timezone: 'Asia/Makassar',
        code: '75.71',
        province: { code: '75', name: 'Gorontalo' },
      },
      { slug: 'lama', name: 'Kota Lama', timezone: 'Asia/Jakarta', code: null, province: null },
      {
        slug: 'tanjungpinang',
        name: 'Kota Tanjungpinang',
        timezone: 'Asia/Jakarta',
        code: '21.72',
        province: { code: '21', name: 'Kepulauan Riau' },
      },
    ]);
  });

  it('answers an unknown API path with a problem+json 404, not the site’s HTML', async () => {
    const response = await exports.default.fetch('https://suara.test/api/v1/nothing-here');

    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await response.json()).toMatchObject({ status: 404, title: 'Not Found' });
  });
});
