import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { currentPeriod, nextPeriod, previousPeriod } from '../../domain/periods';
import { browserAvailable, DESKTOP, launchBrowser, seriousAxeViolations } from './support/browser';
import { BROWSER_TEST_VARS } from './support/vars';

describe.skipIf(!browserAvailable)('admin console in Chromium (SPEC §5 admin, §6 /admin)', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: DESKTOP, locale: 'id-ID' })).newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('refuses a wrong token with a visible message, then signs in with ADMIN_TOKEN and lists the regions', async () => {
    await page.goto(`${inject('origin')}/admin`);
    expect(await page.locator('h1').textContent()).toBe('Masuk ke konsol admin');
    expect(await seriousAxeViolations(page)).toEqual([]);

    // The bootstrap token form sits under its own heading, below the e-mail and password form.
    await page.locator('details summary').click();
    await page.fill('#token', 'wrong-token');
    await page.click('details button[type="submit"]');
    await expect.poll(() => page.locator('details [role="status"]').textContent()).toMatch(/\S/);
    expect(await page.locator('h1').textContent()).toBe('Masuk ke konsol admin');

    await page.fill('#token', BROWSER_TEST_VARS.ADMIN_TOKEN);
    await Promise.all([page.waitForNavigation(), page.click('details button[type="submit"]')]);
    expect(await page.locator('h1').textContent()).toBe('Pemerintah daerah');
    expect(await page.locator('main .cards a.card-title').allTextContents()).toEqual(
      expect.arrayContaining(['Kota Tanjungpinang', 'Kota Gorontalo']),
    );
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('adds a counter to a unit and shows it with its form, QR and poster links', async () => {
    await page.goto(`${inject('origin')}/admin/pariaman`);
    expect(await page.locator('h1').textContent()).toBe('Kota Pariaman');
    const unit = page.locator('section', { has: page.locator('h3#unit-disdukcapil') });
    await unit.locator('summary', { hasText: 'Tambah loket' }).click();
    await unit.locator('input[name="name"]').first().fill('Loket Uji Konsol');
    await Promise.all([
      page.waitForNavigation(),
      unit.locator('form[data-endpoint$="/counters"] button[type="submit"]').click(),
    ]);
    const row = page.locator('tr', { hasText: 'Loket Uji Konsol' });
    expect(await row.count()).toBe(1);
    const code = (await row.locator('code').textContent()) ?? '';
    expect(code).toMatch(/^[0-9a-z]{10}$/);
    expect(await row.locator('a', { hasText: 'Formulir' }).getAttribute('href')).toBe(`/r/${code}`);
    const poster = await page.request.get(
      `${inject('origin')}${await row.locator('a', { hasText: 'Poster A4' }).getAttribute('href')}`,
    );
    expect(poster.status()).toBe(200);
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('enrols a kiosk at a counter, shows its one-time link once, and the link enrols that browser only', async () => {
    await page.goto(`${inject('origin')}/admin/pariaman`);
    const unit = page.locator('section', { has: page.locator('h3#unit-disdukcapil') });
    await unit.locator('summary', { hasText: 'Tambah loket' }).click();
    const panel = unit.locator('fieldset', { hasText: 'Loket Uji Konsol' }).filter({ hasText: 'Kios terdaftar' });
    await panel.locator('input[name="label"]').fill('Tablet uji');
    await panel.locator('form[data-endpoint$="/kiosks"] button[type="submit"]').click();
    const link = panel.locator('output');
    await expect.poll(() => link.textContent()).toMatch(/\/kiosk\/daftar\?kode=[A-Za-z0-9_-]{43}$/);
    const url = new URL((await link.textContent()) ?? '');
    expect(await seriousAxeViolations(page)).toEqual([]);

    // A separate browser (the tablet) opens the link and presses the button: it becomes the kiosk display.
    const tablet = await (await browser.newContext({ locale: 'id-ID' })).newPage();
    await tablet.goto(`${inject('origin')}${url.pathname}${url.search}`);
    await Promise.all([tablet.waitForNavigation(), tablet.click('button[type="submit"]')]);
    expect(new URL(tablet.url()).pathname).toMatch(/^\/r\/[0-9a-z]{10}\/kiosk$/);
    expect(await tablet.locator('img#qr').count()).toBe(1);
    await tablet.context().close();

    await page.reload();
    expect(await page.content()).not.toContain(url.searchParams.get('kode') ?? 'x');
    await unit.locator('summary', { hasText: 'Tambah loket' }).click();
    expect(await panel.textContent()).toContain('Tablet uji — Terdaftar');
  });

  it('creates an agency API key and shows it exactly once', async () => {
    await page.goto(`${inject('origin')}/admin/pariaman`);
    await page.fill('#key-label', 'BKPSDM e-Kinerja');
    await page.click('form[data-endpoint$="/api-keys"] button[type="submit"]');
    const key = page.locator('form[data-endpoint$="/api-keys"] output');
    await expect.poll(() => key.textContent()).toMatch(/^sl_live_\S{20,}$/);
    const secret = (await key.textContent()) ?? '';

    await page.reload();
    const listed = page.locator('tr', { hasText: 'BKPSDM e-Kinerja' });
    expect(await listed.count()).toBe(1);
    expect(secret.startsWith(((await listed.locator('code').textContent()) ?? 'x').replace('…', ''))).toBe(true);
    expect(await page.content()).not.toContain(secret);
  });

  it('chooses the report period from a list, the current quarter first, and downloads the PDF beside the console', async () => {
    const [counter] = inject('counters');
    const { region, unit } = counter!;
    await page.goto(`${inject('origin')}/admin/${region}`);
    const consoleUrl = page.url();
    const timeZone = ((await page.locator('main p.muted').first().textContent()) ?? '').split(' · ')[1] ?? '';
    const current = currentPeriod('quarter', Date.now(), timeZone);
    const closed = previousPeriod(current);

    // A labelled list, not free text: quarters, semesters, years and months, none that has not begun.
    const select = page.locator('#report-period');
    expect(await select.evaluate((element) => element.tagName)).toBe('SELECT');
    expect(await page.locator('label[for="report-period"]').textContent()).toBe('Periode');
    expect(
      await select.locator('optgroup').evaluateAll((groups) => groups.map((g) => g.getAttribute('label'))),
    ).toEqual(['Triwulan', 'Semester', 'Tahun', 'Bulan']);
    const values = await select.locator('option').evaluateAll((options) => options.map((o) => o.getAttribute('value')));
    for (const id of [current.id, closed.id, current.id.slice(0, 4), `${current.id.slice(0, 4)}-S1`]) {
      expect(values).toContain(id);
    }
    expect(values).toContain(currentPeriod('month', Date.now(), timeZone).id);
    expect(values).not.toContain(nextPeriod(current).id);
    expect(await select.inputValue()).toBe(current.id);
    expect(await select.locator('option:checked').textContent()).toMatch(/^Triwulan [IV]+ \d{4} \(berjalan\)$/);

    // By keyboard: the quarters are newest first, so one step down is the quarter just closed.
    await page.selectOption('#report-unit', unit);
    await select.focus();
    await page.keyboard.press('ArrowDown');
    expect(await select.inputValue()).toBe(closed.id);

    // "Unduh PDF" saves a file; the console stays where it was, form and all.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('form.report-form button', { hasText: 'Unduh PDF' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`laporan-skm-${region}-${unit}-${closed.id}.pdf`);
    expect(
      readFileSync(await download.path())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    expect(page.url()).toBe(consoleUrl);
    expect(await select.inputValue()).toBe(closed.id);
    expect(await seriousAxeViolations(page)).toEqual([]);

    await page.goto(`${inject('origin')}/admin/${region}?lang=en`);
    expect(await page.locator('label[for="report-period"]').textContent()).toBe('Period');
    expect(await page.locator('#report-period option:checked').textContent()).toBe(
      `Q${current.id.slice(6)} ${current.id.slice(0, 4)} (in progress)`,
    );
  });

  it('publishes a pending comment with the unit’s reply, and it leaves the queue (SPEC §4)', async () => {
    await page.goto(`${inject('origin')}/admin/tanjungpinang/moderasi`);
    expect(await page.locator('h1').textContent()).toContain('Moderasi');
    expect(await seriousAxeViolations(page)).toEqual([]);
    const pending = page.locator('li.card');
    const before = await pending.count();
    expect(before).toBeGreaterThan(0);
    const first = pending.first();
    const body = (await first.locator('blockquote').textContent()) ?? '';

    await first.locator('textarea[name="reply"]').fill('Terima kasih, sudah kami tindak lanjuti.');
    await Promise.all([page.waitForNavigation(), first.locator('form:has(textarea) button').click()]);
    await Promise.all([
      page.waitForNavigation(),
      page.locator('li.card', { hasText: body }).first().locator('button', { hasText: 'Publikasikan' }).click(),
    ]);
    expect(await page.locator('li.card').count()).toBe(before - 1);

    await page.goto(`${inject('origin')}/admin/tanjungpinang/moderasi?status=published`);
    const published = page.locator('li.card', { hasText: body }).first();
    expect(await published.locator('textarea').inputValue()).toBe('Terima kasih, sudah kami tindak lanjuti.');
  });
});
