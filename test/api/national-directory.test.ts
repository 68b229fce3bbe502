import { env, exports } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { officialAreas, provinceTimeZone, slugFromName } from '../../domain/region-codes';
import { findRegion } from '../../worker/db/regions';
import { nationalDirectory } from '../../worker/services/indicators/directory';
import { regionSummary, resolvePeriod } from '../../worker/services/indicators/scores';
import { countingD1 } from '../support/d1-counter';
import { createOrganisation, db } from '../support/fixtures';
import { insertRatings, same } from '../support/ratings';
import { uniformRollups } from '../support/rollups';

const NOW = Date.parse('2026-11-20T05:00:00Z');
const FIRST = ['21.72', '11.74', '13.77', '75.71', '91.71'];
const GOOD = [4, 4, 3, 4, 4, 3, 4, 4, 4];
const POOR = [2, 3, 2, 3, 2, 2, 3, 3, 2];

const quote = (value: string) => `'${value.replaceAll("'", "''")}'`;

/** Regions straight into D1 in multi-row INSERTs, one unit each (as a national deployment would have). */
async function addRegions(rows: { slug: string; name: string; timezone: string; code: string | null }[]) {
  const statements = [];
  for (let i = 0; i < rows.length; i += 100) {
    const values = rows
      .slice(i, i + 100)
      .map(
        (r) =>
          `(${quote(r.slug)}, ${quote(r.name)}, ${quote(r.timezone)}, ${r.code === null ? 'NULL' : quote(r.code)})`,
      );
    statements.push(env.DB.prepare(`INSERT INTO regions (slug, name, timezone, code) VALUES ${values.join(', ')}`));
  }
  statements.push(
    env.DB.prepare(
      `INSERT INTO units (region_id, slug, name) SELECT id, 'disdukcapil', 'Dinas Kependudukan dan Pencatatan Sipil'
       FROM regions WHERE id NOT IN (SELECT region_id FROM units)`,
    ),
  );
  await env.DB.batch(statements);
}

/** `n` responses that all answered `score` on every element, on one day, for each unit whose region matches `where`. */
function rollupsFor(where: string, n: number, score: number) {
  return uniformRollups({ regions: 'massal-%', where, date: '2026-06-15', n, score });
}

