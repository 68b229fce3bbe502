import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, admin, ORIGIN } from '../support/admin';

const fetchApi = (path: string, init: RequestInit = {}) => exports.default.fetch(`${ORIGIN}/api/v1${path}`, init);

async function auditRows(action: string) {
  const { results } = await env.DB.prepare(
    'SELECT actor, action, target, detail FROM audit_log WHERE action = ? ORDER BY id',
  )
    .bind(action)
    .all<{ actor: string; action: string; target: string; detail: string }>();
  return results.map((row) => ({ ...row, detail: JSON.parse(row.detail) }));
}

describe('admin authentication (SPEC §5)', () => {
  it('refuses a missing or wrong admin token with 401 problem+json and WWW-Authenticate: Bearer, never cached', async () => {
    for (const headers of [
      {},
      { Authorization: 'Bearer wrong-token' },
      { Authorization: `Basic ${btoa('a:b')}` },
    ] as Record<string, string>[]) {
      const response = await fetchApi('/admin/regions', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: JSON.stringify({ code: '11.12', slug: 'tidak-boleh', name: 'Tidak Boleh', timezone: 'Asia/Jakarta' }),
      });
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer realm="admin"/);
      expect(response.headers.get('cache-control')).toBe('no-store');
    }
    expect(await env.DB.prepare("SELECT 1 FROM regions WHERE slug = 'tidak-boleh'").first()).toBeNull();
  });

  it('signs in a console session with the token: HttpOnly Secure SameSite=Strict cookie, CSRF header required for changes', async () => {
    const signIn = await fetchApi('/admin/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: ORIGIN },
      body: JSON.stringify({ token: ADMIN_TOKEN }),
    });
    expect(signIn.status).toBe(201);
    const cookieHeader = signIn.headers.get('set-cookie') ?? '';
    expect(cookieHeader).toMatch(/^__Host-sl_admin=[0-9a-z]+;/);
    expect(cookieHeader).toMatch(/HttpOnly/i);
    expect(cookieHeader).toMatch(/Secure/i);
    expect(cookieHeader).toMatch(/SameSite=Strict/i);
    expect(cookieHeader).toMatch(/Path=\//);
    const { csrfToken, actor } = await signIn.json<{ csrfToken: string; actor: string }>();
    expect(actor).toBe('admin-token');
    const cookie = cookieHeader.split(';')[0]!;
    const stored = await env.DB.prepare('SELECT id FROM sessions').all<{ id: string }>();
    expect(stored.results.map((r) => r.id)).not.toContain(cookie.split('=')[1]);

    const body = JSON.stringify({ code: '11.13', slug: 'sesi', name: 'Kota Sesi', timezone: 'Asia/Jakarta' });
    const post = (headers: Record<string, string>) =>
      fetchApi('/admin/regions', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Cookie: cookie, ...headers },
        body,
      });

    expect((await post({ Origin: ORIGIN })).status).toBe(403); // no CSRF token
    expect((await post({ Origin: ORIGIN, 'X-CSRF-Token': 'wrong' })).status).toBe(403);
    expect((await post({ Origin: 'https://evil.example', 'X-CSRF-Token': csrfToken })).status).toBe(403);
    expect((await post({ 'X-CSRF-Token': csrfToken })).status).toBe(403); // neither Origin nor Sec-Fetch-Site
    expect((await post({ Origin: ORIGIN, 'X-CSRF-Token': csrfToken })).status).toBe(201);
    // Reads need no CSRF token.
    expect((await fetchApi('/admin/regions/sesi/units', { headers: { Cookie: cookie } })).status).toBe(200);
    const again = await fetchApi('/admin/session', { headers: { Cookie: cookie } });
    expect(await again.json()).toMatchObject({ csrfToken });

    // Signing out is a change too: without the CSRF token it is refused and the session stays.
    const forged = await fetchApi('/admin/session', { method: 'DELETE', headers: { Cookie: cookie, Origin: ORIGIN } });
    expect(forged.status).toBe(403);
    expect((await fetchApi('/admin/regions/sesi/units', { headers: { Cookie: cookie } })).status).toBe(200);
    const signOut = await fetchApi('/admin/session', {
      method: 'DELETE',
      headers: { Cookie: cookie, Origin: ORIGIN, 'X-CSRF-Token': csrfToken },
    });
    expect(signOut.status).toBe(204);
    expect(signOut.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    expect((await fetchApi('/admin/regions/sesi/units', { headers: { Cookie: cookie } })).status).toBe(401);
    expect((await auditRows('session.create')).length).toBeGreaterThan(0);
  });

  it('refuses sign-in with a wrong token or from another site', async () => {
    const wrong = await fetchApi('/admin/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: ORIGIN },
      body: JSON.stringify({ token: 'guess' }),
    });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();
    const crossSite = await fetchApi('/admin/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'https://evil.example' },
      body: `token=${ADMIN_TOKEN}`,
    });
    expect(crossSite.status).toBe(403);
  });
});

