import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { aggregateOf } from '../../domain/aggregate';
import { parsePeriod } from '../../domain/periods';
import { summarize } from '../../domain/summary';
import { services } from '../../schema';
import { unitServiceScores } from '../../worker/indicators/service-scores';
import { createOrganisation, db } from '../support/fixtures';
import { insertRatings, same } from '../support/ratings';

const FOUR = [4, 4, 4, 4, 4, 4, 4, 4, 4];
const THREE = [3, 3, 3, 3, 3, 3, 3, 3, 3];
const TWO = [2, 2, 2, 2, 2, 2, 2, 2, 2];

async function unitWithServices(region: string, extra: string[]) {
  const org = await createOrganisation({ region });
  const ids = [org.serviceId];
  for (const slug of extra) {
    const row = await db()
      .insert(services)
      .values({ unitId: org.unitId, slug, name: `Layanan ${slug}` })
      .returning()
      .get();
    ids.push(row.id);
  }
  return { org, ids, region: { id: org.regionId }, unit: { id: org.unitId } };
}

const withService = (rows: ReturnType<typeof same>, serviceId: number | null) =>
  rows.map((row) => ({ ...row, serviceId }));

describe('unitServiceScores (SPEC §5 ServiceScore, §4 suppression)', () => {
  it('splits a unit by service, with a row for responses without one, each the domain summary', async () => {
    const { org, ids, region, unit } = await unitWithServices('layanan-a', ['akta']);
    await insertRatings(org, [
      ...withService(same(12, FOUR, '2026-03-02'), ids[0] ?? 0),
      ...withService(same(15, THREE, '2026-03-03'), ids[1] ?? 0),
      ...withService(same(10, TWO, '2026-03-04'), null),
    ]);

    const scores = await unitServiceScores(env.DB, region, unit, parsePeriod('2026-03')!, 'public');

    expect(scores.map((s) => [s.service?.slug ?? null, s.responses, s.ikm, s.grade])).toEqual([
      ['akta', 15, 75, 'C'],
      ['ktp-el', 12, 100, 'A'],
      [null, 10, 50, 'D'],
    ]);
    expect(scores[1]).toMatchObject({ ...summarize(aggregateOf(same(12, FOUR, '').map((r) => r.scores))) });
    expect(scores.every((s) => !s.suppressed)).toBe(true);
  });

  it('suppresses a small service and, complementarily, the next smallest so the unit total cannot reveal it', async () => {
    const { org, ids, region, unit } = await unitWithServices('layanan-b', ['akta', 'kia']);
    await insertRatings(org, [
      ...withService(same(30, FOUR, '2026-04-02'), ids[0] ?? 0),
      ...withService(same(12, THREE, '2026-04-03'), ids[1] ?? 0),
      ...withService(same(4, TWO, '2026-04-04'), ids[2] ?? 0),
    ]);

    const publicScores = await unitServiceScores(env.DB, region, unit, parsePeriod('2026-04')!, 'public');
    const agencyScores = await unitServiceScores(env.DB, region, unit, parsePeriod('2026-04')!, 'agency');

    expect(publicScores.map((s) => [s.service?.slug, s.responses, s.suppressed, s.ikm])).toEqual([
      ['akta', 12, true, null],
      ['kia', 4, true, null],
      ['ktp-el', 30, false, 100],
    ]);
    expect(agencyScores.map((s) => [s.service?.slug, s.suppressed, s.ikm])).toEqual([
      ['akta', false, 75],
      ['kia', false, 50],
      ['ktp-el', false, 100],
    ]);
  });

  it('suppresses a service whose months would reveal a small month, and lists services without responses', async () => {
    const { org, ids, region, unit } = await unitWithServices('layanan-c', ['akta', 'kia']);
    await insertRatings(org, [
      ...withService(same(20, FOUR, '2026-05-02'), ids[0] ?? 0),
      ...withService(same(3, FOUR, '2026-06-02'), ids[0] ?? 0),
      ...withService(same(25, THREE, '2026-05-03'), ids[1] ?? 0),
      ...withService(same(25, THREE, '2026-06-03'), ids[1] ?? 0),
    ]);

    const scores = await unitServiceScores(env.DB, region, unit, parsePeriod('2026-Q2')!, 'public');

    // ktp-el: 23 in the quarter, but June's 3 = quarter − May; kia has none. The unit total (73) keeps its figure
    // because its own months (45, 28) are both publishable, and the withheld ktp-el holds 23 ≥ 10.
    expect(scores.map((s) => [s.service?.slug, s.responses, s.suppressed])).toEqual([
      ['akta', 50, false],
      ['kia', 0, true],
      ['ktp-el', 23, true],
    ]);
  });

  it('withholds every service when the unit itself is too small to publish', async () => {
    const { org, ids, region, unit } = await unitWithServices('layanan-d', []);
    await insertRatings(org, withService(same(8, FOUR, '2026-07-02'), ids[0] ?? 0));

    const scores = await unitServiceScores(env.DB, region, unit, parsePeriod('2026-07')!, 'public');

    expect(scores).toEqual([
      expect.objectContaining({
        service: { slug: 'ktp-el', name: 'Penerbitan KTP-el' },
        responses: 8,
        suppressed: true,
        ikm: null,
      }),
    ]);
  });
});
