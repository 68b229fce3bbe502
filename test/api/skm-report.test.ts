import { env, exports } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { localDate } from '../../domain/periods';
import { CHAPTER_HEADINGS, dateLabel, SECTION_HEADINGS } from '../../domain/skm-report';
import { staff } from '../support/accounts';
import { admin } from '../support/admin';
import { createOrganisation, type Organisation } from '../support/fixtures';
import { readPdf } from '../support/pdf-text';
import { insertRatings, same } from '../support/ratings';

// 12 × total 32 and 8 × total 27: mean 30 of 36, IKM 25 · 30 / 9 = 83.33, grade B, n = 20 (SPEC §3).
const GOOD = [4, 4, 3, 3, 4, 3, 4, 3, 4];
const FAIR = [3, 3, 3, 3, 3, 3, 3, 3, 3];
const PERIOD = '2026-Q3';

let org: Organisation;
let regionSlug: string;
let other: Organisation;

async function slugsOf(o: Organisation) {
  const row = await env.DB.prepare(
    'SELECT r.slug AS region, u.slug AS unit FROM units u JOIN regions r ON r.id = u.region_id WHERE u.id = ?',
  )
    .bind(o.unitId)
    .first<{ region: string; unit: string }>();
  return row!;
}

beforeAll(async () => {
  org = await createOrganisation();
  other = await createOrganisation({ unit: 'dinkes' });
  regionSlug = (await slugsOf(org)).region;
  const good = await insertRatings(
    org,
    same(12, GOOD, '2026-07-10').map((row) => ({ ...row, serviceId: org.serviceId })),
  );
  const fair = await insertRatings(org, same(8, FAIR, '2026-08-20'));
  // A flagged rating stays out of every figure, the respondents' profile included.
  const flagged = await insertRatings(org, [{ date: '2026-08-21', scores: FAIR, flagged: true }]);
  // The previous quarter, for the trend: IKM 75.00.
  await insertRatings(org, same(10, FAIR, '2026-05-05'));
  await env.DB.batch([
    env.DB.prepare(
      `UPDATE responses SET gender = 'P', age = 34, education = 'D4-S1', occupation = 'PNS', channel = 'paper' WHERE id IN (SELECT value FROM json_each(?))`,
    ).bind(JSON.stringify(good.slice(0, 5))),
    env.DB.prepare(`UPDATE responses SET gender = 'L', age = 61 WHERE id IN (SELECT value FROM json_each(?))`).bind(
      JSON.stringify([...fair.slice(0, 3), ...flagged]),
    ),
    env.DB.prepare(
      `INSERT INTO follow_up_actions (id, region_id, unit_id, period, element_code, issue, action, owner, due_date, status, evidence)
       VALUES ('fu-1', ?1, ?2, '2026-Q3', 'U3', 'Antrean panjang di pagi hari', 'Menambah loket pada jam sibuk', 'Kepala Seksi Pelayanan', '2026-10-31', 'in_progress', NULL),
              ('fu-0', ?1, ?2, '2026-Q2', 'U9', 'Ruang tunggu panas', 'Memasang pendingin ruangan', 'Sekretaris Dinas', '2026-08-01', 'done', 'Dua unit AC terpasang')`,
    ).bind(org.regionId, org.unitId),
  ]);
});

const reportPath = (query: string) => `/regions/${regionSlug}/reports/skm${query}`;

