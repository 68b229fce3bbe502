import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { currentPeriod, localDate, previousPeriod } from '../../domain/periods';
import {
  CHAPTER_HEADINGS,
  CONTENTS_HEADING,
  dateLabel,
  FOREWORD_HEADING,
  formatNumber,
  SECTION_HEADINGS,
  signaturePlace,
} from '../../domain/skm-report';
import {
  browserAvailable,
  DESKTOP,
  hasTool,
  launchBrowser,
  PHONE,
  seriousAxeViolations,
  signInWithAdminToken,
} from './support/browser';
import { BROWSER_TEST_VARS } from './support/vars';

/** pdftotext and pdftoppm (poppler-utils) read the PDF back; zbarimg (zbar-tools) decodes its QR code. CI installs them. */
const popplerAvailable = hasTool('pdftotext') && hasTool('pdftoppm');
if (!popplerAvailable && process.env.CI) throw new Error('CI must install poppler-utils (.ci/run).');
if (!popplerAvailable) console.warn('PDF read-back tests skipped: install poppler-utils.');
const zbarAvailable = hasTool('zbarimg');

const work = mkdtempSync(path.join(tmpdir(), 'suara-report-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const auth = { Authorization: `Bearer ${BROWSER_TEST_VARS.ADMIN_TOKEN}` };
// The demo seed covers the twelve months up to now: the quarter just closed has data for every unit.
const period = previousPeriod(currentPeriod('quarter', Date.now(), 'Asia/Jakarta')).id;

/** The first seeded counter's unit: its report and its public score (n ≥ 10, so public = staff figures). */
async function subject() {
  const [counter] = inject('counters');
  expect(counter).toBeDefined();
  const { region, unit } = counter!;
  const score = (await (
    await fetch(`${inject('origin')}/api/v1/regions/${region}/units/${unit}/scores?period=${period}`)
  ).json()) as { responses: number; ikm: number; grade: string; suppressed: boolean };
  expect(score.suppressed).toBe(false);
  const regions = (await (await fetch(`${inject('origin')}/api/v1/regions`)).json()) as {
    slug: string;
    name: string;
    timezone: string;
  }[];
  const { name, timezone } = regions.find((r) => r.slug === region)!;
  const place = signaturePlace(name);
  const today = dateLabel(localDate(Date.now(), timezone));
  return { region, unit, score, place, today };
}

async function downloadPdf(region: string, unit: string): Promise<string> {
  const response = await fetch(
    `${inject('origin')}/api/v1/admin/regions/${region}/reports/skm.pdf?period=${period}&unit=${unit}`,
    {
      headers: auth,
    },
  );
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/pdf');
  const file = path.join(work, `${region}-${unit}.pdf`);
  writeFileSync(file, Buffer.from(await response.arrayBuffer()));
  return file;
}

describe.skipIf(!popplerAvailable)(
  'the SKM report PDF read back as a reader would (PermenPANRB 14/2017; SPEC §3, §5)',
  () => {
    let text = '';
    let file = '';
    let expected: Awaited<ReturnType<typeof subject>>;
    beforeAll(async () => {
      expected = await subject();
      // The unit's head signs the report (set through the admin API, as the console's form does).
      const head = await fetch(`${inject('origin')}/api/v1/admin/regions/${expected.region}/units/${expected.unit}`, {
        method: 'PATCH',
        headers: { ...auth, 'Content-Type': 'application/json' },
        body: JSON.stringify({ headName: 'Dra. Sri Wahyuni, M.AP.', headNip: '198203152006042003' }),
      });
      expect(head.status).toBe(200);
      file = await downloadPdf(expected.region, expected.unit);
      text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    });

    it('has every chapter and section heading of the template', () => {
      for (const heading of CHAPTER_HEADINGS) expect(text).toContain(heading);
      for (const [key, heading] of Object.entries(SECTION_HEADINGS)) {
        if (key !== 'byUnit') expect(text, heading).toContain(heading);
      }
    });

    it('states the unit’s IKM, grade and number of respondents, the same as the scores API', () => {
      const { score } = expected;
      expect(text).toMatch(new RegExp(`Indeks Kepuasan Masyarakat \\(IKM\\)\\s+${formatNumber(score.ikm, 2)}`));
      expect(text).toMatch(new RegExp(`Mutu pelayanan\\s+${score.grade}\\b`));
      expect(text).toMatch(
        new RegExp(`Jumlah responden \\(n\\)\\s+${formatNumber(score.responses).replace('.', '\\.')}`),
      );
      expect(text).toMatch(/Halaman 1 dari \d+/);
    });

    it('has a contents page whose page numbers are the pages where the headings are printed', () => {
      const pages = text.split('\f');
      const contentsAt = pages.findIndex((page) => page.includes(CONTENTS_HEADING));
      expect(contentsAt).toBeGreaterThan(0);
      const headings = [FOREWORD_HEADING, ...CHAPTER_HEADINGS];
      for (const heading of headings) {
        const entry = new RegExp(`^\\s*${heading}[ .]+(\\d+)\\s*$`, 'm').exec(pages[contentsAt] ?? '');
        expect(entry, heading).not.toBeNull();
        const printedOn = pages.findIndex(
          (page, i) => i !== contentsAt && new RegExp(`^\\s*${heading}\\s*$`, 'm').test(page),
        );
        expect(printedOn + 1, heading).toBe(Number(entry?.[1]));
      }
    });

    it('ends the report proper with the head of the unit’s signature block, and draws both charts', () => {
      expect(text).toMatch(
        new RegExp(
          `${expected.place}, ${expected.today}\\s+Kepala [^\\n]+(\\n[^\\n]*)?\\s+Dra\\. Sri Wahyuni, M\\.AP\\.\\s+NIP 198203152006042003`,
        ),
      );
      expect(text).toContain('Grafik 1. NRR per unsur pelayanan');
      expect(text).toMatch(/U1\s+U2\s+U3\s+U4\s+U5\s+U6\s+U7\s+U8\s+U9/);
      expect(text).toContain('Grafik 2. IKM per bulan');
      expect(text).toMatch(/Jan\s+Feb\s+Mar/);
      // Words are never split at a line end: no line ends in a letter and the next starts with a lower-case letter
      // that together form a word of the report's vocabulary.
      expect(text).not.toMatch(/Direncana\s*\n\s*kan/);
    });

    it.skipIf(!zbarAvailable)('carries a QR code that scans to the signed evidence, which verifies', async () => {
      // Render the page with the evidence section (pdftotext separates pages with form feeds) and decode its QR code.
      // (The box's own caption: the contents page names the section too.)
      const pageNumber = text.split('\f').findIndex((page) => page.includes('Bukti dukung IKM untuk SKP')) + 1;
      expect(pageNumber).toBeGreaterThan(0);
      const image = path.join(work, 'evidence');
      execFileSync('pdftoppm', [
        '-r',
        '150',
        '-png',
        '-singlefile',
        '-f',
        `${pageNumber}`,
        '-l',
        `${pageNumber}`,
        file,
        image,
      ]);
      const url = execFileSync('zbarimg', ['--raw', '-q', `${image}.png`], { encoding: 'utf8' }).trim();
      expect(url).toMatch(/\/bukti\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
      // The QR carries the configured public origin; ask the test server for the same path.
      const verification = (await (await fetch(`${inject('origin')}${new URL(url).pathname}?format=json`)).json()) as {
        valid: boolean;
        ikm: number;
        responses: number;
        matchesCurrentData: boolean;
      };
      expect(verification).toMatchObject({
        valid: true,
        ikm: expected.score.ikm,
        responses: expected.score.responses,
        matchesCurrentData: true,
      });
    });
  },
);

describe.skipIf(!browserAvailable)('the report and the evidence in Chromium (SPEC §5 admin, WCAG 2.2 AA)', () => {
  it('the console’s report form opens the A4 report of the chosen unit', async () => {
    const { region, unit } = await subject();
    const browser = await launchBrowser();
    try {
      const page = await (await browser.newContext({ viewport: DESKTOP, locale: 'id-ID' })).newPage();
      await signInWithAdminToken(page, inject('origin'), BROWSER_TEST_VARS.ADMIN_TOKEN);
      await page.goto(`${inject('origin')}/admin/${region}`);
      await page.selectOption('#report-unit', unit);
      await page.selectOption('#report-period', period);
      await Promise.all([
        page.waitForNavigation(),
        page.click('form.report-form button[type="submit"]:not([formaction])'),
      ]);
      expect(page.url()).toContain(`/reports/skm?unit=${unit}&period=${period}`);
      expect(await page.locator('h2').allTextContents()).toEqual([
        FOREWORD_HEADING,
        CONTENTS_HEADING,
        ...CHAPTER_HEADINGS,
      ]);
      expect(await seriousAxeViolations(page)).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('the console says when a unit has no head to sign its report, and a region admin sets one', async () => {
    // Another unit than the report's above, whose head the seed leaves unset.
    const [first] = inject('counters');
    const counter = inject('counters').find((c) => c.region === first?.region && c.unit !== first?.unit);
    expect(counter).toBeDefined();
    const { region, unit } = counter!;
    const browser = await launchBrowser();
    try {
      const page = await (await browser.newContext({ viewport: PHONE, locale: 'id-ID' })).newPage();
      await signInWithAdminToken(page, inject('origin'), BROWSER_TEST_VARS.ADMIN_TOKEN);
      await page.goto(`${inject('origin')}/admin/${region}`);
      const section = page.locator(`section[aria-labelledby="unit-${unit}"]`);
      expect(await section.locator('p.notice').textContent()).toContain('Kepala unit belum diisi');
      await section.locator('summary', { hasText: 'Kepala unit' }).click();
      await page.fill(`#head-name-${unit}`, 'Ir. Ahmad Fauzi');
      await page.fill(`#head-nip-${unit}`, '197505102001121002');
      await Promise.all([
        page.waitForNavigation(),
        section.locator(`form[data-endpoint$="/units/${unit}"] button[type="submit"]`).click(),
      ]);
      const shown = page.locator(`section[aria-labelledby="unit-${unit}"]`);
      expect(await shown.textContent()).toContain('Ir. Ahmad Fauzi · NIP 197505102001121002');
      expect(await shown.locator('p.notice').count()).toBe(0);
      expect(await seriousAxeViolations(page)).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('the public evidence page shows the signed figures accessibly, and a forged link as not valid', async () => {
    const { region, unit, score } = await subject();
    const issued = (await (
      await fetch(`${inject('origin')}/api/v1/admin/regions/${region}/units/${unit}/evidence`, {
        method: 'POST',
        headers: { ...auth, 'Content-Type': 'application/json' },
        body: JSON.stringify({ period }),
      })
    ).json()) as { token: string };
    const browser = await launchBrowser();
    try {
      // axe is injected as a script, which the page's strict CSP (no scripts at all) would refuse.
      const context = await browser.newContext({ viewport: PHONE, locale: 'id-ID', bypassCSP: true });
      const page = await context.newPage();
      const valid = await page.goto(`${inject('origin')}/bukti/${issued.token}`);
      expect(valid?.status()).toBe(200);
      expect(await page.locator('h1').textContent()).toBe('Tanda tangan valid');
      expect(await page.locator('#ikm').textContent()).toBe(formatNumber(score.ikm, 2));
      expect(await seriousAxeViolations(page)).toEqual([]);
      const forged = await page.goto(
        `${inject('origin')}/bukti/${issued.token.slice(0, -1)}${issued.token.endsWith('A') ? 'B' : 'A'}`,
      );
      expect(forged?.status()).toBe(400);
      expect(await page.locator('h1').textContent()).toBe('Bukti tidak valid');
      expect(await seriousAxeViolations(page)).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
