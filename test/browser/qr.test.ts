import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { posterHtml } from '../../worker/services/admin/counter-print';
import { browserAvailable, hasTool, launchBrowser } from './support/browser';
import { BROWSER_TEST_VARS } from './support/vars';

/**
 * zbarimg (zbar-tools) decodes the QR image; rsvg-convert (librsvg2-bin) rasterises the SVG; pdfinfo, pdftoppm and
 * pdftotext (poppler-utils) read the printed poster back. CI installs them.
 */
const toolsAvailable = hasTool('zbarimg') && hasTool('rsvg-convert');
if (!toolsAvailable && process.env.CI) throw new Error('CI must install zbar-tools and librsvg2-bin (.ci/run).');
if (!toolsAvailable) console.warn('QR decoding tests skipped: install zbar-tools and librsvg2-bin.');
const popplerAvailable = hasTool('pdfinfo') && hasTool('pdftoppm') && hasTool('pdftotext');
if (!popplerAvailable && process.env.CI) throw new Error('CI must install poppler-utils (.ci/run).');

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

/** Prints a page as Chromium's print dialog would on A4 and reads it back: its pages, text and first page's QR code. */
async function printA4(page: Page, name: string): Promise<{ pages: number; text: string; qr: string }> {
  const pdf = path.join(work, `${name}.pdf`);
  writeFileSync(pdf, await page.pdf({ format: 'A4', preferCSSPageSize: true }));
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  const image = path.join(work, name);
  execFileSync('pdftoppm', ['-r', '100', '-png', '-singlefile', '-f', '1', '-l', '1', pdf, image]);
  return { pages, text, qr: decode(`${image}.png`) };
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

  it.skipIf(!browserAvailable || !popplerAvailable)(
    'the poster prints on exactly one A4 sheet, without its print button, and still scans',
    async () => {
      const [counter] = inject('counters');
      const { region, unit, code } = counter!;
      const browser = await launchBrowser();
      try {
        const context = await browser.newContext({
          extraHTTPHeaders: { Authorization: `Bearer ${BROWSER_TEST_VARS.ADMIN_TOKEN}` },
        });
        // The fullest poster there is, made by the same code: an inactive counter with the longest unit and counter
        // names the API accepts (160 characters), without adding them to the server other page tests share.
        const fullest = await context.newPage();
        const longUrl = `${inject('origin')}/r/7k2m9q4x1c`;
        await fullest.setContent(
          await posterHtml({
            url: longUrl,
            regionName: 'Kabupaten Kepulauan Siau Tagulandang Biaro',
            unitName:
              `Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu ${'serta Pemberdayaan Masyarakat '.repeat(4)}`
                .slice(0, 160)
                .trim(),
            counterName: `Loket ${'Pelayanan Perizinan Berusaha Terintegrasi '.repeat(5)}`.slice(0, 160).trim(),
            active: false,
            nonce: 'test',
          }),
        );
        const page = await context.newPage();
        await page.goto(`${inject('origin')}/api/v1/admin/regions/${region}/units/${unit}/counters/${code}/poster`);
        for (const [name, poster, url] of [
          ['seeded', page, `${inject('origin')}/r/${code}`],
          ['fullest', fullest, longUrl],
        ] as const) {
          const printed = await printA4(poster, name);
          expect(printed.pages, name).toBe(1);
          expect(printed.qr, name).toBe(url);
          expect(printed.text, name).toContain('Pindai kode QR');
          expect(printed.text, name).not.toContain('Cetak / Print');
        }

        // The button is on screen, reachable by keyboard, and asks the browser to print (allowed by the page's CSP).
        const button = page.getByRole('button', { name: 'Cetak / Print' });
        expect(await button.isVisible()).toBe(true);
        await page.evaluate(() => {
          window.print = () => document.body.setAttribute('data-printed', 'yes');
        });
        await button.focus();
        await page.keyboard.press('Enter');
        expect(await page.locator('body').getAttribute('data-printed')).toBe('yes');
      } finally {
        await browser.close();
      }
    },
  );
});