describe('the official SKM report of a unit (PermenPANRB 14/2017 annex; SPEC §3, §5)', () => {
  it('is A4 HTML with every chapter and section of the template, and the IKM, grade and n', async () => {
    const response = await admin('GET', reportPath(`?period=${PERIOD}&unit=disdukcapil`));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const html = await response.text();
    expect(html).toContain('@page { size: A4');
    for (const heading of CHAPTER_HEADINGS) expect(html).toContain(`>${heading}</h2>`);
    const sections = Object.entries(SECTION_HEADINGS).filter(([key]) => key !== 'byUnit');
    for (const [, heading] of sections) expect(html).toContain(`<h3>${heading}</h3>`);
    expect(html).toContain('<dt>Indeks Kepuasan Masyarakat (IKM)</dt><dd>83,33</dd>');
    expect(html).toContain('<dt>Mutu pelayanan</dt><dd>B</dd>');
    expect(html).toContain('<dt>Jumlah responden (n)</dt><dd>20</dd>');
    // Unsuppressed staff figures, and the report says so.
    expect(html).toContain('tanpa penyembunyian kelompok kecil');
  });

  it('counts respondents’ characteristics from unflagged responses only, ages in bands', async () => {
    const html = await (await admin('GET', reportPath(`?period=${PERIOD}&unit=disdukcapil`))).text();
    expect(html).toMatch(/<td class="left">Perempuan<\/td><td class="right">5<\/td><td class="right">25,0%<\/td>/);
    // Three unflagged men aged 61; the flagged one is not counted.
    expect(html).toMatch(/<td class="left">Laki-laki<\/td><td class="right">3<\/td><td class="right">15,0%<\/td>/);
    expect(html).toMatch(/60 tahun ke atas<\/td><td class="right">3<\/td>/);
    expect(html).toContain('Kuesioner kertas yang dimasukkan petugas: 5 responden (25,0%)');
  });

  it('shows the sample, the per-service IKM, the trend against the previous quarter and both periods’ follow-up', async () => {
    const html = await (await admin('GET', reportPath(`?period=${PERIOD}&unit=disdukcapil`))).text();
    // population 1000 a year → 250 a quarter → Krejcie–Morgan 152.
    expect(html).toContain('<dt>Sampel minimal (Krejcie dan Morgan)</dt><dd>152</dd>');
    expect(html).toMatch(/Penerbitan KTP-el<\/td><td class="right">12<\/td><td class="right">88,89<\/td>/);
    expect(html).toMatch(/Tanpa jenis layanan<\/td><td class="right">8<\/td><td class="right">75,00<\/td>/);
    expect(html).toContain('IKM naik 8,33 poin menjadi 83,33');
    expect(html).toContain('Menambah loket pada jam sibuk');
    expect(html).toContain('Sedang berjalan');
    expect(html).toContain('Dua unit AC terpasang');
    expect(html).toContain('1 dari 1 rencana tindak lanjut periode Triwulan II 2026 telah selesai');
  });

  it('carries the signed SKP evidence link and its QR code', async () => {
    const html = await (await admin('GET', reportPath(`?period=${PERIOD}&unit=disdukcapil`))).text();
    const link = /href="(https:\/\/suara\.test\/bukti\/[A-Za-z0-9_.-]+)"/.exec(html)?.[1];
    expect(link).toBeDefined();
    expect(html).toContain('aria-label="Kode QR bukti dukung SKP"><svg');
    const verified = await exports.default.fetch(`${link}?format=json`);
    expect(await verified.json()).toMatchObject({ valid: true, ikm: 83.33, responses: 20, grade: 'B', period: PERIOD });
  });

  it('is a PDF made in the Worker, downloaded as a file with a sensible name (RFC 6266)', async () => {
    const response = await admin('GET', `/regions/${regionSlug}/reports/skm.pdf?period=${PERIOD}&unit=disdukcapil`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    // An attachment: the browser saves it and the console stays open, instead of the PDF replacing it.
    const name = `laporan-skm-${regionSlug}-disdukcapil-${PERIOD}.pdf`;
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="${name}"; filename*=UTF-8''${name}`,
    );
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(10_000);
    expect(new TextDecoder('latin1').decode(bytes.slice(-1024))).toContain('%%EOF');
  });

  it('has a region-wide version that breaks the IKM down per unit', async () => {
    const response = await admin('GET', reportPath(`?period=${PERIOD}`));
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(`<h3>${SECTION_HEADINGS.byUnit}</h3>`);
    expect(html).toContain('Bukti dukung SKP diterbitkan per unit layanan');
    // The console's unit picker sends `unit=` for the whole region.
    expect((await admin('GET', reportPath(`?period=${PERIOD}&unit=`))).status).toBe(200);
    const pdf = await admin('GET', `/regions/${regionSlug}/reports/skm.pdf?period=${PERIOD}`);
    expect(pdf.headers.get('content-disposition')).toContain(`laporan-skm-${regionSlug}-semua-unit-${PERIOD}.pdf`);
  });

  it('answers a bad or future period with 400, and an unknown unit or region with 404 (problem+json)', async () => {
    for (const [query, status] of [
      ['?period=2026-13&unit=disdukcapil', 400],
      ['?unit=disdukcapil', 400],
      ['?period=2099-Q1&unit=disdukcapil', 400],
      ['?period=2026-Q3&unit=Not_A_Slug', 400],
      ['?period=2026-Q3&unit=tidak-ada', 404],
    ] as const) {
      const response = await admin('GET', reportPath(query));
      expect(response.status, query).toBe(status);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
    expect((await admin('GET', `/regions/tidak-ada/reports/skm.pdf?period=${PERIOD}`)).status).toBe(404);
    // The PDF validates its period the same way: a problem, never a broken file.
    for (const period of ['2026-Q5', '2026-7', 'Q3 2026', '', '2099-01']) {
      const response = await admin(
        'GET',
        `/regions/${regionSlug}/reports/skm.pdf?period=${encodeURIComponent(period)}`,
      );
      expect(response.status, period).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(response.headers.get('content-disposition'), period).toBeNull();
    }
  });

  it('needs staff credentials', async () => {
    const response = await exports.default.fetch(
      `https://suara.test/api/v1/admin${reportPath(`?period=${PERIOD}&unit=disdukcapil`)}`,
    );
    expect(response.status).toBe(401);
  });
});

