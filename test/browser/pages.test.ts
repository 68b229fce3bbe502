import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SCORES_CSV_COLUMNS } from '../support/open-data';
import {
  axeViolations,
  browserAvailable,
  DESKTOP,
  launchBrowser,
  PHONE_AND_DESKTOP,
  seriousAxeViolations,
} from './support/browser';

interface ScoreRow {
  region: string;
  unit: string;
  period: string;
  responses: number;
  ikm: number | null;
  grade: string | null;
  [u: `u${number}`]: number | null;
}

const origin = () => inject('origin');
/** The `content` of the `<meta property=…>` named `property` in a page's HTML. */
const metaContent = (html: string, property: string) =>
  new RegExp(`<meta property="${property.replaceAll('.', '\\.')}" content="([^"]*)"`)
    .exec(html)?.[1]
    ?.replaceAll('&amp;', '&');
const json = async <T>(path: string): Promise<T> => (await fetch(`${origin()}${path}`)).json() as Promise<T>;

/** Reads a CSV file with Python's csv module: a real, independent RFC 4180 reader. */
function readCsvWithPython(file: string): Record<string, string>[] {
  const script = [
    'import csv, json, sys',
    "with open(sys.argv[1], newline='', encoding='utf-8') as f:",
    '    print(json.dumps(list(csv.DictReader(f))))',
  ].join('\n');
  return JSON.parse(execFileSync('python3', ['-c', script, file], { encoding: 'utf8' }));
}

const PAGES = [
  ['home', '/'],
  ['region', '/tanjungpinang'],
  ['unit', '/tanjungpinang/disdukcapil'],
  ['data', '/data'],
  ['method', '/tentang'],
] as const;

