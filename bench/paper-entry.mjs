/**
 * @module
 * `npm run bench:paper [-- N]`: how many paper questionnaires per minute the console's entry page takes when the
 * keyboard is as fast as it gets (Debian's Chromium typing N = 200 forms as test/browser/paper-entry.test.ts does):
 * the ceiling above a human's typing. bench/README.md.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { build, freePort, prepareDatabase, ROOT, serve } from '../scripts/local-portal.mjs';

const N = Number(process.argv[2] ?? 200);
const TOKEN = 'bench-admin-token-0123456789';

const dir = mkdtempSync(path.join(tmpdir(), 'suara-bench-paper-'));
let stop = () => {};
let browser;
try {
  build({ quiet: true });
  prepareDatabase(dir, { quiet: true });
  const portal = await serve({
    port: await freePort(),
    persistTo: dir,
    quiet: true,
    localTraces: false,
    vars: { ENVIRONMENT: 'development', ADMIN_TOKEN: TOKEN, TURNSTILE_SECRET_KEY: '', TURNSTILE_SITE_KEY: '' },
  });
  stop = portal.stop;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  // The bootstrap token sits behind a disclosure since staff accounts (as signInWithAdminToken in the page tests).
  await page.goto(`${portal.origin}/admin`);
  await page.locator('details summary').click();
  await page.fill('#token', TOKEN);
  await Promise.all([page.waitForNavigation(), page.click('details button[type="submit"]')]);
  await page.goto(`${portal.origin}/admin/gorontalo/disdukcapil/kertas`);

  const started = performance.now();
  for (let i = 0; i < N; i += 1) {
    await page.keyboard.type(Array.from({ length: 9 }, (_, e) => ((i + e * 3) % 4) + 1).join(''));
    if (i % 2 === 0) await page.keyboard.type(`1${i % 4 === 0 ? '2' : '1'}${20 + (i % 60)}3`);
    await page.keyboard.press('Enter');
    // Saved: the session's count (as test/browser/paper-entry.test.ts waits for it), e.g. "12 kuesioner".
    await page.waitForFunction(
      (n) => document.querySelector('#paper-count')?.textContent?.trim().split(' ')[0] === String(n),
      i + 1,
    );
  }
  const seconds = (performance.now() - started) / 1000;
  const result = {
    date: new Date().toISOString(),
    node: process.version,
    questionnaires: N,
    seconds: Number(seconds.toFixed(1)),
    perMinute: Math.round((N / seconds) * 60),
    msPerQuestionnaire: Math.round((seconds * 1000) / N),
  };
  console.log(result);
  writeFileSync(path.join(ROOT, 'bench', 'results', 'paper-entry.json'), `${JSON.stringify(result, null, 2)}\n`);
} finally {
  await browser?.close();
  stop();
  rmSync(dir, { recursive: true, force: true });
}
