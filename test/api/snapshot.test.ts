import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { REBUILD_ROLLUPS_SQL } from '../../schema/rollups';
import { QUERY_BUDGET } from '../../worker/db/query-budget';
import { PARTITION_FILES, putStream, type SnapshotMessage, writePartition } from '../../worker/services/jobs/snapshot';
import { createOrganisation } from '../support/fixtures';
import { get } from '../support/http';
import { deliver, runCron } from '../support/snapshots';

async function sha256(bytes: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}

// 17:30 UTC on 2026-11-24 is 00:30 WIB on 2026-11-25.
const NIGHT = Date.parse('2026-11-24T17:30:00Z');
const DAY = '2026-11-25';

async function insertMonth(org: { regionId: number; unitId: number; counterId: number }, prefix: string, date: string) {
  await env.DB.batch(
    Array.from({ length: 12 }, (_, i) =>
      env.DB.prepare(
        `INSERT INTO responses (id, submission_id, region_id, unit_id, counter_id, channel, u1, u2, u3, u4, u5, u6, u7, u8, u9, submitted_at, local_date)
         VALUES (?, ?, ?, ?, ?, 'kiosk', 3, 3, 4, 4, 3, 3, 4, 2, 3, ?, ?)`,
      ).bind(
        `${prefix}-${i}`,
        `${prefix}-sub-${i}`,
        org.regionId,
        org.unitId,
        org.counterId,
        Date.parse(`${date}T02:00:00Z`),
        date,
      ),
    ),
  );
}

let messages: SnapshotMessage[];

beforeAll(async () => {
  const archive = await createOrganisation({ region: 'kota-arsip' });
  const other = await createOrganisation({ region: 'kota-lain' });
  await insertMonth(archive, 'snap-a', '2026-05-04');
  await insertMonth(archive, 'snap-b', '2026-06-10');
  await insertMonth(other, 'snap-c', '2026-06-11');
  await env.DB.batch(REBUILD_ROLLUPS_SQL.map((sql) => env.DB.prepare(sql)));
  messages = await runCron(NIGHT);
});

const partitions = () => messages.filter((m) => m.kind === 'partition');
const index = () => messages.find((m) => m.kind === 'index')!;

