/**
 * Stored blocks (docs/scale.md, "Exports"): after a night's snapshot, `responses.csv|json` stream the closed months from R2,
 * and every change to a month's published rows (moderation, a late paper entry, a renamed unit, a new region code, a
 * lost object) sends that block back to D1. Whatever the snapshot holds, the file is byte for byte the live one,
 * so SPEC §5's open-data files and §4's microdata rules (closed months only, k-anonymity) hold on both paths.
 */
import { createExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { REBUILD_ROLLUPS_SQL } from '../../schema/rollups';
import { app } from '../../worker/app';
import { database } from '../../worker/db/client';
import { planExport, prepareExport, withStoredBlocks } from '../../worker/services/open-data/export';
import { createOrganisation, type Organisation } from '../support/fixtures';
import { runNight } from '../support/snapshots';

// 00:30 WIB on 2026-11-25 and on the night after: May and June 2026 are closed in every zone.
const NIGHT = Date.parse('2026-11-24T17:30:00Z');
const NEXT_NIGHT = Date.parse('2026-11-25T17:30:00Z');

const GENDERS = ['L', 'P'];
const AGES = [19, 25, 34, 45, 58, 63];
const EDUCATIONS = ['SMA', 'S1', 'SD'];

let sequence = 0;

/** `count` unflagged ratings of one unit on `date`, with varied profiles (some groups small enough to blank). */
async function insertRatings(org: Organisation, date: string, count: number) {
  await env.DB.batch(
    Array.from({ length: count }, (_, i) => {
      sequence += 1;
      return env.DB.prepare(
        `INSERT INTO responses (id, submission_id, region_id, unit_id, counter_id, channel, u1, u2, u3, u4, u5, u6, u7,
           u8, u9, gender, age, education, occupation, submitted_at, local_date)
         VALUES (?, ?, ?, ?, ?, 'qr', ?, 3, 4, 2, 3, 4, 1, 3, 4, ?, ?, ?, 'SWASTA', ?, ?)`,
      ).bind(
        `block-${sequence}`,
        `block-sub-${sequence}`,
        org.regionId,
        org.unitId,
        org.counterId,
        1 + (i % 4),
        GENDERS[i % 2] ?? null,
        AGES[i % AGES.length] ?? null,
        EDUCATIONS[i % 3] ?? null,
        Date.parse(`${date}T03:00:00Z`),
        date,
      );
    }),
  );
  await env.DB.batch(REBUILD_ROLLUPS_SQL.map((sql) => env.DB.prepare(sql)));
}

/** The Hono app itself, without the edge cache: every read is computed again. */
async function read(path: string, bindings = env): Promise<string> {
  const response = await app.fetch(new Request(`https://suara.test${path}`), bindings, createExecutionContext());
  expect(response.status).toBe(200);
  return response.text();
}

/** The same file with no bucket bound: every block read from D1, row by row. */
const live = (path: string) => read(path, { ...env, SNAPSHOTS: undefined });

/** Which blocks of the national file the plan would stream from R2, as 'region/month'. */
async function storedBlocks(format: 'csv' | 'json'): Promise<string[]> {
  const prepared = withStoredBlocks(await prepareExport(database(env.DB), {}, NEXT_NIGHT), env.SNAPSHOTS, format);
  const planned = await planExport(env.DB, 'responses', prepared, Number.POSITIVE_INFINITY);
  return (planned.responses?.blocks ?? [])
    .filter((block) => block.stored)
    .map((block) => `${prepared.scope.regions[block.region]?.region.slug}/${block.month}`);
}

const FILES = [
  '/data/responses.csv',
  '/data/responses.json',
  '/data/responses.csv?region=blok-a',
  '/data/responses.json?region=blok-a&from=2026-06&to=2026-06',
];

async function expectEveryFileLive() {
  for (const path of FILES) expect(await read(path), path).toBe(await live(path));
}

let a: Organisation;
let aSecondUnit: Organisation;
let b: Organisation;

beforeAll(async () => {
  a = await createOrganisation({ region: 'blok-a', regionCode: '21.72' });
  // A second unit of the same region: its own rows in the same blocks.
  const unit = await env.DB.prepare(
    `INSERT INTO units (region_id, slug, name) VALUES (?, 'dinkes', 'Dinas Kesehatan') RETURNING id`,
  )
    .bind(a.regionId)
    .first<{ id: number }>();
  const counter = await env.DB.prepare(
    `INSERT INTO counters (unit_id, code, name) VALUES (?, 'blok-a-dinkes', 'Loket 1') RETURNING id`,
  )
    .bind(unit!.id)
    .first<{ id: number }>();
  aSecondUnit = { ...a, unitId: unit!.id, counterId: counter!.id };
  b = await createOrganisation({ region: 'blok-b' });
  await insertRatings(a, '2026-05-06', 30);
  await insertRatings(aSecondUnit, '2026-05-20', 14);
  await insertRatings(a, '2026-06-03', 25);
  await insertRatings(b, '2026-06-11', 12);
  await runNight(NIGHT);
});

describe('responses.* stream the closed months stored by the nightly snapshot (docs/scale.md)', () => {
  it('after the night, every block is stored and every file is byte for byte the live one', async () => {
    expect(await storedBlocks('csv')).toEqual(['blok-a/2026-05', 'blok-a/2026-06', 'blok-b/2026-06']);
    expect(await storedBlocks('json')).toEqual(['blok-a/2026-05', 'blok-a/2026-06', 'blok-b/2026-06']);
    await expectEveryFileLive();
    const rows = JSON.parse(await read('/data/responses.json')) as { region: string; month: string }[];
    expect(rows).toHaveLength(30 + 14 + 25 + 12);
    expect(rows.map((row) => `${row.region}/${row.month}`).at(-1)).toBe('blok-b/2026-06');
  });

  it('the stored bytes really are what is sent (a tampered object shows through)', async () => {
    const { results } = await env.DB.prepare(
      `SELECT r2_key FROM response_blocks WHERE region_id = ? AND month = '2026-05' AND format = 'csv'`,
    )
      .bind(a.regionId)
      .all<{ r2_key: string }>();
    const key = results[0]!.r2_key;
    const original = await (await env.SNAPSHOTS!.get(key))!.text();
    // Same length, one region slug changed: only a file read from R2 can contain it.
    const tampered = original.replace('\r\nblok-a,', '\r\nblok-A,');
    await env.SNAPSHOTS!.put(key, tampered);
    try {
      expect(await read('/data/responses.csv')).toContain('\r\nblok-A,');
      expect(await live('/data/responses.csv')).not.toContain('blok-A');
    } finally {
      await env.SNAPSHOTS!.put(key, original);
    }
    await expectEveryFileLive();
  });

  it('a flag, and taking it back, send that month to D1 and leave the others stored', async () => {
    const before = (await read('/data/responses.csv')).split('\r\n').length;
    await env.DB.prepare(`UPDATE responses SET flagged = 1, flag_reason = 'test' WHERE id = 'block-1'`).run();
    await env.DB.batch(REBUILD_ROLLUPS_SQL.map((sql) => env.DB.prepare(sql)));
    expect(await storedBlocks('csv')).toEqual(['blok-a/2026-06', 'blok-b/2026-06']);
    expect((await read('/data/responses.csv')).split('\r\n').length).toBe(before - 1);
    await expectEveryFileLive();
    await env.DB.prepare(`UPDATE responses SET flagged = 0, flag_reason = NULL WHERE id = 'block-1'`).run();
    await env.DB.batch(REBUILD_ROLLUPS_SQL.map((sql) => env.DB.prepare(sql)));
    // The same rows as when stored, but the revision moved: read live until the next night stores it again.
    expect(await storedBlocks('csv')).toEqual(['blok-a/2026-06', 'blok-b/2026-06']);
    await expectEveryFileLive();
  });

  it('a late rating in a closed month (a paper form keyed in afterwards) sends that month to D1', async () => {
    await insertRatings(b, '2026-06-28', 1);
    expect(await storedBlocks('json')).toEqual(['blok-a/2026-06']);
    await expectEveryFileLive();
  });

  it("a changed answer or profile, a renamed unit or a region's new code sends the region's months to D1", async () => {
    await env.DB.prepare(`UPDATE responses SET education = 'S2' WHERE id = 'block-50'`).run();
    expect(await storedBlocks('csv')).toEqual([]);
    await expectEveryFileLive();
    await runNight(NEXT_NIGHT);
    expect(await storedBlocks('csv')).toEqual(['blok-a/2026-05', 'blok-a/2026-06', 'blok-b/2026-06']);
    await env.DB.prepare(`UPDATE units SET slug = 'dinkes-kota' WHERE id = ?`).bind(aSecondUnit.unitId).run();
    expect(await storedBlocks('csv')).toEqual(['blok-b/2026-06']);
    expect(await read('/data/responses.csv')).toContain(',dinkes-kota,');
    await expectEveryFileLive();
    await env.DB.prepare(`UPDATE regions SET code = '21.71' WHERE id = ?`).bind(b.regionId).run();
    expect(await storedBlocks('csv')).toEqual([]);
    await expectEveryFileLive();
  });

  it('the next night stores the changed months again; a lost object is read live', async () => {
    await runNight(Date.parse('2026-11-26T17:30:00Z'));
    expect(await storedBlocks('json')).toEqual(['blok-a/2026-05', 'blok-a/2026-06', 'blok-b/2026-06']);
    await expectEveryFileLive();
    const { results } = await env.DB.prepare(`SELECT r2_key FROM response_blocks WHERE format = 'json'`).all<{
      r2_key: string;
    }>();
    for (const { r2_key } of results) await env.SNAPSHOTS!.delete(r2_key);
    await expectEveryFileLive();
  });

  it("a unit's file never uses its region's stored blocks", async () => {
    const prepared = await prepareExport(database(env.DB), { region: 'blok-a', unit: 'disdukcapil' }, NEXT_NIGHT);
    expect(withStoredBlocks(prepared, env.SNAPSHOTS, 'csv').storedBlocks).toBeUndefined();
    const path = '/data/responses.csv?region=blok-a&unit=disdukcapil';
    expect(await read(path)).toBe(await live(path));
  });
});
