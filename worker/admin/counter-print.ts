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
}

/** A print-ready A4 poster (HTML + print CSS): big QR code, where it is, and how to rate, in Indonesian and English. */
export function posterHtml(input: PosterInput): Promise<string> {
  const page = html`<!doctype html>
<html lang="id">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Poster QR — ${input.unitName} — ${input.counterName}</title>
    <style>
      @page { size: A4; margin: 15mm; }
      * { box-sizing: border-box; }
      html, body { margin: 0; font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: #111; }
      main { width: 180mm; min-height: 267mm; margin: 0 auto; display: flex; flex-direction: column; align-items: center;
        text-align: center; gap: 6mm; padding-top: 4mm; }
      .region { font-size: 13pt; margin: 0; color: #333; }
      h1 { font-size: 26pt; line-height: 1.15; margin: 0; }
      .counter { font-size: 20pt; font-weight: 600; margin: 0; }
      .qr { width: 120mm; height: 120mm; }
      .qr svg { width: 100%; height: 100%; display: block; }
      .call { font-size: 22pt; font-weight: 700; margin: 0; }
      .call-en { font-size: 14pt; margin: 0; color: #333; }
      ol { text-align: left; font-size: 12pt; margin: 0; padding-left: 6mm; }
      .url { font-family: ui-monospace, monospace; font-size: 11pt; word-break: break-all; }
      .inactive { border: 2mm solid #b00020; padding: 3mm 5mm; font-weight: 700; color: #b00020; }
      footer { margin-top: auto; font-size: 9pt; color: #555; }
      @media screen { body { background: #eee; } main { background: #fff; padding: 15mm; margin: 10mm auto; } }
    </style>
  </head>
  <body>
    <main>
      <p class="region">${input.regionName}</p>
      <h1>${input.unitName}</h1>
      <p class="counter">${input.counterName}</p>
      ${input.active ? '' : html`<p class="inactive">Loket ini tidak aktif — This counter is inactive</p>`}
      <p class="call">Bagaimana pelayanan kami hari ini?</p>
      <p class="call-en">How was our service today?</p>
      <div class="qr" role="img" aria-label="Kode QR ke formulir penilaian / QR code to the rating form">${raw(qrSvg(input.url))}</div>
      <ol>
        <li>Pindai kode QR dengan kamera ponsel. <i>Scan the QR code with your phone camera.</i></li>
        <li>Jawab sembilan pertanyaan singkat (kurang dari 30 detik). <i>Answer nine short questions (under 30 seconds).</i></li>
        <li>Tanpa nama, tanpa login. Hasilnya terbuka untuk umum. <i>Anonymous, no sign-in. Results are public.</i></li>
      </ol>
      <p class="url">${input.url}</p>
      <footer>Survei Kepuasan Masyarakat (PermenPANRB 14/2017) · Suara Layanan</footer>
    </main>
  </body>
</html>`;
  return Promise.resolve(page).then(String);
}
