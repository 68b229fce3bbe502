import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { browserAvailable, launchBrowser, newPhoneContext, PHONE, seriousAxeViolations } from './support/browser';

const QUEUE = 'suara-layanan:queue';

/**
 * A phone context that lets axe-core be injected: our CSP (rightly) refuses inline scripts without our nonce.
 * The other tests keep the CSP on, so the form's own script is proven to run under it.
 */
function axePhone(browser: Browser, javaScriptEnabled = true) {
  return browser.newContext({
    viewport: PHONE,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'id-ID',
    bypassCSP: true,
    javaScriptEnabled,
  });
}

/** Taps one answer per element (a varied pattern, so no two test ratings look like identical repeats). */
async function answerAll(page: Page, pattern: number[]) {
  for (let i = 0; i < 9; i += 1) {
    await page
      .locator(`#f-U${i + 1} label.opt`)
      .nth(pattern[i % pattern.length]! - 1)
      .click();
  }
}

/** Watches the rating API's answers on a page. */
function watchSubmissions(page: Page) {
  const statuses: number[] = [];
  const bodies: string[] = [];
  page.on('response', (response) => {
    if (response.url().endsWith('/api/v1/responses') && response.request().method() === 'POST') {
      statuses.push(response.status());
      bodies.push(response.request().postData() ?? '');
    }
  });
  return { statuses, bodies };
}

