/**
 * @module
 * The nightly open-data snapshot: the cron enqueues one message per region × month partition, the queue consumer
 * streams each to R2, the index message writes SHA256SUMS and datapackage.json (docs/scale.md, "Snapshots").
 */
import { localDate } from '../../../domain/periods';
import { database } from '../../db/client';
import { withQueryBudget } from '../../db/query-budget';
import {
  countSnapshotFiles,
  recordResponseBlock,
  recordSnapshotFile,
  snapshotFilesUnder,
  snapshotPartFiles,
  snapshotPartitions,
} from '../../db/snapshots';
import { type Bindings, readConfig, type SnapshotMessage } from '../../env';
import { publicOrigin } from '../../http/origin';
import { ProblemError } from '../../http/problem';
import { dataPackage } from '../open-data/datapackage';
import { exportStream, type PreparedExport, planExport, prepareExport } from '../open-data/export';
import { columnsOf, RESOURCE_NAMES, type ResourceName } from '../open-data/resources';
import { rowsRange } from '../open-data/writers';

/** The files of one partition: every open-data file, as CSV and JSON. */
export const PARTITION_FILES = RESOURCE_NAMES.flatMap((name) => [`${name}.csv`, `${name}.json`] as const);
export type PartitionFile = (typeof PARTITION_FILES)[number];

/** The day's index, written once every partition is: checksums of every part, and the data package. */
export const INDEX_FILES = ['SHA256SUMS', 'datapackage.json'] as const;

/** The snapshot's day is the date in Jakarta (WIB) when it is taken: the cron runs at 00:30 WIB. */
export const SNAPSHOT_TIME_ZONE = 'Asia/Jakarta';

/** R2 multipart parts must be at least 5 MiB, except the last. */
const PART_BYTES = 8 * 1024 * 1024;

/** Queues take at most 100 messages per `sendBatch`. */
const SEND_BATCH = 100;

/** How long the index waits before looking again whether every partition is written. */
const INDEX_RETRY_SECONDS = 60;

export type { SnapshotMessage };

export function snapshotKey(day: string, file: string): string {
  return `snapshots/${day}/${file}`;
}

/** A partition file's path within its day: `{region}/{month}/{file}`. */
export function partitionPath(region: string, month: string, file: PartitionFile): string {
  return `${region}/${month}/${file}`;
}

export interface ScheduleResult {
  day: string;
  status: 'scheduled' | 'exists' | 'skipped';
  partitions: number;
}

/** The cron's part: enqueue the night's partitions and its index (unless that day's index is already written). */
export async function scheduleSnapshot(env: Bindings, now = Date.now()): Promise<ScheduleResult> {
  const day = localDate(now, SNAPSHOT_TIME_ZONE);
  if (!env.SNAPSHOTS || !env.SNAPSHOT_QUEUE) {
    console.log(JSON.stringify({ level: 'info', message: 'snapshot skipped: no SNAPSHOTS or SNAPSHOT_QUEUE', day }));
    return { day, status: 'skipped', partitions: 0 };
  }
  if ((await countSnapshotFiles(env.DB, day, ['datapackage.json'])) > 0) {
    return { day, status: 'exists', partitions: 0 };
  }
  const results = await snapshotPartitions(env.DB);
  const messages: SnapshotMessage[] = results.map(({ region, month }) => ({
    kind: 'partition',
    day,
    now,
    region,
    month,
  }));
  messages.push({ kind: 'index', day, now, partitions: results.length });
  for (let i = 0; i < messages.length; i += SEND_BATCH) {
    await env.SNAPSHOT_QUEUE.sendBatch(messages.slice(i, i + SEND_BATCH).map((body) => ({ body })));
  }
  console.log(JSON.stringify({ level: 'info', message: 'snapshot scheduled', day, partitions: results.length }));
  return { day, status: 'scheduled', partitions: results.length };
}

