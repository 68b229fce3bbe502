import { env } from 'cloudflare:workers';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { currentPeriod, localDate, previousPeriod } from '../../domain/periods';
import { REBUILD_ROLLUPS_SQL } from '../../schema/rollups';
import { dateRange } from '../../worker/services/open-data/filters';
import { responsesRows } from '../../worker/services/open-data/responses-rows';
import { resolveScope } from '../../worker/services/open-data/rows';
import { createOrganisation, db, type Organisation } from '../support/fixtures';
import { get } from '../support/http';
import { collect } from '../support/open-data';
import { fromOrigin } from '../support/origin';
import { runNight } from '../support/snapshots';

let sequence = 0;
/** `count` counted ratings of one unit on `date` (local), submitted at `at`. */
async function rate(org: Organisation, date: string, count: number, at = Date.parse(`${date}T03:00:00Z`)) {
  await env.DB.batch(
    Array.from({ length: count }, () => {
      sequence += 1;
      return env.DB.prepare(
        `INSERT INTO responses (id, submission_id, region_id, unit_id, counter_id, channel,
           u1, u2, u3, u4, u5, u6, u7, u8, u9, gender, submitted_at, local_date)
         VALUES (?, ?, ?, ?, ?, 'qr', 3, 3, 4, 4, 3, 3, 4, 2, 3, 'P', ?, ?)`,
      ).bind(`closed-${sequence}`, `closed-sub-${sequence}`, org.regionId, org.unitId, org.counterId, at, date);
    }),
  );
  await env.DB.batch(REBUILD_ROLLUPS_SQL.map((sql) => env.DB.prepare(sql)));
}

const csvRows = (text: string) => Papa.parse<string[]>(text, { skipEmptyLines: true }).data.slice(1);

// Jayapura (WIT, UTC+9) is the first Indonesian zone to close a month.
const ZONE = 'Asia/Jayapura';
const now = Date.now();
const thisMonth = currentPeriod('month', now, ZONE);
const lastMonth = previousPeriod(thisMonth);
let live: Organisation;

beforeAll(async () => {
  live = await createOrganisation({ region: 'kota-timur', timezone: ZONE });
  await rate(live, lastMonth.start, 10);
  await rate(live, localDate(now, ZONE), 10, now);
});

describe('microdata only for closed months (SPEC §4: never the day or time, k = 5)', () => {
  it('should leave a rating of the current month out of responses.csv and .json, and keep last month’s', async () => {
    const csv = csvRows(await (await get('/data/responses.csv?region=kota-timur')).text());
    expect(csv.map((r) => r[3])).toEqual(Array(10).fill(lastMonth.id));
    const json = (await (await get('/data/responses.json?region=kota-timur')).json()) as { month: string }[];
    expect(json.map((r) => r.month)).toEqual(Array(10).fill(lastMonth.id));
    // The scores still show the running month: only the microdata wait for it to close.
    const scores = csvRows(await (await get('/data/scores.csv?region=kota-timur')).text());
    expect(scores.map((r) => r[4])).toEqual([lastMonth.id, thisMonth.id]);
  });

  it('should cap a `to` beyond the last closed month instead of refusing it', async () => {
    const response = await get(`/data/responses.csv?region=kota-timur&from=${thisMonth.id}&to=${thisMonth.id}`);
    expect(response.status).toBe(200);
    expect(csvRows(await response.text())).toEqual([]);
    const capped = await get(`/data/responses.csv?region=kota-timur&to=${thisMonth.id}`);
    expect(csvRows(await capped.text())).toHaveLength(10);
  });

  it('should send an ETag but no Last-Modified with responses.*, and change the ETag with the year of its closed months', async () => {
    const before = await get('/data/responses.csv?region=kota-timur');
    await before.body?.cancel();
    const etag = before.headers.get('etag')!;
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(before.headers.get('last-modified')).toBeNull();
    const json = await get('/data/responses.json?region=kota-timur');
    await json.body?.cancel();
    expect(json.headers.get('last-modified')).toBeNull();
    const scores = await get('/data/scores.csv?region=kota-timur');
    await scores.body?.cancel();
    expect(scores.headers.get('last-modified')).toMatch(/GMT$/);

    // A new rating today changes the ETag: the disclosure plan of the closed months of its year depends on it (SPEC §4).
    await rate(live, localDate(now, ZONE), 1, now);
    const today = await fromOrigin('/data/responses.csv?region=kota-timur', { headers: { 'if-none-match': etag } });
    expect(today.status).toBe(200);
    expect(today.headers.get('etag')).not.toBe(etag);
    // …while its rows stay the closed months' (the running month is never published).
    expect(csvRows(await today.text())).toHaveLength(10);
    // …a paper questionnaire keyed in for the closed month changes that month's block, and the ETag.
    await rate(live, lastMonth.start, 1);
    const paper = await fromOrigin('/data/responses.csv?region=kota-timur', { headers: { 'if-none-match': etag } });
    expect(paper.status).toBe(200);
    expect(paper.headers.get('etag')).not.toBe(etag);
    expect(csvRows(await paper.text())).toHaveLength(11);
  });

  it('should close a month by the region’s own time zone', async () => {
    const east = await createOrganisation({ region: 'kota-wit', timezone: 'Asia/Jayapura' });
    const west = await createOrganisation({ region: 'kota-wib', timezone: 'Asia/Jakarta' });
    await rate(east, '2025-06-10', 10);
    await rate(west, '2025-06-10', 10);
    const scope = await resolveScope(db(), {});
    scope.regions = scope.regions.filter(({ region }) => ['kota-wit', 'kota-wib'].includes(region.slug));
    const regionsOf = async (at: string) =>
      (await collect(responsesRows(env.DB, scope, dateRange({}), { now: Date.parse(at) }))).map((r) => r[0]);
    // 16:30 UTC on 30 June is 01:30 on 1 July in Jayapura but still 23:30 on 30 June in Jakarta.
    expect(new Set(await regionsOf('2025-06-30T16:30:00Z'))).toEqual(new Set(['kota-wit']));
    expect(new Set(await regionsOf('2025-06-30T17:00:00Z'))).toEqual(new Set(['kota-wit', 'kota-wib']));
  });

  it('should write only closed months into the nightly snapshot’s responses files', async () => {
    const archive = await createOrganisation({ region: 'kota-arsip-bulan' });
    await rate(archive, '2024-04-15', 10);
    await rate(archive, '2024-05-04', 10);
    // 17:30 UTC on 2024-05-20 is 00:30 WIB on 2024-05-21: May is still running.
    await runNight(Date.parse('2024-05-20T17:30:00Z'));
    const file = async (month: string, name: string) =>
      csvRows(await (await env.SNAPSHOTS!.get(`snapshots/2024-05-21/kota-arsip-bulan/${month}/${name}`))!.text());
    expect((await file('2024-04', 'responses.csv')).map((r) => r[3])).toEqual(Array(10).fill('2024-04'));
    expect(await file('2024-05', 'responses.csv')).toEqual([]);
    expect((await file('2024-04', 'scores.csv')).map((r) => r[4])).toEqual(['2024-04']);
    expect((await file('2024-05', 'scores.csv')).map((r) => r[4])).toEqual(['2024-05']);
  });
});
