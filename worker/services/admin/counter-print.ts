/**
 * @module
 * What a counter prints: its QR code (uqr, never hand-rolled) and an A4 poster to hang at the loket.
 */
import { html, raw } from 'hono/html';
import { renderSVG } from 'uqr';

/**
 * The QR code of a URL as SVG. Error correction M survives smudges and tape on a printed poster; the
 * 4-module quiet zone is what the QR standard requires for reliable scanning.
 */
export function qrSvg(url: string): string {
  return renderSVG(url, { ecc: 'M', border: 4, pixelSize: 10 });
}

export interface PosterInput {
  url: string;
  regionName: string;
  unitName: string;
  counterName: string;
  active: boolean;
  /** The Content-Security-Policy nonce of the one inline script (the print button). */
  nonce: string;
}

/**
 * A print-ready poster (HTML + print CSS) on exactly one A4 sheet: big QR code, where it is, and how to rate, in
 * Indonesian and English. The sheet has a fixed height and the QR code takes the room the text leaves (never less
 * than 60 mm, readable at arm's length), so a long unit name shrinks the code instead of spilling onto a second page.
 */
export function posterHtml(input: PosterInput): Promise<string> {
  const page = html`<!doctype html>
<html lang="id">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Poster QR — ${input.unitName} — ${input.counterName}</title>
    <style>
      @page { size: A4; margin: 12mm; }
      * { box-sizing: border-box; }
      html, body { margin: 0; font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: #111; }
      /* The A4 page less its 12 mm margins, with 1 mm to spare against rounding; overflow is clipped, never a 2nd sheet. */
      .sheet { width: 186mm; height: 272mm; padding: 2mm 0 0; overflow: hidden; display: flex;
        flex-direction: column; align-items: center; justify-content: space-between; gap: 4mm; text-align: center;
        break-inside: avoid; page-break-inside: avoid; break-after: avoid; page-break-after: avoid; }
      .sheet > * { flex: none; margin: 0; max-width: 100%; }
      .region { font-size: 13pt; color: #333; }
      h1 { font-size: 24pt; line-height: 1.15; }
      .counter { font-size: 19pt; font-weight: 600; }
      .call { font-size: 22pt; font-weight: 700; line-height: 1.2; }
      .call-en { display: block; font-size: 14pt; font-weight: 400; color: #333; }
      .sheet > .qr { flex: 1 1 0; min-height: 60mm; max-height: 150mm; width: 100%; display: flex; justify-content: center; }
      .qr svg { height: 100%; width: auto; aspect-ratio: 1; display: block; }
      ol { text-align: left; font-size: 12pt; line-height: 1.35; padding-left: 6mm; }
      .url { font-family: ui-monospace, monospace; font-size: 11pt; overflow-wrap: anywhere; }
      .inactive { border: 1.5mm solid #b00020; padding: 2mm 5mm; font-weight: 700; color: #b00020; }
      footer { font-size: 9pt; color: #555; }
      .toolbar { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; justify-content: center;
        padding: 12px 16px; font-size: 15px; }
      .toolbar button { font: inherit; font-weight: 600; min-height: 44px; padding: 8px 20px; border-radius: 6px;
        border: 2px solid #0b4f8a; background: #0b4f8a; color: #fff; cursor: pointer; }
      .toolbar button:focus-visible { outline: 3px solid #111; outline-offset: 2px; }
      @media screen {
        body { background: #e6e6e6; }
        .sheet { box-sizing: content-box; padding: 12mm; margin: 0 auto 10mm; background: #fff; box-shadow: 0 1px 4px rgb(0 0 0 / 0.25); }
      }
      @media print {
        .toolbar { display: none !important; }
      }
    </style>
  </head>
  <body>
    <div class="toolbar">
      <button type="button" id="print">Cetak / Print</button>
      <span>Kertas A4, skala 100% · A4 paper, 100% scale</span>
    </div>
    <main class="sheet">
      <p class="region">${input.regionName}</p>
      <h1>${input.unitName}</h1>
      <p class="counter">${input.counterName}</p>
      ${input.active ? '' : html`<p class="inactive">Loket ini tidak aktif — This counter is inactive</p>`}
      <p class="call">Bagaimana pelayanan kami hari ini? <span class="call-en" lang="en">How was our service today?</span></p>
      <div class="qr" role="img" aria-label="Kode QR ke formulir penilaian / QR code to the rating form">${raw(qrSvg(input.url))}</div>
      <ol>
        <li>Pindai kode QR dengan kamera ponsel. <i lang="en">Scan the QR code with your phone camera.</i></li>
        <li>Jawab sembilan pertanyaan singkat (kurang dari 30 detik). <i lang="en">Answer nine short questions (under 30 seconds).</i></li>
        <li>Tanpa nama, tanpa login. Hasilnya terbuka untuk umum. <i lang="en">Anonymous, no sign-in. Results are public.</i></li>
      </ol>
      <p class="url">${input.url}</p>
      <footer>Survei Kepuasan Masyarakat (PermenPANRB 14/2017) · Suara Layanan</footer>
    </main>
    <script nonce="${input.nonce}">
      document.getElementById('print').addEventListener('click', () => window.print());
    </script>
  </body>
</html>`;
  return Promise.resolve(page).then(String);
}