/** Streams `body` into R2 as `key`, returning its size and SHA-256. */
export async function putStream(bucket: R2Bucket, key: string, body: ReadableStream<Uint8Array>, contentType: string) {
  const upload = await bucket.createMultipartUpload(key, { httpMetadata: { contentType } });
  // Workers' incremental hash (WebCrypto has none), typed through its Workers declaration so that this also
  // type-checks where DOM's Crypto is in scope.
  const { DigestStream: Digest } = crypto as unknown as { DigestStream: typeof DigestStream };
  const digest = new Digest('SHA-256');
  const hashWriter = digest.getWriter();
  const parts: R2UploadedPart[] = [];
  // R2 wants every part but the last of one size: parts are cut at exactly PART_BYTES, whatever the chunks.
  let part = new Uint8Array(PART_BYTES);
  let filled = 0;
  let bytes = 0;
  const flush = async () => {
    parts.push(await upload.uploadPart(parts.length + 1, filled === PART_BYTES ? part : part.slice(0, filled)));
    part = new Uint8Array(PART_BYTES);
    filled = 0;
  };
  try {
    const reader = body.getReader();
    for (;;) {
      const { done, value: chunk } = await reader.read();
      if (done) break;
      await hashWriter.write(chunk);
      bytes += chunk.byteLength;
      let taken = 0;
      while (taken < chunk.byteLength) {
        const piece = chunk.subarray(taken, taken + PART_BYTES - filled);
        part.set(piece, filled);
        filled += piece.byteLength;
        taken += piece.byteLength;
        if (filled === PART_BYTES) await flush();
      }
    }
    // The last (or only) part may be small, even empty.
    if (filled > 0 || parts.length === 0) await flush();
    await upload.complete(parts);
  } catch (error) {
    await upload.abort();
    throw error;
  }
  await hashWriter.close();
  return { bytes, sha256: hex(await digest.digest) };
}

