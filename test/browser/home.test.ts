import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { browserAvailable, launchBrowser, newPhoneContext, seriousAxeViolations } from './support/browser';

describe.skipIf(!browserAvailable)('home page in Chromium (SPEC §6)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('lists the four seeded regions in Bahasa Indonesia on a phone, without serious accessibility violations', async () => {
    const context = await newPhoneContext(browser);
    const page = await context.newPage();
    await page.goto(`${inject('origin')}/`);

    expect(await page.getAttribute('html', 'lang')).toBe('id');
    const regionLinks = await page.locator('main .cards a.card-title').allTextContents();
    expect(regionLinks).toEqual(
      expect.arrayContaining(['Kota Tanjungpinang', 'Kota Langsa', 'Kota Pariaman', 'Kota Gorontalo']),
    );
    expect(await seriousAxeViolations(page)).toEqual([]);
    await context.close();
  });

  it('switches to English with ?lang=en', async () => {
    const context = await newPhoneContext(browser);
    const page = await context.newPage();
    await page.goto(`${inject('origin')}/?lang=en`);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.locator('h2').first().textContent()).toBe('Local governments');
    await context.close();
  });
});
