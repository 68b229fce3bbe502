/**
 * @module
 * The SKM report as an A4 PDF made in the Worker with pdf-lib, from the same model as the HTML: a
 * cover, each chapter from a new page, wrapped text, tables whose header row repeats on every page
 * they run onto, the evidence QR code drawn as rectangles, and a header and "Halaman i dari n" on every
 * page. The standard fonts encode WinAnsi (Windows-1252) only, so text is transliterated first.
 */
import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from 'pdf-lib';
import { encode } from 'uqr';
import type { ReportBlock, ReportColumn, SkmReport } from '../../domain/skm-report';
import { dateLabel } from '../../domain/skm-report';

const A4: [number, number] = [595.28, 841.89];
const MARGIN = { left: 56, right: 50, top: 64, bottom: 62 };
const WIDTH = A4[0] - MARGIN.left - MARGIN.right;
const BLACK = rgb(0.07, 0.07, 0.07);
const GREY = rgb(0.33, 0.33, 0.33);
const RULE = rgb(0.35, 0.35, 0.35);
const HEAD_FILL = rgb(0.9, 0.9, 0.9);
const TOTAL_FILL = rgb(0.95, 0.95, 0.95);
const NOTE_FILL = rgb(1, 0.97, 0.88);
const NOTE_RULE = rgb(0.54, 0.35, 0);

/** Characters outside WinAnsi that the report's texts use, and what stands for them. */
const TRANSLITERATIONS: Record<string, string> = {
  '≥': '>=',
  '≤': '<=',
  '→': '->',
  '←': '<-',
  '−': '-',
  χ: 'chi',
  Σ: 'Jumlah ',
  '\u202f': ' ',
  '\u2009': ' ',
  '\u2011': '-',
};

/** Text the font can encode: known symbols transliterated, accents dropped (é → e), anything else as '?'. */
export function winAnsi(text: string, supported: ReadonlySet<number>): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (supported.has(code)) out += char;
    else if (char === '\n' || char === '\t') out += ' ';
    else if (TRANSLITERATIONS[char] !== undefined) out += TRANSLITERATIONS[char];
    else {
      const stripped = char.normalize('NFKD').replace(/\p{M}/gu, '');
      out += [...stripped].every((c) => supported.has(c.codePointAt(0) ?? 0)) && stripped !== '' ? stripped : '?';
    }
  }
  return out;
}

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
  italic: PDFFont;
  mono: PDFFont;
}

/** Lays the report out page by page, top to bottom. */
class Layout {
  page!: PDFPage;
  y = 0;
  readonly pages: PDFPage[] = [];
  private readonly charsets = new Map<PDFFont, Set<number>>();

  constructor(
    readonly doc: PDFDocument,
    readonly fonts: Fonts,
  ) {}

  clean(text: string, font: PDFFont): string {
    let charset = this.charsets.get(font);
    if (!charset) {
      charset = new Set(font.getCharacterSet());
      this.charsets.set(font, charset);
    }
    return winAnsi(text, charset);
  }

  newPage(): void {
    this.page = this.doc.addPage(A4);
    this.pages.push(this.page);
    this.y = A4[1] - MARGIN.top;
  }

  /** Starts a new page unless `height` still fits above the bottom margin. */
  ensure(height: number): void {
    if (this.y - height < MARGIN.bottom) this.newPage();
  }