describe('signed SKP evidence (PermenPANRB 6/2022; SPEC §5)', () => {
  const evidencePath = () => `/regions/${regionSlug}/units/disdukcapil/evidence`;

  it('is issued with the IKM, n, interval, grade and period, and the issue is audited', async () => {
    const response = await admin('POST', evidencePath(), { period: PERIOD });
    expect(response.status).toBe(201);
    const body = await response.json<Record<string, unknown>>();
    expect(body).toMatchObject({
      region: regionSlug,
      unit: 'disdukcapil',
      period: PERIOD,
      responses: 20,
      ikm: 83.33,
      grade: 'B',
      issuedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
    expect(body.url).toBe(`https://suara.test/bukti/${body.token}`);
    const audit = await env.DB.prepare("SELECT target, detail FROM audit_log WHERE action = 'evidence.issue'").first<{
      target: string;
      detail: string;
    }>();
    expect(audit?.target).toBe(`unit:${regionSlug}/disdukcapil`);
    expect(JSON.parse(audit?.detail ?? '{}')).toMatchObject({ period: PERIOD, ikm: 83.33, responses: 20 });
  });

  it('verifies on the public page: valid signature, the figures, and a match with today’s data', async () => {
    const { url } = await (await admin('POST', evidencePath(), { period: PERIOD })).json<{ url: string }>();
    const page = await exports.default.fetch(url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('x-robots-tag')).toContain('noindex');
    const html = await page.text();
    expect(html).toContain('Tanda tangan valid');
    expect(html).toContain('<strong id="ikm">83,33</strong>');
    expect(html).toContain('B (Baik)');
    expect(html).toContain('Triwulan III 2026');
    expect(html).toContain('<strong>Sesuai.</strong>');
  });

  it('shows a tampered, cut or forged token as "tidak valid" with 400, never a 5xx', async () => {
    const { token } = await (await admin('POST', evidencePath(), { period: PERIOD })).json<{ token: string }>();
    const [payload = '', mac = ''] = token.split('.');
    // Raise the IKM in the payload and keep the signature.
    const claim = JSON.parse(atob(payload.replaceAll('-', '+').replaceAll('_', '/')));
    const raised = btoa(JSON.stringify({ ...claim, ikm: 95.5, g: 'A' }))
      .replaceAll('+', '-')
      .replaceAll('/', '_')
      .replace(/=+$/, '');
    const flipped = `${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`;
    for (const bad of [
      `${raised}.${mac}`,
      `${payload}.${flipped}`,
      payload,
      'tidak-valid',
      `${payload.slice(0, 30)}.${mac}`,
    ]) {
      const response = await exports.default.fetch(`https://suara.test/bukti/${bad}`);
      expect(response.status, bad).toBe(400);
      expect(await response.text()).toContain('Bukti tidak valid');
    }
    const json = await exports.default.fetch(`https://suara.test/bukti/${raised}.${mac}?format=json`);
    expect(json.status).toBe(400);
    expect(await json.json()).toEqual({ valid: false });
  });

  it('says so when the data changed after issue (e.g. a late paper questionnaire)', async () => {
    const later = await createOrganisation({ unit: 'dpmptsp' });
    const slugs = await slugsOf(later);
    await insertRatings(later, same(10, FAIR, '2026-09-01'));
    const { url } = await (
      await admin('POST', `/regions/${slugs.region}/units/${slugs.unit}/evidence`, { period: PERIOD })
    ).json<{ url: string }>();
    await insertRatings(later, same(5, GOOD, '2026-09-02'));
    const html = await (await exports.default.fetch(url)).text();
    expect(html).toContain('Tanda tangan valid');
    expect(html).toContain('Berubah sejak diterbitkan');
    expect(html).toContain('Hari ini: IKM 79,63, n = 15, mutu B');
    expect(await (await exports.default.fetch(`${url}?format=json`)).json()).toMatchObject({
      valid: true,
      responses: 10,
      matchesCurrentData: false,
    });
  });

  it('never shows today’s figures of a group under 10 on the public page (SPEC §4)', async () => {
    const small = await createOrganisation({ unit: 'arsip' });
    const slugs = await slugsOf(small);
    await insertRatings(small, same(3, FAIR, '2026-09-01'));
    const { url } = await (
      await admin('POST', `/regions/${slugs.region}/units/${slugs.unit}/evidence`, { period: PERIOD })
    ).json<{ url: string }>();
    await insertRatings(small, same(1, GOOD, '2026-09-02'));
    const html = await (await exports.default.fetch(url)).text();
    expect(html).toContain('Berubah sejak diterbitkan');
    expect(html).not.toContain('Hari ini:');
  });

  it('has a QR code of the same link', async () => {
    const response = await admin('GET', `${evidencePath()}.svg?period=${PERIOD}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(await response.text()).toMatch(/^<svg/);
  });

  it('refuses a period without responses (409), a bad period (400) and another region’s unit (404)', async () => {
    expect((await admin('POST', evidencePath(), { period: '2026-01' })).status).toBe(409);
    expect((await admin('POST', evidencePath(), { period: 'Q3-2026' })).status).toBe(400);
    expect((await admin('POST', evidencePath(), {})).status).toBe(400);
    // The other organisation's unit 'dinkes' exists, but not in this region.
    const slugs = await slugsOf(other);
    expect(
      (await admin('POST', `/regions/${regionSlug}/units/${slugs.unit}/evidence`, { period: PERIOD })).status,
    ).toBe(404);
    expect(
      (await admin('GET', `/regions/${regionSlug}/units/${slugs.unit}/evidence.svg?period=${PERIOD}`)).status,
    ).toBe(404);
  });

  it('fails closed in production without EVIDENCE_SIGNING_KEY (503, nothing signed with a public key)', async () => {
    const { readConfig, MissingSecretError } = await import('../../worker/env');
    expect(() => readConfig({ ENVIRONMENT: 'production' } as never).evidenceSigningKey).toThrow(MissingSecretError);
    expect(readConfig({ ENVIRONMENT: 'development' } as never).evidenceSigningKey).toEqual(expect.any(String));
    const { app } = await import('../../worker/app');
    const response = await app.request(
      `https://suara.test/api/v1/admin${evidencePath()}`,
      {
        method: 'POST',
        headers: { Authorization: 'Bearer test-admin-token-0123456789abcdef', 'Content-Type': 'application/json' },
        body: JSON.stringify({ period: PERIOD }),
      },
      { ...env, ENVIRONMENT: 'production', EVIDENCE_SIGNING_KEY: '' },
    );
    expect(response.status).toBe(503);
  });
});

describe('the head of the unit, who signs the report (SPEC §5 PATCH /admin/regions/{region}/units/{unit})', () => {
  const unitPath = () => `/regions/${regionSlug}/units/disdukcapil`;
  const pdfText = async () => {
    const response = await admin('GET', `/regions/${regionSlug}/reports/skm.pdf?period=${PERIOD}&unit=disdukcapil`);
    const pages = await readPdf(new Uint8Array(await response.arrayBuffer()));
    const page = pages.find((p) => p.lines.some((l) => l.text === 'BAB V KESIMPULAN'))!;
    return page.lines.map((l) => l.text).join('\n');
  };

  it('is set by a region admin, audited, listed, and printed with the place and today’s date in the region', async () => {
    const response = await admin('PATCH', unitPath(), {
      headName: 'Drs. Budi Santoso, M.Si.',
      headNip: '197001012000031001',
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      slug: 'disdukcapil',
      headName: 'Drs. Budi Santoso, M.Si.',
      headNip: '197001012000031001',
    });
    const audit = await env.DB.prepare(
      "SELECT target, detail FROM audit_log WHERE action = 'unit.update' ORDER BY id DESC LIMIT 1",
    ).first<{ target: string; detail: string }>();
    expect(audit?.target).toBe(`unit:${regionSlug}/disdukcapil`);
    expect(JSON.parse(audit?.detail ?? '{}')).toMatchObject({
      before: { headName: null, headNip: null },
      changes: { headName: 'Drs. Budi Santoso, M.Si.', headNip: '197001012000031001' },
    });
    const units = await (await admin('GET', `/regions/${regionSlug}/units`)).json<
      { slug: string; headNip: string }[]
    >();
    expect(units.find((u) => u.slug === 'disdukcapil')?.headNip).toBe('197001012000031001');
    // Staff only: the head's name and NIP are in no public answer.
    for (const path of [
      `/api/v1/regions/${regionSlug}/units/disdukcapil/scores?period=${PERIOD}`,
      `/api/v1/regions/${regionSlug}/scores?period=${PERIOD}`,
      `/data/scores.json?region=${regionSlug}`,
    ]) {
      const response = await exports.default.fetch(`https://suara.test${path}`);
      expect(response.status, path).toBe(200);
      const body = await response.text();
      expect(body, path).not.toMatch(/197001012000031001|Budi Santoso|headN/);
    }
    const region = await env.DB.prepare('SELECT name FROM regions WHERE slug = ?')
      .bind(regionSlug)
      .first<{ name: string }>();
    const place = region!.name.replace(/^Kota /, '');
    const today = dateLabel(localDate(Date.now(), 'Asia/Jakarta'));
    expect(await pdfText()).toContain(
      `${place}, ${today}\nKepala Dinas Kependudukan dan Pencatatan\nSipil\nDrs. Budi Santoso, M.Si.\nNIP 197001012000031001`,
    );
  });

  it('when cleared leaves blank lines for the name and NIP, to fill in by hand', async () => {
    expect((await admin('PATCH', unitPath(), { headName: null, headNip: null })).status).toBe(200);
    expect(await pdfText()).toMatch(/Sipil\n\.{20,}\nNIP \.{20,}/);
  });

  it('refuses a NIP that is not 18 digits, a name with a line break and unknown fields (400 problem+json)', async () => {
    for (const body of [
      { headNip: '19700101 200003 1 001' },
      { headNip: '1970010120000310' },
      { headName: 'Budi\nSantoso' },
      { headName: 'Budi\u202eSantoso' },
      { name: 'Dinas Baru' },
    ]) {
      const response = await admin('PATCH', unitPath(), body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
  });

  it('may not be changed by a unit operator (403) nor for another region’s unit (404)', async () => {
    const operator = await staff('unit_operator', regionSlug, ['disdukcapil']);
    expect((await operator.call('PATCH', unitPath(), { headName: 'Orang Lain' })).status).toBe(403);
    const slugs = await slugsOf(other);
    expect(
      (await admin('PATCH', `/regions/${regionSlug}/units/${slugs.unit}`, { headName: 'Orang Lain' })).status,
    ).toBe(404);
  });
});
