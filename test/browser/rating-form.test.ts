import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { browserAvailable, launchBrowser, newPhoneContext, PHONE, seriousAxeViolations } from './support/browser';

/** The offline queue of one counter's form (docs/rating.md "Never losing an answer"). */
const queueKey = (code: string) => `suara-layanan:queue:${code}`;

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

/** Sends a rating body again, as a resend after a lost answer would: 200 with the first id if it is stored. */
async function resend(page: Page, body: string) {
  return page.evaluate(async (sent) => {
    const response = await fetch('/api/v1/responses', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: sent,
    });
    return { status: response.status, id: ((await response.json()) as { id: string }).id };
  }, body);
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
    expect(await page.evaluate((key) => localStorage.getItem(key), queueKey(counters[1]!.code))).toBeNull();
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

  it('keeps a rating made offline, says so beside the button in view, and delivers it exactly once when the connection returns', async () => {
    const context = await newPhoneContext(browser);
    const page = await context.newPage();
    const api = watchSubmissions(page);
    await page.goto(formUrl(3));
    await answerAll(page, [2, 3, 3, 4, 1]);

    await context.setOffline(true);
    await page.locator('button[type="submit"]').click();
    await expect.poll(() => page.locator('#status').textContent()).toContain('tersimpan di ponsel ini');
    // The citizen is at the bottom of a long page: the message is on their screen, not thousands of pixels above.
    const box = await page.evaluate(() => {
      const rect = document.getElementById('status')!.getBoundingClientRect();
      return { top: rect.top, bottom: rect.bottom, height: window.innerHeight, scrolled: window.scrollY };
    });
    expect(box.scrolled).toBeGreaterThan(box.height);
    expect(box.top).toBeGreaterThanOrEqual(0);
    expect(box.bottom).toBeLessThanOrEqual(box.height);
    const queued = JSON.parse(
      (await page.evaluate((key) => localStorage.getItem(key), queueKey(counters[3]!.code))) ?? '[]',
    );
    expect(queued).toHaveLength(1);
    const submissionId: string = queued[0].body.submissionId;

    await context.setOffline(false);
    await page.waitForURL(/\/terima-kasih\?/);
    const receipt = await page.locator('#receipt').textContent();

    expect(api.statuses).toEqual([201]);
    expect(JSON.parse(api.bodies[0]!).submissionId).toBe(submissionId);
    expect(await page.evaluate((key) => localStorage.getItem(key), queueKey(counters[3]!.code))).toBeNull();
    // The server holds it once: sending the very same submission again is answered as a repeat of that rating.
    expect(await resend(page, api.bodies[0]!)).toEqual({ status: 200, id: receipt });
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
    const key = queueKey(counters[4]!.code);
    expect(JSON.parse((await page.evaluate((k) => localStorage.getItem(k), key)) ?? '[]')).toHaveLength(1);

    await page.unroute('**/api/v1/responses');
    await page.reload();
    await page.waitForURL(/\/terima-kasih\?/);

    expect(api.statuses).toEqual([201]);
    expect(await page.evaluate((k) => localStorage.getItem(k), key)).toBeNull();
    await context.close();
  });

  it('delivers a rating queued at counter A in the background when counter B’s form opens: B is rated and thanked, never sent to A’s thanks page', async () => {
    const context = await newPhoneContext(browser);
    const a = counters[6]!;
    const b = counters[7]!;
    const first = await context.newPage();
    await first.goto(formUrl(6));
    await answerAll(first, [1, 2, 3, 4]);
    await context.setOffline(true);
    await first.locator('button[type="submit"]').click();
    await expect.poll(() => first.locator('#status').textContent()).toContain('tersimpan di ponsel ini');
    // Whatever the storage layout, exactly one rating waits on this phone: A's.
    const waiting = await first.evaluate(() =>
      Object.keys(localStorage)
        .filter((key) => key.startsWith('suara-layanan:queue'))
        .flatMap((key) => JSON.parse(localStorage.getItem(key)!) as { body: { submissionId: string } }[]),
    );
    expect(waiting).toHaveLength(1);
    const queuedA = waiting[0]!.body.submissionId;
    await first.close();
    await context.setOffline(false);

    // A new scan, in a new tab: counter B's form.
    const page = await context.newPage();
    const api = watchSubmissions(page);
    await page.goto(formUrl(7));
    await expect.poll(() => page.locator('#earlier').textContent(), { timeout: 20_000 }).toContain('sudah terkirim');
    expect(page.url()).toBe(formUrl(7));
    expect(api.statuses).toEqual([201]);
    expect(JSON.parse(api.bodies[0]!)).toMatchObject({ counter: a.code, submissionId: queuedA });
    expect(await page.evaluate((key) => localStorage.getItem(key), queueKey(a.code))).toBeNull();

    await answerAll(page, [4, 3, 2, 1]);
    await page.locator('button[type="submit"]').click();
    await page.waitForURL(/\/terima-kasih\?/);
    expect(new URL(page.url()).pathname).toBe(`/r/${b.code}/terima-kasih`);
    expect(api.statuses).toEqual([201, 201]);
    expect(JSON.parse(api.bodies[1]!).counter).toBe(b.code);
    // A's rating was stored exactly once: the same submission again is a repeat.
    expect((await resend(page, api.bodies[0]!)).status).toBe(200);
    await context.close();
  });

  it('delivers a rating left in the single queue of the previous version, and stays on the form', async () => {
    const context = await newPhoneContext(browser);
    const page = await context.newPage();
    const api = watchSubmissions(page);
    const submissionId = crypto.randomUUID();
    const earlier = counters[0]!;
    await page.goto(`${origin}/tentang`);
    await page.evaluate(
      ({ code, id }) =>
        localStorage.setItem(
          'suara-layanan:queue',
          JSON.stringify([
            {
              body: {
                counter: code,
                answers: { U1: 3, U2: 4, U3: 3, U4: 2, U5: 4, U6: 3, U7: 4, U8: 4, U9: 2 },
                turnstileToken: 'XXXX.DUMMY.TOKEN.XXXX',
                submissionId: id,
              },
              thanks: `/r/${code}/terima-kasih`,
              at: Date.now(),
            },
          ]),
        ),
      { code: earlier.code, id: submissionId },
    );
    await page.goto(formUrl(2));
    await expect.poll(() => page.locator('#earlier').textContent(), { timeout: 20_000 }).toContain('sudah terkirim');
    expect(page.url()).toBe(formUrl(2));
    expect(api.statuses).toEqual([201]);
    expect(JSON.parse(api.bodies[0]!).submissionId).toBe(submissionId);
    expect(
      await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('suara-layanan:queue'))),
    ).toEqual([]);
    await context.close();
  });

  it('on a kiosk screen, a rating saved offline makes way for the next citizen, and both ratings are delivered', async () => {
    const context = await newPhoneContext(browser);
    const page = await context.newPage();
    const api = watchSubmissions(page);
    const kioskForm = formUrl(5, '?kiosk=1');
    await page.goto(kioskForm);
    await answerAll(page, [1, 3, 2, 4]);
    await context.setOffline(true);
    await page.locator('button[type="submit"]').click();
    await expect.poll(() => page.locator('#status').textContent()).toContain('tersimpan di ponsel ini');
    // The next citizen gets an empty form, not the previous one's answers under the same submission.
    expect(await page.locator('#progress p').textContent()).toBe('0 dari 9 terjawab');
    await answerAll(page, [4, 2, 3, 1]);
    await page.locator('button[type="submit"]').click();
    await expect.poll(() => page.locator('#progress p').textContent()).toBe('0 dari 9 terjawab');
    const waiting = await page.evaluate(() =>
      Object.keys(localStorage)
        .filter((key) => key.startsWith('suara-layanan:queue'))
        .flatMap((key) => JSON.parse(localStorage.getItem(key)!) as { body: { submissionId: string } }[]),
    );
    expect(new Set(waiting.map((item) => item.body.submissionId)).size).toBe(2);

    await context.setOffline(false);
    await expect.poll(() => api.statuses, { timeout: 20_000 }).toEqual([201, 201]);
    expect(page.url()).toBe(kioskForm);
    await context.close();
  });

  it('keeps a rating answered 429, tells the citizen it waits on the phone, and sends it after Retry-After', async () => {
    const context = await newPhoneContext(browser);
    const page = await context.newPage();
    const api = watchSubmissions(page);
    let refused = 0;
    await page.route('**/api/v1/responses', (route) => {
      if (refused > 0) return route.continue();
      refused += 1;
      return route.fulfill({
        status: 429,
        headers: { 'content-type': 'application/problem+json', 'retry-after': '2' },
        body: JSON.stringify({ type: 'about:blank', title: 'Too Many Requests', status: 429 }),
      });
    });
    await page.goto(formUrl(8));
    await answerAll(page, [3, 3, 4, 2, 1]);
    await page.locator('button[type="submit"]').click();
    await expect.poll(() => page.locator('#status').textContent()).toContain('tersimpan di ponsel ini');
    expect(refused).toBe(1);

    await page.waitForURL(/\/terima-kasih\?/);
    expect(new URL(page.url()).pathname).toBe(`/r/${counters[8]!.code}/terima-kasih`);
    expect(api.statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(await page.evaluate((key) => localStorage.getItem(key), queueKey(counters[8]!.code))).toBeNull();
    await context.close();
  });

  it('takes the citizen to the thanks page with held=1 when the server says the rating is held for moderation', async () => {
    const context = await newPhoneContext(browser);
    const page = await context.newPage();
    await page.route('**/api/v1/responses', (route) =>
      route.fulfill({
        status: 201,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ id: '01JHELD0000000000000000000', held: true }),
      }),
    );
    await page.goto(formUrl(9));
    await answerAll(page, [2, 2, 3, 4]);
    await page.locator('button[type="submit"]').click();
    await page.waitForURL(/\/terima-kasih\?/);
    const url = new URL(page.url());
    expect(url.searchParams.get('held')).toBe('1');
    expect(url.searchParams.get('id')).toBe('01JHELD0000000000000000000');
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

  it('keeps the answers, profile and comment when the citizen switches the language (SPEC §2)', async () => {
    const context = await newPhoneContext(browser);
    const page = await context.newPage();
    await page.goto(formUrl(2));
    for (const [element, answer] of [
      [1, 4],
      [2, 3],
      [5, 1],
    ] as const) {
      await page
        .locator(`#f-U${element} label.opt`)
        .nth(answer - 1)
        .click();
    }
    await page.locator('details summary').click();
    await page.fill('#age', '41');
    await page.fill('#comment', 'Antrean panjang di pagi hari.');
    await Promise.all([page.waitForURL(/lang=en/), page.click('a.lang')]);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    const checked = await page
      .locator('input[type="radio"]:checked')
      .evaluateAll((inputs) =>
        inputs.map((input) => `${(input as HTMLInputElement).name}=${(input as HTMLInputElement).value}`),
      );
    expect(checked).toEqual(['U1=4', 'U2=3', 'U5=1']);
    expect(await page.inputValue('#age')).toBe('41');
    expect(await page.inputValue('#comment')).toBe('Antrean panjang di pagi hari.');
    expect(await page.locator('#progress p').textContent()).toBe('3 of 9 answered');

    // Back to Indonesian: still there; a fresh visit of the form starts empty.
    await Promise.all([page.waitForURL((url) => !url.search.includes('lang=en')), page.click('a.lang')]);
    expect(await page.locator('input[type="radio"]:checked').count()).toBe(3);
    await page.goto(formUrl(2));
    expect(await page.locator('input[type="radio"]:checked').count()).toBe(0);
    expect(await page.inputValue('#comment')).toBe('');
    await context.close();
  });

  it('tells keyboard users, by the first question and to screen readers, that arrow keys choose an answer', async () => {
    const context = await newPhoneContext(browser);
    const page = await context.newPage();
    await page.goto(formUrl(0));
    const hint = page.locator('#keys-hint');
    expect(await hint.isVisible()).toBe(true);
    expect(await hint.textContent()).toContain('tombol panah memilih jawaban');
    const describedBy = async () => ((await page.getAttribute('#f-U1', 'aria-describedby')) ?? '').split(' ');
    expect(await describedBy()).toContain('keys-hint');
    // The accessible description Chromium computes for the first question is the hint.
    const cdp = await context.newCDPSession(page);
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as {
      nodes: { role?: { value: string }; name?: { value: string }; description?: { value: string } }[];
    };
    const first = nodes.find((n) => n.role?.value === 'group' && n.name?.value.startsWith('1. '));
    expect(first?.description?.value).toContain('tombol panah memilih jawaban');

    // An unanswered submit adds the error, and the hint stays described; answering drops only the error.
    await page.click('button[type="submit"]');
    expect(await describedBy()).toEqual(['err-U1', 'keys-hint']);
    await page.locator('#f-U1 label.opt').nth(2).click();
    expect(await describedBy()).toEqual(['keys-hint']);
    await page.keyboard.press('ArrowRight');
    expect(await page.locator('#f-U1 input:checked').getAttribute('value')).toBe('4');
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
