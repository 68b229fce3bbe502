/**
 * The national open-data files (SPEC §5; docs/scale.md "Per-invocation limits"): `scores.*` and
 * `service-scores.*` without `?region=` cover every region with a number of D1 queries that grows by two or three per
 * 50 regions, not two per region (D1 allows 1,000 queries per invocation: 552 regional governments used to pass
 * it), and hold exactly the rows of the per-region files, in the same order.
 */
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareExport } from '../../worker/services/open-data/export';
import type { Row, Scope } from '../../worker/services/open-data/rows';
import { scoresRows } from '../../worker/services/open-data/scores-rows';
import { serviceScoresRows } from '../../worker/services/open-data/service-scores-rows';
import { countingD1 } from '../support/d1-counter';
import { createOrganisation, db } from '../support/fixtures';
import { get } from '../support/http';
import { collect } from '../support/open-data';
import { insertRatings, same } from '../support/ratings';
import { uniformRollups } from '../support/rollups';

const REGIONS = 130;

/** Rollup rows of `n` responses answering `score` everywhere, for the units matching `where`, in every table. */
function rollups(where: string, service: string, month: string, n: number, score: number) {
  return uniformRollups({ regions: 'nasional-%', where, date: `${month}-15`, n, score, serviceId: service });
}

const oneRegion = (scope: Scope, i: number): Scope => ({ regions: [scope.regions[i]!] });

beforeAll(async () => {
  // Two regions with real ratings (services, counters), then 130 regions of two units straight into D1.
  for (const region of ['kota-a', 'kota-b']) {
    const org = await createOrganisation({ region });
    await insertRatings(org, [
      ...same(10, [4, 4, 3, 4, 4, 3, 4, 4, 4], '2026-03-10'),
      ...same(4, [2, 2, 2, 2, 2, 2, 2, 2, 2], '2026-04-02'),
    ]);
  }
  const values = Array.from(
    { length: REGIONS },
    (_, i) => `('nasional-${String(i + 1).padStart(3, '0')}', 'Kota Nasional ${i + 1}', 'Asia/Jakarta')`,
  );
  await env.DB.batch([
    env.DB.prepare(`INSERT INTO regions (slug, name, timezone) VALUES ${values.slice(0, 65).join(', ')}`),
    env.DB.prepare(`INSERT INTO regions (slug, name, timezone) VALUES ${values.slice(65).join(', ')}`),
    ...['dinkes', 'disdukcapil'].map((unit) =>
      env.DB.prepare(
        `INSERT INTO units (region_id, slug, name) SELECT id, '${unit}', 'Dinas ${unit}' FROM regions WHERE slug LIKE 'nasional-%'`,
      ),
    ),
    env.DB.prepare(
      `INSERT INTO services (unit_id, slug, name) SELECT u.id, 'kartu', 'Kartu' FROM units u
       JOIN regions r ON r.id = u.region_id WHERE r.slug LIKE 'nasional-%'`,
    ),
  ]);
  const service = '(SELECT s.id FROM services s WHERE s.unit_id = u.id)';
  await env.DB.batch([
    // Every unit in May with its service; in June only the even regions' first unit, without a service, some small.
    ...rollups('1 = 1', service, '2026-05', 12, 4),
    ...rollups("u.region_id % 2 = 0 AND u.slug = 'dinkes'", '0', '2026-06', 11, 3),
    ...rollups("u.region_id % 3 = 0 AND u.slug = 'disdukcapil'", service, '2026-07', 4, 2),
  ]);
});

describe('national scores.* and service-scores.* (SPEC §5)', () => {
  it('reads all 132 regions in a few grouped queries and yields exactly the rows of the per-region files', async () => {
    const { scope, filter } = await prepareExport(db(), {});
    expect(scope.regions).toHaveLength(REGIONS + 2);

    const counted = countingD1(env.DB);
    const national = await collect(scoresRows(counted.d1, scope, filter));
    // Per 50 regions one rollup query and one for the disclosure plans' counts (6 for 132), where it used to be 2
    // per region (264).
    expect(counted.queries).toBe(6);

    const perRegion: Row[] = [];
    for (let i = 0; i < scope.regions.length; i += 1) {
      perRegion.push(...(await collect(scoresRows(env.DB, oneRegion(scope, i), filter))));
    }
    expect(national).toEqual(perRegion);
    // Every unit of a region gets a row for each month its region had responses: quiet months are rows of 0.
    const quiet = national.find((row) => row[0] === 'nasional-002' && row[2] === 'disdukcapil' && row[4] === '2026-06');
    expect(quiet?.[5]).toBe(0);
    expect(national.some((row) => row[0] === 'nasional-001' && row[4] === '2026-06')).toBe(false);
  }, 30_000);

  it('service scores: three queries per 50 regions (cells, services, plan counts), the same rows as region by region', async () => {
    const { scope, filter } = await prepareExport(db(), {});
    const counted = countingD1(env.DB);
    const national = await collect(serviceScoresRows(counted.d1, scope, filter));
    expect(counted.queries).toBe(9);

    const perRegion: Row[] = [];
    for (let i = 0; i < scope.regions.length; i += 1) {
      perRegion.push(...(await collect(serviceScoresRows(env.DB, oneRegion(scope, i), filter))));
    }
    expect(national).toEqual(perRegion);
    // A June without a service: the unit's service row (0 responses) and the "no service" row (11).
    const june = national.filter((row) => row[0] === 'nasional-002' && row[2] === 'dinkes' && row[6] === '2026-06');
    expect(june.map((row) => [row[4], row[7]])).toEqual([
      ['kartu', 0],
      [null, 11],
    ]);
  }, 30_000);

  it('the national files answer 200 with every region', async () => {
    for (const file of ['scores.csv', 'service-scores.csv', 'scores.json']) {
      const response = await get(`/data/${file}`);
      expect(response.status, file).toBe(200);
      const text = await response.text();
      expect(text, file).toContain('nasional-130');
      expect(text, file).toContain('kota-b');
    }
  });
});
