/**
 * @module
 * The SKM report as print-ready A4 HTML (print CSS, one chapter per page run, tables with repeated
 * headers), rendered from the same model as the PDF.
 */
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { ReportBlock, ReportChart, SkmReport } from '../../../domain/skm-report';
import { CONTENTS_HEADING, dateLabel, FOREWORD_HEADING, formatNumber } from '../../../domain/skm-report';
import { qrSvg } from '../admin/counter-print';

type Fragment = HtmlEscapedString | Promise<HtmlEscapedString>;

const STYLE = `
@page { size: A4; margin: 18mm 16mm 20mm; }
* { box-sizing: border-box; }
html, body { margin: 0; font-family: 'Liberation Sans', Arial, Helvetica, sans-serif; color: #111; font-size: 10.5pt; line-height: 1.4; }
main { max-width: 178mm; margin: 0 auto; }
.cover { min-height: 240mm; display: flex; flex-direction: column; justify-content: center; text-align: center; gap: 5mm; }
.cover h1 { font-size: 20pt; margin: 0; letter-spacing: 0.02em; }
.cover .subject { font-size: 16pt; font-weight: 700; margin: 0; }
.cover .period { font-size: 13pt; margin: 0; }
.cover dl { text-align: left; margin: 6mm auto 0; }
.note { border: 1px solid #8a5a00; background: #fff7e0; padding: 2mm 3mm; font-size: 9.5pt; }
section.chapter { break-before: page; }
h2 { font-size: 14pt; margin: 0 0 4mm; border-bottom: 2px solid #111; padding-bottom: 1mm; }
h3 { font-size: 11.5pt; margin: 6mm 0 2mm; break-after: avoid; }
dl { display: grid; grid-template-columns: minmax(45mm, max-content) 1fr; gap: 1mm 4mm; margin: 2mm 0; }
dt { font-weight: 600; }
dd { margin: 0; }
table { width: 100%; border-collapse: collapse; margin: 2mm 0 4mm; font-size: 9.5pt; }
caption { text-align: left; font-weight: 600; padding-bottom: 1mm; caption-side: top; }
th, td { border: 1px solid #555; padding: 1mm 1.5mm; vertical-align: top; text-align: left; }
thead th { background: #e6e6e6; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
td.right, th.right { text-align: right; }
td.center, th.center { text-align: center; }
tr.total td { font-weight: 700; background: #f2f2f2; }
.empty { font-style: italic; color: #333; }
.evidence { display: flex; gap: 6mm; align-items: center; border: 1px solid #555; padding: 3mm; break-inside: avoid; }
.evidence .qr { width: 38mm; height: 38mm; flex: none; }
.evidence .qr svg { width: 100%; height: 100%; display: block; }
.evidence p { margin: 0 0 1mm; }
.evidence a { word-break: break-all; font-family: 'Liberation Mono', monospace; font-size: 8.5pt; color: #0b3d91; }
.chart { margin: 2mm 0 4mm; break-inside: avoid; }
.chart figcaption { font-weight: 600; }
.chart svg { width: 100%; height: auto; display: block; }
.chart p { font-size: 8.5pt; font-style: italic; margin: 1mm 0 0; }
.signature { margin: 10mm 0 0 auto; width: 80mm; break-inside: avoid; }
.signature p { margin: 0; }
.signature .space { height: 20mm; }
.signature .name { font-weight: 700; text-decoration: underline; }
nav.contents ol { list-style: none; padding-left: 0; }
nav.contents ol ol { padding-left: 6mm; }
footer.doc { margin-top: 8mm; font-size: 8.5pt; color: #333; }
@media screen {
  body { background: #e9e9e9; }
  main { background: #fff; padding: 16mm; margin: 8mm auto; box-shadow: 0 0 3mm rgba(0,0,0,.2); }
  section.chapter { border-top: 1px dashed #999; margin-top: 12mm; padding-top: 8mm; }
}
`;

function facts(rows: readonly (readonly [string, string])[]): Fragment {
  return html`<dl>${rows.map(([label, value]) => html`<dt>${label}</dt><dd>${value}</dd>`)}</dl>`;
}

function block(b: ReportBlock): Fragment {
  switch (b.kind) {
    case 'paragraph':
      return html`<p>${b.text}</p>`;
    case 'facts':
      return facts(b.rows);
    case 'list':
      return html`<ol>${b.items.map((item) => html`<li>${item}</li>`)}</ol>`;
    case 'table':
      if (b.rows.length === 0) return html`<p class="empty">${b.caption}: ${b.empty}</p>`;
      return html`<table>
  <caption>${b.caption}</caption>
  <colgroup>${b.columns.map((c) => html`<col style="width:${(c.width * 100).toFixed(1)}%" />`)}</colgroup>
  <thead><tr>${b.columns.map((c) => html`<th scope="col" class="${c.align ?? 'left'}">${c.label}</th>`)}</tr></thead>
  <tbody>${b.rows.map(
    (row, i) =>
      html`<tr class="${b.totalRow && i === b.rows.length - 1 ? 'total' : ''}">${row.map(
        (cell, j) => html`<td class="${b.columns[j]?.align ?? 'left'}">${cell}</td>`,
      )}</tr>`,
  )}</tbody>
</table>`;
    case 'evidence':
      return html`<div class="evidence">
  <div class="qr" role="img" aria-label="Kode QR bukti dukung SKP">${raw(qrSvg(b.url))}</div>
  <div><p><strong>${b.caption}</strong></p>${b.lines.map((line) => html`<p class="claim">${line}</p>`)}<p><a href="${b.url}">${b.url}</a></p></div>
</div>`;
    case 'chart':
      return chartFigure(b);
    case 'signature':
      return html`<div class="signature">
  <p>${b.placeAndDate}</p><p>${b.title}</p><div class="space"></div>
  <p class="name">${b.name ?? '……………………………………'}</p><p>NIP ${b.nip ?? '……………………………………'}</p>
</div>`;
  }
}

