import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createOrganisation } from '../support/fixtures';
import { enrolledKiosk } from '../support/kiosks';
import { newDevice, postRatingForm } from '../support/ratings';

const ORIGIN = 'https://suara.test';

function get(path: string, headers: Record<string, string> = {}): Promise<Response> {
  return exports.default.fetch(`${ORIGIN}${path}`, { headers, redirect: 'manual' });
}

const ALL_ANSWERS = { U1: '3', U2: '4', U3: '2', U4: '4', U5: '3', U6: '3', U7: '4', U8: '1', U9: '3' };

async function responsesAt(counterId: number) {
  return (await env.DB.prepare('SELECT * FROM responses WHERE counter_id = ?').bind(counterId).all()).results;
}

describe('GET /r/{code}: the rating form (SPEC §2, §5)', () => {
  it('names the unit and counter and offers the nine elements with their four official labels, in Bahasa Indonesia', async () => {
    const org = await createOrganisation({ regionName: 'Kota Tanjungpinang' });
    const response = await get(`/r/${org.counterCode}`);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const page = await response.text();
    expect(page).toMatch(/^<!doctype html><html lang="id">/);
    expect(page).toContain('<h1>Dinas Kependudukan dan Pencatatan Sipil</h1>');
    expect(page).toContain('Loket 1 · Kota Tanjungpinang');
    expect(page.match(/type="radio"/g)).toHaveLength(36);
    for (const label of ['Tidak sesuai', 'Sangat mahal', 'Gratis', 'Ada tetapi tidak berfungsi', 'Sangat baik']) {
      expect(page).toContain(label);
    }
    expect(page).toContain('<option value="ktp-el">Penerbitan KTP-el</option>');
    expect(page).toMatch(/name="submissionId" value="[0-9a-f-]{36}"/);
  });

  it('links the portal’s icon, so the browser shows it instead of asking for a missing one', async () => {
    const org = await createOrganisation();
    const page = await (await get(`/r/${org.counterCode}`)).text();
    expect(page).toContain('<link rel="icon" href="/favicon.ico" sizes="32x32"/>');
    expect(page).toContain('<link rel="icon" href="/favicon.svg" type="image/svg+xml"/>');
    expect(page).toContain('<link rel="apple-touch-icon" href="/apple-touch-icon.png"/>');
  });

  it('without a Turnstile secret renders no widget and carries the dummy token (local development)', async () => {
    const org = await createOrganisation();
    const page = await (await get(`/r/${org.counterCode}`)).text();
    expect(page).not.toContain('challenges.cloudflare.com/turnstile/v0/api.js');
    expect(page).toContain('name="turnstileToken" value="XXXX.DUMMY.TOKEN.XXXX"');
  });

  it('runs only its own nonce’d script under a Content-Security-Policy', async () => {
    const org = await createOrganisation();
    const response = await get(`/r/${org.counterCode}`);
    const csp = response.headers.get('content-security-policy') ?? '';
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("frame-ancestors 'none'");
    const page = await response.text();
    const executable = [...page.matchAll(/<script(?![^>]*type="application\/json")([^>]*)>/g)];
    expect(executable.length).toBeGreaterThan(0);
    for (const [, attributes] of executable) expect(attributes).toContain(`nonce="${nonce}"`);
  });

  it('speaks English with ?lang=en or when the browser prefers English', async () => {
    const org = await createOrganisation();
    for (const response of [
      await get(`/r/${org.counterCode}?lang=en`),
      await get(`/r/${org.counterCode}`, { 'accept-language': 'en-GB,en;q=0.9' }),
    ]) {
      const page = await response.text();
      expect(page).toContain('<html lang="en">');
      expect(page).toContain('Requirements');
      expect(page).toContain('Very polite and friendly');
      expect(page).toContain('Send rating');
    }
  });

  it('stays within its 30 KB budget over the wire', async () => {
    const org = await createOrganisation();
    const bytes = (await (await get(`/r/${org.counterCode}`)).arrayBuffer()).byteLength;
    expect(bytes).toBeLessThan(30 * 1024);
  });

  it('shows a friendly 404 page for an unknown code and a 410 page for a deactivated counter', async () => {
    const unknown = await get('/r/tidak-ada-kode-ini');
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('Kode QR tidak dikenal');

    const org = await createOrganisation();
    await env.DB.prepare('UPDATE counters SET active = 0 WHERE id = ?').bind(org.counterId).run();
    const gone = await get(`/r/${org.counterCode}`);
    expect(gone.status).toBe(410);
    expect(await gone.text()).toContain('Loket ini tidak lagi menerima penilaian');
  });
});

