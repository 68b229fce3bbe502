import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { browserAvailable, hasTool, launchBrowser } from './support/browser';
import { BROWSER_TEST_VARS } from './support/vars';

/** zbarimg (zbar-tools) decodes the QR image; rsvg-convert (librsvg2-bin) rasterises the SVG. CI installs both. */
const toolsAvailable = hasTool('zbarimg') && hasTool('rsvg-convert');
if (!toolsAvailable && process.env.CI) throw new Error('CI must install zbar-tools and librsvg2-bin (.ci/run).');
if (!toolsAvailable) console.warn('QR decoding tests skipped: install zbar-tools and librsvg2-bin.');

const work = mkdtempSync(path.join(tmpdir(), 'suara-qr-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function adminGet(pathname: string): Promise<Response> {
  return fetch(`${inject('origin')}/api/v1/admin${pathname}`, {
    headers: { Authorization: `Bearer ${BROWSER_TEST_VARS.ADMIN_TOKEN}` },
  });
}

function decode(image: string): string {
  return execFileSync('zbarimg', ['--raw', '-q', image], { encoding: 'utf8' }).trim();
}

describe.skipIf(!toolsAvailable)('a counter’s QR code scans to its rating form (SPEC §1, §5)', () => {
  it('the SVG from qr.svg decodes to the counter’s /r/{code} URL', async () => {
    const [counter] = inject('counters');
    expect(counter).toBeDefined();
    const { region, unit, code } = counter!;
    const listed = await (await adminGet(`/regions/${region}/units/${unit}/counters`)).json();
    const { url } = (listed as { code: string; url: string }[]).find((c) => c.code === code)!;
    // The server's own port, not 8787: every local server passes its PUBLIC_ORIGIN (SPEC §5 Public origin).
    expect(url).toBe(`${inject('origin')}/r/${code}`);

    const response = await adminGet(`/regions/${region}/units/${unit}/counters/${code}/qr.svg`);
    expect(response.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    const svg = path.join(work, `${code}.svg`);
    const png = path.join(work, `${code}.png`);
    writeFileSync(svg, await response.text());
    execFileSync('rsvg-convert', ['-w', '600', '-o', png, svg]);

    expect(decode(png)).toBe(url);
  });

  it.skipIf(!browserAvailable)('the printed A4 poster’s QR code decodes to the same URL', async () => {
    const [counter] = inject('counters');
    const { region, unit, code } = counter!;
    const browser = await launchBrowser();
    try {
      const context = await browser.newContext({
        viewport: { width: 794, height: 1123 }, // A4 at 96 dpi
        extraHTTPHeaders: { Authorization: `Bearer ${BROWSER_TEST_VARS.ADMIN_TOKEN}` },
      });
      const page = await context.newPage();
      await page.goto(`${inject('origin')}/api/v1/admin/regions/${region}/units/${unit}/counters/${code}/poster`);
      const shot = path.join(work, `${code}-poster.png`);
      await page.screenshot({ path: shot, fullPage: true });
      expect(decode(shot)).toBe(`${inject('origin')}/r/${code}`);
      expect(await page.locator('h1').textContent()).toBeTruthy();
    } finally {
      await browser.close();
    }
  });
});
