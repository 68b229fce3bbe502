import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { addMonths, localMonth } from '../../domain/periods';
import {
  browserAvailable,
  DESKTOP,
  launchBrowser,
  PHONE_AND_DESKTOP,
  seriousAxeViolations,
  signInWithAdminToken,
} from './support/browser';
import { BROWSER_TEST_VARS } from './support/vars';

/**
 * The demo seed drops Pariaman's DPMPTSP in its last two months (scripts/seed/demo-data.ts, `shock`): the last
 * complete month falls more than 5 IKM points against the month before.
 */
const lastCompleteMonth = addMonths(localMonth(Date.now(), 'Asia/Jakarta'), -1);
/** `UPDATE_SCREENSHOTS=1 npm run test:browser` also refreshes docs/screenshots/dashboard-{phone,desktop}.png. */
const screenshots = process.env.UPDATE_SCREENSHOTS ? path.resolve('docs/screenshots') : null;

async function signIn(context: BrowserContext) {
  const page = await context.newPage();
  await signInWithAdminToken(page, inject('origin'), BROWSER_TEST_VARS.ADMIN_TOKEN);
  return page;
}

describe.skipIf(!browserAvailable)('operator dashboard in Chromium (SPEC §3 operator alerts, §6 /admin)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
    if (screenshots) mkdirSync(screenshots, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const [device, open] of PHONE_AND_DESKTOP) {
    it(`on a ${device}, shows the alert for the unit whose IKM fell, first among the alerts by severity, with no serious axe violations`, async () => {
      const context = await open(browser);
      const page = await signIn(context);
      await page.goto(`${inject('origin')}/admin/pariaman`);
      await Promise.all([page.waitForNavigation(), page.click('a:text-is("Dasbor")')]);
      await page.goto(`${inject('origin')}/admin/pariaman/dasbor?month=${lastCompleteMonth}`);

      expect(await page.locator('h1').textContent()).toBe('Dasbor · Kota Pariaman');
      const drop = page.locator('#alert-list li[data-kind="ikm-drop"][data-unit="dpmptsp"]');
      expect(await drop.count()).toBe(1);
      expect(await drop.textContent()).toMatch(/Kritis|Perhatian/);
      expect(await drop.textContent()).toMatch(/IKM turun \d+,\d{2} poin/);
      // Severity is written out on every alert, and the most severe come first.
      const severities = await page.locator('#alert-list .alert-severity').allTextContents();
      const rank = (text: string) => ['Kritis', 'Perhatian', 'Info'].findIndex((word) => text.includes(word));
      expect(severities.map(rank)).toEqual([...severities.map(rank)].sort((a, b) => a - b));
      expect(severities.map(rank)).not.toContain(-1);
      expect(await page.locator('#dashboard-units tr[data-unit="dpmptsp"]').count()).toBe(1);
      expect(await seriousAxeViolations(page)).toEqual([]);
      if (screenshots)
        await page.screenshot({ path: path.join(screenshots, `dashboard-${device}.png`), fullPage: true });

      // The alert leads to the unit's own dashboard, where the elements are compared month to month.
      await Promise.all([page.waitForNavigation(), drop.locator('a').click()]);
      expect(await page.locator('h1').textContent()).toContain('Dinas Penanaman Modal');
      expect(await page.locator('#dashboard-elements tbody tr').count()).toBe(9);
      expect(await page.locator('#alert-list li[data-kind="ikm-drop"]').count()).toBe(1);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await context.close();
    });
  }

  it('a region with nothing to act on says so plainly: "Tidak ada peringatan"', async () => {
    const created = await fetch(`${inject('origin')}/api/v1/admin/regions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${BROWSER_TEST_VARS.ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ code: '91.05', slug: 'kota-tenang', name: 'Kota Tenang', timezone: 'Asia/Jayapura' }),
    });
    expect(created.status).toBe(201);
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'id-ID' });
    const page = await signIn(context);
    await page.goto(`${inject('origin')}/admin/kota-tenang/dasbor`);

    expect(await page.locator('#no-alerts').textContent()).toContain('Tidak ada peringatan');
    expect(await page.locator('#alert-list').count()).toBe(0);
    expect(await page.locator('main').textContent()).toContain('Daerah ini belum punya unit layanan.');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await context.close();
  });

  it('the public unit page shows the per-service table with the figures of the services API (SPEC §5)', async () => {
    const api = (await (
      await fetch(
        `${inject('origin')}/api/v1/regions/tanjungpinang/units/disdukcapil/services?period=${lastCompleteMonth}`,
      )
    ).json()) as { services: { service: { name: string } | null; responses: number; ikm: number | null }[] };
    const page = await browser.newPage({ locale: 'id-ID' });
    await page.goto(`${inject('origin')}/tanjungpinang/disdukcapil?period=${lastCompleteMonth}`);

    const rows = page.locator('#service-table tbody tr');
    expect(await rows.count()).toBe(api.services.length);
    expect(await rows.locator('th').allTextContents()).toEqual(
      api.services.map((s) => s.service?.name ?? 'Tanpa jenis layanan'),
    );
    const ikms = await rows.evaluateAll((trs) =>
      trs.map((tr) => tr.querySelector('data.ikm')?.getAttribute('value') ?? null),
    );
    expect(ikms.map((v) => (v === null ? null : Number(v)))).toEqual(api.services.map((s) => s.ikm));
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.close();
  });
});
