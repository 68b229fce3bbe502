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

/**
 * The accounts journey (docs/accounts.md): a region admin goes from an invitation to printed posters and a
 * published reply without the bootstrap token, and an operator acts within its role and is refused outside it.
 * Runs in Kota Langsa, which the other page tests leave alone.
 */
const REGION = 'langsa';
const PASSWORD = 'sungai-langsa-pagi-2026';

async function invite(page: Page, fields: { email: string; name: string; role: string; unit?: string }) {
  await page.fill('#invite-email', fields.email);
  await page.fill('#invite-name', fields.name);
  await page.selectOption('#invite-role', fields.role);
  if (fields.unit) await page.check(`input[name="units"][value="${fields.unit}"]`);
  await page.click('form[data-endpoint="/api/v1/admin/users"] button[type="submit"]');
  const link = page.locator('form[data-endpoint="/api/v1/admin/users"] output');
  await expect.poll(() => link.textContent()).toMatch(/\/admin\/undangan#[0-9a-z]{52}$/);
  return (await link.textContent()) ?? '';
}

/** Opens the invitation in a fresh browser, sets the password, and signs in with e-mail and password. */
async function acceptAndSignIn(context: BrowserContext, url: string, email: string): Promise<Page> {
  const page = await context.newPage();
  // The link names PUBLIC_ORIGIN (wrangler.toml); the test server listens on its own port.
  const link = new URL(url);
  await page.goto(`${inject('origin')}${link.pathname}${link.hash}`);
  expect(await page.locator('h1').textContent()).toBe('Atur kata sandi');
  // The token has left the address bar once the form holds it.
  expect(page.url()).not.toContain('#');
  expect(await seriousAxeViolations(page)).toEqual([]);
  await page.fill('#new-password', PASSWORD);
  await page.fill('#repeat-password', `${PASSWORD}-beda`);
  await page.click('button[type="submit"]');
  await expect.poll(() => page.locator('[role="status"]').textContent()).toContain('tidak sama');
  await page.fill('#repeat-password', PASSWORD);
  await Promise.all([page.waitForURL(/\/admin$/), page.click('button[type="submit"]')]);
  await page.fill('#email', email);
  await page.fill('#password', PASSWORD);
  await Promise.all([page.waitForNavigation(), page.click('form[data-endpoint="/api/v1/admin/session"] button')]);
  expect(await page.locator('h1').textContent()).toBe('Pemerintah daerah');
  return page;
}

/** Nothing wider than the phone: a page that scrolls sideways is zoomed out and hard to use. */
async function fitsWidth(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
}

describe.skipIf(!browserAvailable)('staff accounts in Chromium: invitation to poster and reply (SPEC §5 Admin)', () => {
  let browser: Browser;
  const stamp = Date.now().toString(36);
  const adminEmail = `admin-${stamp}@langsakota.go.id`;
  const operatorEmail = `operator-${stamp}@langsakota.go.id`;
  let adminPage: Page;
  let operatorPage: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a super admin invites a region admin, who accepts, signs in and sees its own region only', async () => {
    const superPage = await (await browser.newContext({ viewport: DESKTOP, locale: 'id-ID' })).newPage();
    await signInWithAdminToken(superPage, inject('origin'), BROWSER_TEST_VARS.ADMIN_TOKEN);
    await superPage.goto(`${inject('origin')}/admin/akun?region=${REGION}`);
    expect(await superPage.locator('h1').textContent()).toBe('Akun petugas · Kota Langsa');
    expect(await seriousAxeViolations(superPage)).toEqual([]);
    const url = await invite(superPage, { email: adminEmail, name: 'Admin Langsa', role: 'region_admin' });

    adminPage = await acceptAndSignIn(await newPhoneContext(browser), url, adminEmail);
    expect(await adminPage.locator('main .cards a.card-title').allTextContents()).toEqual(['Kota Langsa']);
    expect(await adminPage.locator('nav.account').textContent()).toContain('Admin daerah');
    // No region may be created by a region admin: the form is not offered.
    expect(await adminPage.locator('form[data-endpoint="/api/v1/admin/regions"]').count()).toBe(0);
  });

  it('the region admin invites a unit operator for one unit; the operator accepts and signs in', async () => {
    await adminPage.goto(`${inject('origin')}/admin/akun`);
    expect(await adminPage.locator('#invite-role option').allTextContents()).not.toContain('Super admin');
    const url = await invite(adminPage, {
      email: operatorEmail,
      name: 'Operator Dukcapil',
      role: 'unit_operator',
      unit: 'disdukcapil',
    });
    operatorPage = await acceptAndSignIn(await newPhoneContext(browser), url, operatorEmail);
    expect(await operatorPage.locator('nav.account').textContent()).toContain('Operator unit');
    await adminPage.reload();
    expect(await adminPage.locator('tr', { hasText: operatorEmail }).textContent()).toContain('Aktif');
    expect(await fitsWidth(adminPage)).toBe(true);
    expect(await seriousAxeViolations(adminPage)).toEqual([]);

    // The audit log shows the invitation, filtered by what; a filter that matches nothing shows the empty state.
    await adminPage.goto(`${inject('origin')}/admin/audit?action=user.create`);
    expect(await adminPage.locator('main tbody tr').count()).toBeGreaterThan(0);
    expect(await adminPage.locator('main tbody').textContent()).toContain(adminEmail);
    expect(await seriousAxeViolations(adminPage)).toEqual([]);
    await adminPage.goto(`${inject('origin')}/admin/audit?from=2999-01-01`);
    expect(await adminPage.locator('main .notice').textContent()).toBe('Tidak ada catatan untuk saringan ini.');
  });

  it('the operator prints its counter’s A4 poster and publishes a reply to a comment of its own unit', async () => {
    await operatorPage.goto(`${inject('origin')}/admin/${REGION}`);
    // Only its own unit, and no admin actions.
    expect(await operatorPage.locator('main section h3').allTextContents()).toEqual([
      'Dinas Kependudukan dan Pencatatan Sipil (disdukcapil)',
    ]);
    expect(await operatorPage.locator('form[data-endpoint$="/api-keys"]').count()).toBe(0);
    expect(await operatorPage.locator('form[data-endpoint$="/counters"]').count()).toBe(0);
    expect(await seriousAxeViolations(operatorPage)).toEqual([]);

    const posterHref = (await operatorPage.locator('a', { hasText: 'Poster A4' }).first().getAttribute('href')) ?? '';
    const poster = await operatorPage.context().newPage();
    expect((await poster.goto(`${inject('origin')}${posterHref}`))?.status()).toBe(200);
    const pdf = await poster.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');

    await operatorPage.goto(`${inject('origin')}/admin/${REGION}/moderasi`);
    const cards = operatorPage.locator('li.card');
    expect(await cards.count()).toBeGreaterThan(0);
    for (const unit of await cards.locator('p.muted').allTextContents()) {
      expect(unit).toContain('Dinas Kependudukan dan Pencatatan Sipil');
    }
    const first = cards.first();
    const body = (await first.locator('blockquote').textContent()) ?? '';
    await first.locator('textarea[name="reply"]').fill('Terima kasih, berkas Anda sudah kami proses.');
    await Promise.all([operatorPage.waitForNavigation(), first.locator('form:has(textarea) button').click()]);
    await Promise.all([
      operatorPage.waitForNavigation(),
      operatorPage.locator('li.card', { hasText: body }).first().locator('button', { hasText: 'Publikasikan' }).click(),
    ]);
    await operatorPage.goto(`${inject('origin')}/admin/${REGION}/moderasi?status=published`);
    const published = operatorPage.locator('li.card', { hasText: 'Terima kasih, berkas Anda sudah kami proses.' });
    expect(await published.count()).toBeGreaterThan(0);
  });

  it('the operator is refused another region’s page, another unit and an admin-only action', async () => {
    const otherRegion = await operatorPage.goto(`${inject('origin')}/admin/gorontalo`);
    expect(otherRegion?.status()).toBe(403);
    const csrf = await operatorPage.request
      .get(`${inject('origin')}/api/v1/admin/session`)
      .then((r) => r.json() as Promise<{ csrfToken: string; units: { slug: string }[] }>);
    expect(csrf.units.map((u) => u.slug)).toEqual(['disdukcapil']);
    const otherUnit = await operatorPage.request.get(
      `${inject('origin')}/api/v1/admin/regions/${REGION}/units/dinkes/counters`,
    );
    expect(otherUnit.status()).toBe(403);
    const adminOnly = await operatorPage.request.post(`${inject('origin')}/api/v1/admin/regions/${REGION}/api-keys`, {
      headers: { 'X-CSRF-Token': csrf.csrfToken, Origin: inject('origin'), 'Content-Type': 'application/json' },
      data: { label: 'Tidak boleh' },
    });
    expect(adminOnly.status()).toBe(403);
    const accounts = await operatorPage.goto(`${inject('origin')}/admin/akun`);
    expect(accounts?.status()).toBe(403);
  });

  it('the operator enrols an authenticator on the security page only with its current password', async () => {
    await operatorPage.goto(`${inject('origin')}/admin/keamanan`);
    const enrol = operatorPage.locator('form[data-endpoint="/api/v1/admin/session/totp"]');
    await enrol.locator('input[name="password"]').fill('bukan-kata-sandinya');
    await enrol.locator('button[type="submit"]').click();
    await expect.poll(() => enrol.locator('[role="status"]').textContent()).toContain('password');
    expect(await enrol.locator('img').count()).toBe(0);
    await enrol.locator('input[name="password"]').fill(PASSWORD);
    await enrol.locator('button[type="submit"]').click();
    await expect.poll(() => enrol.locator('img').count()).toBe(1);
    expect(await seriousAxeViolations(operatorPage)).toEqual([]);
    expect(await fitsWidth(operatorPage)).toBe(true);
  });
});
