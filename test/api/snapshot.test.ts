import { createExecutionContext, createScheduledController } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { REBUILD_ROLLUPS_SQL } from '../../worker/db/rollup-sql';
import { SNAPSHOT_FILES, writeSnapshot } from '../../worker/jobs/snapshot';
import { createOrganisation } from '../support/fixtures';
import worker from '../support/worker';

const get = (path: string, init?: RequestInit) => exports.default.fetch(`https://suara.test${path}`, init);

async function sha256(bytes: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}

beforeAll(async () => {
  const org = await createOrganisation({ region: 'kota-arsip' });
  await env.DB.batch(
    Array.from({ length: 12 }, (_, i) =>
      env.DB.prepare(
        `INSERT INTO responses (id, submission_id, region_id, unit_id, counter_id, channel, u1, u2, u3, u4, u5, u6, u7, u8, u9, submitted_at, local_date)
         VALUES (?, ?, ?, ?, ?, 'kiosk', 3, 3, 4, 4, 3, 3, 4, 2, 3, ?, '2026-05-04')`,
      ).bind(`snap-${i}`, `snap-sub-${i}`, org.regionId, org.unitId, org.counterId, Date.parse('2026-05-04T02:00:00Z')),
    ),
  );
  await env.DB.batch(REBUILD_ROLLUPS_SQL.map((sql) => env.DB.prepare(sql)));
});

describe('nightly snapshots (issue 6: citable open data)', () => {
  it('the cron trigger writes every file to R2 under snapshots/{day}/ with its size and SHA-256 recorded', async () => {
    // 17:30 UTC on 2026-11-24 is 00:30 WIB on 2026-11-25.
    const controller = createScheduledController({
      scheduledTime: Date.parse('2026-11-24T17:30:00Z'),
      cron: '30 17 * * *',
    });
    await worker.scheduled(controller, env, createExecutionContext());

    const { results } = await env.DB.prepare('SELECT file, r2_key, bytes, sha256 FROM snapshots WHERE day = ?')
      .bind('2026-11-25')
      .all<{ file: string; r2_key: string; bytes: number; sha256: string }>();
    expect(results.map((r) => r.file).sort()).toEqual([...SNAPSHOT_FILES].sort());
    for (const row of results) {
      const object = await env.SNAPSHOTS!.get(row.r2_key);
      const bytes = await object!.arrayBuffer();
      expect(row.r2_key).toBe(`snapshots/2026-11-25/${row.file}`);
      expect(bytes.byteLength).toBe(row.bytes);
      expect(await sha256(bytes)).toBe(row.sha256);
    }
  });

  it('a snapshot file equals the live file of that moment and is served with immutable caching', async () => {
    const live = await (await get('/data/scores.csv')).text();
    const response = await get('/data/snapshots/2026-11-25/scores.csv');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(await response.text()).toBe(live);

    const pkg = (await (await get('/data/snapshots/2026-11-25/datapackage.json')).json()) as {
      resources: { path: string; hash: string; bytes: number }[];
    };
    const row = await env.DB.prepare(
      `SELECT sha256, bytes FROM snapshots WHERE day = '2026-11-25' AND file = 'scores.csv'`,
    ).first<{
      sha256: string;
      bytes: number;
    }>();
    expect(pkg.resources[0]).toMatchObject({ path: 'scores.csv', hash: `sha256:${row!.sha256}`, bytes: row!.bytes });
  });

  it('never rewrites a day already taken, and 404s an unknown day or file', async () => {
    const again = await writeSnapshot(env, Date.parse('2026-11-24T18:00:00Z'));
    expect(again.status).toBe('exists');
    expect((await get('/data/snapshots/2026-01-01/scores.csv')).status).toBe(404);
    expect((await get('/data/snapshots/2026-11-25/secret.txt')).status).toBe(400);
  });

  it('skips gracefully when no SNAPSHOTS bucket is bound', async () => {
    const result = await writeSnapshot({ ...env, SNAPSHOTS: undefined }, Date.parse('2026-12-01T17:30:00Z'));
    expect(result).toEqual({ day: '2026-12-02', status: 'skipped', files: [] });
  });
});