describe('POST /r/{code}: the form without JavaScript (SPEC §5)', () => {
  it('stores a complete rating and redirects to the thanks page; a resubmission stores nothing new', async () => {
    const org = await createOrganisation();
    const submissionId = crypto.randomUUID();
    const fields = {
      ...ALL_ANSWERS,
      service: 'ktp-el',
      age: '41',
      gender: 'L',
      comment: 'Baik\r\nsekali',
      submissionId,
      turnstileToken: 'XXXX.DUMMY.TOKEN.XXXX',
    };

    const response = await postRatingForm(`/r/${org.counterCode}`, fields);

    expect(response.status).toBe(303);
    const location = response.headers.get('location') ?? '';
    expect(location).toMatch(new RegExp(`^/r/${org.counterCode}/terima-kasih\\?id=[0-9a-f-]{36}$`));
    const stored = await responsesAt(org.counterId);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ submission_id: submissionId, u3: 2, u8: 1, age: 41, gender: 'L', channel: 'qr' });

    const again = await postRatingForm(`/r/${org.counterCode}`, fields);
    expect(again.headers.get('location')).toBe(location);
    expect(await responsesAt(org.counterId)).toHaveLength(1);
  });

  it('re-renders with an error beside each unanswered element and keeps every answer given', async () => {
    const org = await createOrganisation();
    const { U3: _u3, U7: _u7, ...someAnswers } = ALL_ANSWERS;
    const response = await postRatingForm(`/r/${org.counterCode}`, {
      ...someAnswers,
      age: '12',
      comment: 'Antrean <b>panjang</b>',
      submissionId: crypto.randomUUID(),
      turnstileToken: 'XXXX.DUMMY.TOKEN.XXXX',
    });

    expect(response.status).toBe(400);
    const page = await response.text();
    expect(page).toContain('<fieldset id="f-U3" class="invalid" aria-describedby="err-U3">');
    expect(page).toContain('<p class="err" id="err-U3">Pilih salah satu jawaban.</p>');
    expect(page).toContain('<p class="err" id="err-U7">Pilih salah satu jawaban.</p>');
    expect(page).toContain('<p class="err" id="err-U1" hidden="">');
    expect(page).toContain('<p class="err" id="err-age">Isi umur 15–100 tahun, atau kosongkan.</p>');
    expect(page).toMatch(/<input type="radio" name="U2" value="4" checked=""\/>/);
    expect(page).toContain('value="12"');
    // Kept, and escaped.
    expect(page).toContain('Antrean &lt;b&gt;panjang&lt;/b&gt;');
    expect(page).toContain('<a href="#f-U3">3. Waktu Penyelesaian: Pilih salah satu jawaban.</a>');
    expect(await responsesAt(org.counterId)).toEqual([]);
  });

  it('refuses a wrong Turnstile token with 403 and keeps the answers', async () => {
    const org = await createOrganisation();
    const response = await postRatingForm(`/r/${org.counterCode}`, {
      ...ALL_ANSWERS,
      submissionId: crypto.randomUUID(),
      turnstileToken: 'forged',
    });
    expect(response.status).toBe(403);
    const page = await response.text();
    expect(page).toContain('Pemeriksaan keamanan gagal');
    expect(page).toMatch(/name="U9" value="3" checked=""/);
  });
  it('answers a multipart body without a boundary with 400 and the form, never a 500', async () => {
    const org = await createOrganisation();
    const device = newDevice();
    const response = await exports.default.fetch(`${ORIGIN}/r/${org.counterCode}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'multipart/form-data', 'cf-connecting-ip': device.ip, 'user-agent': device.userAgent },
      body: 'U1=3&U2=4',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toContain('name="submissionId"');
    expect(await responsesAt(org.counterId)).toEqual([]);
  });
});

describe('the thanks page (SPEC §5)', () => {
  it('says what happens with the rating and links to the unit’s public page', async () => {
    const org = await createOrganisation({ region: 'kota-terima-kasih', unit: 'disdukcapil' });
    const id = crypto.randomUUID();
    const page = await (await get(`/r/${org.counterCode}/terima-kasih?id=${id}`)).text();
    expect(page).toContain('<h1>Terima kasih!</h1>');
    expect(page).toContain('Indeks Kepuasan Masyarakat (IKM)');
    expect(page).toContain('href="/kota-terima-kasih/disdukcapil"');
    expect(page).toContain(id);
    expect(page).not.toContain('http-equiv="refresh"');
  });

  it('on a counter tablet (?kiosk=1) returns to an empty form after 10 seconds', async () => {
    const org = await createOrganisation();
    const page = await (await get(`/r/${org.counterCode}/terima-kasih?kiosk=1&lang=en`)).text();
    expect(page).toContain(`<meta http-equiv="refresh" content="10;url=/r/${org.counterCode}?lang=en&amp;kiosk=1"/>`);
  });
});

describe('the kiosk display (docs/rating.md)', () => {
  it('shows an enrolled kiosk a QR code that is fetched fresh (never cached) and carries a signed token', async () => {
    const org = await createOrganisation();
    const { cookie } = await enrolledKiosk(org.counterId);
    const page = await get(`/r/${org.counterCode}/kiosk`, { cookie });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`src="/r/${org.counterCode}/kiosk/qr.svg"`);

    const qr = await get(`/r/${org.counterCode}/kiosk/qr.svg`, { cookie });
    expect(qr.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(qr.headers.get('cache-control')).toBe('no-store');
    expect(await qr.text()).toMatch(/^<svg/);
  });

  it('carries the kiosk token from the QR code into the form', async () => {
    const org = await createOrganisation();
    const page = await (await get(`/r/${org.counterCode}?k=abc.0123456789abcdef`)).text();
    expect(page).toContain('<input type="hidden" name="k" value="abc.0123456789abcdef"/>');
  });

  it('shows no QR code for a deactivated counter', async () => {
    const org = await createOrganisation();
    const { cookie } = await enrolledKiosk(org.counterId);
    await env.DB.prepare('UPDATE counters SET active = 0 WHERE id = ?').bind(org.counterId).run();
    expect((await get(`/r/${org.counterCode}/kiosk`, { cookie })).status).toBe(410);
    expect((await get(`/r/${org.counterCode}/kiosk/qr.svg`, { cookie })).status).toBe(404);
  });
});
