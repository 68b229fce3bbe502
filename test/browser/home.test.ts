import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { browserAvailable, launchBrowser, newPhoneContext, seriousAxeViolations } from './support/browser';

describe.skipIf(!browserAvailable)('home page: the national directory in Chromium (SPEC §6)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('lists the four seeded regions grouped by province in Bahasa Indonesia on a phone, without serious accessibility violations', async () => {
    const context = await newPhoneContext(browser);
    const page = await context.newPage();
    await page.goto(`${inject('origin')}/`);

    expect(await page.getAttribute('html', 'lang')).toBe('id');
    const regionLinks = await page.locator('main .cards a.card-title').allTextContents();
    expect(regionLinks).toEqual(
      expect.arrayContaining(['Kota Tanjungpinang', 'Kota Langsa', 'Kota Pariaman', 'Kota Gorontalo']),
    );
    // One section per province, headed by its name, in the official code order (Aceh 11 … Gorontalo 75).
    const provinces = await page
      .locator('main section.province h3')
      .evaluateAll((headings) => headings.map((h) => h.firstChild?.textContent?.trim()));
    expect(provinces.slice(0, 4)).toEqual(['Aceh', 'Sumatera Barat', 'Kepulauan Riau', 'Gorontalo']);
    expect(await page.locator('section[data-province="21"] .card').getAttribute('data-code')).toBe('21.72');
    expect(await page.locator('section[data-province="11"] a.card-title').allTextContents()).toContain('Kota Langsa');
    // Provinces without a region yet are named, not shown as empty sections.
    expect(await page.locator('main .empty-provinces').textContent()).toContain('Belum ada daerah');
    expect(await page.locator('main .empty-provinces').textContent()).toContain('Papua');
    // The index jumps to a province's heading.
    await page.locator('nav.province-index a[href="#provinsi-75"]').click();
    expect(page.url()).toMatch(/#provinsi-75$/);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await context.close();
  });

  it('finds a region with the search form, without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: 'id-ID' });
    const page = await context.newPage();
    await page.goto(`${inject('origin')}/`);
    await page.getByLabel(/Cari daerah/).fill('kepulauan riau');
    await page.getByRole('button', { name: 'Cari' }).click();

    expect(page.url()).toMatch(/\?q=kepulauan\+riau$/);
    expect(await page.locator('main a.card-title').allTextContents()).toEqual(['Kota Tanjungpinang']);
    expect(await page.locator('main section.province').count()).toBe(1);
    expect(await page.locator('#directory-summary').textContent()).toContain('1 dari');

    await page.goto(`${inject('origin')}/?q=atlantis`);
    expect(await page.locator('main .notice').textContent()).toContain('Tidak ada daerah yang cocok');
    await context.close();
  });

  it('a search result has no serious accessibility violations', async () => {
    const context = await newPhoneContext(browser);
    const page = await context.newPage();
    await page.goto(`${inject('origin')}/?q=riau`);
    expect(await page.locator('main section.province').count()).toBe(1);
    expect(await page.locator('#q').inputValue()).toBe('riau');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await context.close();
  });

  it('a region page names its province and Kemendagri code, linking back to the province in the directory', async () => {
    const context = await newPhoneContext(browser);
    const page = await context.newPage();
    await page.goto(`${inject('origin')}/tanjungpinang`);
    expect(await page.locator('main .region-code').textContent()).toMatch(
      /Provinsi Kepulauan Riau · Kode wilayah 21\.72/,
    );
    await page.locator('main .region-code a').click();
    expect(new URL(page.url()).hash).toBe('#provinsi-21');
    expect(await page.locator('#provinsi-21').textContent()).toContain('Kepulauan Riau');
    await context.close();
  });

  it('switches to English with ?lang=en', async () => {
    const context = await newPhoneContext(browser);
    const page = await context.newPage();
    await page.goto(`${inject('origin')}/?lang=en`);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.locator('h2').first().textContent()).toBe('Local governments');
    // Other page tests add regions to the same server, so the counts are not fixed here.
    expect(await page.locator('#directory-summary').textContent()).toMatch(/^\d+ regions in \d+ provinces\.$/);
    expect(await page.locator('form[role="search"] input[name="lang"]').getAttribute('value')).toBe('en');
    await context.close();
  });
});
