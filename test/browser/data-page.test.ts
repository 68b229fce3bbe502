import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { browserAvailable, launchBrowser } from './support/browser';

const origin = () => inject('origin');

/** "± 35 KB", "± 1,2 MB" (Indonesian decimals) → bytes. */
function bytesOf(text: string): number {
  const match = /± ([\d.,]+) (KB|MB)/.exec(text);
  if (!match) throw new Error(`no size in "${text}"`);
  const value = Number(match[1]!.replace(/\./g, '').replace(',', '.'));
  return value * (match[2] === 'MB' ? 1024 * 1024 : 1024);
}

describe.skipIf(!browserAvailable)('the open-data page (SPEC §5 open data, §6 /data)', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.newPage({ locale: 'id-ID' });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('gives each download its approximate size, close to the file’s real size, and says how exact it is', async () => {
    await page.goto(`${origin()}/data?region=tanjungpinang`);
    expect(await page.locator('#sizes-note').textContent()).toContain('perkiraan');
    for (const file of ['scores.csv', 'scores.json', 'responses.csv', 'comments.json']) {
      const shown = bytesOf((await page.locator(`[data-size="${file}"]`).textContent()) ?? '');
      const real = (await (await fetch(`${origin()}/data/${file}?region=tanjungpinang`)).arrayBuffer()).byteLength;
      expect(Math.abs(shown - real) / real, `${file}: shown ${shown}, real ${real}`).toBeLessThan(0.25);
    }
    await page.goto(`${origin()}/data?region=tanjungpinang&from=2001-01&to=2001-02`);
    expect(await page.locator('[data-size="scores.csv"]').textContent()).toBe('(tanpa baris untuk saringan ini)');
  });

  it('the browser downloads a CSV gzip-compressed and reads the same file', async () => {
    await page.goto(`${origin()}/data`);
    const sizes = await page.evaluate(async () => {
      const url = '/data/responses.csv?region=tanjungpinang';
      const response = await fetch(url, { cache: 'no-store' });
      const text = await response.text();
      const entry = performance.getEntriesByName(new URL(url, location.href).href).at(-1) as PerformanceResourceTiming;
      return { lines: text.split('\r\n').length, encoded: entry.encodedBodySize, decoded: entry.decodedBodySize };
    });
    expect(sizes.lines).toBeGreaterThan(100);
    expect(sizes.encoded).toBeGreaterThan(0);
    expect(sizes.encoded).toBeLessThan(sizes.decoded / 3);
  });

  it('describes every column in the page’s language: Bahasa Indonesia, and English with ?lang=en', async () => {
    const meaning = (column: string) =>
      page
        .locator('table tr', { has: page.locator(`th code:text-is("${column}")`) })
        .first()
        .locator('td')
        .nth(1);
    await page.goto(`${origin()}/data`);
    expect(await meaning('ikm').textContent()).toContain('rata-rata sembilan NRR');
    expect(await meaning('region').textContent()).toBe(
      'Pengenal pemerintah daerah, seperti pada alamat portal /{region}.',
    );
    const dictionary = (await page.locator('section[aria-labelledby="files-heading"]').textContent()) ?? '';
    expect(dictionary).not.toMatch(/Identifier of|Name of the|Empty when suppressed|Number of responses/);

    await page.goto(`${origin()}/data?lang=en`);
    expect(await meaning('ikm').textContent()).toContain('mean of the nine NRRs');
  });
});
