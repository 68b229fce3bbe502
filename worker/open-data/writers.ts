/**
 * @module
 * Streaming writers: rows from an async iterable become a CSV (RFC 4180, UTF-8, CRLF, header row) or a JSON array
 * of objects, produced chunk by chunk as the client reads (pull-based), so no file is ever held in memory.
 * Producers may yield a page of rows at once (`RowPage`); a chunk is encoded once, never a row at a time.
 */
import { CSV_EOL, csvField, csvRow } from '../../domain/csv';
import { type Row, RowPage, type RowsOrPage } from './rows';

export type Format = 'csv' | 'json';

/** Rows are batched into chunks of about this many characters before they are encoded and enqueued. */
const CHUNK_CHARS = 64 * 1024;

/**
 * Text cells repeat endlessly (slugs, months, channels, code lists): their escaped form is remembered, up to this
 * many distinct values, so each is quoted (CSV) or escaped (JSON) once per file rather than once per row.
 */
const CACHE_LIMIT = 4096;

/** A function from a text cell to its escaped form, remembering the first CACHE_LIMIT values. */
function cached(escapeText: (text: string) => string): (text: string) => string {
  const memory = new Map<string, string>();
  return (text) => {
    let escaped = memory.get(text);
    if (escaped === undefined) {
      escaped = escapeText(text);
      if (memory.size < CACHE_LIMIT) memory.set(text, escaped);
    }
    return escaped;
  };
}

/** One CSV record, byte for byte what `csvRow` writes (tested), without its per-row arrays. */
function csvLine(text: (value: string) => string): (row: Row) => string {
  return (row) => {
    let line = '';
    for (let i = 0; i < row.length; i += 1) {
      const value = row[i];
      if (i > 0) line += ',';
      if (value === null || value === undefined) continue;
      line += typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : text(value);
    }
    return line + CSV_EOL;
  };
}

/** One JSON object, byte for byte what `JSON.stringify` of the record writes (tested), keys escaped once. */
function jsonLine(columns: readonly string[], text: (value: string) => string): (row: Row) => string {
  const keys = columns.map((column, i) => `${i === 0 ? '{' : ','}${JSON.stringify(column)}:`);
  return (row) => {
    let line = '';
    for (let i = 0; i < keys.length; i += 1) {
      const value = row[i];
      line += keys[i];
      line +=
        value === null || value === undefined
          ? 'null'
          : typeof value === 'number'
            ? Number.isFinite(value)
              ? String(value)
              : 'null'
            : text(value);
    }
    return `${line}}`;
  };
}

export function serialize(
  format: Format,
  columns: readonly string[],
  rows: AsyncIterable<RowsOrPage>,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = rows[Symbol.asyncIterator]();
  let started = false;
  let count = 0;
  let done = false;

  const head = () => (format === 'csv' ? csvRow(columns) : '[');
  const write =
    format === 'csv' ? csvLine(cached((value) => csvField(value))) : jsonLine(columns, cached(JSON.stringify));
  const line = (row: Row) => {
    const text = write(row);
    if (format === 'csv') return text;
    return `${count === 0 ? '\n' : ',\n'}${text}`;
  };
  const tail = () => (format === 'csv' ? '' : count === 0 ? ']\n' : '\n]\n');

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (done) return;
      let text = started ? '' : head();
      started = true;
      try {
        while (text.length < CHUNK_CHARS) {
          const next = await iterator.next();
          if (next.done) {
            text += tail();
            done = true;
            break;
          }
          if (next.value instanceof RowPage) {
            for (const row of next.value.rows) {
              text += line(row);
              count += 1;
            }
          } else {
            text += line(next.value);
            count += 1;
          }
        }
      } catch (error) {
        // Headers are already sent: the only honest signal left is to abort the body, never to end it cleanly.
        console.error(JSON.stringify({ level: 'error', message: 'open-data stream failed', error: String(error) }));
        controller.error(error);
        return;
      }
      if (text) controller.enqueue(encoder.encode(text));
      if (done) controller.close();
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

/** Reads a whole stream as text (snapshots and tests). */
export async function streamText(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}