  /** Lines of `text` no wider than `width` (words kept whole unless one alone is too wide). */
  wrap(text: string, font: PDFFont, size: number, width: number): string[] {
    const clean = this.clean(text, font);
    const lines: string[] = [];
    let line = '';
    for (const word of clean.split(/ +/)) {
      const candidate = line === '' ? word : `${line} ${word}`;
      if (font.widthOfTextAtSize(candidate, size) <= width) {
        line = candidate;
        continue;
      }
      if (line !== '') lines.push(line);
      line = '';
      // A word wider than the column (a URL) is broken between characters.
      let rest = word;
      while (font.widthOfTextAtSize(rest, size) > width) {
        let cut = rest.length - 1;
        while (cut > 1 && font.widthOfTextAtSize(rest.slice(0, cut), size) > width) cut -= 1;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
    }
    if (line !== '' || lines.length === 0) lines.push(line);
    return lines;
  }

  text(text: string, x: number, y: number, font: PDFFont, size: number, color = BLACK): void {
    this.page.drawText(this.clean(text, font), { x, y, font, size, color });
  }

  /** A wrapped paragraph at the cursor, breaking across pages line by line. */
  paragraph(text: string, options: { font?: PDFFont; size?: number; indent?: number; gap?: number } = {}): void {
    const font = options.font ?? this.fonts.regular;
    const size = options.size ?? 10;
    const indent = options.indent ?? 0;
    const leading = size * 1.38;
    for (const line of this.wrap(text, font, size, WIDTH - indent)) {
      this.ensure(leading);
      this.y -= leading;
      this.page.drawText(line, { x: MARGIN.left + indent, y: this.y + 3, font, size, color: BLACK });
    }
    this.y -= options.gap ?? 5;
  }

  chapter(heading: string): void {
    this.newPage();
    this.y -= 16;
    this.text(heading, MARGIN.left, this.y, this.fonts.bold, 14);
    this.y -= 6;
    this.page.drawLine({
      start: { x: MARGIN.left, y: this.y },
      end: { x: MARGIN.left + WIDTH, y: this.y },
      thickness: 1.2,
      color: BLACK,
    });
    this.y -= 6;
  }

  section(heading: string): void {
    // Keep a heading with at least a few lines of what follows it.
    this.ensure(60);
    this.y -= 18;
    this.text(heading, MARGIN.left, this.y, this.fonts.bold, 11.5);
    this.y -= 4;
  }

  facts(rows: readonly (readonly [string, string])[], labelWidth = 200): void {
    const size = 10;
    const leading = size * 1.38;
    for (const [label, value] of rows) {
      const labels = this.wrap(label, this.fonts.bold, size, labelWidth - 10);
      const values = this.wrap(value, this.fonts.regular, size, WIDTH - labelWidth);
      const height = Math.max(labels.length, values.length) * leading;
      this.ensure(height);
      labels.forEach((line, i) => {
        this.page.drawText(line, {
          x: MARGIN.left,
          y: this.y - (i + 1) * leading + 3,
          font: this.fonts.bold,
          size,
          color: BLACK,
        });
      });
      values.forEach((line, i) => {
        this.page.drawText(line, {
          x: MARGIN.left + labelWidth,
          y: this.y - (i + 1) * leading + 3,
          font: this.fonts.regular,
          size,
          color: BLACK,
        });
      });
      this.y -= height + 1.5;
    }
    this.y -= 5;
  }

  list(items: readonly string[]): void {
    const leading = 10 * 1.38;
    items.forEach((item, i) => {
      // The number sits beside the item's first line: make room for that line first, then draw both.
      this.ensure(leading);
      this.text(`${i + 1}.`, MARGIN.left + 2, this.y - leading + 3, this.fonts.regular, 10);
      this.paragraph(item, { indent: 18, gap: 1.5 });
    });
    this.y -= 4;
  }

  table(block: Extract<ReportBlock, { kind: 'table' }>): void {
    if (block.rows.length === 0) {
      this.paragraph(`${block.caption}: ${block.empty}`, { font: this.fonts.italic });
      return;
    }
    const size = 8.5;
    const leading = size * 1.3;
    const pad = 3;
    const widths = block.columns.map((c) => c.width * WIDTH);
    const cellLines = (row: readonly string[], font: PDFFont) =>
      row.map((cell, j) => this.wrap(cell, font, size, (widths[j] ?? 20) - 2 * pad));
    const header = cellLines(
      block.columns.map((c) => c.label),
      this.fonts.bold,
    );
    const heightOf = (lines: string[][]) => Math.max(...lines.map((l) => l.length)) * leading + 2 * pad;
    const headerHeight = heightOf(header);
    const drawRow = (lines: string[][], height: number, font: PDFFont, fill: ReturnType<typeof rgb> | null) => {
      let x = MARGIN.left;
      lines.forEach((cell, j) => {
        const width = widths[j] ?? 0;
        this.page.drawRectangle({
          x,
          y: this.y - height,
          width,
          height,
          borderColor: RULE,
          borderWidth: 0.5,
          ...(fill ? { color: fill } : {}),
        });
        const align: ReportColumn['align'] = block.columns[j]?.align ?? 'left';
        cell.forEach((line, k) => {
          const textWidth = font.widthOfTextAtSize(line, size);
          const left =
            align === 'right'
              ? x + width - pad - textWidth
              : align === 'center'
                ? x + (width - textWidth) / 2
                : x + pad;
          this.page.drawText(line, { x: left, y: this.y - pad - (k + 1) * leading + 2.5, font, size, color: BLACK });
        });
        x += width;
      });
      this.y -= height;
    };
    const caption = this.wrap(block.caption, this.fonts.bold, 9.5, WIDTH);
    const firstRow = block.rows[0] ? heightOf(cellLines(block.rows[0], this.fonts.regular)) : 0;
    // The caption, the header and the first row stay together.
    this.ensure(caption.length * 13 + headerHeight + firstRow + 4);
    for (const line of caption) {
      this.y -= 13;
      this.page.drawText(line, { x: MARGIN.left, y: this.y + 3, font: this.fonts.bold, size: 9.5, color: BLACK });
    }
    this.y -= 3;
    drawRow(header, headerHeight, this.fonts.bold, HEAD_FILL);
    block.rows.forEach((row, i) => {
      const isTotal = block.totalRow === true && i === block.rows.length - 1;
      const font = isTotal ? this.fonts.bold : this.fonts.regular;
      const lines = cellLines(row, font);
      const height = heightOf(lines);
      if (this.y - height < MARGIN.bottom) {
        this.newPage();
        drawRow(header, headerHeight, this.fonts.bold, HEAD_FILL);
      }
      drawRow(lines, height, font, isTotal ? TOTAL_FILL : null);
    });
    this.y -= 10;
  }

  /** The evidence link with its QR code, the modules drawn as rectangles (one per horizontal run). */
  evidence(url: string, caption: string, lines: readonly string[]): void {
    const qr = encode(url, { ecc: 'M', border: 4 });
    const side = 130;
    const module = side / qr.size;
    const qrX = MARGIN.left + 6;
    const textX = qrX + side + 14;
    const textWidth = MARGIN.left + WIDTH - textX - 8;
    // The text beside the code: caption, the signed figures, then the URL itself (for typing or a screen reader).
    const text: { line: string; font: PDFFont; size: number; step: number }[] = [
      ...this.wrap(caption, this.fonts.bold, 10.5, textWidth).map((line) => ({
        line,
        font: this.fonts.bold,
        size: 10.5,
        step: 14,
      })),
      ...lines.flatMap((claim) =>
        this.wrap(claim, this.fonts.regular, 9.5, textWidth).map((line) => ({
          line,
          font: this.fonts.regular,
          size: 9.5,
          step: 12.5,
        })),
      ),
      ...this.wrap(url, this.fonts.mono, 7.5, textWidth).map((line, i) => ({
        line,
        font: this.fonts.mono,
        size: 7.5,
        step: i === 0 ? 14 : 10,
      })),
    ];
    const textHeight = text.reduce((sum, t) => sum + t.step, 0) + 10;
    const boxHeight = Math.max(side, textHeight) + 12;
    this.ensure(boxHeight + 8);
    const top = this.y - 4;
    this.page.drawRectangle({
      x: MARGIN.left,
      y: top - boxHeight,
      width: WIDTH,
      height: boxHeight,
      borderColor: RULE,
      borderWidth: 0.7,
    });
    const qrTop = top - 6;
    this.page.drawRectangle({ x: qrX, y: qrTop - side, width: side, height: side, color: rgb(1, 1, 1) });
    qr.data.forEach((row, r) => {
      let c = 0;
      while (c < row.length) {
        if (!row[c]) {
          c += 1;
          continue;
        }
        const start = c;
        while (c < row.length && row[c]) c += 1;
        this.page.drawRectangle({
          x: qrX + start * module,
          y: qrTop - (r + 1) * module,
          width: (c - start) * module,
          // A hair taller than a module so adjacent rows leave no visible seam when rasterised.
          height: module + 0.05,
          color: rgb(0, 0, 0),
        });
      }
    });
    let y = top - 6;
    for (const { line, font, size, step } of text) {
      y -= step;
      this.page.drawText(line, { x: textX, y, font, size, color: BLACK });
    }
    this.y = top - boxHeight - 10;
  }

  block(block: ReportBlock): void {
    switch (block.kind) {
      case 'paragraph':
        this.paragraph(block.text);
        break;
      case 'facts':
        this.facts(block.rows);
        break;
      case 'list':
        this.list(block.items);
        break;
      case 'table':
        this.table(block);
        break;
      case 'evidence':
        this.evidence(block.url, block.caption, block.lines);
        break;
    }
  }
}

/** The report as PDF bytes. `now` stamps the document's dates, so the same input gives the same file. */
export async function skmReportPdf(report: SkmReport, now: Date): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const fonts: Fonts = {
    regular: await doc.embedFont(StandardFonts.Helvetica),
    bold: await doc.embedFont(StandardFonts.HelveticaBold),
    italic: await doc.embedFont(StandardFonts.HelveticaOblique),
    mono: await doc.embedFont(StandardFonts.Courier),
  };
  const layout = new Layout(doc, fonts);
  const clean = (text: string) => layout.clean(text, fonts.regular);
  doc.setTitle(clean(`${report.title} — ${report.subject} — ${report.periodLabel}`));
  doc.setSubject(clean(`Survei Kepuasan Masyarakat ${report.subject}, ${report.regionName}, ${report.periodLabel}`));
  doc.setAuthor(clean(report.regionName));
  doc.setCreator('Suara Layanan');
  doc.setProducer('Suara Layanan (pdf-lib)');
  doc.setLanguage('id-ID');
  doc.setKeywords(['SKM', 'IKM', 'PermenPANRB 14/2017', 'SKP']);
  doc.setCreationDate(now);
  doc.setModificationDate(now);