describe('POST /api/v1/admin/regions, units, services (SPEC §1, §5, §6)', () => {
  it('creates a region, a unit and a service, each with an audit row naming the actor', async () => {
    const region = await admin('POST', '/regions', {
      code: '75.71',
      slug: 'gorontalo',
      name: 'Kota Gorontalo',
      timezone: 'Asia/Makassar',
    });
    expect(region.status).toBe(201);
    expect(await region.json()).toEqual({
      slug: 'gorontalo',
      name: 'Kota Gorontalo',
      timezone: 'Asia/Makassar',
      code: '75.71',
      province: { code: '75', name: 'Gorontalo' },
    });
    expect(region.headers.get('cache-control')).toBe('no-store');

    const unit = await admin('POST', '/regions/gorontalo/units', {
      slug: 'dinkes',
      name: 'Dinas Kesehatan',
      population: 5000,
      ikmTarget: 82.5,
    });
    expect(unit.status).toBe(201);
    expect(await unit.json()).toEqual({
      slug: 'dinkes',
      name: 'Dinas Kesehatan',
      population: 5000,
      ikmTarget: 82.5,
      headName: null,
      headNip: null,
    });

    const service = await admin('POST', '/regions/gorontalo/units/dinkes/services', {
      slug: 'surat-sehat',
      name: 'Surat Keterangan Sehat',
    });
    expect(service.status).toBe(201);
    expect(await (await admin('GET', '/regions/gorontalo/units/dinkes/services')).json()).toEqual([
      { slug: 'surat-sehat', name: 'Surat Keterangan Sehat' },
    ]);

    expect(await auditRows('region.create')).toContainEqual({
      actor: 'admin-token',
      action: 'region.create',
      target: 'region:gorontalo',
      detail: { code: '75.71', slug: 'gorontalo', name: 'Kota Gorontalo', timezone: 'Asia/Makassar' },
    });
    expect(await auditRows('unit.create')).toContainEqual(expect.objectContaining({ target: 'unit:gorontalo/dinkes' }));
    expect(await auditRows('service.create')).toContainEqual(
      expect.objectContaining({ target: 'service:gorontalo/dinkes/surat-sehat' }),
    );
    const listed = await fetchApi('/regions');
    expect(await listed.json()).toContainEqual({
      slug: 'gorontalo',
      name: 'Kota Gorontalo',
      timezone: 'Asia/Makassar',
      code: '75.71',
      province: { code: '75', name: 'Gorontalo' },
    });
  });

  it('takes the official name, a slug of it and the province’s time zone from the Kemendagri code alone', async () => {
    const city = await admin('POST', '/regions', { code: '21.72' });
    expect(city.status).toBe(201);
    expect(await city.json()).toEqual({
      slug: 'kota-tanjung-pinang',
      name: 'Kota Tanjung Pinang',
      timezone: 'Asia/Jakarta',
      code: '21.72',
      province: { code: '21', name: 'Kepulauan Riau' },
    });
    // East of the WITA line, a Papuan regency gets WIT; a province code names the provincial government.
    expect(await (await admin('POST', '/regions', { code: '91.71' })).json()).toMatchObject({
      timezone: 'Asia/Jayapura',
      province: { code: '91', name: 'Papua' },
    });
    expect(await (await admin('POST', '/regions', { code: '51' })).json()).toMatchObject({
      slug: 'provinsi-bali',
      name: 'Provinsi Bali',
      timezone: 'Asia/Makassar',
      code: '51',
      province: { code: '51', name: 'Bali' },
    });
  });

  it('refuses a code that is malformed or not in the official list with 400, and a code already taken with 409', async () => {
    for (const code of ['2172', '21.7', '21.99', '99', ' ']) {
      const response = await admin('POST', '/regions', { code, slug: `kode-${code.replace(/\W/g, 'x') || 'kosong'}` });
      expect(response.status, code).toBe(400);
      expect(await response.json()).toMatchObject({ errors: [{ field: 'code' }] });
    }
    expect((await admin('POST', '/regions', { slug: 'tanpa-kode', name: 'Kota Tanpa Kode' })).status).toBe(400);
    expect((await admin('POST', '/regions', { code: '13.77', slug: 'pariaman-kota' })).status).toBe(201);
    const taken = await admin('POST', '/regions', { code: '13.77', slug: 'pariaman-lagi' });
    expect(taken.status).toBe(409);
    expect(await taken.json()).toMatchObject({ detail: expect.stringContaining('13.77') });
    expect(await env.DB.prepare("SELECT 1 FROM regions WHERE slug = 'pariaman-lagi'").first()).toBeNull();
  });

  it('refuses reserved region slugs, malformed slugs and unknown time zones with 400 and field errors', async () => {
    for (const slug of [
      'r',
      'data',
      'api',
      'admin',
      'tentang',
      'assets',
      '_astro',
      'docs',
      'favicon.ico',
      'robots.txt',
      'sitemap.xml',
    ]) {
      const response = await admin('POST', '/regions', {
        code: '11.14',
        slug,
        name: 'Kota Cadangan',
        timezone: 'Asia/Jakarta',
      });
      expect(response.status, slug).toBe(400);
      expect(await response.json()).toMatchObject({ errors: [{ field: 'slug' }] });
    }
    const badZone = await admin('POST', '/regions', {
      code: '11.01',
      slug: 'zona',
      name: 'Kota Zona',
      timezone: 'Asia/Bandung',
    });
    expect(await badZone.json()).toMatchObject({ status: 400, errors: [{ field: 'timezone' }] });
    const several = await admin('POST', '/regions', { slug: 'Bad Slug', name: 'X', timezone: 'WIB' });
    expect((await several.json<{ errors: { field: string }[] }>()).errors.map((e) => e.field).sort()).toEqual([
      'code',
      'name',
      'slug',
      'timezone',
    ]);
  });

  it('refuses names and labels with text-direction overrides or invisible characters (400 on the field)', async () => {
    for (const name of ['Kota \u202Egnalap\u202C', 'Kota\u2066 Isolasi\u2069', 'Kota\u200BTersembunyi']) {
      const response = await admin('POST', '/regions', {
        code: '32.01',
        slug: 'kota-bidi',
        name,
        timezone: 'Asia/Jakarta',
      });
      expect(response.status, JSON.stringify(name)).toBe(400);
      expect(await response.json()).toMatchObject({ errors: [{ field: 'name' }] });
    }
    await admin('POST', '/regions', { code: '32.01', slug: 'kota-bidi', name: 'Kota Bidi', timezone: 'Asia/Jakarta' });
    const unit = await admin('POST', '/regions/kota-bidi/units', { slug: 'dinas', name: 'Dinas \u202DTerbalik' });
    expect(unit.status).toBe(400);
    const key = await admin('POST', '/regions/kota-bidi/api-keys', { label: 'Bagian \u202Eorganisasi' });
    expect(key.status).toBe(400);
  });

  it('answers 409 for a duplicate region, unit or service slug, and 404 for an unknown parent', async () => {
    await admin('POST', '/regions', { code: '11.03', slug: 'langsa', name: 'Kota Langsa', timezone: 'Asia/Jakarta' });
    expect(
      (await admin('POST', '/regions', { code: '11.04', slug: 'langsa', name: 'Lagi', timezone: 'Asia/Jakarta' }))
        .status,
    ).toBe(409);
    await admin('POST', '/regions/langsa/units', { slug: 'dpmptsp', name: 'DPMPTSP' });
    expect((await admin('POST', '/regions/langsa/units', { slug: 'dpmptsp', name: 'Lagi' })).status).toBe(409);
    await admin('POST', '/regions/langsa/units/dpmptsp/services', { slug: 'izin', name: 'Perizinan' });
    expect((await admin('POST', '/regions/langsa/units/dpmptsp/services', { slug: 'izin', name: 'Lagi' })).status).toBe(
      409,
    );
    expect((await admin('POST', '/regions/tidak-ada/units', { slug: 'x1', name: 'Unit X' })).status).toBe(404);
    expect(
      (await admin('POST', '/regions/langsa/units/tidak-ada/services', { slug: 'x1', name: 'Layanan X' })).status,
    ).toBe(404);
  });

  it('accepts an SKP target only between 25 and 100', async () => {
    await admin('POST', '/regions', { code: '11.05', slug: 'target', name: 'Kota Target', timezone: 'Asia/Jakarta' });
    for (const ikmTarget of [24.99, 100.01, 'delapan puluh']) {
      const response = await admin('POST', '/regions/target/units', { slug: 'unit-a', name: 'Unit A', ikmTarget });
      expect(response.status, String(ikmTarget)).toBe(400);
      expect(await response.json()).toMatchObject({ errors: [{ field: 'ikmTarget' }] });
    }
    expect(
      (await admin('POST', '/regions/target/units', { slug: 'unit-a', name: 'Unit A', ikmTarget: 25 })).status,
    ).toBe(201);
  });

  it('refuses a request body over the admin API’s limit with 413', async () => {
    const response = await admin('POST', '/regions', {
      slug: 'besar',
      name: 'x'.repeat(70_000),
      timezone: 'Asia/Jakarta',
    });
    expect(response.status).toBe(413);
  });
});

