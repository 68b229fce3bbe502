import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { browserAvailable, DESKTOP, launchBrowser, signInWithAdminToken } from './support/browser';
import { BROWSER_TEST_VARS } from './support/vars';

/** A moment as the console writes it: "3 Des 2026 14.05 WIB" (Indonesian), "3 Dec 2026 14:05 WIB" (English). */
const ID_MOMENT = /^\d{1,2} (Jan|Feb|Mar|Apr|Mei|Jun|Jul|Agu|Sep|Okt|Nov|Des) \d{4} \d{2}\.\d{2} (WIB|WITA|WIT)$/;
const EN_MOMENT = /^\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2} (WIB|WITA|WIT)$/;
const PASSWORD = 'pariaman-pantai-gandoriah-2026';

/** The console's audit log, staff lists and dates in words (SPEC §6 /admin). Runs in Kota Pariaman. */
describe.skipIf(!browserAvailable)('the console in words and local dates (SPEC §6 /admin)', () => {
  let browser: Browser;
  let page: Page;
  const email = `petugas-${Date.now().toString(36)}@pariamankota.go.id`;
  beforeAll(async () => {
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: DESKTOP, locale: 'id-ID' })).newPage();
    await signInWithAdminToken(page, inject('origin'), BROWSER_TEST_VARS.ADMIN_TOKEN);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the audit log says who did what to whom in words, with local times, never a raw code or id', async () => {
    // The token invites a staff member, who accepts and signs in: two entries, by two kinds of actor.
    await page.goto(`${inject('origin')}/admin/akun?region=pariaman`);
    await page.fill('#invite-email', email);
    await page.fill('#invite-name', 'Rina Petugas');
    await page.selectOption('#invite-role', 'region_admin');
    await page.click('form[data-endpoint="/api/v1/admin/users"] button[type="submit"]');
    const output = page.locator('form[data-endpoint="/api/v1/admin/users"] output');
    await expect.poll(() => output.textContent()).toMatch(/\/admin\/undangan#/);
    const link = new URL((await output.textContent()) ?? '');
    const staff = await (await browser.newContext({ locale: 'id-ID' })).newPage();
    await staff.goto(`${inject('origin')}${link.pathname}${link.hash}`);
    await staff.fill('#new-password', PASSWORD);
    await staff.fill('#repeat-password', PASSWORD);
    await Promise.all([staff.waitForURL(/\/admin$/), staff.click('button[type="submit"]')]);
    await staff.fill('#email', email);
    await staff.fill('#password', PASSWORD);
    await Promise.all([staff.waitForNavigation(), staff.click('form[data-endpoint="/api/v1/admin/session"] button')]);
    await staff.context().close();

    await page.goto(`${inject('origin')}/admin/audit?region=pariaman`);
    const rows = page.locator('tbody tr');
    const cells = async (text: string) => rows.filter({ hasText: text }).first().locator('td').allTextContents();
    const [invitedAt, inviter, invited, target] = await cells('Mengundang petugas');
    expect(invitedAt).toMatch(ID_MOMENT);
    expect([inviter, invited, target]).toEqual(['token admin (super admin)', 'Mengundang petugas', `Akun ${email}`]);
    const [, who, what] = await cells('Masuk ke konsol');
    expect([who, what]).toEqual([`Rina Petugas (${email})`, 'Masuk ke konsol']);
    const table = (await page.locator('table').textContent()) ?? '';
    expect(table).not.toMatch(/user:|usr_|user\.create|session\.create/);
    expect(await page.locator('#audit-action option', { hasText: 'Mengundang petugas' }).count()).toBe(1);

    await page.goto(`${inject('origin')}/admin/audit?region=pariaman&lang=en`);
    const [enAt, , enWhat, enTarget] = await page
      .locator('tbody tr', { hasText: 'Invited a staff member' })
      .first()
      .locator('td')
      .allTextContents();
    expect(enAt).toMatch(EN_MOMENT);
    expect([enWhat, enTarget]).toEqual(['Invited a staff member', `Account ${email}`]);
  });

  it('console lists write dates in the reader’s language, not as ISO dates', async () => {
    await page.goto(`${inject('origin')}/admin/tanjungpinang/moderasi`);
    const dates = await page.locator('li.card p.muted').allTextContents();
    expect(dates.length).toBeGreaterThan(0);
    for (const line of dates) {
      expect(line).toMatch(/· \d{1,2} (Jan|Feb|Mar|Apr|Mei|Jun|Jul|Agu|Sep|Okt|Nov|Des) \d{4}$/);
    }
    expect((await page.locator('main').textContent()) ?? '').not.toMatch(/\d{4}-\d{2}-\d{2}/);

    // The dashboard's year-to-date sample names its date the same way.
    await page.goto(`${inject('origin')}/admin/tanjungpinang/dasbor?unit=disdukcapil`);
    const sample = (await page.locator('section[aria-labelledby="sample-heading"] p').textContent()) ?? '';
    expect(sample).toMatch(/sampai \d{1,2} (Jan|Feb|Mar|Apr|Mei|Jun|Jul|Agu|Sep|Okt|Nov|Des) \d{4};/);

    // An API key's creation shows up on the region page as a local moment once revoked.
    await page.goto(`${inject('origin')}/admin/pariaman?lang=en`);
    await page.fill('form[data-endpoint$="/api-keys"] input[name="label"]', 'Dates test');
    await page.click('form[data-endpoint$="/api-keys"] button[type="submit"]');
    await expect.poll(() => page.locator('form[data-endpoint$="/api-keys"] output').textContent()).toMatch(/\S/);
    await page.reload();
    const row = page.locator('tr', { hasText: 'Dates test' }).first();
    page.once('dialog', (dialog) => dialog.accept());
    await Promise.all([page.waitForNavigation(), row.locator('button', { hasText: 'Revoke' }).click()]);
    const revoked = (await page.locator('tr', { hasText: 'Dates test' }).first().textContent()) ?? '';
    expect(revoked).toMatch(/Revoked \d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2} WIB/);
  });
});