  // Cover.
  layout.newPage();
  layout.y = A4[1] - 190;
  const centred = (text: string, font: PDFFont, size: number, gap: number) => {
    for (const line of layout.wrap(text, font, size, WIDTH)) {
      layout.y -= size * 1.3;
      layout.page.drawText(line, {
        x: MARGIN.left + (WIDTH - font.widthOfTextAtSize(line, size)) / 2,
        y: layout.y,
        font,
        size,
        color: BLACK,
      });
    }
    layout.y -= gap;
  };
  centred(report.regionName, fonts.regular, 12, 18);
  centred(report.title, fonts.bold, 19, 16);
  centred(report.subject, fonts.bold, 15, 8);
  centred(`Periode ${report.periodLabel}`, fonts.regular, 12, 40);
  layout.facts(report.cover, 170);
  const note = layout.wrap(report.audienceNote, fonts.regular, 9.5, WIDTH - 16);
  const noteHeight = note.length * 13 + 10;
  layout.y -= 12;
  layout.page.drawRectangle({
    x: MARGIN.left,
    y: layout.y - noteHeight,
    width: WIDTH,
    height: noteHeight,
    color: NOTE_FILL,
    borderColor: NOTE_RULE,
    borderWidth: 0.8,
  });
  note.forEach((line, i) => {
    layout.page.drawText(line, {
      x: MARGIN.left + 8,
      y: layout.y - 15 - i * 13,
      font: fonts.regular,
      size: 9.5,
      color: BLACK,
    });
  });

