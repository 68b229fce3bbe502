/**
 * @module
 * The nightly snapshot (Cron Trigger, wrangler.toml): every open-data file written once to R2 under
 * `snapshots/{day}/{file}`, never overwritten, with its size and SHA-256 recorded in `snapshots` so `/data` can list
 * citable, checkable versions. Files are streamed into R2 multipart uploads and hashed on the way, so a large file
 * is never held in memory. Without the SNAPSHOTS binding (local development) the job logs and does nothing.
 */
import { localDate } from '../../domain/periods';
import { snapshots } from '../../schema';
import { database } from '../db/client';
import { type Bindings, readConfig } from '../env';
import { dataPackage } from '../open-data/datapackage';
import { exportStream, prepareExport } from '../open-data/export';
import { RESOURCE_NAMES } from '../open-data/resources';

/** Data files first; datapackage.json last, since it carries the others' sizes and hashes. */
export const SNAPSHOT_FILES = [
  ...RESOURCE_NAMES.flatMap((name) => [`${name}.csv`, `${name}.json`] as const),
  'datapackage.json',
] as const satisfies readonly string[];
export type SnapshotFile = (typeof SNAPSHOT_FILES)[number];

/** The snapshot's day is the date in Jakarta (WIB) when it is taken: the cron runs at 00:30 WIB. */
export const SNAPSHOT_TIME_ZONE = 'Asia/Jakarta';

/** R2 multipart parts must be at least 5 MiB, except the last. */
const PART_BYTES = 8 * 1024 * 1024;

export function snapshotKey(day: string, file: string): string {
  return `snapshots/${day}/${file}`;
}

export interface SnapshotResult {
  day: string;
  status: 'written' | 'exists' | 'skipped';
  files: { file: string; bytes: number; sha256: string }[];
}

/** Streams `body` into R2 as `key`, returning its size and SHA-256. */
async function putStream(bucket: R2Bucket, key: string, body: ReadableStream<Uint8Array>, contentType: string) {
  const upload = await bucket.createMultipartUpload(key, { httpMetadata: { contentType } });
  // Workers' incremental hash (WebCrypto has none), typed through its Workers declaration so that this also
  // type-checks where DOM's Crypto is in scope.
  const { DigestStream: Digest } = crypto as unknown as { DigestStream: typeof DigestStream };
  const digest = new Digest('SHA-256');
  const hashWriter = digest.getWriter();
  const parts: R2UploadedPart[] = [];
  let buffered: Uint8Array[] = [];
  let bufferedBytes = 0;
  let bytes = 0;
  const flush = async () => {
    const part = new Uint8Array(bufferedBytes);
    let offset = 0;
    for (const chunk of buffered) {
      part.set(chunk, offset);
      offset += chunk.byteLength;
    }
    parts.push(await upload.uploadPart(parts.length + 1, part));
    buffered = [];
    bufferedBytes = 0;
  };
  try {
    const reader = body.getReader();
    for (;;) {
      const { done, value: chunk } = await reader.read();
      if (done) break;
      await hashWriter.write(chunk);
      buffered.push(chunk);
      bufferedBytes += chunk.byteLength;
      bytes += chunk.byteLength;
      if (bufferedBytes >= PART_BYTES) await flush();
    }
    // The last (or only) part may be small, even empty.
    if (bufferedBytes > 0 || parts.length === 0) await flush();
    await upload.complete(parts);
  } catch (error) {
    await upload.abort();
    throw error;
  }
  await hashWriter.close();
  const sha256 = [...new Uint8Array(await digest.digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return { bytes, sha256 };
}

/** Writes the snapshot of `now`'s day unless it already exists (snapshots are immutable). */
export async function writeSnapshot(env: Bindings, now = Date.now()): Promise<SnapshotResult> {
  const day = localDate(now, SNAPSHOT_TIME_ZONE);
  const bucket = env.SNAPSHOTS;
  if (!bucket) {
    console.log(JSON.stringify({ level: 'info', message: 'snapshot skipped: no SNAPSHOTS binding', day }));
    return { day, status: 'skipped', files: [] };
  }
  const db = database(env.DB);
  const existing = await env.DB.prepare('SELECT count(*) AS n FROM snapshots WHERE day = ?')
    .bind(day)
    .first<{ n: number }>();
  if ((existing?.n ?? 0) >= SNAPSHOT_FILES.length) return { day, status: 'exists', files: [] };

  const prepared = await prepareExport(db, {}, now);
  const origin = readConfig(env).publicOrigin?.replace(/\/$/, '') ?? '';
  const files: SnapshotResult['files'] = [];
  for (const file of SNAPSHOT_FILES) {
    const key = snapshotKey(day, file);
    const [name, format] = file.split('.') as [string, 'csv' | 'json'];
    const body =
      file === 'datapackage.json'
        ? new Blob([
            `${JSON.stringify(
              dataPackage({ origin, snapshot: { day, files: Object.fromEntries(files.map((f) => [f.file, f])) } }),
              null,
              2,
            )}\n`,
          ]).stream()
        : exportStream(env.DB, name as (typeof RESOURCE_NAMES)[number], format, prepared);
    const stats = await putStream(
      bucket,
      key,
      body,
      format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
    );
    files.push({ file, ...stats });
    // A half-finished night (e.g. a crash) is completed by the next run: rows are keyed by (day, file).
    await db
      .insert(snapshots)
      .values({ day, file, r2Key: key, bytes: stats.bytes, sha256: stats.sha256 })
      .onConflictDoUpdate({
        target: [snapshots.day, snapshots.file],
        set: { bytes: stats.bytes, sha256: stats.sha256 },
      });
  }
  console.log(JSON.stringify({ level: 'info', message: 'snapshot written', day, files: files.length }));
  return { day, status: 'written', files };
}

/** The Worker's `scheduled` handler (shared by worker/index.ts and the test worker). */
export const scheduled: ExportedHandlerScheduledHandler<Bindings> = async (controller, env) => {
  await writeSnapshot(env, controller.scheduledTime);
};
