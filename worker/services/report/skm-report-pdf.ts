/**
 * @module
 * The SKM report as an A4 PDF made in the Worker with pdf-lib, from the same model as the HTML (docs/report.md):
 * cover, foreword, a contents page numbered from the laid-out pages, chapters from new pages, headings kept with
 * what follows, words never split, vector charts, the evidence QR code as rectangles, and "Halaman i dari n".
 * The standard fonts encode WinAnsi (Windows-1252) only, so text is transliterated first.
 */
import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from 'pdf-lib';
import { encode } from 'uqr';
import type { ReportBlock, ReportChart, ReportColumn, SkmReport } from '../../../domain/skm-report';
import { CONTENTS_HEADING, dateLabel, FOREWORD_HEADING, formatNumber } from '../../../domain/skm-report';

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
const GRID = rgb(0.82, 0.82, 0.82);
const SERIES = rgb(0.1, 0.3, 0.6);
const THRESHOLD = rgb(0.55, 0.2, 0.1);
const BODY_LEADING = 10 * 1.38;
/** A section heading's own height: the space above it and its line. */
const SECTION_HEADING_HEIGHT = 22;
const SIGNATURE_GAP = 60;
/** A blank to fill in by hand where the unit's head is not set. */
const BLANK = '........................................';

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

/** A heading as laid out: the contents page lists it with the page it landed on. */
interface HeadingMark {
  text: string;
  level: 1 | 2;
  page: number;
}

/** Lays the report out page by page, top to bottom. */
class Layout {
  page!: PDFPage;
  y = 0;
  readonly pages: PDFPage[] = [];
  readonly marks: HeadingMark[] = [];
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

  /** Records a heading on the current page, for the contents page. */
  mark(text: string, level: HeadingMark['level']): void {
    this.marks.push({ text, level, page: this.pages.length });
  }