  for (const chapter of report.chapters) {
    layout.chapter(chapter.heading);
    for (const section of chapter.sections) {
      layout.section(section.heading);
      for (const block of section.blocks) layout.block(block);
    }
  }

  // Headers and page numbers, now that the number of pages is known (the cover has neither header nor rule).
  const total = layout.pages.length;
  const header = layout.clean(`Laporan SKM · ${report.subject} · ${report.periodLabel}`, fonts.regular);
  const footer = layout.clean(
    `Laporan internal instansi, tanpa penyembunyian n < 10 · Disusun ${dateLabel(report.issuedOn)}`,
    fonts.regular,
  );
  layout.pages.forEach((page, i) => {
    const number = `Halaman ${i + 1} dari ${total}`;
    if (i > 0) {
      page.drawText(fitted(header, fonts.regular, 8, WIDTH), {
        x: MARGIN.left,
        y: A4[1] - 38,
        font: fonts.regular,
        size: 8,
        color: GREY,
      });
      page.drawLine({
        start: { x: MARGIN.left, y: A4[1] - 44 },
        end: { x: MARGIN.left + WIDTH, y: A4[1] - 44 },
        thickness: 0.5,
        color: GREY,
      });
    }
    page.drawText(fitted(footer, fonts.regular, 7.5, WIDTH - 90), {
      x: MARGIN.left,
      y: 34,
      font: fonts.regular,
      size: 7.5,
      color: GREY,
    });
    page.drawText(number, {
      x: MARGIN.left + WIDTH - fonts.regular.widthOfTextAtSize(number, 8),
      y: 34,
      font: fonts.regular,
      size: 8,
      color: GREY,
    });
  });
  return doc.save();
}

/** `text` cut with an ellipsis to fit `width` (headers are one line). */
function fitted(text: string, font: PDFFont, size: number, width: number): string {
  if (font.widthOfTextAtSize(text, size) <= width) return text;
  let cut = text.length;
  while (cut > 0 && font.widthOfTextAtSize(`${text.slice(0, cut)}…`, size) > width) cut -= 1;
  return `${text.slice(0, cut)}…`;
}
