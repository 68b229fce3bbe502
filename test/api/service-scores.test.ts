import { env, exports } from 'cloudflare:workers';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { aggregateOf } from '../../domain/aggregate';
import { parsePeriod } from '../../domain/periods';
import { summarize } from '../../domain/summary';
import { services } from '../../schema';
import { UnitServiceScoresSchema } from '../../worker/contract/scores';
import { createApiKey } from '../../worker/services/admin/api-keys';
import { type ServiceScore, unitServiceScores } from '../../worker/services/indicators/service-scores';
import { columnsOf } from '../../worker/services/open-data/resources';
import { createOrganisation, db } from '../support/fixtures';
import { FOUR, insertRatings, same, THREE, TWO } from '../support/ratings';

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

  it('suppresses a small service and, complementarily, another so the unit total cannot reveal it', async () => {
    const { org, ids, region, unit } = await unitWithServices('layanan-b', ['akta', 'kia']);
    await insertRatings(org, [
      ...withService(same(30, FOUR, '2026-04-02'), ids[0] ?? 0),
      ...withService(same(12, THREE, '2026-04-03'), ids[1] ?? 0),
      ...withService(same(4, TWO, '2026-04-04'), ids[2] ?? 0),
    ]);

    const publicScores = await unitServiceScores(env.DB, region, unit, parsePeriod('2026-04')!, 'public');
    const agencyScores = await unitServiceScores(env.DB, region, unit, parsePeriod('2026-04')!, 'agency');

    // 46 − 30 − 12 would give kia's 4 back, so one more service goes: the plan keeps akta and withholds ktp-el.
    expect(publicScores.map((s) => [s.service?.slug, s.responses, s.suppressed, s.ikm])).toEqual([
      ['akta', 12, false, 75],
      ['kia', 4, true, null],
      ['ktp-el', 30, true, null],
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

    // ktp-el: 23 in the quarter, but June's 3 = quarter − May; kia has none. The unit's quarter (73) is published, so
    // akta's quarter is withheld too: 73 − 50 would give the withheld ktp-el quarter back (SPEC §4: no withheld
    // figure, whatever its size, may be recovered).
    expect(scores.map((s) => [s.service?.slug, s.responses, s.suppressed])).toEqual([
      ['akta', 50, true],
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

describe('per-service scores are the same in the services API, service-scores.csv|json and the agency API (SPEC §5)', () => {
  const get = (path: string, key?: string) =>
    exports.default.fetch(`https://suara.test${path}`, key ? { headers: { Authorization: `Bearer ${key}` } } : {});
  const parseCsv = (text: string) => Papa.parse<string[]>(text.trim(), { skipEmptyLines: true }).data;

  it('publishes one month’s services identically in the endpoint and the file, suppressed cells empty, and the agency sees all', async () => {
    const { org, ids } = await unitWithServices('layanan-sama', ['akta', 'kia']);
    await insertRatings(org, [
      ...withService(same(30, FOUR, '2026-08-02'), ids[0] ?? 0),
      ...withService(same(12, THREE, '2026-08-03'), ids[1] ?? 0),
      ...withService(same(4, TWO, '2026-08-04'), ids[2] ?? 0),
      ...withService(same(13, THREE, '2026-08-05'), null),
      // September: only ktp-el, so the other services have no row of their own then but are still listed.
      ...withService(same(10, FOUR, '2026-09-02'), ids[0] ?? 0),
    ]);

    const api = UnitServiceScoresSchema.strict().parse(
      await (await get('/api/v1/regions/layanan-sama/units/disdukcapil/services?period=2026-08')).json(),
    );
    const csv = parseCsv(
      await (await get('/data/service-scores.csv?region=layanan-sama&from=2026-08&to=2026-08')).text(),
    );
    const json = await (
      await get('/data/service-scores.json?region=layanan-sama&unit=disdukcapil&from=2026-08&to=2026-08')
    ).json<Record<string, unknown>[]>();
    const { key } = await createApiKey(env.DB, 'test', { id: org.regionId, slug: 'layanan-sama' }, 'Bagian Organisasi');
    const agency = await (await get('/api/v1/agency/scores?period=2026-08', key)).json<{
      units: { services: ServiceScore[] }[];
    }>();

    expect(api.period).toEqual({ id: '2026-08', start: '2026-08-01', end: '2026-08-31' });
    // kia (4) is suppressed, and one more row with it (the plan picks the responses without a service): 59 − 30 −
    // 12 − 13 would otherwise give kia's 4 back.
    expect(api.services.map((s) => [s.service?.slug ?? null, s.responses, s.suppressed, s.ikm])).toEqual([
      ['akta', 12, false, 75],
      ['kia', 4, true, null],
      ['ktp-el', 30, false, 100],
      [null, 13, true, null],
    ]);
    expect(csv[0]).toEqual(columnsOf('service-scores'));
    const rows = csv.slice(1);
    expect(rows.map((r) => [r[4], r[6], r[7], r[8], r[9], r[10]])).toEqual(
      api.services.map((s) => [
        s.service?.slug ?? '',
        '2026-08',
        String(s.responses),
        s.ikm === null ? '' : String(s.ikm),
        s.grade ?? '',
        s.elements === null ? '' : String(s.elements[0]?.nrr),
      ]),
    );
    expect(json.map((r) => [r.service, r.responses, r.ikm])).toEqual(
      api.services.map((s) => [s.service?.slug ?? null, s.responses, s.ikm]),
    );
    const agencyServices = agency.units[0]?.services ?? [];
    expect(agencyServices.map((s) => [s.service?.slug ?? null, s.responses, s.suppressed, s.ikm])).toEqual([
      ['akta', 12, false, 75],
      ['kia', 4, false, 50],
      ['ktp-el', 30, false, 100],
      [null, 13, false, 75],
    ]);
    for (const published of api.services.filter((s) => !s.suppressed)) {
      expect(agencyServices.find((s) => s.service?.slug === published.service?.slug)).toEqual(published);
    }
  });

  it('lists September’s services too, and answers an unknown unit with 404 and a bad period with 400', async () => {
    const csv = parseCsv(await (await get('/data/service-scores.csv?region=layanan-sama&from=2026-09')).text());
    expect(csv.slice(1).map((r) => [r[4], r[6], r[7], r[8]])).toEqual([
      ['akta', '2026-09', '0', ''],
      ['kia', '2026-09', '0', ''],
      ['ktp-el', '2026-09', '10', '100'],
    ]);
    expect((await get('/api/v1/regions/layanan-sama/units/tidak-ada/services')).status).toBe(404);
    const bad = await get('/api/v1/regions/layanan-sama/units/disdukcapil/services?period=2026-13');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
  });
});
