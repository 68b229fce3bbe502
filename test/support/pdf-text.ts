/**
 * @module
 * Reads back the text lines and drawing operators of a PDF that pdf-lib wrote (standard fonts, WinAnsi, hex strings):
 * enough to check the report's layout in the Workers test pool, where poppler's pdftotext cannot run.
 */
import { decodePDFRawStream, PDFArray, PDFDocument, PDFRawStream, type PDFRef } from 'pdf-lib';

export interface PdfLine {
  text: string;
  x: number;
  y: number;
  size: number;
}

export interface PdfPage {
  /** Text lines top to bottom (runs at the same height joined left to right). */
  lines: PdfLine[];
  /** How many path-painting operators (stroke, fill) the page's content uses: the vector drawing. */
  paths: number;
  /** How many of them set a dash pattern first (the charts' grade thresholds). */
  dashed: number;
}

/** WinAnsi bytes above 0x7f that differ from Latin-1. */
const WIN_ANSI: Record<number, string> = {
  150: '–',
  151: '—',
  145: '‘',
  146: '’',
  147: '“',
  148: '”',
  149: '•',
  133: '…',
};

function decodeHex(hex: string): string {
  let out = '';
  for (let i = 0; i < hex.length; i += 2) {
    const byte = Number.parseInt(hex.slice(i, i + 2), 16);
    out += WIN_ANSI[byte] ?? String.fromCharCode(byte);
  }
  return out;
}

export async function readPdf(bytes: Uint8Array): Promise<PdfPage[]> {
  const doc = await PDFDocument.load(bytes);
  return doc.getPages().map((page) => {
    const contents = page.node.Contents();
    const refs = contents instanceof PDFArray ? contents.asArray() : contents ? [contents] : [];
    let source = '';
    for (const ref of refs) {
      const stream = doc.context.lookup(ref as PDFRef);
      if (stream instanceof PDFRawStream)
        source += `${new TextDecoder('latin1').decode(decodePDFRawStream(stream).decode())}\n`;
    }
    const runs: PdfLine[] = [];
    let size = 0;
    for (const match of source.matchAll(/\/\S+ ([\d.]+) Tf|1 0 0 1 ([\d.-]+) ([\d.-]+) Tm\s*<([0-9A-Fa-f]*)> Tj/g)) {
      if (match[1] !== undefined) size = Number(match[1]);
      else runs.push({ text: decodeHex(match[4] ?? ''), x: Number(match[2]), y: Number(match[3]), size });
    }
    const lines: PdfLine[] = [];
    for (const run of [...runs].sort((a, b) => b.y - a.y || a.x - b.x)) {
      const last = lines.at(-1);
      if (last && Math.abs(last.y - run.y) < 1.5) last.text += ` ${run.text}`;
      else lines.push({ ...run });
    }
    const paths = source.match(/^(S|f|B|b|f\*|B\*)$/gm)?.length ?? 0;
    const dashed = source.match(/\[[\d. ]+\] [\d.]+ d/g)?.length ?? 0;
    return { lines, paths, dashed };
  });
}
