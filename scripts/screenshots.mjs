/**
 * Screenshots of the public pages and a rating form for docs/screenshots/ (phone 360×740 and desktop), from a
 * running portal started with `npm start` (the form's counter code is read from its local D1).
 * Usage: PORT=8801 npm start, then: node scripts/screenshots.mjs http://127.0.0.1:8801
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { prepareDatabase, ROOT } from './local-portal.mjs';

const origin = process.argv[2] ?? 'http://127.0.0.1:8787';
const out = path.join(ROOT, 'docs', 'screenshots');
mkdirSync(out, { recursive: true });

const [counter] = prepareDatabase(path.join(ROOT, '.wrangler', 'state'), { quiet: true });
const pages = [
  ['form', `/r/${counter?.code}`],
  ['home', '/'],
  ['region', '/tanjungpinang'],
  ['unit', '/tanjungpinang/disdukcapil'],
  ['data', '/data'],
];
const viewports = [
  ['phone', { viewport: { width: 360, height: 740 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true }],
  ['desktop', { viewport: { width: 1280, height: 900 } }],
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
for (const [device, options] of viewports) {
  const context = await browser.newContext({ ...options, locale: 'id-ID' });
  const page = await context.newPage();
  for (const [name, url] of pages) {
    await page.goto(`${origin}${url}`);
    await page.screenshot({ path: path.join(out, `${name}-${device}.png`), fullPage: true });
    console.log(`docs/screenshots/${name}-${device}.png`);
  }
  await context.close();
}
await browser.close();
