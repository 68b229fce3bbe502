/**
 * @module
 * Streaming writers: rows from an async generator become a CSV (RFC 4180, UTF-8, CRLF, header row) or a JSON array
 * of objects, produced chunk by chunk as the client reads (pull-based), so no file is ever held in memory.
 */
import { csvRow } from '../../domain/csv';
import type { Row } from './rows';

export type Format = 'csv' | 'json';

/** Rows are batched into chunks of about this many characters before they are encoded and enqueued. */
const CHUNK_CHARS = 64 * 1024;

export function serialize(
  format: Format,
  columns: readonly string[],
  rows: AsyncIterable<Row>,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = rows[Symbol.asyncIterator]();
  let started = false;
  let count = 0;
  let done = false;

  const head = () => (format === 'csv' ? csvRow(columns) : '[');
  const line = (row: Row) => {
    if (format === 'csv') return csvRow(row);
    const record = Object.fromEntries(columns.map((column, i) => [column, row[i] ?? null]));
    return `${count === 0 ? '\n' : ',\n'}${JSON.stringify(record)}`;
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
          text += line(next.value);
          count += 1;
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