describe('national directory of the home page (SPEC §6)', () => {
  let smallQueries = 0;

  beforeAll(async () => {
    // Five real cities and one region created before codes existed, with ratings through the production rollup SQL.
    const names = ['Kota Tanjungpinang', 'Kota Langsa', 'Kota Pariaman', 'Kota Gorontalo', 'Kota Jayapura'];
    for (const [i, code] of FIRST.entries()) {
      const org = await createOrganisation({
        region: slugFromName(names[i]!),
        regionName: names[i],
        regionCode: code,
        timezone: provinceTimeZone(code.slice(0, 2)),
      });
      if (i < 3) await insertRatings(org, [...same(8, GOOD, '2026-03-10'), ...same(6, GOOD, '2026-09-02')]);
      if (i === 3) await insertRatings(org, same(6, POOR, '2026-05-05')); // below 10: suppressed
    }
    await createOrganisation({ region: 'kota-lama', regionName: 'Kota Lama' });
    const small = countingD1(env.DB);
    await nationalDirectory(small.d1, { now: NOW });
    smallQueries = small.queries;

    // Then the rest of Indonesia: every other official code, and uncoded regions up to 600 in all.
    const rest = officialAreas()
      .filter((area) => !FIRST.includes(area.code))
      .map((area) => ({
        slug: `massal-${area.code.replace('.', '-')}`,
        name: area.name,
        timezone: provinceTimeZone(area.province.code),
        code: area.code,
      }));
    const uncoded = Array.from({ length: 600 - 6 - rest.length }, (_, i) => ({
      slug: `massal-lama-${i + 1}`,
      name: `Kota Lama ${i + 1}`,
      timezone: 'Asia/Jakarta',
      code: null,
    }));
    await addRegions([...rest, ...uncoded]);
    await env.DB.batch([
      ...rollupsFor('u.region_id % 5 != 0 AND u.region_id % 2 = 0', 12, 4),
      ...rollupsFor('u.region_id % 5 != 0 AND u.region_id % 2 = 1', 12, 3),
      ...rollupsFor('u.region_id % 5 = 0', 4, 4),
    ]);
  });

  it('lists all 600 regions with a constant number of D1 queries: as many as for 6 regions', async () => {
    const counted = countingD1(env.DB);
    const directory = await nationalDirectory(counted.d1, { now: NOW });

    expect(directory.total).toBe(600);
    expect(directory.matched).toBe(600);
    expect(directory.groups.flatMap((g) => g.entries)).toHaveLength(600);
    // One query for the regions with their unit counts, two national rollup GROUP BYs for the year: the totals and
    // the unit × service × month counts of every region's disclosure plan.
    expect(counted.statements).toHaveLength(3);
    expect(counted.queries).toBe(smallQueries);
  });

  it('groups the regions by province in the official code order, the uncoded ones last', async () => {
    const { groups, emptyProvinces } = await nationalDirectory(env.DB, { now: NOW });

    expect(groups).toHaveLength(39);
    expect(emptyProvinces).toEqual([]);
    expect(groups[0]?.province).toEqual({ code: '11', name: 'Aceh' });
    expect(groups[37]?.province).toEqual({ code: '96', name: 'Papua Barat Daya' });
    expect(groups[38]?.province).toBeNull();
    expect(groups[38]?.entries).toHaveLength(600 - 552);
    const riau = groups.find((g) => g.province?.code === '21')!;
    // The provincial government first ('Provinsi …' sorts after 'Kabupaten', by name: check membership and order).
    const names = riau.entries.map((e) => e.name);
    expect(names).toContain('Kota Tanjungpinang');
    expect(names).toContain('Provinsi Kepulauan Riau');
    expect([...names].sort(new Intl.Collator('id').compare)).toEqual(names);
    for (const group of groups) {
      for (const entry of group.entries) expect(entry.code?.slice(0, 2) ?? null).toBe(group.province?.code ?? null);
    }
  });

  it('gives each region the same year figure, grade and suppression as its own region page', async () => {
    const { groups } = await nationalDirectory(env.DB, { now: NOW });
    const entries = new Map(groups.flatMap((g) => g.entries).map((e) => [e.slug, e]));
    for (const slug of [
      'kota-tanjungpinang',
      'kota-gorontalo',
      'kota-jayapura',
      'kota-lama',
      'massal-11-01',
      'massal-11-02',
    ]) {
      const region = (await findRegion(db(), slug))!;
      const period = resolvePeriod(undefined, region, NOW)!;
      const entry = entries.get(slug)!;
      expect(entry.period.id, slug).toBe('2026');
      expect(entry.summary, slug).toEqual(await regionSummary(env.DB, region, period));
    }
    expect(entries.get('kota-tanjungpinang')?.summary).toMatchObject({ responses: 14, suppressed: false, grade: 'A' });
    expect(entries.get('kota-gorontalo')?.summary).toMatchObject({ responses: 6, suppressed: true, ikm: null });
    expect(entries.get('kota-jayapura')?.summary).toMatchObject({ responses: 0, ikm: null });
    expect(entries.get('kota-tanjungpinang')?.units).toBe(1);
    const published = [...entries.values()].filter((e) => e.summary.ikm !== null);
    expect(published.length).toBeGreaterThan(400);
  });

  it('narrows the list with ?q= by name, province, or Kemendagri code with or without the dot', async () => {
    for (const query of ['tanjungpinang', 'TANJUNG pinang', '21.72', '2172']) {
      const { groups, matched } = await nationalDirectory(env.DB, { now: NOW, query });
      expect(
        groups.flatMap((g) => g.entries.map((e) => e.slug)),
        query,
      ).toContain('kota-tanjungpinang');
      expect(matched, query).toBeLessThan(5);
    }
    // Every word must match: 'kepulauan riau' also finds Kabupaten Kepulauan Meranti in Riau.
    const islands = await nationalDirectory(env.DB, { now: NOW, query: 'kepulauan riau' });
    expect(islands.groups.map((g) => g.province?.code)).toEqual(['14', '21']);
    expect(islands.groups[0]?.entries.map((e) => e.name)).toEqual(['Kabupaten Kepulauan Meranti']);
    const province = await nationalDirectory(env.DB, { now: NOW, query: 'gorontalo' });
    expect(province.groups.map((g) => g.province?.code)).toEqual(['75']);
    const none = countingD1(env.DB);
    const nothing = await nationalDirectory(none.d1, { now: NOW, query: 'atlantis' });
    expect(nothing).toMatchObject({ groups: [], matched: 0, total: 600 });
    expect(none.queries).toBe(1);
  });

  it('in the hour when the year has turned in WIT but not in WIB, each region shows its own year, in five queries at most', async () => {
    // 2026-12-31 16:30 UTC: 23:30 in Jakarta (WIB), 00:30 on 1 January 2027 in Makassar (WITA) and 01:30 in Jayapura.
    const counted = countingD1(env.DB);
    const { groups } = await nationalDirectory(counted.d1, { now: Date.parse('2026-12-31T16:30:00Z') });
    const entries = new Map(groups.flatMap((g) => g.entries).map((e) => [e.slug, e]));
    expect(entries.get('kota-tanjungpinang')?.period.id).toBe('2026');
    expect(entries.get('kota-tanjungpinang')?.summary.responses).toBe(14);
    expect(entries.get('kota-jayapura')?.period.id).toBe('2027');
    expect(entries.get('kota-gorontalo')?.summary.responses).toBe(0);
    expect(counted.queries).toBe(5);
  });

  it('GET /api/v1/regions lists all 600 regions with their codes and provinces', async () => {
    const response = await exports.default.fetch('https://suara.test/api/v1/regions');
    const list = await response.json<{ code: string | null; province: { code: string } | null }[]>();
    expect(list).toHaveLength(600);
    expect(list.filter((r) => r.code !== null)).toHaveLength(552);
    for (const region of list) expect(region.province?.code ?? null).toBe(region.code?.slice(0, 2) ?? null);
  });
});
