import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  browserAvailable,
  DESKTOP,
  launchBrowser,
  newPhoneContext,
  seriousAxeViolations,
  signInWithAdminToken,
} from './support/browser';
import { BROWSER_TEST_VARS } from './support/vars';

// A demo unit no other page test writes to (WITA, so "today" is the region's own date).
const REGION = 'gorontalo';
const UNIT = 'disdukcapil';
const QUESTIONNAIRES = 50;
/** Screenshots for docs/screenshots/ only when asked for (SAVE_SCREENSHOTS=1), so a test run writes no files. */
const SCREENSHOTS = process.env.SAVE_SCREENSHOTS ? path.resolve('docs/screenshots') : null;

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Makassar' }).format(new Date());

async function storedResponses(page: Page): Promise<number> {
  const month = today().slice(0, 7);
  const response = await page.request.get(
    `${inject('origin')}/api/v1/regions/${REGION}/units/${UNIT}/scores?period=${month}`,
  );
  expect(response.status()).toBe(200);
  return ((await response.json()) as { responses: number }).responses;
}

describe.skipIf(!browserAvailable)(
  'paper questionnaires keyed in and follow-up published, in Chromium (SPEC §5)',
  () => {
    let browser: Browser;
    let context: BrowserContext;
    let page: Page;
    beforeAll(async () => {
      browser = await launchBrowser();
      context = await browser.newContext({ viewport: DESKTOP, locale: 'id-ID' });
      page = await context.newPage();
      await signInWithAdminToken(page, inject('origin'), BROWSER_TEST_VARS.ADMIN_TOKEN);
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('types 50 questionnaires by keyboard only (no mouse, no Tab), undoes the last: exactly 49 are stored', async () => {
      const before = await storedResponses(page);
      await page.goto(`${inject('origin')}/admin/${REGION}`);
      expect(await page.locator(`a[href="/admin/${REGION}/${UNIT}/kertas"]`).count()).toBe(1);
      await page.goto(`${inject('origin')}/admin/${REGION}/${UNIT}/kertas`);
      expect(await page.locator('h1').textContent()).toBe('Entri kuesioner kertas');
      expect(await page.inputValue('#paper-date')).toBe(today());
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('score-U1');
      expect(await seriousAxeViolations(page)).toEqual([]);

      // A wrong key is refused with a visible message and fills nothing; Backspace goes back one element.
      await page.keyboard.type('34x');
      await expect.poll(() => page.locator('#paper-key-message').textContent()).toContain('Hanya angka 1–4');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('score-U3');
      await page.keyboard.press('Backspace');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('score-U2');
      expect(await page.inputValue('#score-U2')).toBe('');
      await page.keyboard.press('Backspace');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('score-U1');
      await page.keyboard.press('Backspace');
      // Enter with elements missing saves nothing and says which.
      await page.keyboard.press('Enter');
      await expect.poll(() => page.locator('#paper-status').textContent()).toContain('U1');
      expect(await page.locator('#paper-entries tr').count()).toBe(0);

      const started = performance.now();
      for (let i = 0; i < QUESTIONNAIRES; i += 1) {
        await page.keyboard.type(Array.from({ length: 9 }, (_, e) => ((i + e * 3) % 4) + 1).join(''));
        // Focus is on the numbered service choice now: some questionnaires name a service, gender, age, education.
        if (i % 2 === 0) await page.keyboard.type(`1${i % 4 === 0 ? '2' : '1'}${20 + i}3`);
        await page.keyboard.press('Enter');
        await expect.poll(() => page.locator('#paper-count').textContent()).toBe(`${i + 1} kuesioner`);
        expect(await page.evaluate(() => document.activeElement?.id)).toBe('score-U1');
      }
      const seconds = (performance.now() - started) / 1000;
      console.log(
        `paper entry: ${QUESTIONNAIRES} questionnaires keyed in ${seconds.toFixed(1)} s (${((QUESTIONNAIRES / seconds) * 60).toFixed(0)} per minute, saving each before the next)`,
      );
      if (SCREENSHOTS)
        await page.screenshot({ path: path.join(SCREENSHOTS, 'paper-entry-desktop.png'), fullPage: true });

      await page.keyboard.press('Control+z');
      await expect.poll(() => page.locator('#paper-count').textContent()).toBe(`${QUESTIONNAIRES - 1} kuesioner`);
      expect(await page.locator('#paper-status').textContent()).toContain('dibatalkan');
      expect(await page.locator('#paper-entries tr').count()).toBe(QUESTIONNAIRES - 1);
      expect(await storedResponses(page)).toBe(before + QUESTIONNAIRES - 1);
      expect(await seriousAxeViolations(page)).toEqual([]);
    });

    it('a Tab after the age lands on education, a Tab right after a digit moved on skips nothing, and the saved row shows every field', async () => {
      await page.goto(`${inject('origin')}/admin/${REGION}/${UNIT}/kertas`);
      const active = () => page.evaluate(() => document.activeElement?.id);
      const service = ((await page.locator('#paper-service option').nth(1).textContent()) ?? '').replace(/^1 · /, '');
      await page.keyboard.type('432143214');
      expect(await active()).toBe('paper-service');
      await page.keyboard.type('1');
      // The digit already moved on to gender: the habitual Tab after it must not skip gender.
      await page.keyboard.press('Tab');
      expect(await active()).toBe('paper-gender');
      await page.keyboard.type('2');
      expect(await active()).toBe('paper-age');
      // An age of two digits stays put, so Tab goes to the next field: education, not occupation.
      await page.keyboard.type('34');
      expect(await active()).toBe('paper-age');
      await page.keyboard.press('Tab');
      expect(await active()).toBe('paper-education');
      await page.keyboard.type('3');
      await page.keyboard.press('Tab');
      expect(await active()).toBe('paper-occupation');
      await page.keyboard.type('4');
      await page.keyboard.press('Tab');
      expect(await active()).toBe('paper-comment');
      const comment = 'Antrean terlalu lama di loket pada pagi hari';
      await page.keyboard.type(comment);
      await page.keyboard.press('Enter');
      await expect.poll(() => page.locator('#paper-count').textContent(), { timeout: 20_000 }).toBe('1 kuesioner');

      // The saved row, field by field, where the operator sees it (and hears it: the status is a live region).
      const row = page.locator('#paper-entries tr').first();
      expect(await row.locator('td').allTextContents()).toEqual([
        today(),
        service,
        '432143214',
        'P · Perempuan',
        '34',
        'SMA',
        'SWASTA',
        `${comment.slice(0, 40)}…`,
      ]);
      const status = (await page.locator('#paper-status').textContent()) ?? '';
      expect(status).toContain('Tersimpan: kuesioner ke-1');
      expect(status).toContain('usia 34; pendidikan SMA; pekerjaan SWASTA');
      expect(await page.getAttribute('#paper-status', 'role')).toBe('status');

      // Without Tab, a digit that cannot belong to the age still goes on to education (the fast path keeps working).
      await page.keyboard.type('123412341');
      await page.keyboard.type('00');
      await page.keyboard.type('253');
      expect(await page.inputValue('#paper-age')).toBe('25');
      expect(await page.inputValue('#paper-education')).toBe('SMA');
      expect(await active()).toBe('paper-occupation');
      await page.keyboard.press('Enter');
      await expect.poll(() => page.locator('#paper-count').textContent(), { timeout: 20_000 }).toBe('2 kuesioner');
      expect(await page.locator('#paper-entries tr').first().locator('td').allTextContents()).toEqual([
        today(),
        'tidak diisi',
        '123412341',
        'tidak diisi',
        '25',
        'SMA',
        'tidak diisi',
        'tidak diisi',
      ]);
      expect(await seriousAxeViolations(page)).toEqual([]);
    });

    it('works at 360 px: the nine boxes fit without horizontal scrolling', async () => {
      const phone = await newPhoneContext(browser);
      await phone.addCookies(await context.cookies());
      const small = await phone.newPage();
      await small.goto(`${inject('origin')}/admin/${REGION}/${UNIT}/kertas?lang=en`);
      expect(await small.locator('h1').textContent()).toBe('Paper questionnaire entry');
      expect(await small.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      const box = await small.locator('#score-U9').boundingBox();
      expect((box?.x ?? 999) + (box?.width ?? 0)).toBeLessThanOrEqual(360);
      await phone.close();
    });

    it('a follow-up action added and completed in the console shows under “Anda berkata, kami bertindak”', async () => {
      await page.goto(`${inject('origin')}/admin/${REGION}/${UNIT}/tindak-lanjut`);
      expect(await page.locator('h1').textContent()).toContain('Tindak lanjut');
      expect(await page.locator('#suggestions li').count()).toBeGreaterThan(0);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await page.fill('#new-issue', 'Antrean perekaman KTP-el terlalu panjang pada pagi hari');
      await page.fill('#new-action', 'Membuka loket perekaman tambahan pukul 08.00–11.00');
      await page.fill('#new-owner', 'Kepala Bidang Pelayanan Pendaftaran Penduduk');
      await page.fill('#new-due', '2026-12-31');
      await Promise.all([page.waitForNavigation(), page.click('form[data-method="POST"] button[type="submit"]')]);
      const card = page.locator('#actions li.card', { hasText: 'Antrean perekaman KTP-el' });
      expect(await card.count()).toBe(1);
      await card.locator('select[name="status"]').selectOption('done');
      await card.locator('textarea[name="evidence"]').fill('Loket 5 dibuka sejak 1 Desember');
      await card.locator('input[name="evidenceUrl"]').fill('https://gorontalokota.example.go.id/sk-loket-5.pdf');
      await Promise.all([page.waitForNavigation(), card.locator('form[data-method="PATCH"] button').click()]);
      expect(await page.locator('#actions li.card', { hasText: 'Selesai' }).count()).toBe(1);

      const phone = await newPhoneContext(browser);
      const visitor = await phone.newPage();
      await visitor.goto(`${inject('origin')}/${REGION}/${UNIT}`);
      const section = visitor.locator('#tindak-lanjut');
      expect(await section.locator('h2').textContent()).toBe('Anda berkata, kami bertindak');
      const item = section.locator('li', { hasText: 'Antrean perekaman KTP-el terlalu panjang' });
      expect(await item.count()).toBe(1);
      expect(await item.textContent()).toContain('Membuka loket perekaman tambahan');
      expect(await item.textContent()).toContain('Selesai');
      expect(await item.locator('a').getAttribute('href')).toBe('https://gorontalokota.example.go.id/sk-loket-5.pdf');
      expect(await seriousAxeViolations(visitor)).toEqual([]);
      await visitor.goto(`${inject('origin')}/${REGION}/dinkes`);
      expect(await visitor.locator('#tindak-lanjut').textContent()).toContain(
        'Unit ini belum menerbitkan rencana tindak lanjut.',
      );
      await visitor.goto(`${inject('origin')}/${REGION}/${UNIT}`);
      if (SCREENSHOTS) await section.screenshot({ path: path.join(SCREENSHOTS, 'unit-followup-phone.png') });
      await phone.close();
    });
  },
);
