/**
 * @module
 * Streaming writers: rows from an async iterable become a CSV (RFC 4180, UTF-8, CRLF, header row) or a JSON array
 * of objects, produced chunk by chunk as the client reads (each write waits for the client), so no file is ever
 * held in memory. Producers may yield a page of rows at once (`RowPage`); a chunk is encoded once, never a row at a
 * time. Stored blocks (`SerializedRows`) are piped through by the runtime.
 */
import { CSV_EOL, csvField, csvRow } from '../../../domain/csv';
import { type Row, RowPage, type RowsOrPage, SerializedRows } from './rows';

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

/** What a file starts with: the CSV header row, or the JSON array's '['. */
function fileHead(format: Format, columns: readonly string[]): string {
  return format === 'csv' ? csvRow(columns) : '[';
}

/** What a JSON file with rows ends with. */
const JSON_TAIL = '\n]\n';

/** What goes before a JSON row: a line break, and a comma after the first row. */
function jsonSeparator(rowsBefore: number): string {
  return rowsBefore === 0 ? '\n' : ',\n';
}

/**
 * Where the rows lie in a whole file of `bytes` bytes that `serialize` wrote: after the CSV header, or between the
 * JSON file's '[\n' and its '\n]\n' (an empty JSON file, '[]\n', has none). What a stored block is cut from.
 */
export function rowsRange(
  format: Format,
  columns: readonly string[],
  bytes: number,
): { offset: number; length: number } {
  if (format === 'csv') {
    const offset = new TextEncoder().encode(fileHead(format, columns)).byteLength;
    return { offset, length: Math.max(0, bytes - offset) };
  }
  const offset = fileHead(format, columns).length + jsonSeparator(0).length;
  return { offset, length: Math.max(0, bytes - offset - JSON_TAIL.length) };
}

export function serialize(
  format: Format,
  columns: readonly string[],
  rows: AsyncIterable<RowsOrPage>,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let count = 0;
  const write =
    format === 'csv' ? csvLine(cached((value) => csvField(value))) : jsonLine(columns, cached(JSON.stringify));
  const line = (row: Row) => {
    const text = write(row);
    if (format === 'csv') return text;
    return `${jsonSeparator(count)}${text}`;
  };
  const tail = () => (format === 'csv' ? '' : count === 0 ? ']\n' : JSON_TAIL);

  // The runtime's own byte stream: a write resolves once the client has taken it (so memory holds about one chunk),
  // and a stored block's R2 body is piped into it by the runtime, without a JavaScript step per chunk.
  const { readable, writable } = new IdentityTransformStream();
  const pump = async () => {
    let writer = writable.getWriter();
    let text = fileHead(format, columns);
    const flush = async () => {
      if (text) await writer.write(encoder.encode(text));
      text = '';
    };
    try {
      for await (const item of rows) {
        if (item instanceof SerializedRows) {
          // The rows before it go first, then its bytes as they are.
          if (format === 'json') text += jsonSeparator(count);
          count += 1;
          await flush();
          writer.releaseLock();
          await item.body.pipeTo(writable, { preventClose: true });
          writer = writable.getWriter();
          continue;
        }
        if (item instanceof RowPage) {
          for (const row of item.rows) {
            text += line(row);
            count += 1;
          }
        } else {
          text += line(item);
          count += 1;
        }
        if (text.length >= CHUNK_CHARS) await flush();
      }
      text += tail();
      await flush();
      await writer.close();
    } catch (error) {
      // Headers are already sent: the only honest signal left is to abort the body, never to end it cleanly. (A
      // client that hung up makes the write fail: the loop's `for await` then closes the row source.)
      console.error(JSON.stringify({ level: 'error', message: 'open-data stream failed', error: String(error) }));
      await writable.abort(error).catch(() => {});
    }
  };
  void pump();
  return readable;
}

/** Reads a whole stream as text (snapshots and tests). */
export async function streamText(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}
