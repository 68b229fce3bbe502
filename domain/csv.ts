/** @module CSV rows for open-data downloads (SPEC §5): RFC 4180 quoting plus spreadsheet formula-injection defence. */

/** A cell value; null and undefined are written as an empty field. */
export type CsvValue = string | number | null | undefined;

/** Record separator required by RFC 4180. */
export const CSV_EOL = '\r\n';

/** Characters that make a spreadsheet treat a text cell as a formula (OWASP: = + - @, plus tab and CR). */
const FORMULA_START = /^[=+\-@\t\r]/;
/** Plain decimal numbers are harmless even when they start with + or −: they are kept so they stay numeric. */
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One CSV record, terminated by CRLF. Fields containing a comma, double quote, CR or LF are quoted with inner quotes
 * doubled. Text starting with = + - @ (or tab/CR) is prefixed with a single quote so that spreadsheet software does
 * not execute it as a formula; numbers (number type, or strings that are plain decimal numbers such as '-5') are not,
 * because they cannot carry a formula and must stay numeric. Non-finite numbers are written as empty fields.
 */
export function csvRow(values: readonly CsvValue[]): string {
  return values.map(csvField).join(',') + CSV_EOL;
}

/** One CSV field (see {@link csvRow}). */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