describe('counters (SPEC §1, §5)', () => {
  it('creates counters with unguessable 10-character codes and the rating form URL; lists, deactivates and reactivates them', async () => {
    await admin('POST', '/regions', {
      code: '11.06',
      slug: 'pariaman',
      name: 'Kota Pariaman',
      timezone: 'Asia/Jakarta',
    });
    await admin('POST', '/regions/pariaman/units', { slug: 'disdukcapil', name: 'Disdukcapil' });
    const codes = new Set<string>();
    for (const name of ['Loket 1', 'Loket 2', 'Loket 3']) {
      const response = await admin('POST', '/regions/pariaman/units/disdukcapil/counters', { name });
      expect(response.status).toBe(201);
      const counter = await response.json<{ code: string; url: string; active: boolean }>();
      expect(counter.code).toMatch(/^[0-9abcdefghjkmnpqrstvwxyz]{10}$/);
      expect(counter.url).toBe(`https://suara.test/r/${counter.code}`);
      expect(counter.active).toBe(true);
      codes.add(counter.code);
    }
    expect(codes.size).toBe(3);
    const [code] = [...codes];

    const off = await admin('PATCH', `/regions/pariaman/units/disdukcapil/counters/${code}`, { active: false });
    expect(await off.json()).toMatchObject({ code, active: false, kioskExpiredPolicy: 'mark' });
    const on = await admin('PATCH', `/regions/pariaman/units/disdukcapil/counters/${code}`, {
      active: true,
      kioskExpiredPolicy: 'refuse',
    });
    expect(await on.json()).toMatchObject({ code, active: true, kioskExpiredPolicy: 'refuse' });
    expect((await admin('PATCH', `/regions/pariaman/units/disdukcapil/counters/${code}`, {})).status).toBe(400);
    expect(await auditRows('counter.update')).toHaveLength(2);

    const list = await (await admin('GET', '/regions/pariaman/units/disdukcapil/counters')).json<{ name: string }[]>();
    expect(list.map((c) => c.name)).toEqual(['Loket 1', 'Loket 2', 'Loket 3']);
  });

  it('serves the QR code as SVG and an A4 print poster with the unit and counter names escaped', async () => {
    await admin('POST', '/regions', { code: '11.07', slug: 'poster', name: 'Kota Poster', timezone: 'Asia/Jakarta' });
    await admin('POST', '/regions/poster/units', { slug: 'dinsos', name: 'Dinas Sosial <Bidang & Rehabilitasi>' });
    const { code, url } = await (
      await admin('POST', '/regions/poster/units/dinsos/counters', { name: 'Loket "A"' })
    ).json<{
      code: string;
      url: string;
    }>();

    const svg = await admin('GET', `/regions/poster/units/dinsos/counters/${code}/qr.svg`);
    expect(svg.status).toBe(200);
    expect(svg.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(await svg.text()).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);

    const poster = await admin('GET', `/regions/poster/units/dinsos/counters/${code}/poster`);
    expect(poster.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await poster.text();
    expect(page).toContain('@page { size: A4;');
    expect(page).toContain('Dinas Sosial &lt;Bidang &amp; Rehabilitasi&gt;');
    expect(page).toContain('Loket &quot;A&quot;');
    expect(page).toContain(url);
    expect(page).toContain('Pindai kode QR');
    expect(page).toContain('Scan the QR code');
    expect(page).toContain('<svg');
    // Its print button's one inline script runs by this response's nonce, and nothing else may.
    expect(page).toMatch(/<button type="button" id="print">Cetak \/ Print<\/button>/);
    const nonce = /<script nonce="([A-Za-z0-9+/=_-]{16,})">/.exec(page)?.[1] ?? '';
    expect(nonce).not.toBe('');
    const policy = poster.headers.get('content-security-policy') ?? '';
    expect(/script-src ([^;]*)/.exec(policy)?.[1]).toBe(`'nonce-${nonce}'`);
    expect(policy).toContain("frame-ancestors 'none'");
    const again = await (await admin('GET', `/regions/poster/units/dinsos/counters/${code}/poster`)).text();
    expect(again).not.toContain(nonce);
  });

  it('does not reach a counter through another unit’s path', async () => {
    await admin('POST', '/regions', { code: '11.08', slug: 'silang', name: 'Kota Silang', timezone: 'Asia/Jakarta' });
    await admin('POST', '/regions/silang/units', { slug: 'satu', name: 'Unit Satu' });
    await admin('POST', '/regions/silang/units', { slug: 'dua', name: 'Unit Dua' });
    const { code } = await (await admin('POST', '/regions/silang/units/satu/counters', { name: 'Loket 1' })).json<{
      code: string;
    }>();
    expect((await admin('GET', `/regions/silang/units/dua/counters/${code}/qr.svg`)).status).toBe(404);
    expect((await admin('PATCH', `/regions/silang/units/dua/counters/${code}`, { active: false })).status).toBe(404);
  });
});

describe('API keys (SPEC §5)', () => {
  it('creates a key shown once, lists keys without secrets, and revokes them', async () => {
    await admin('POST', '/regions', {
      code: '11.09',
      slug: 'kunci-admin',
      name: 'Kota Kunci',
      timezone: 'Asia/Jakarta',
    });
    const created = await admin('POST', '/regions/kunci-admin/api-keys', { label: 'Bagian Organisasi' });
    expect(created.status).toBe(201);
    const { id, key } = await created.json<{ id: string; key: string }>();
    expect(key).toMatch(/^sl_live_[0-9a-z]{32}$/);
    expect((await fetchApi('/agency/scores', { headers: { Authorization: `Bearer ${key}` } })).status).toBe(200);

    const listing = await (await admin('GET', '/regions/kunci-admin/api-keys')).text();
    expect(listing).not.toContain(key);
    expect(JSON.parse(listing)).toEqual([
      expect.objectContaining({ id, label: 'Bagian Organisasi', prefix: key.slice(0, 12), revokedAt: null }),
    ]);

    expect((await admin('DELETE', `/regions/kunci-admin/api-keys/${id}`)).status).toBe(204);
    expect((await fetchApi('/agency/scores', { headers: { Authorization: `Bearer ${key}` } })).status).toBe(401);
    expect((await admin('DELETE', '/regions/kunci-admin/api-keys/key_tidak_ada')).status).toBe(404);
    expect((await auditRows('api-key.create'))[0]?.detail).not.toHaveProperty('key');
    expect(JSON.stringify(await auditRows('api-key.create'))).not.toContain(key);
  });

  it('does not revoke another region’s key through this region’s path', async () => {
    await admin('POST', '/regions', { code: '11.10', slug: 'kunci-a', name: 'Kota A', timezone: 'Asia/Jakarta' });
    await admin('POST', '/regions', { code: '11.11', slug: 'kunci-b', name: 'Kota B', timezone: 'Asia/Jakarta' });
    const { id } = await (await admin('POST', '/regions/kunci-a/api-keys', { label: 'A' })).json<{ id: string }>();
    expect((await admin('DELETE', `/regions/kunci-b/api-keys/${id}`)).status).toBe(404);
  });
});
