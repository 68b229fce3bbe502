/** @module CSV rows for open-data downloads (SPEC §5): RFC 4180 quoting plus spreadsheet formula-injection defence. */

/** A cell value; null and undefined are written as an empty field. */
export type CsvValue = string | number | null | undefined;

/** Record separator required by RFC 4180. */
export const CSV_EOL = '\r\n';

/** Characters that make a spreadsheet treat a text cell as a formula (OWASP: = + - @, plus tab and CR). */
const FORMULA_START = /^[=+\-@\t\r]/;
/** Plain decimal numbers are harmless even when they start with + or −: they are kept so they stay numeric. */
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
/**
 * Where a reader that is not RFC 4180's may start a new cell inside a field: Excel in an Indonesian locale (id-ID)
 * separates cells with `;`, and ignores quotes that do not open a line's first cell, so it also ends a record at a
 * line break inside a quoted field.
 */
const CELL_BREAK = /(?<=[;\n\r])/;
/** `;` is quoted too: a `;` reader then keeps the field whole whenever the quote opens its cell. */
const NEEDS_QUOTES = /[",;\r\n]/;

/**
 * One CSV record, terminated by CRLF. Fields containing a comma, semicolon, double quote, CR or LF are quoted with
 * inner quotes doubled. Text starting with = + - @ (or tab/CR) is prefixed with a single quote so that spreadsheet
 * software does not execute it as a formula, and so is every piece of it after a `;` or a line break, where a
 * `;`-separated reader starts a cell; numbers (number type, or strings that are plain decimal numbers such as '-5')
 * are not, because they cannot carry a formula and must stay numeric. Non-finite numbers are written as empty fields.
 */
export function csvRow(values: readonly CsvValue[]): string {
  return values.map(csvField).join(',') + CSV_EOL;
}

/** One CSV field (see {@link csvRow}). */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = neutralised(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** `value` with `'` before each piece (the start, and after every `;` or line break) a spreadsheet would run. */
export function neutralised(value: string): string {
  if (!/[=+\-@\t\r]/.test(value)) return value;
  return value.split(CELL_BREAK).map(neutralisedPiece).join('');
}

function neutralisedPiece(piece: string): string {
  return FORMULA_START.test(piece) && !PLAIN_NUMBER.test(piece.replace(/[;\n\r]$/, '')) ? `'${piece}` : piece;
}