describe('nightly snapshots, partitioned by region × month through a queue (docs/scale.md)', () => {
  it('the cron enqueues one message per region × month with data, and one for the index', () => {
    expect(partitions().map((m) => `${m.region}/${m.month}`)).toEqual([
      'kota-arsip/2026-05',
      'kota-arsip/2026-06',
      'kota-lain/2026-06',
    ]);
    expect(index()).toMatchObject({ kind: 'index', day: DAY, partitions: 3 });
    for (const m of messages) expect(m).toMatchObject({ day: DAY, now: NIGHT });
  });

  it('an index delivered before its partitions waits (asks for a retry) and writes nothing yet', async () => {
    expect(await deliver(index())).toBe(false);
    expect(await env.SNAPSHOTS!.get(`snapshots/${DAY}/SHA256SUMS`)).toBeNull();
  });

  it('each partition message writes its files to R2 with their size and SHA-256 recorded', async () => {
    for (const message of partitions()) expect(await deliver(message)).toBe(true);
    const { results } = await env.DB.prepare(
      `SELECT file, r2_key, bytes, sha256 FROM snapshots WHERE day = ? AND file LIKE '%/%' ORDER BY file`,
    )
      .bind(DAY)
      .all<{ file: string; r2_key: string; bytes: number; sha256: string }>();
    expect(results).toHaveLength(3 * PARTITION_FILES.length);
    expect(results.map((r) => r.file)).toContain('kota-arsip/2026-05/scores.csv');
    for (const row of results) {
      const bytes = await (await env.SNAPSHOTS!.get(row.r2_key))!.arrayBuffer();
      expect(row.r2_key).toBe(`snapshots/${DAY}/${row.file}`);
      expect(bytes.byteLength).toBe(row.bytes);
      expect(await sha256(bytes)).toBe(row.sha256);
    }
  });

  it('then the index writes SHA256SUMS and datapackage.json listing every part with its checksum', async () => {
    expect(await deliver(index())).toBe(true);
    const { results } = await env.DB.prepare(
      `SELECT file, sha256 FROM snapshots WHERE day = ? AND file LIKE '%/%' ORDER BY file`,
    )
      .bind(DAY)
      .all<{ file: string; sha256: string }>();
    const sums = await (await get(`/data/snapshots/${DAY}/SHA256SUMS`)).text();
    expect(sums).toBe(results.map((r) => `${r.sha256}  ${r.file}\n`).join(''));

    const pkg = (await (await get(`/data/snapshots/${DAY}/datapackage.json`)).json()) as {
      resources: { name: string; path: string[]; 'x-parts': { path: string; hash: string }[] }[];
    };
    const scores = pkg.resources.find((r) => r.name === 'scores')!;
    expect(scores.path).toEqual([
      'kota-arsip/2026-05/scores.csv',
      'kota-arsip/2026-06/scores.csv',
      'kota-lain/2026-06/scores.csv',
    ]);
    const part = results.find((r) => r.file === 'kota-arsip/2026-05/scores.csv')!;
    expect(scores['x-parts'][0]).toMatchObject({ path: part.file, hash: `sha256:${part.sha256}` });
    // /data lists the day's index files with their checksums (the parts are in SHA256SUMS).
    const page = await env.DB.prepare(`SELECT file FROM snapshots WHERE day = ? AND file NOT LIKE '%/%' ORDER BY file`)
      .bind(DAY)
      .all<{ file: string }>();
    expect(page.results.map((r) => r.file)).toEqual(['SHA256SUMS', 'datapackage.json']);
  });

  it('a part equals the live file filtered to its region and month, and is served with immutable caching', async () => {
    const live = await (await get('/data/scores.csv?region=kota-arsip&from=2026-05&to=2026-05')).text();
    const response = await get(`/data/snapshots/${DAY}/kota-arsip/2026-05/scores.csv`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(await response.text()).toBe(live);
    const liveResponses = await (await get('/data/responses.csv?region=kota-arsip&from=2026-05&to=2026-05')).text();
    expect(await (await get(`/data/snapshots/${DAY}/kota-arsip/2026-05/responses.csv`)).text()).toBe(liveResponses);
    expect(liveResponses.split('\r\n').filter(Boolean)).toHaveLength(13);
  });

  it('re-delivery is harmless: the same messages again leave every object and checksum as it was', async () => {
    const before = await env.DB.prepare('SELECT file, sha256, created_at FROM snapshots WHERE day = ? ORDER BY file')
      .bind(DAY)
      .all();
    const etag = (await env.SNAPSHOTS!.head(`snapshots/${DAY}/kota-arsip/2026-05/responses.csv`))!.etag;
    for (const message of messages) expect(await deliver(message, 2)).toBe(true);
    const after = await env.DB.prepare('SELECT file, sha256, created_at FROM snapshots WHERE day = ? ORDER BY file')
      .bind(DAY)
      .all();
    expect(after.results).toEqual(before.results);
    expect((await env.SNAPSHOTS!.head(`snapshots/${DAY}/kota-arsip/2026-05/responses.csv`))!.etag).toBe(etag);
    // A partition written anew (its records lost) gets the same bytes: the files are a function of the cron's moment.
    await env.DB.prepare(`DELETE FROM snapshots WHERE day = ? AND file LIKE 'kota-lain/%'`).bind(DAY).run();
    await deliver(partitions()[2]!);
    const rewritten = await env.DB.prepare(
      `SELECT file, sha256 FROM snapshots WHERE day = ? AND file LIKE 'kota-lain/%' ORDER BY file`,
    )
      .bind(DAY)
      .all<{ file: string; sha256: string }>();
    const sums = await (await get(`/data/snapshots/${DAY}/SHA256SUMS`)).text();
    for (const row of rewritten.results) expect(sums).toContain(`${row.sha256}  ${row.file}\n`);
  });

  it('a partition invocation issues a bounded number of D1 queries', async () => {
    await env.DB.prepare(`DELETE FROM snapshots WHERE day = ? AND file LIKE 'kota-arsip/2026-06/%'`).bind(DAY).run();
    const result = await writePartition(env, partitions()[1] as Extract<SnapshotMessage, { kind: 'partition' }>);
    expect(result.written).toHaveLength(PARTITION_FILES.length);
    // Two queries per file plus the lookups: far below the guard, which would have thrown at QUERY_BUDGET.
    expect(result.queries).toBeLessThan(6 * PARTITION_FILES.length);
    expect(result.queries).toBeLessThanOrEqual(QUERY_BUDGET);
  });

  it('never schedules a day whose index is written, and 404s an unknown day or file', async () => {
    expect(await runCron(Date.parse('2026-11-24T18:00:00Z'))).toEqual([]);
    expect((await get('/data/snapshots/2026-01-01/SHA256SUMS')).status).toBe(404);
    expect((await get(`/data/snapshots/${DAY}/kota-arsip/2026-07/scores.csv`)).status).toBe(404);
    expect((await get(`/data/snapshots/${DAY}/secret.txt`)).status).toBe(400);
  });

  it('a file larger than one multipart part (8 MiB) is stored whole, whatever the sizes of its chunks', async () => {
    // 20 MiB in chunks of 65,537 bytes: no chunk boundary falls on a part boundary, as with a large responses.json.
    const chunk = new Uint8Array(65_537).map((_, i) => (i * 31) % 251);
    const count = Math.ceil((20 * 1024 * 1024) / chunk.byteLength);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === count) return controller.close();
        sent += 1;
        controller.enqueue(chunk.slice());
      },
    });
    const stats = await putStream(env.SNAPSHOTS!, 'test/large.bin', body, 'application/octet-stream');
    const stored = await (await env.SNAPSHOTS!.get('test/large.bin'))!.arrayBuffer();
    expect(stats.bytes).toBe(count * chunk.byteLength);
    expect(stored.byteLength).toBe(stats.bytes);
    expect(await sha256(stored)).toBe(stats.sha256);
    expect(new Uint8Array(stored, stats.bytes - chunk.byteLength)).toEqual(chunk);
  });

  it('skips gracefully when no SNAPSHOTS bucket is bound', async () => {
    expect(await runCron(Date.parse('2026-12-01T17:30:00Z'), { SNAPSHOTS: undefined })).toEqual([]);
  });
});