  chapter(heading: string): void {
    this.newPage();
    this.mark(heading, 1);
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

  /** A section heading, moved to the next page unless the first two lines of what follows fit under it. */
  section(heading: string, blocks: readonly ReportBlock[]): void {
    this.ensure(SECTION_HEADING_HEIGHT + this.leadHeight(blocks));
    this.mark(heading, 2);
    this.y -= 18;
    this.text(heading, MARGIN.left, this.y, this.fonts.bold, 11.5);
    this.y -= 4;
  }

  /**
   * The height from the cursor that the first two lines of `blocks` need, as each block lays itself out: a table
   * its caption, header and first row, which it keeps together; a chart, the evidence box or the signature whole.
   */
  leadHeight(blocks: readonly ReportBlock[]): number {
    let height = 0;
    let lines = 0;
    const add = (lineHeights: readonly number[], after: number) => {
      for (const h of lineHeights) {
        if (lines >= 2) return;
        height += h;
        lines += 1;
      }
      height += after;
    };
    for (const block of blocks) {
      if (lines >= 2) break;
      switch (block.kind) {
        case 'paragraph':
          add(
            this.wrap(block.text, this.fonts.regular, 10, WIDTH).map(() => BODY_LEADING),
            5,
          );
          break;
        case 'list':
          add(
            block.items.flatMap((item) => this.wrap(item, this.fonts.regular, 10, WIDTH - 18).map(() => BODY_LEADING)),
            0,
          );
          break;
        case 'facts':
          add(
            block.rows.map(([label, value]) => this.factRowHeight(label, value, 200) + 1.5),
            0,
          );
          break;
        case 'table':
          if (block.rows.length === 0) {
            add(
              this.wrap(`${block.caption}: ${block.empty}`, this.fonts.italic, 10, WIDTH).map(() => BODY_LEADING),
              5,
            );
          } else add([this.tableLead(block), 0], 0);
          break;
        case 'evidence':
          add([this.evidenceHeight(block.url, block.caption, block.lines) + 8, 0], 0);
          break;
        case 'chart':
          add([this.chartHeight(block), 0], 0);
          break;
        case 'signature':
          add([this.signatureHeight(block.title), 0], 0);
          break;
      }
    }
    return height;
  }

  private factRowHeight(label: string, value: string, labelWidth: number): number {
    const labels = this.wrap(label, this.fonts.bold, 10, labelWidth - 10);
    const values = this.wrap(value, this.fonts.regular, 10, WIDTH - labelWidth);
    return Math.max(labels.length, values.length) * BODY_LEADING;
  }

  /**
   * Column widths in points: each column at least as wide as its longest word (so a word such as "Direncanakan"
   * is never split), the width that takes coming from the columns with room to spare. Only when the words alone
   * are wider than the page does a word break, in {@link wrap}.
   */
  columnWidths(block: Extract<ReportBlock, { kind: 'table' }>, size: number, pad: number): number[] {
    const widths = block.columns.map((c) => c.width * WIDTH);
    const longest = (text: string, font: PDFFont) =>
      Math.max(
        0,
        ...this.clean(text, font)
          .split(/ +/)
          .map((word) => font.widthOfTextAtSize(word, size)),
      );
    const minima = block.columns.map((column, j) => {
      let widest = longest(column.label, this.fonts.bold);
      block.rows.forEach((row, i) => {
        const font = block.totalRow === true && i === block.rows.length - 1 ? this.fonts.bold : this.fonts.regular;
        widest = Math.max(widest, longest(row[j] ?? '', font));
      });
      return widest + 2 * pad + 0.5;
    });
    if (minima.reduce((a, b) => a + b, 0) > WIDTH) return widths;
    for (;;) {
      const short = widths.map((w, j) => Math.max(0, (minima[j] ?? 0) - w));
      const needed = short.reduce((a, b) => a + b, 0);
      if (needed <= 0.01) return widths;
      const spare = widths.map((w, j) => (short[j] ? 0 : Math.max(0, w - (minima[j] ?? 0))));
      const available = spare.reduce((a, b) => a + b, 0);
      const take = Math.min(needed, available);
      widths.forEach((w, j) => {
        widths[j] = short[j] ? w + (short[j] ?? 0) * (take / needed) : w - (spare[j] ?? 0) * (take / (available || 1));
      });
      if (take >= needed - 0.01) return widths;
    }
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
    const { size, leading, pad } = TABLE;
    const widths = this.columnWidths(block, size, pad);
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

  /** What a table keeps together at its start: caption, header row and first row. */
  tableLead(block: Extract<ReportBlock, { kind: 'table' }>): number {
    const { size, leading, pad } = TABLE;
    const widths = this.columnWidths(block, size, pad);
    const rowHeight = (row: readonly string[], font: PDFFont) =>
      Math.max(...row.map((cell, j) => this.wrap(cell, font, size, (widths[j] ?? 20) - 2 * pad).length)) * leading +
      2 * pad;
    const caption = this.wrap(block.caption, this.fonts.bold, 9.5, WIDTH);
    return (
      caption.length * 13 +
      rowHeight(
        block.columns.map((c) => c.label),
        this.fonts.bold,
      ) +
      (block.rows[0] ? rowHeight(block.rows[0], this.fonts.regular) : 0) +
      4
    );
  }

  /** The evidence link with its QR code, the modules drawn as rectangles (one per horizontal run). */
  private evidenceText(url: string, caption: string, lines: readonly string[]) {
    const textWidth = MARGIN.left + WIDTH - (MARGIN.left + 6 + EVIDENCE_QR + 14) - 8;
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
    return text;
  }

  evidenceHeight(url: string, caption: string, lines: readonly string[]): number {
    const textHeight = this.evidenceText(url, caption, lines).reduce((sum, t) => sum + t.step, 0) + 10;
    return Math.max(EVIDENCE_QR, textHeight) + 12;
  }

  evidence(url: string, caption: string, lines: readonly string[]): void {
    const qr = encode(url, { ecc: 'M', border: 4 });
    const side = EVIDENCE_QR;
    const module = side / qr.size;
    const qrX = MARGIN.left + 6;
    const textX = qrX + side + 14;
    const text = this.evidenceText(url, caption, lines);
    const boxHeight = this.evidenceHeight(url, caption, lines);
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
      case 'chart':
        this.chart(block);
        break;
      case 'signature':
        this.signature(block);
        break;
    }
  }

  /**
   * A chart drawn as vector paths: value grid and ticks, the grade thresholds dashed across, then bars or a line
   * whose missing values are gaps (no segment reaches a point that has no value).
   */
  chart(chart: ReportChart): void {
    this.ensure(this.chartHeight(chart));
    const { bold, regular } = this.fonts;
    this.y -= 13;
    this.text(chart.title, MARGIN.left, this.y + 3, bold, 9.5);
    const plot = { left: MARGIN.left + 34, right: MARGIN.left + WIDTH - 62, top: this.y - 20, bottom: this.y - 170 };
    this.text(chart.yLabel, MARGIN.left, plot.top + 8, bold, 8);
    const yOf = (value: number) =>
      plot.bottom + ((value - chart.min) / (chart.max - chart.min)) * (plot.top - plot.bottom);
    const decimals = chart.ticks.some((t) => !Number.isInteger(t)) ? 1 : 0;
    for (const tick of chart.ticks) {
      const y = yOf(tick);
      this.page.drawLine({ start: { x: plot.left, y }, end: { x: plot.right, y }, thickness: 0.4, color: GRID });
      const label = formatNumber(tick, decimals);
      this.page.drawText(label, {
        x: plot.left - 4 - regular.widthOfTextAtSize(label, 7.5),
        y: y - 2.5,
        font: regular,
        size: 7.5,
        color: GREY,
      });
    }
    for (const threshold of chart.thresholds) {
      const y = yOf(threshold.value);
      this.page.drawLine({
        start: { x: plot.left, y },
        end: { x: plot.right, y },
        thickness: 0.8,
        color: THRESHOLD,
        dashArray: [4, 3],
      });
      this.text(threshold.label, plot.right + 4, y - 2.5, regular, 7.5, THRESHOLD);
    }
    const step = (plot.right - plot.left) / Math.max(1, chart.points.length);
    const xOf = (i: number) => plot.left + step * (i + 0.5);
    let previous: { x: number; y: number } | null = null;
    chart.points.forEach((point, i) => {
      const x = xOf(i);
      this.page.drawText(this.clean(point.label, regular), {
        x: x - regular.widthOfTextAtSize(this.clean(point.label, regular), 7.5) / 2,
        y: plot.bottom - 11,
        font: regular,
        size: 7.5,
        color: BLACK,
      });
      if (point.value === null) {
        previous = null;
        return;
      }
      const y = yOf(Math.min(chart.max, Math.max(chart.min, point.value)));
      if (chart.shape === 'bar') {
        const width = Math.min(30, step * 0.6);
        this.page.drawRectangle({ x: x - width / 2, y: plot.bottom, width, height: y - plot.bottom, color: SERIES });
      } else {
        if (previous) this.page.drawLine({ start: previous, end: { x, y }, thickness: 1.4, color: SERIES });
        this.page.drawCircle({ x, y, size: 2.2, color: SERIES });
        previous = { x, y };
      }
      const value = formatNumber(point.value, 2);
      this.page.drawText(value, {
        x: x - regular.widthOfTextAtSize(value, 6.5) / 2,
        y: y + 4,
        font: regular,
        size: 6.5,
        color: BLACK,
      });
    });
    this.page.drawLine({
      start: { x: plot.left, y: plot.bottom },
      end: { x: plot.right, y: plot.bottom },
      thickness: 0.8,
      color: BLACK,
    });
    this.page.drawLine({
      start: { x: plot.left, y: plot.bottom },
      end: { x: plot.left, y: plot.top },
      thickness: 0.8,
      color: BLACK,
    });
    const xLabelWidth = bold.widthOfTextAtSize(this.clean(chart.xLabel, bold), 8);
    this.text(chart.xLabel, (plot.left + plot.right - xLabelWidth) / 2, plot.bottom - 23, bold, 8);
    this.y = plot.bottom - 28;
    for (const line of this.wrap(chart.note, this.fonts.italic, 8.5, WIDTH)) {
      this.y -= 11;
      this.page.drawText(line, { x: MARGIN.left, y: this.y + 2, font: this.fonts.italic, size: 8.5, color: BLACK });
    }
    this.y -= 10;
  }

  chartHeight(chart: ReportChart): number {
    return 13 + 20 + 150 + 28 + this.wrap(chart.note, this.fonts.italic, 8.5, WIDTH).length * 11 + 10;
  }

  signatureHeight(title: string): number {
    return (2 + this.wrap(title, this.fonts.regular, 10, SIGNATURE_WIDTH).length) * BODY_LEADING + SIGNATURE_GAP + 14;
  }

  /** The signature block, on the right as an official letter's, never split across pages. */
  signature(block: Extract<ReportBlock, { kind: 'signature' }>): void {
    this.ensure(this.signatureHeight(block.title));
    const x = MARGIN.left + WIDTH - SIGNATURE_WIDTH;
    const line = (text: string, font = this.fonts.regular) => {
      this.y -= BODY_LEADING;
      this.text(text, x, this.y + 3, font, 10);
    };
    this.y -= 14;
    line(block.placeAndDate);
    for (const title of this.wrap(block.title, this.fonts.regular, 10, SIGNATURE_WIDTH)) line(title);
    this.y -= SIGNATURE_GAP;
    if (block.name === null) line(BLANK);
    else {
      line(block.name, this.fonts.bold);
      const width = this.fonts.bold.widthOfTextAtSize(this.clean(block.name, this.fonts.bold), 10);
      this.page.drawLine({ start: { x, y: this.y + 1.5 }, end: { x: x + width, y: this.y + 1.5 }, thickness: 0.6 });
    }
    line(`NIP ${block.nip ?? BLANK}`);
  }
}

const TABLE = { size: 8.5, leading: 8.5 * 1.3, pad: 3 };
const EVIDENCE_QR = 130;
const SIGNATURE_WIDTH = 220;

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