/** The chart as SVG, the same drawing as the PDF's: a null value is a gap in the line, never a point. */
function chartFigure(c: ReportChart): Fragment {
  const [w, h, left, right, top, bottom] = [600, 220, 40, 520, 16, 186];
  const yOf = (v: number) => bottom - ((v - c.min) / (c.max - c.min)) * (bottom - top);
  const step = (right - left) / Math.max(1, c.points.length);
  const xOf = (i: number) => left + step * (i + 0.5);
  const decimals = c.ticks.some((t) => !Number.isInteger(t)) ? 1 : 0;
  // One polyline per run of months with a value: a month without one breaks the line.
  const runs: string[][] = [[]];
  c.points.forEach((p, i) => {
    if (p.value === null) runs.push([]);
    else runs.at(-1)?.push(`${xOf(i).toFixed(1)},${yOf(p.value).toFixed(1)}`);
  });
  const marks = c.points.map((p, i) => {
    const label = html`<text x="${xOf(i)}" y="${bottom + 13}" font-size="9" text-anchor="middle">${p.label}</text>`;
    if (p.value === null) return label;
    const y = yOf(p.value);
    const bar = Math.min(30, step * 0.6);
    return html`${label}${
      c.shape === 'bar'
        ? html`<rect x="${xOf(i) - bar / 2}" y="${y}" width="${bar}" height="${bottom - y}" fill="#1a4d99" />`
        : html`<circle cx="${xOf(i)}" cy="${y}" r="3" fill="#1a4d99" />`
    }<text x="${xOf(i)}" y="${y - 5}" font-size="8" text-anchor="middle">${formatNumber(p.value, 2)}</text>`;
  });
  return html`<figure class="chart"><figcaption>${c.title}</figcaption>
<svg viewBox="0 0 ${w} ${h}" role="img" aria-label="${c.title}">
${c.ticks.map(
  (t) =>
    html`<line x1="${left}" x2="${right}" y1="${yOf(t)}" y2="${yOf(t)}" stroke="#d0d0d0" /><text x="${left - 4}" y="${yOf(t) + 3}" font-size="9" text-anchor="end">${formatNumber(t, decimals)}</text>`,
)}
${c.thresholds.map(
  (t) =>
    html`<line x1="${left}" x2="${right}" y1="${yOf(t.value)}" y2="${yOf(t.value)}" stroke="#8c3319" stroke-dasharray="4 3" /><text x="${right + 4}" y="${yOf(t.value) + 3}" font-size="9" fill="#8c3319">${t.label}</text>`,
)}
${marks}
${runs.filter((run) => run.length > 1).map((run) => html`<polyline points="${run.join(' ')}" fill="none" stroke="#1a4d99" stroke-width="1.5" />`)}
<line x1="${left}" x2="${right}" y1="${bottom}" y2="${bottom}" stroke="#111" /><line x1="${left}" x2="${left}" y1="${top}" y2="${bottom}" stroke="#111" />
<text x="${left}" y="10" font-size="9" font-weight="700">${c.yLabel}</text><text x="${(left + right) / 2}" y="${h - 4}" font-size="9" font-weight="700" text-anchor="middle">${c.xLabel}</text>
</svg><p>${c.note}</p></figure>`;
}

/** The whole report as one HTML document. */
export async function skmReportHtml(report: SkmReport): Promise<string> {
  const page = html`<!doctype html>
<html lang="id">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="robots" content="noindex, nofollow" />
    <title>${report.title} — ${report.subject} — ${report.periodLabel}</title>
    <style>${raw(STYLE)}</style>
  </head>
  <body>
    <main>
      <header class="cover">
        <p>${report.regionName}</p>
        <h1>${report.title}</h1>
        <p class="subject">${report.subject}</p>
        <p class="period">Periode ${report.periodLabel}</p>
        ${facts(report.cover)}
        <p class="note">${report.audienceNote}</p>
      </header>
      <section class="chapter" aria-labelledby="kata-pengantar">
        <h2 id="kata-pengantar">${FOREWORD_HEADING}</h2>
        ${report.foreword.map((text) => html`<p>${text}</p>`)}
      </section>
      <nav class="contents chapter" aria-labelledby="daftar-isi">
        <h2 id="daftar-isi">${CONTENTS_HEADING}</h2>
        <ol>${report.chapters.map(
          (chapter) =>
            html`<li><a href="#${slug(chapter.heading)}">${chapter.heading}</a><ol>${chapter.sections.map(
              (section) => html`<li>${section.heading}</li>`,
            )}</ol></li>`,
        )}</ol>
      </nav>
      ${report.chapters.map(
        (chapter) => html`<section class="chapter" aria-labelledby="${slug(chapter.heading)}">
        <h2 id="${slug(chapter.heading)}">${chapter.heading}</h2>
        ${chapter.sections.map((section) => html`<h3>${section.heading}</h3>${section.blocks.map(block)}`)}
      </section>`,
      )}
      <footer class="doc">Disusun dengan Suara Layanan pada ${dateLabel(report.issuedOn)}. ${report.audienceNote}</footer>
    </main>
  </body>
</html>`;
  return String(await page);
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