function hex(buffer: ArrayBuffer): string {
  return [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const contentTypeOf = (file: string) =>
  file.endsWith('.csv')
    ? 'text/csv; charset=utf-8'
    : file.endsWith('.json')
      ? 'application/json; charset=utf-8'
      : 'text/plain; charset=utf-8';

function record(d1: D1Database, day: string, file: string, stats: { bytes: number; sha256: string }) {
  return recordSnapshotFile(d1, { day, file, r2Key: snapshotKey(day, file) }, stats);
}

export interface PartitionResult {
  written: string[];
  /** Queries this invocation spent (bounded by QUERY_BUDGET). */
  queries: number;
}

/**
 * Writes the files of one region × month partition that are not yet recorded. Each file is the live file with
 * `?region={region}&from={month}&to={month}` at the cron's moment `now`, so a re-delivered message writes the
 * same bytes again, and a file already recorded is left alone.
 */
export async function writePartition(
  env: Bindings,
  message: Extract<SnapshotMessage, { kind: 'partition' }>,
): Promise<PartitionResult> {
  const bucket = env.SNAPSHOTS;
  if (!bucket) throw new Error('no SNAPSHOTS bucket');
  const budget = withQueryBudget(env.DB, readConfig(env).queryBudget);
  const d1 = budget.db;
  const { day, now, region, month } = message;
  const have = new Set(await snapshotFilesUnder(d1, day, `${region}/${month}/`));
  const missing = PARTITION_FILES.filter((file) => !have.has(partitionPath(region, month, file)));
  if (missing.length === 0) return { written: [], queries: budget.used };
  const prepared = await prepareExport(database(d1), { region, from: month, to: month }, now);
  const written: string[] = [];
  for (const file of missing) {
    const [name, format] = file.split('.') as [ResourceName, 'csv' | 'json'];
    const path = partitionPath(region, month, file);
    const planned = await planExport(d1, name, prepared, Number.POSITIVE_INFINITY);
    const stats = await putStream(
      bucket,
      snapshotKey(day, path),
      exportStream(d1, name, format, planned),
      contentTypeOf(file),
    );
    await record(d1, day, path, stats);
    if (name === 'responses') await recordBlock(d1, planned, snapshotKey(day, path), format, stats.bytes);
    written.push(path);
  }
  return { written, queries: budget.used };
}

/**
 * Records a `responses.*` partition file as the stored block of its region × month, if the month is in the file
 * (closed by the snapshot's moment) and its stamp did not move while the file was written: a rating or moderation
 * meanwhile leaves the block to be read live until the next night.
 */
async function recordBlock(
  d1: D1Database,
  planned: PreparedExport,
  r2Key: string,
  format: 'csv' | 'json',
  bytes: number,
) {
  const blocks = planned.responses?.blocks ?? [];
  const block = blocks.length === 1 ? blocks[0] : undefined;
  const region = block && planned.scope.regions[block.region]?.region;
  if (!block || !region) return;
  const after = await planExport(d1, 'responses', { ...planned, responses: undefined }, Number.POSITIVE_INFINITY);
  if (after.responses?.blocks[0]?.stamp !== block.stamp) return;
  const range = rowsRange(format, columnsOf('responses'), bytes);
  await recordResponseBlock(
    d1,
    { regionId: region.id, month: block.month, format },
    { r2Key, offset: range.offset, length: range.length, stamp: block.stamp },
  );
}

/** Thrown while partitions are still missing: the index message is retried later. */
export class PartitionsPendingError extends Error {}

/**
 * Writes the day's `SHA256SUMS` (one `{sha256}  {path}` line per partition file, `sha256sum -c` checks them) and
 * `datapackage.json` (each resource's `path` lists its parts) once all `partitions` are recorded.
 */
export async function writeIndex(env: Bindings, message: Extract<SnapshotMessage, { kind: 'index' }>) {
  const bucket = env.SNAPSHOTS;
  if (!bucket) throw new Error('no SNAPSHOTS bucket');
  const { day } = message;
  if ((await countSnapshotFiles(env.DB, day, INDEX_FILES)) >= INDEX_FILES.length) return;
  const files = await snapshotPartFiles(env.DB, day);
  if (files.length < message.partitions * PARTITION_FILES.length) {
    throw new PartitionsPendingError(`${files.length} of ${message.partitions * PARTITION_FILES.length} files`);
  }
  const sums = files.map((f) => `${f.sha256}  ${f.file}\n`).join('');
  const origin = publicOrigin(env, null);
  const pkg = `${JSON.stringify(dataPackage({ origin, snapshot: { day, parts: files } }), null, 2)}\n`;
  for (const [file, text] of [
    ['SHA256SUMS', sums],
    ['datapackage.json', pkg],
  ] as const) {
    const bytes = new TextEncoder().encode(text);
    const sha256 = hex(await crypto.subtle.digest('SHA-256', bytes));
    await bucket.put(snapshotKey(day, file), bytes, { httpMetadata: { contentType: contentTypeOf(file) } });
    await record(env.DB, day, file, { bytes: bytes.byteLength, sha256 });
  }
  console.log(JSON.stringify({ level: 'info', message: 'snapshot written', day, files: files.length }));
}

/** Handles one message; true when it is done (ack), false when it should come back later (retry). */
export async function handleSnapshotMessage(env: Bindings, body: SnapshotMessage): Promise<boolean> {
  try {
    if (body.kind === 'partition') await writePartition(env, body);
    else await writeIndex(env, body);
    return true;
  } catch (error) {
    if (error instanceof PartitionsPendingError) return false;
    // A region deleted since the cron ran has nothing to write.
    if (error instanceof ProblemError && error.status === 404) return true;
    console.error(JSON.stringify({ level: 'error', message: 'snapshot message failed', body, error: String(error) }));
    return false;
  }
}

/** The Worker's `queue` handler: one snapshot message per invocation (wrangler.toml: max_batch_size = 1). */
export const snapshotQueue: ExportedHandlerQueueHandler<Bindings, SnapshotMessage> = async (batch, env) => {
  for (const message of batch.messages) {
    if (await handleSnapshotMessage(env, message.body)) message.ack();
    else message.retry({ delaySeconds: INDEX_RETRY_SECONDS });
  }
};

/** The Worker's `scheduled` handler (shared by worker/index.ts and the test worker). */
export const scheduled: ExportedHandlerScheduledHandler<Bindings> = async (controller, env) => {
  await scheduleSnapshot(env, controller.scheduledTime);
};