describe.skipIf(!browserAvailable)('public pages in Chromium (SPEC §6)', () => {
  let browser: Browser;
  let monthly: ScoreRow[];
  beforeAll(async () => {
    browser = await launchBrowser();
    monthly = await json<ScoreRow[]>('/data/scores.json?region=tanjungpinang');
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const [device, open] of PHONE_AND_DESKTOP) {
    for (const [name, url] of PAGES) {
      it(`the ${name} page on a ${device} is in Bahasa Indonesia, cached, with no serious axe violations`, async () => {
        const context: BrowserContext = await open(browser);
        const page = await context.newPage();
        const response = await page.goto(`${origin()}${url}`);
        expect(response?.status()).toBe(200);
        expect(response?.headers()['cache-control']).toMatch(/^public, max-age=\d+$/);
        expect(await page.getAttribute('html', 'lang')).toBe('id');
        expect(await page.locator('h1').count()).toBe(1);
        expect(await page.title()).toContain('Suara Layanan');
        expect(await page.getAttribute('meta[name="description"]', 'content')).toBeTruthy();
        expect(await seriousAxeViolations(page)).toEqual([]);
        await context.close();
      });
    }
  }

  it('the home page shows each region’s IKM and grade for the current year', async () => {
    const page = await browser.newPage({ locale: 'id-ID' });
    await page.goto(`${origin()}/`);
    const card = page.locator('[data-region="tanjungpinang"]');
    expect(await card.locator('data.ikm').getAttribute('value')).toMatch(/^\d{2}\.\d{2}$/);
    expect(await card.locator('.grade').textContent()).toMatch(/^[ABCD]$/);
    await page.close();
  });

  it('a unit page’s IKM equals the scores.json row of that month, in the reader’s notation (SPEC §3, §5)', async () => {
    const row = monthly.find((r) => r.unit === 'disdukcapil' && r.ikm !== null)!;
    const page = await browser.newPage({ locale: 'id-ID' });
    await page.goto(`${origin()}/tanjungpinang/disdukcapil?period=${row.period}`);
    const ikm = page.locator('#unit-ikm data.ikm');
    expect(Number(await ikm.getAttribute('value'))).toBe(row.ikm);
    expect(await ikm.textContent()).toBe(row.ikm!.toFixed(2).replace('.', ','));
    expect(await page.locator('#unit-ikm .grade').textContent()).toBe(row.grade);
    expect(await page.locator('#unit-responses').textContent()).toBe(row.responses.toLocaleString('id-ID'));
    const nrrs = await page
      .locator('.element-bars data')
      .evaluateAll((els) => els.map((e) => Number(e.getAttribute('value'))));
    expect(nrrs).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => row[`u${i}`]));
    // The same month in the 12-month chart table.
    await page.goto(`${origin()}/tanjungpinang/disdukcapil?period=${row.period}&lang=en`);
    expect(await page.locator('#unit-ikm data.ikm').textContent()).toBe(row.ikm!.toFixed(2));
    await page.close();
  });

  it('a suppressed unit × month shows its count and no figure on the page, in the files and on the badge (SPEC §4)', async () => {
    const row = monthly.find((r) => r.unit === 'dispusip' && r.responses > 0 && r.ikm === null)!;
    expect(row).toBeDefined();
    expect([row.grade, row.u1, row.u9]).toEqual([null, null, null]);
    const page = await browser.newPage({ locale: 'id-ID' });
    await page.goto(`${origin()}/tanjungpinang/dispusip?period=${row.period}`);
    expect(await page.locator('#unit-ikm').count()).toBe(0);
    expect(await page.locator('.element-bars, .distribution').count()).toBe(0);
    expect(await page.locator('#unit-responses').textContent()).toBe(String(row.responses));
    expect(await page.locator('main').textContent()).toContain('kurang dari 10');

    await page.goto(`${origin()}/tanjungpinang?period=${row.period}`);
    const cells = await page.locator('tr[data-unit="dispusip"] td').allTextContents();
    expect(cells[1]).toBe('–');
    expect(await page.locator('#penyembunyian').count()).toBe(1);

    const badge = await (await fetch(`${origin()}/tanjungpinang/dispusip/badge.svg?period=${row.period}`)).text();
    expect(badge).toContain('data belum cukup');
    expect(badge).not.toMatch(/\d{2},\d{2}/);
    expect(badge).toMatch(/role="img"/);
    expect(badge).toMatch(/<title>/);
    const csv = await (
      await fetch(`${origin()}/data/scores.csv?region=tanjungpinang&unit=dispusip&from=${row.period}&to=${row.period}`)
    ).text();
    expect(csv.split('\r\n')[1]).toBe(
      `tanjungpinang,Kota Tanjungpinang,dispusip,Dinas Perpustakaan dan Kearsipan,${row.period},${row.responses},,,,,,,,,,,,21.72,21,Kepulauan Riau`,
    );
    await page.close();
  });

  it('a CSV downloaded from the unit page opens in Python’s csv reader with the SPEC header and the JSON file’s figures', async () => {
    const context = await browser.newContext({ acceptDownloads: true, locale: 'id-ID' });
    const page = await context.newPage();
    await page.goto(`${origin()}/tanjungpinang/disdukcapil`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('.downloads a', { hasText: 'CSV' }).first().click(),
    ]);
    expect(download.suggestedFilename()).toMatch(
      /^suara-layanan_scores_tanjungpinang_disdukcapil_\d{4}-01_\d{4}-12\.csv$/,
    );
    const dir = mkdtempSync(path.join(tmpdir(), 'suara-csv-'));
    const file = path.join(dir, download.suggestedFilename());
    await download.saveAs(file);
    const rows = readCsvWithPython(file);
    rmSync(dir, { recursive: true, force: true });

    expect(Object.keys(rows[0]!)).toEqual(SCORES_CSV_COLUMNS);
    expect(rows[0]).toMatchObject({ region_code: '21.72', province_code: '21', province_name: 'Kepulauan Riau' });
    const fromJson = monthly.filter((r) => r.unit === 'disdukcapil' && rows.some((c) => c.period === r.period));
    expect(rows.length).toBe(fromJson.length);
    for (const [i, csvRow] of rows.entries()) {
      const jsonRow = fromJson[i]!;
      expect(csvRow.period).toBe(jsonRow.period);
      expect(Number(csvRow.responses)).toBe(jsonRow.responses);
      expect(csvRow.ikm === '' ? null : Number(csvRow.ikm)).toBe(jsonRow.ikm);
      expect(csvRow.grade || null).toBe(jsonRow.grade);
      expect(csvRow.u4 === '' ? null : Number(csvRow.u4)).toBe(jsonRow.u4);
    }
    await context.close();
  });

  it('a malformed period is a friendly 400 page, an unknown region or unit a friendly 404 page', async () => {
    const page = await browser.newPage({ locale: 'id-ID' });
    const bad = await page.goto(`${origin()}/tanjungpinang?period=2026-13`);
    expect(bad?.status()).toBe(400);
    expect(await page.locator('[role="alert"]').textContent()).toContain('2026-Q4');
    for (const url of ['/kota-antah', '/tanjungpinang/dinas-antah', '/admin-bukan']) {
      const missing = await page.goto(`${origin()}${url}`);
      expect(missing?.status()).toBe(404);
      expect(await page.locator('h1').textContent()).toBe('Halaman tidak ditemukan');
    }
    await page.close();
  });

  it('the region and unit pages of periods near January 2000 render (fewer trend months), and 1999 is a 400 page', async () => {
    const page = await browser.newPage({ locale: 'id-ID' });
    for (const period of ['2000-03', '2000-Q1', '2000']) {
      for (const url of ['/tanjungpinang', '/tanjungpinang/disdukcapil']) {
        expect((await page.goto(`${origin()}${url}?period=${period}`))?.status(), `${url} ${period}`).toBe(200);
      }
    }
    expect((await page.goto(`${origin()}/tanjungpinang?period=1999-12`))?.status()).toBe(400);
    await page.close();
  });

  it('every page, asset and API answer carries the security headers, and pages run without CSP violations', async () => {
    const context = await browser.newContext({ locale: 'id-ID' });
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    for (const url of [...PAGES.map(([, path]) => path), '/tanjungpinang/disdukcapil/badge.svg', '/api/v1/regions']) {
      const headers = (await fetch(`${origin()}${url}`)).headers;
      expect(headers.get('content-security-policy'), url).toMatch(/frame-ancestors 'none'/);
      expect(headers.get('x-content-type-options'), url).toBe('nosniff');
      expect(headers.get('strict-transport-security'), url).toMatch(/^max-age=/);
      expect(headers.get('referrer-policy'), url).toBeTruthy();
      expect(headers.get('permissions-policy'), url).toMatch(/camera=\(\)/);
      // The pages themselves, in the browser: nothing they need is refused by their policy.
      await page.goto(`${origin()}${url}`);
    }
    const badge = await fetch(`${origin()}/tanjungpinang/disdukcapil/badge.svg`);
    expect(badge.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    const asset = await fetch(`${origin()}/vendor/scalar-api-reference.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('x-content-type-options')).toBe('nosniff');
    expect(violations).toEqual([]);
    await context.close();
  });

  it('the API reference renders from our own origin only', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    const foreign: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(origin()) && !request.url().startsWith('data:')) foreign.push(request.url());
    });
    await page.goto(`${origin()}/api/docs`);
    await page.getByText('Suara Layanan API').first().waitFor({ timeout: 20_000 });
    expect(foreign).toEqual([]);
    await context.close();
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`the API reference in ${colorScheme} mode is in English, offers no vendor service, and has no axe violation`, async () => {
      for (const viewport of [DESKTOP, { width: 360, height: 740 }]) {
        const context = await browser.newContext({ viewport, colorScheme, locale: 'en-US' });
        const page = await context.newPage();
        await page.goto(`${origin()}/api/docs`);
        await page.getByText('Suara Layanan API').first().waitFor({ timeout: 20_000 });
        // The operations render after the title: wait for the first one's example request.
        await page.getByText('/api/v1/regions').first().waitFor({ timeout: 20_000 });
        expect(await page.getAttribute('html', 'lang')).toBe('en');
        // Scalar's AI agent, deploy and SDK-generator buttons (offered on a local URL like this one), and its toolbar.
        const vendor = /\bask ai\b|\bdeploy\b|\bgenerate sdk\b|\bmcp\b/i;
        expect(
          await page
            .getByRole('button', { name: vendor })
            .or(page.getByRole('link', { name: vendor }))
            .allInnerTexts(),
        ).toEqual([]);
        expect(await axeViolations(page)).toEqual([]);
        if (viewport === DESKTOP) {
          // The admin operations too: their DELETE and PATCH badges carry the other method colours.
          await page.getByRole('button', { name: 'Open Group - Admin' }).click();
          await page.getByText('Revoke an API key (immediately)').first().waitFor();
          expect(await axeViolations(page)).toEqual([]);
        }
        await context.close();
      }
    });
  }

  it('the data page lists every file with its columns, links the data package, and carries schema.org Dataset JSON-LD', async () => {
    const page = await browser.newPage({ locale: 'id-ID' });
    await page.goto(`${origin()}/data`);
    const links = await page.locator('.files a').evaluateAll((els) => els.map((e) => e.getAttribute('href')));
    expect(links).toEqual([
      '/data/scores.csv',
      '/data/scores.json',
      '/data/service-scores.csv',
      '/data/service-scores.json',
      '/data/responses.csv',
      '/data/responses.json',
      '/data/comments.csv',
      '/data/comments.json',
    ]);
    const ld = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? '{}');
    expect(ld).toMatchObject({ '@type': 'Dataset', license: 'https://creativecommons.org/licenses/by/4.0/' });
    await page.goto(`${origin()}/data?region=langsa&from=2026-01&to=2026-06`);
    expect(await page.locator('.files a').first().getAttribute('href')).toBe(
      '/data/scores.csv?region=langsa&from=2026-01&to=2026-06',
    );
    await page.close();
  });

  it('sitemap.xml lists the region and unit pages; robots.txt points to it', async () => {
    const sitemap = await (await fetch(`${origin()}/sitemap.xml`)).text();
    expect(sitemap).toMatch(/<loc>[^<]*\/tanjungpinang\/disdukcapil<\/loc>/);
    expect(sitemap).toMatch(/<loc>[^<]*\/gorontalo<\/loc>/);
    const robots = await (await fetch(`${origin()}/robots.txt`)).text();
    expect(robots).toMatch(/^Sitemap: .*\/sitemap\.xml$/m);
  });

  it('a unit page shares its IKM and grade through Open Graph, with its own PNG card', async () => {
    const html = await (await fetch(`${origin()}/tanjungpinang/disdukcapil?period=2026&lang=en`)).text();
    expect(html).toMatch(/<meta property="og:title" content="[^"]*IKM \d{2}\.\d{2} \([ABCD] [^)]+\)/);
    expect(metaContent(html, 'og:image')).toBe(`${origin()}/og/tanjungpinang/disdukcapil/card.png?period=2026&lang=en`);
    expect(metaContent(html, 'og:image:alt')).toMatch(
      /^Dinas Kependudukan dan Pencatatan Sipil, Kota Tanjungpinang: IKM/,
    );
  });

  for (const [name, url] of PAGES) {
    it(`the ${name} page's head: absolute hreflang links, a 1200×630 PNG og:image that answers, the icons`, async () => {
      const context = await browser.newContext({ locale: 'id-ID' });
      const page = await context.newPage();
      const response = await page.goto(`${origin()}${url}`);
      expect(response?.status()).toBe(200);
      const head = await page.evaluate(() => ({
        alternates: [...document.querySelectorAll('link[rel="alternate"][hreflang]')].map((link) => [
          link.getAttribute('hreflang'),
          link.getAttribute('href'),
        ]),
        meta: Object.fromEntries(
          [...document.querySelectorAll('meta[property], meta[name]')].map((meta) => [
            meta.getAttribute('property') ?? meta.getAttribute('name'),
            meta.getAttribute('content'),
          ]),
        ),
        icons: [...document.querySelectorAll('link[rel="icon"], link[rel="apple-touch-icon"]')].map(
          (link) => (link as HTMLLinkElement).href,
        ),
      }));
      await context.close();

      expect(head.alternates).toEqual([
        ['id', `${origin()}${url}`],
        ['en', `${origin()}${url}?lang=en`],
        ['x-default', `${origin()}${url}`],
      ]);
      expect(head.meta).toMatchObject({
        'og:image:type': 'image/png',
        'og:image:width': '1200',
        'og:image:height': '630',
        'twitter:card': 'summary_large_image',
      });
      expect(head.meta['og:image:alt']).toBeTruthy();
      const image = head.meta['og:image'] ?? '';
      expect(image).toMatch(new RegExp(`^${origin()}/og(/[a-z0-9-]+){0,2}/card\\.png$`));
      const card = await fetch(image);
      expect(card.status).toBe(200);
      expect(card.headers.get('content-type')).toBe('image/png');
      const bytes = new Uint8Array(await card.arrayBuffer());
      const view = new DataView(bytes.buffer);
      expect([view.getUint32(16), view.getUint32(20)]).toEqual([1200, 630]);

      expect(head.icons).toEqual([
        `${origin()}/favicon.ico`,
        `${origin()}/favicon.svg`,
        `${origin()}/apple-touch-icon.png`,
      ]);
      for (const [icon, type] of [
        ['/favicon.ico', /^image\/(x-icon|vnd\.microsoft\.icon)/],
        ['/favicon.svg', /^image\/svg\+xml/],
        ['/apple-touch-icon.png', /^image\/png/],
      ] as const) {
        const answer = await fetch(`${origin()}${icon}`);
        expect(answer.status, icon).toBe(200);
        expect(answer.headers.get('content-type'), icon).toMatch(type);
        await answer.body?.cancel();
      }
    });
  }
});