describe.skipIf(!browserAvailable)('the rating form in Chromium on a phone (SPEC §2, §5)', () => {
  let browser: Browser;
  const origin = inject('origin');
  const counters = inject('counters');
  const formUrl = (i: number, query = '') => `${origin}/r/${counters[i]!.code}${query}`;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('weighs at most 30 KB over the wire from our origin and has no serious accessibility violations', async () => {
    const context = await axePhone(browser);
    const page = await context.newPage();
    const ours: Promise<{ url: string; wire: number; decoded: number; gzip: number }>[] = [];
    page.on('requestfinished', (request) => {
      if (!request.url().startsWith(origin)) return;
      ours.push(
        (async () => {
          const sizes = await request.sizes();
          const body = (await (await request.response())?.body()) ?? Buffer.alloc(0);
          return {
            url: request.url(),
            wire: sizes.responseBodySize + sizes.responseHeadersSize,
            decoded: body.byteLength,
            gzip: gzipSync(body).byteLength,
          };
        })(),
      );
    });
    await page.goto(formUrl(0), { waitUntil: 'load' });
    const transfers = await Promise.all(ours);
    const wire = transfers.reduce((sum, t) => sum + t.wire, 0);
    const decoded = transfers.reduce((sum, t) => sum + t.decoded, 0);
    const gzip = transfers.reduce((sum, t) => sum + t.gzip, 0);
    console.info(
      `rating form: ${transfers.length} request(s) from our origin, ${wire} B over the wire as served, ${decoded} B decoded, ${gzip} B gzipped`,
    );
    expect(transfers).toHaveLength(1);
    expect(wire).toBeLessThanOrEqual(30 * 1024);

    expect(await page.getAttribute('html', 'lang')).toBe('id');
    expect((await page.locator('h1').textContent())?.length).toBeGreaterThan(3);
    expect(await page.locator('fieldset').count()).toBe(9);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await context.close();
  });

  it('takes a rating by tapping, shows progress, and thanks the citizen with a link to the unit’s page', async () => {
    const context = await axePhone(browser);
    const page = await context.newPage();
    const api = watchSubmissions(page);
    await page.goto(formUrl(1));

    await answerAll(page, [3, 4, 3, 2]);
    expect(await page.locator('#progress p').textContent()).toBe('9 dari 9 terjawab');
    await page.locator('#comment').fill('Pelayanan cepat.');
    expect(await page.locator('#comment-count').textContent()).toBe('16/1000 karakter');
    await page.locator('button[type="submit"]').click();
    await page.waitForURL(/\/terima-kasih\?/);

    expect(await page.locator('h1').textContent()).toBe('Terima kasih!');
    expect(await page.locator('a.button').getAttribute('href')).toBe(`/${counters[1]!.region}/${counters[1]!.unit}`);
    expect(api.statuses).toEqual([201]);
    expect(await page.evaluate((key) => localStorage.getItem(key), QUEUE)).toBeNull();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await context.close();
  });

  it('marks unanswered elements instead of sending, without serious accessibility violations', async () => {
    const context = await axePhone(browser);
    const page = await context.newPage();
    const api = watchSubmissions(page);
    await page.goto(formUrl(2));
    await page.locator('#f-U1 label.opt').nth(2).click();
    await page.locator('button[type="submit"]').click();

    expect(await page.locator('#err-U2').isVisible()).toBe(true);
    expect(await page.locator('#err-U1').isVisible()).toBe(false);
    expect(api.statuses).toEqual([]);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await context.close();
  });

  it('keeps a rating made offline and delivers it exactly once when the connection returns', async () => {
    const context = await newPhoneContext(browser);
    const page = await context.newPage();
    const api = watchSubmissions(page);
    await page.goto(formUrl(3));
    await answerAll(page, [2, 3, 3, 4, 1]);

    await context.setOffline(true);
    await page.locator('button[type="submit"]').click();
    await expect.poll(() => page.locator('#status').textContent()).toContain('tersimpan di ponsel ini');
    const queued = JSON.parse((await page.evaluate((key) => localStorage.getItem(key), QUEUE)) ?? '[]');
    expect(queued).toHaveLength(1);
    const submissionId: string = queued[0].body.submissionId;

    await context.setOffline(false);
    await page.waitForURL(/\/terima-kasih\?/);
    const receipt = await page.locator('#receipt').textContent();

    expect(api.statuses).toEqual([201]);
    expect(JSON.parse(api.bodies[0]!).submissionId).toBe(submissionId);
    expect(await page.evaluate((key) => localStorage.getItem(key), QUEUE)).toBeNull();
    // The server holds it once: sending the very same submission again is answered as a repeat of that rating.
    const repeat = await page.evaluate(async (body) => {
      const response = await fetch('/api/v1/responses', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      return { status: response.status, id: ((await response.json()) as { id: string }).id };
    }, api.bodies[0]!);
    expect(repeat).toEqual({ status: 200, id: receipt });
    await context.close();
  });

  it('sends a rating that failed to go out when the form is opened again', async () => {
    const context = await newPhoneContext(browser);
    const page = await context.newPage();
    const api = watchSubmissions(page);
    await page.goto(formUrl(4));
    await answerAll(page, [4, 4, 3, 3, 2, 1]);
    await page.route('**/api/v1/responses', (route) => route.abort('internetdisconnected'));
    await page.locator('button[type="submit"]').click();
    await expect.poll(() => page.locator('#status').isVisible()).toBe(true);
    expect(JSON.parse((await page.evaluate((key) => localStorage.getItem(key), QUEUE)) ?? '[]')).toHaveLength(1);

    await page.unroute('**/api/v1/responses');
    await page.reload();
    await page.waitForURL(/\/terima-kasih\?/);

    expect(api.statuses).toEqual([201]);
    expect(await page.evaluate((key) => localStorage.getItem(key), QUEUE)).toBeNull();
    await context.close();
  });

  it('works without JavaScript: errors beside the fields, answers kept, then thanks', async () => {
    const context = await axePhone(browser, false);
    const page = await context.newPage();
    await page.goto(formUrl(5));
    for (let i = 1; i <= 8; i += 1)
      await page
        .locator(`#f-U${i} label.opt`)
        .nth(i % 4)
        .click();
    await page.locator('button[type="submit"]').click();

    await page.waitForSelector('#summary');
    expect(await page.locator('#err-U9').isVisible()).toBe(true);
    expect(await page.locator('#f-U1 input[value="2"]').isChecked()).toBe(true);

    await page.locator('#f-U9 label.opt').nth(3).click();
    await page.locator('button[type="submit"]').click();
    await page.waitForURL(/\/terima-kasih\?/);
    expect(await page.locator('h1').textContent()).toBe('Terima kasih!');
    await context.close();
  });

  it('renders the server’s error page without serious accessibility violations', async () => {
    const context = await axePhone(browser);
    const page = await context.newPage();
    await page.goto(formUrl(5));
    await page.locator('#f-U1 label.opt').nth(0).click();
    // form.submit() skips the script's submit handler: the plain POST a browser without JavaScript makes.
    await Promise.all([page.waitForURL(/\/r\//), page.evaluate('document.getElementById("rating").submit()')]);
    await page.waitForSelector('#summary');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await context.close();
  });

  it('speaks English when the phone prefers English', async () => {
    const context = await newPhoneContext(browser, { locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(formUrl(0));
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.locator('button[type="submit"]').textContent()).toBe('Send rating');
    await context.close();
  });
});
