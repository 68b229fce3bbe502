import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { browserAvailable, launchBrowser } from './support/browser';

interface ScoreRow {
  unit: string;
  period: string;
  responses: number;
  ikm: number | null;
}

const origin = () => inject('origin');

describe.skipIf(!browserAvailable)('pages say why a figure is missing (SPEC §4, §6)', () => {
  let browser: Browser;
  let months: ScoreRow[];
  beforeAll(async () => {
    browser = await launchBrowser();
    const rows = (await (await fetch(`${origin()}/data/scores.json?region=tanjungpinang`)).json()) as ScoreRow[];
    // The demo's library service gets about 6 ratings a month: every month is under 10.
    months = rows.filter((r) => r.unit === 'dispusip');
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a unit whose months are all under 10 says so in its trend, with what to do, not "no ratings"', async () => {
    expect(months.length).toBeGreaterThan(0);
    expect(months.every((r) => r.responses < 10 && r.ikm === null)).toBe(true);
    const page = await browser.newPage({ locale: 'id-ID' });
    await page.goto(`${origin()}/tanjungpinang/dispusip`);
    const trend = page.locator('section[aria-labelledby="trend-heading"]');
    const text = (await trend.textContent()) ?? '';
    expect(text).not.toContain('Belum ada penilaian');
    expect(text).toMatch(/\d+ responden dalam 12 bulan ini, tetapi tidak ada bulan dengan sedikitnya 10 responden/);
    expect(text).toContain('demi kerahasiaan responden');
    expect(text).toContain('Pilih periode yang lebih panjang');
    expect(await trend.locator('a[href="/tentang#penyembunyian"]').count()).toBe(1);

    await page.goto(`${origin()}/tanjungpinang/dispusip?lang=en`);
    expect(await page.locator('section[aria-labelledby="trend-heading"]').textContent()).toMatch(
      /\d+ responses over these 12 months, but no month has at least 10/,
    );
    await page.close();
  });

  it('a month under 10 gives its count, why no figure is shown, and a longer period to choose', async () => {
    const month = months.find((r) => r.responses > 0)!;
    const page = await browser.newPage({ locale: 'id-ID' });
    await page.goto(`${origin()}/tanjungpinang/dispusip?period=${month.period}`);
    const summary = (await page.locator('section.summary').textContent()) ?? '';
    expect(summary).toContain(
      `${month.responses} responden dalam periode ini, kurang dari 10, sehingga angka tidak ditampilkan demi kerahasiaan responden.`,
    );
    expect(summary).toContain('Pilih periode yang lebih panjang');
    expect(summary).not.toMatch(/\d{2},\d{2}/);
    await page.close();
  });
});