  // Foreword, then the contents: their entries are known now, their pages once the chapters are laid out.
  layout.newPage();
  layout.mark(FOREWORD_HEADING, 1);
  frontHeading(layout, FOREWORD_HEADING);
  for (const text of report.foreword) layout.paragraph(text, { gap: 8 });
  const entries: Omit<HeadingMark, 'page'>[] = [
    { text: FOREWORD_HEADING, level: 1 },
    ...report.chapters.flatMap((chapter) => [
      { text: chapter.heading, level: 1 as const },
      ...chapter.sections.map((section) => ({ text: section.heading, level: 2 as const })),
    ]),
  ];
  const contents = contentsPlan(layout, entries);
  const contentsPages = Array.from({ length: contents.pages }, () => {
    layout.newPage();
    return layout.page;
  });

  for (const chapter of report.chapters) {
    layout.chapter(chapter.heading);
    for (const section of chapter.sections) {
      layout.section(section.heading, section.blocks);
      for (const block of section.blocks) layout.block(block);
    }
  }

  drawContents(layout, contentsPages, contents.lines, entries, layout.marks);

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

/** A front-matter heading, centred at the top of its page. */
function frontHeading(layout: Layout, heading: string): void {
  const font = layout.fonts.bold;
  layout.y -= 16;
  layout.text(heading, MARGIN.left + (WIDTH - font.widthOfTextAtSize(heading, 14)) / 2, layout.y, font, 14);
  layout.y -= 24;
}

const CONTENTS_SIZE = 10;
const CONTENTS_LEADING = 15;
/** Room kept at the right of an entry for its dotted leader and page number. */
const CONTENTS_NUMBER = 44;

interface ContentsLine {
  page: number;
  y: number;
  entry: number;
  lines: string[];
}

/** Where each contents entry goes (its wrapped lines, page and height), which does not depend on the numbers. */
function contentsPlan(layout: Layout, entries: readonly Omit<HeadingMark, 'page'>[]) {
  const top = A4[1] - MARGIN.top;
  let page = 0;
  let y = top - 40;
  const lines = entries.map((entry, i): ContentsLine => {
    const font = entry.level === 1 ? layout.fonts.bold : layout.fonts.regular;
    const indent = entry.level === 1 ? 0 : 16;
    const wrapped = layout.wrap(entry.text, font, CONTENTS_SIZE, WIDTH - indent - CONTENTS_NUMBER);
    const height = wrapped.length * CONTENTS_LEADING + (entry.level === 1 ? 5 : 0);
    if (y - height < MARGIN.bottom) {
      page += 1;
      y = top;
    }
    y -= height;
    return { page, y: y + height, entry: i, lines: wrapped };
  });
  return { pages: page + 1, lines };
}

/**
 * The contents, each entry with the page its heading landed on (as laid out, so the numbers are the pages' own
 * "Halaman i"), joined by a dotted leader.
 */
function drawContents(
  layout: Layout,
  pages: readonly PDFPage[],
  plan: readonly ContentsLine[],
  entries: readonly Omit<HeadingMark, 'page'>[],
  marks: readonly HeadingMark[],
): void {
  if (marks.length !== entries.length || marks.some((mark, i) => mark.text !== entries[i]?.text)) {
    throw new Error('skmReportPdf: the contents do not match the headings laid out');
  }
  const [first] = pages;
  if (first) {
    layout.page = first;
    layout.y = A4[1] - MARGIN.top;
    frontHeading(layout, CONTENTS_HEADING);
  }
  const { regular } = layout.fonts;
  const dot = regular.widthOfTextAtSize('.', CONTENTS_SIZE);
  for (const { page, y, entry, lines } of plan) {
    const target = pages[page];
    const heading = entries[entry];
    if (!target || !heading) continue;
    const font = heading.level === 1 ? layout.fonts.bold : regular;
    const indent = heading.level === 1 ? 0 : 16;
    let lineY = y - (heading.level === 1 ? 5 : 0);
    lines.forEach((line, i) => {
      lineY -= CONTENTS_LEADING;
      target.drawText(line, { x: MARGIN.left + indent, y: lineY + 3, font, size: CONTENTS_SIZE, color: BLACK });
      if (i < lines.length - 1) return;
      const number = String(marks[entry]?.page ?? '');
      const numberX = MARGIN.left + WIDTH - regular.widthOfTextAtSize(number, CONTENTS_SIZE);
      const leaderStart = MARGIN.left + indent + font.widthOfTextAtSize(line, CONTENTS_SIZE) + 4;
      const dots = Math.max(0, Math.floor((numberX - 4 - leaderStart) / (dot * 2)));
      if (dots > 0) {
        target.drawText(' .'.repeat(dots).trim(), {
          x: numberX - 4 - (dots * 2 - 1) * dot,
          y: lineY + 3,
          font: regular,
          size: CONTENTS_SIZE,
          color: GREY,
        });
      }
      target.drawText(number, { x: numberX, y: lineY + 3, font: regular, size: CONTENTS_SIZE, color: BLACK });
    });
  }
}

/** `text` cut with an ellipsis to fit `width` (headers are one line). */
function fitted(text: string, font: PDFFont, size: number, width: number): string {
  if (font.widthOfTextAtSize(text, size) <= width) return text;
  let cut = text.length;
  while (cut > 0 && font.widthOfTextAtSize(`${text.slice(0, cut)}…`, size) > width) cut -= 1;
  return `${text.slice(0, cut)}…`;
}
