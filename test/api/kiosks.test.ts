import { exports } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { admin, ORIGIN } from '../support/admin';
import { rows } from '../support/fixtures';
import { newDevice, ratingBody } from '../support/ratings';

const COUNTERS = '/regions/kota-kios/units/dinas-kios/counters';

function get(path: string, headers: Record<string, string> = {}): Promise<Response> {
  return exports.default.fetch(`${ORIGIN}${path}`, { headers, redirect: 'manual' });
}

async function newCounter(name: string): Promise<string> {
  const response = await admin('POST', `/regions/kota-kios/units/dinas-kios/counters`, { name });
  return (await response.json<{ code: string }>()).code;
}

/** Creates a kiosk in the console's API and opens its enrolment link as the tablet would; returns its cookie. */
async function enrol(code: string, label = 'Tablet loket'): Promise<{ id: string; cookie: string }> {
  const created = await admin('POST', `${COUNTERS}/${code}/kiosks`, { label });
  expect(created.status).toBe(201);
  const { id, enrolmentUrl } = await created.json<{ id: string; enrolmentUrl: string }>();
  const link = new URL(enrolmentUrl);
  const kode = link.searchParams.get('kode') ?? '';
  const response = await exports.default.fetch(`${ORIGIN}${link.pathname}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
    body: new URLSearchParams({ kode }).toString(),
  });
  expect(response.status).toBe(303);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return { id, cookie };
}

function rate(code: string, device: { ip: string; userAgent: string }, cookie?: string, i = 0) {
  const answers = { U1: (i % 4) + 1, U2: 3, U3: ((i + 1) % 4) + 1, U4: 4, U5: 3, U6: 2, U7: 4, U8: 3, U9: 2 };
  return exports.default.fetch(`${ORIGIN}/api/v1/responses`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'cf-connecting-ip': device.ip,
      'user-agent': device.userAgent,
      ...(cookie ? { cookie } : {}),
    },
    body: JSON.stringify(ratingBody(code, { answers })),
  });
}

beforeAll(async () => {
  await admin('POST', '/regions', { code: '33.04', slug: 'kota-kios', name: 'Kota Kios', timezone: 'Asia/Jakarta' });
  await admin('POST', '/regions/kota-kios/units', { slug: 'dinas-kios', name: 'Dinas Kios' });
});

describe('the kiosk display is for enrolled kiosks only (docs/rating.md, "Kiosk display and counter tablets")', () => {
  it('gives an un-enrolled browser no QR code and no kiosk token: 401', async () => {
    const code = await newCounter('Loket umum');
    const page = await get(`/r/${code}/kiosk`);
    expect(page.status).toBe(401);
    expect(await page.text()).toContain('Layar ini belum terdaftar');
    const qr = await get(`/r/${code}/kiosk/qr.svg`);
    expect(qr.status).toBe(401);
    expect(qr.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await qr.text()).not.toContain('?k=');
  });

  it('enrols a kiosk through a one-time link made in the console, audited, its secrets stored only as digests', async () => {
    const code = await newCounter('Loket 1');
    const created = await admin('POST', `${COUNTERS}/${code}/kiosks`, { label: 'Tablet loket 1' });
    expect(created.status).toBe(201);
    const body = await created.json<{ id: string; enrolmentUrl: string; enrolmentExpiresAt: number }>();
    expect(body.id).toMatch(/^kiosk_[0-9a-z]{12}$/);
    expect(body.enrolmentUrl).toMatch(
      new RegExp(`^https://suara\\.test/r/${code}/kiosk/daftar\\?kode=[A-Za-z0-9_-]{43}$`),
    );
    const kode = new URL(body.enrolmentUrl).searchParams.get('kode') ?? '';

    // Opening the link shows a button and uses up nothing (link previews fetch it too).
    const opened = await get(`/r/${code}/kiosk/daftar?kode=${kode}`);
    expect(opened.status).toBe(200);
    expect(opened.headers.get('set-cookie')).toBeNull();
    expect(await opened.text()).toContain('Daftarkan layar ini');

    const post = (origin = ORIGIN) =>
      exports.default.fetch(`${ORIGIN}/r/${code}/kiosk/daftar`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
        body: new URLSearchParams({ kode }).toString(),
      });
    expect((await post('https://jahat.example')).status).toBe(403);
    const enrolled = await post();
    expect(enrolled.status).toBe(303);
    expect(enrolled.headers.get('location')).toBe(`/r/${code}/kiosk`);
    const setCookie = enrolled.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^sl_kiosk=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=\d+; HttpOnly; Secure; SameSite=Strict$/);
    // Once only.
    expect((await post()).status).toBe(410);

    const credential = setCookie.split(';')[0]!.split('=')[1]!;
    const stored = await rows<Record<string, string | null>>('SELECT * FROM kiosks WHERE id = ?', body.id);
    expect(JSON.stringify(stored)).not.toContain(credential);
    expect(JSON.stringify(stored)).not.toContain(kode);
    const audit = await rows<{ action: string; target: string }>(
      "SELECT action, target FROM audit_log WHERE action LIKE 'kiosk.%' AND target = ?",
      `counter:${code}`,
    );
    // Made in the console, then enrolled by the tablet: two decisions, one row each (the second POST wrote none).
    expect(audit).toEqual([
      { action: 'kiosk.create', target: `counter:${code}` },
      { action: 'kiosk.enrol', target: `counter:${code}` },
    ]);

    const cookie = setCookie.split(';')[0]!;
    const page = await get(`/r/${code}/kiosk`, { cookie });
    expect(page.status).toBe(200);
    const qr = await get(`/r/${code}/kiosk/qr.svg`, { cookie });
    expect(qr.status).toBe(200);
    expect(await qr.text()).toMatch(/^<svg/);

    const listed = await (await admin('GET', `${COUNTERS}/${code}/kiosks`)).json<Record<string, unknown>[]>();
    expect(listed).toEqual([
      expect.objectContaining({
        id: body.id,
        label: 'Tablet loket 1',
        status: 'enrolled',
        lastSeenAt: expect.any(Number),
      }),
    ]);
    expect(JSON.stringify(listed)).not.toContain(credential);
  });

  it('refuses a forged or another counter’s enrolment code, and a kiosk of one counter at another', async () => {
    const a = await newCounter('Loket A');
    const b = await newCounter('Loket B');
    const created = await (await admin('POST', `${COUNTERS}/${a}/kiosks`, { label: 'Tablet A' })).json<{
      enrolmentUrl: string;
    }>();
    const kode = new URL(created.enrolmentUrl).searchParams.get('kode') ?? '';
    const atB = await exports.default.fetch(`${ORIGIN}/r/${b}/kiosk/daftar`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ kode }).toString(),
    });
    expect(atB.status).toBe(410);
    expect((await get(`/r/${a}/kiosk/daftar?kode=pendek`)).status).toBe(400);

    const { cookie } = await enrol(a);
    expect((await get(`/r/${b}/kiosk/qr.svg`, { cookie })).status).toBe(401);
    expect((await get(`/r/${a}/kiosk/qr.svg`, { cookie: 'sl_kiosk=tiruan' })).status).toBe(401);
  });

  it('exempts an enrolled kiosk from the per-device hourly limit, and a revoked one no longer', async () => {
    const code = await newCounter('Loket tablet');
    const tablet = newDevice();
    const { id, cookie } = await enrol(code);
    const statuses = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await rate(code, tablet, cookie, i)).status);
    expect(statuses).toEqual([201, 201, 201, 201, 201]);
    const stored = await rows<{ channel: string; kiosk_id: string }>(
      'SELECT channel, kiosk_id FROM responses WHERE counter_id = (SELECT id FROM counters WHERE code = ?)',
      code,
    );
    expect(stored).toHaveLength(5);
    expect(stored.every((r) => r.channel === 'kiosk' && r.kiosk_id === id)).toBe(true);

    // The same tablet without its credential is one anonymous device, past its hourly limit here: held, not counted.
    const other = await newCounter('Loket tablet 2');
    for (let i = 0; i < 3; i += 1) expect((await rate(other, tablet, undefined, i)).status).toBe(201);
    const past = await rate(other, tablet, undefined, 3);
    expect(past.status).toBe(201);
    expect(await past.json()).toMatchObject({ held: true });

    expect((await admin('DELETE', `${COUNTERS}/${code}/kiosks/${id}`)).status).toBe(204);
    expect((await admin('DELETE', `${COUNTERS}/${code}/kiosks/kiosk_tidakada`)).status).toBe(404);
    expect((await get(`/r/${code}/kiosk/qr.svg`, { cookie })).status).toBe(401);
    const listed = await (await admin('GET', `${COUNTERS}/${code}/kiosks`)).json<{ status: string }[]>();
    expect(listed.map((k) => k.status)).toEqual(['revoked']);
    const audit = await rows<{ action: string }>(
      "SELECT action FROM audit_log WHERE action = 'kiosk.revoke' AND target = ?",
      `counter:${code}`,
    );
    expect(audit).toHaveLength(1);
    // Revoked: the device's ratings at the counter count again (5 already this hour, limit 3): held.
    const revoked = await rate(code, tablet, cookie, 9);
    expect(revoked.status).toBe(201);
    expect(await revoked.json()).toMatchObject({ held: true });
  });

  it('is documented in the OpenAPI document', async () => {
    const doc = await (await exports.default.fetch(`${ORIGIN}/api/v1/openapi.json`)).json<{
      paths: Record<string, Record<string, unknown>>;
    }>();
    const path = '/api/v1/admin/regions/{region}/units/{unit}/counters/{code}/kiosks';
    expect(Object.keys(doc.paths[path] ?? {}).sort()).toEqual(['get', 'post']);
    expect(Object.keys(doc.paths[`${path}/{id}`] ?? {})).toEqual(['delete']);
  });
});
