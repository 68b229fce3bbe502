import { env, exports } from 'cloudflare:workers';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_K } from '../../domain/microdata';
import { parsePeriod } from '../../domain/periods';
import { ageBand } from '../../domain/survey';
import { REBUILD_ROLLUPS_SQL } from '../../schema/rollups';
import { AGE_BAND_SQL } from '../../worker/db/microdata';
import { findRegion, findUnit } from '../../worker/db/regions';
import { unitScore } from '../../worker/services/indicators/scores';
import { commentsRows } from '../../worker/services/open-data/comments-rows';
import { dateRange } from '../../worker/services/open-data/filters';
import { columnsOf } from '../../worker/services/open-data/resources';
import { responsesRows } from '../../worker/services/open-data/responses-rows';
import { resolveScope } from '../../worker/services/open-data/rows';
import { createOrganisation, db, type Organisation } from '../support/fixtures';
import { collect, SCORES_CSV_COLUMNS } from '../support/open-data';
import { fromOrigin } from '../support/origin';

const BASE = 'https://suara.test';
const get = (path: string, init?: RequestInit) => exports.default.fetch(`${BASE}${path}`, init);

interface Profile {
  gender?: string | null;
  age?: number | null;
  education?: string | null;
  occupation?: string | null;
}

let sequence = 0;
async function insertResponses(
  org: Pick<Organisation, 'regionId' | 'unitId' | 'counterId' | 'serviceId'>,
  rows: {
    date: string;
    scores: number[];
    profile?: Profile;
    flagged?: boolean;
    comment?: [string, string | null];
    channel?: string;
    serviceId?: number;
  }[],
) {
  const statements = rows.flatMap((row) => {
    sequence += 1;
    const id = `resp-${sequence}`;
    const p = row.profile ?? {};
    const insert = env.DB.prepare(
      `INSERT INTO responses (id, submission_id, region_id, unit_id, counter_id, service_id, channel,
         u1, u2, u3, u4, u5, u6, u7, u8, u9, gender, age, education, occupation, submitted_at, local_date, flagged)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).bind(
      id,
      `sub-${sequence}`,
      org.regionId,
      org.unitId,
      org.counterId,
      row.serviceId ?? org.serviceId,
      row.channel ?? 'qr',
      ...row.scores,
      p.gender ?? null,
      p.age ?? null,
      p.education ?? null,
      p.occupation ?? null,
      Date.parse(`${row.date}T03:17:00Z`),
      row.date,
      row.flagged ? 1 : 0,
    );
    if (!row.comment) return [insert];
    return [
      insert,
      env.DB.prepare(
        `INSERT INTO comments (id, response_id, region_id, unit_id, body, status, local_date, reply)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).bind(`c-${id}`, id, org.regionId, org.unitId, row.comment[0], row.comment[1] ?? 'pending', row.date, null),
    ];
  });
  await env.DB.batch(statements);
}

function parseCsv(text: string): string[][] {
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

const SCORES = (i: number) =>
  [4, 3, 3, 4, 3, 4, 4, 2, 3].map((s, e) => Math.max(1, Math.min(4, s - ((i + e) % 3 === 0 ? 1 : 0))));

let big: Organisation;
let tiny: Organisation;

beforeAll(async () => {
  big = await createOrganisation({
    region: 'kota-terbuka',
    regionName: 'Kota Terbuka',
    regionCode: '21.72',
    unit: 'disdukcapil',
  });
  // A second, small unit in the same region.
  const unit = await env.DB.prepare(
    `INSERT INTO units (region_id, slug, name) VALUES (?, 'dispusip', 'Dinas Perpustakaan') RETURNING id`,
  )
    .bind(big.regionId)
    .first<{ id: number }>();
  tiny = { ...big, unitId: unit!.id, serviceId: 0, counterId: 0 };
  const other = await createOrganisation({ region: 'kota-lain', regionName: 'Kota Lain' });

  const common: Profile = { gender: 'P', age: 34, education: 'D4-S1', occupation: 'SWASTA' };
  const rows = [
    // 12 respondents share one common profile (a group ≥ k).
    ...Array.from({ length: 12 }, (_, i) => ({
      date: `2026-03-${String(1 + i).padStart(2, '0')}`,
      scores: SCORES(i),
      profile: common,
    })),
    // 6 share another (≥ k).
    ...Array.from({ length: 6 }, (_, i) => ({
      date: '2026-03-15',
      scores: SCORES(i + 3),
      profile: { gender: 'L', age: 45, education: 'SMA', occupation: 'WIRAUSAHA' },
    })),
    // 2 rare profiles: must be blanked.
    { date: '2026-03-20', scores: SCORES(1), profile: { gender: 'P', age: 67, education: 'S3', occupation: 'PNS' } },
    {
      date: '2026-03-21',
      scores: SCORES(2),
      profile: { gender: 'L', age: 19, education: 'SD', occupation: 'PELAJAR' },
    },
    // A flagged response stays out of everything.
    { date: '2026-03-22', scores: [1, 1, 1, 1, 1, 1, 1, 1, 1], profile: common, flagged: true },
    // Comments: one published, one pending.
    {
      date: '2026-03-23',
      scores: SCORES(4),
      comment: ['Pelayanan cepat, hubungi 0812-3456-7890.', 'published'] as [string, string],
    },
    { date: '2026-03-24', scores: SCORES(5), comment: ['Belum dimoderasi.', 'pending'] as [string, string] },
    // April: 11 responses.
    ...Array.from({ length: 11 }, (_, i) => ({ date: '2026-04-02', scores: SCORES(i + 7) })),
  ];
  await insertResponses(big, rows);
  // The small unit: 4 responses in March of the year before → suppressed. (In the big unit's March, the region's
  // March minus the big unit's would give them back, and the disclosure plan would withhold the big unit's March.)
  await insertResponses(
    tiny,
    Array.from({ length: 4 }, (_, i) => ({ date: '2025-03-10', scores: SCORES(i), profile: common })),
  );
  await insertResponses(
    other,
    Array.from({ length: 10 }, (_, i) => ({ date: '2026-03-10', scores: SCORES(i) })),
  );
  // One rare profile of exactly k = 5 respondents, split 1/2/1/1 by service and channel: unique on the published
  // columns unless service and channel count as quasi-identifiers too (SPEC §4).
  const channels = await createOrganisation({ region: 'kota-kanal', regionName: 'Kota Kanal' });
  const kk = await env.DB.prepare(
    `INSERT INTO services (unit_id, slug, name) VALUES (?, 'kk', 'Kartu Keluarga') RETURNING id`,
  )
    .bind(channels.unitId)
    .first<{ id: number }>();
  const rare: Profile = { gender: 'P', age: 67, education: 'S3', occupation: 'PNS' };
  await insertResponses(channels, [
    { date: '2026-03-02', scores: SCORES(1), profile: rare, channel: 'qr' },
    { date: '2026-03-03', scores: SCORES(2), profile: rare, channel: 'paper' },
    { date: '2026-03-04', scores: SCORES(3), profile: rare, channel: 'paper' },
    { date: '2026-03-05', scores: SCORES(4), profile: rare, channel: 'qr', serviceId: kk!.id },
    { date: '2026-03-06', scores: SCORES(5), profile: rare, channel: 'kiosk', serviceId: kk!.id },
    ...Array.from({ length: 20 }, (_, i) => ({ date: '2026-03-07', scores: SCORES(i), channel: 'qr' })),
    ...Array.from({ length: 20 }, (_, i) => ({
      date: '2026-03-08',
      scores: SCORES(i),
      channel: 'qr',
      serviceId: kk!.id,
    })),
  ]);
  await env.DB.batch(REBUILD_ROLLUPS_SQL.map((sql) => env.DB.prepare(sql)));
});

describe('GET /data/scores.csv and .json (SPEC §5)', () => {
  it('is an RFC 4180 UTF-8 CSV attachment with the SPEC header, one row per region × unit × month', async () => {
    const response = await get('/data/scores.csv?region=kota-terbuka');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="suara-layanan_scores_kota-terbuka\.csv"$/,
    );
    const text = await response.text();
    expect(text.endsWith('\r\n')).toBe(true);
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual(SCORES_CSV_COLUMNS);
    expect(rows.map((r) => [r[0], r[2], r[4], r[5]])).toEqual([
      ['kota-terbuka', 'disdukcapil', '2025-03', '0'],
      ['kota-terbuka', 'disdukcapil', '2026-03', '22'],
      ['kota-terbuka', 'disdukcapil', '2026-04', '11'],
      ['kota-terbuka', 'dispusip', '2025-03', '4'],
      ['kota-terbuka', 'dispusip', '2026-03', '0'],
      ['kota-terbuka', 'dispusip', '2026-04', '0'],
    ]);
  });

  it('has the same figures as unitScore for the month, and the JSON file has them as numbers', async () => {
    const region = (await findRegion(db(), 'kota-terbuka'))!;
    const unit = (await findUnit(db(), region.id, 'disdukcapil'))!;
    const score = await unitScore(env.DB, region, unit, parsePeriod('2026-03')!, 'public');
    const csv = parseCsv(await (await get('/data/scores.csv?region=kota-terbuka&from=2026-03&to=2026-03')).text());
    const json = (await (await get('/data/scores.json?region=kota-terbuka&from=2026-03&to=2026-03')).json()) as Record<
      string,
      unknown
    >[];
    const row = csv.find((r) => r[2] === 'disdukcapil')!;
    expect(Number(row[6])).toBe(score.ikm);
    expect(row[7]).toBe(score.grade);
    expect(row.slice(8, 17).map(Number)).toEqual(score.elements!.map((e) => e.nrr));
    expect(row.slice(17)).toEqual(['21.72', '21', 'Kepulauan Riau']);
    expect(json.find((r) => r.unit === 'disdukcapil')).toEqual({
      region: 'kota-terbuka',
      region_name: 'Kota Terbuka',
      unit: 'disdukcapil',
      unit_name: 'Dinas Kependudukan dan Pencatatan Sipil',
      period: '2026-03',
      responses: 22,
      ikm: score.ikm,
      grade: score.grade,
      ...Object.fromEntries(score.elements!.map((e) => [e.code.toLowerCase(), e.nrr])),
      region_code: '21.72',
      province_code: '21',
      province_name: 'Kepulauan Riau',
    });
  });

  it('shows a suppressed cell’s count but no figure in CSV and JSON (SPEC §4)', async () => {
    const csv = parseCsv(
      await (await get('/data/scores.csv?region=kota-terbuka&unit=dispusip&from=2025-03&to=2025-03')).text(),
    );
    expect(csv[1]).toEqual([
      'kota-terbuka',
      'Kota Terbuka',
      'dispusip',
      'Dinas Perpustakaan',
      '2025-03',
      '4',
      ...Array(11).fill(''),
      '21.72',
      '21',
      'Kepulauan Riau',
    ]);
    const [json] = (await (
      await get('/data/scores.json?region=kota-terbuka&unit=dispusip&from=2025-03&to=2025-03')
    ).json()) as Record<string, unknown>[];
    expect(json).toMatchObject({ responses: 4, ikm: null, grade: null, u1: null, u9: null });
  });

  it('filters by region: every region when absent, only the chosen one when given', async () => {
    const all = parseCsv(await (await get('/data/scores.csv')).text()).slice(1);
    expect(new Set(all.map((r) => r[0]))).toEqual(new Set(['kota-terbuka', 'kota-lain', 'kota-kanal']));
    const one = parseCsv(await (await get('/data/scores.csv?region=kota-lain')).text()).slice(1);
    expect(one.map((r) => r[0])).toEqual(['kota-lain']);
  });

  it('leaves the region-code cells empty for a region registered before codes existed (SPEC §1)', async () => {
    const [row] = parseCsv(await (await get('/data/scores.csv?region=kota-lain')).text()).slice(1);
    expect(row?.slice(-3)).toEqual(['', '', '']);
    const [json] = (await (await get('/data/scores.json?region=kota-lain')).json()) as Record<string, unknown>[];
    expect(json).toMatchObject({ region_code: null, province_code: null, province_name: null });
  });
});

describe('filters and validators of the open-data files (SPEC §5)', () => {
  it.each([
    ['/data/scores.csv?from=2026-13', 'from'],
    ['/data/responses.json?to=26-01', 'to'],
    ['/data/comments.csv?from=2026-05&to=2026-01', 'from'],
    ['/data/scores.json?unit=disdukcapil', 'unit'],
    ['/data/scores.csv?region=Kota%20Besar', 'region'],
  ])('answers %s with a 400 problem naming the field', async (path, field) => {
    const response = await get(path);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const body = (await response.json()) as { errors: { field: string }[] };
    expect(body.errors.map((e) => e.field)).toContain(field);
  });

  it('answers an unknown region or unit with a 404 problem', async () => {
    expect((await get('/data/scores.csv?region=tidak-ada')).status).toBe(404);
    expect((await get('/data/responses.csv?region=kota-terbuka&unit=tidak-ada')).status).toBe(404);
  });

  it('sends ETag and Last-Modified, answers If-None-Match with 304, and changes the ETag when the data change', async () => {
    const first = await get('/data/scores.csv?region=kota-lain');
    await first.body?.cancel();
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(first.headers.get('last-modified')).toMatch(/GMT$/);
    expect(first.headers.get('cache-control')).toBe('public, max-age=300');

    const again = await get('/data/scores.csv?region=kota-lain', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    const otherFilter = await get('/data/scores.csv?region=kota-lain&from=2026-01');
    await otherFilter.body?.cancel();
    expect(otherFilter.headers.get('etag')).not.toBe(etag);

    const org = (await findRegion(db(), 'kota-lain'))!;
    const unit = (await findUnit(db(), org.id, 'disdukcapil'))!;
    await insertResponses({ regionId: org.id, unitId: unit.id, counterId: 0, serviceId: 0 }, [
      { date: '2026-03-11', scores: SCORES(1) },
    ]);
    await env.DB.batch(REBUILD_ROLLUPS_SQL.map((sql) => env.DB.prepare(sql)));
    // What the edge cache fetches once its five minutes are over.
    const changed = await fromOrigin('/data/scores.csv?region=kota-lain', { headers: { 'if-none-match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    await changed.body?.cancel();
  });
});

describe('GET /data/responses.csv: k-anonymous microdata (SPEC §4)', () => {
  it('has the SPEC columns and no day, time, counter, device or comment', async () => {
    const text = await (await get('/data/responses.csv?region=kota-terbuka')).text();
    const [header] = parseCsv(text);
    expect(header).toEqual([
      'region',
      'unit',
      'service',
      'month',
      'channel',
      'u1',
      'u2',
      'u3',
      'u4',
      'u5',
      'u6',
      'u7',
      'u8',
      'u9',
      'gender',
      'age_band',
      'education',
      'occupation',
      'region_code',
      'province_code',
      'province_name',
    ]);
    expect(text).not.toMatch(/2026-\d\d-\d\d/);
    expect(text).not.toMatch(/\d\d:\d\d/);
    expect(text).not.toMatch(/loket|Pelayanan cepat|resp-/i);
  });

  it('satisfies k = 5: every published combination of the quasi-identifiers occurs at least 5 times', async () => {
    const rows = parseCsv(await (await get('/data/responses.csv')).text()).slice(1);
    const sizes = new Map<string, number>();
    for (const r of rows) {
      // Every published quasi-identifier: region, unit, service, month, channel, gender, age band, education, occupation.
      const key = JSON.stringify([r[0], r[1], r[2], r[3], r[4], r[14], r[15], r[16], r[17]]);
      sizes.set(key, (sizes.get(key) ?? 0) + 1);
    }
    for (const [key, size] of sizes) expect(size, key).toBeGreaterThanOrEqual(DEFAULT_K);
    // A profile of exactly 5 split by service and channel: its rows lose the profile, none is dropped, and the
    // generalisation stops at the channel: every row keeps its service.
    const split = rows.filter((r) => r[0] === 'kota-kanal');
    expect(split).toHaveLength(45);
    expect(split.filter((r) => r[17] === 'PNS')).toEqual([]);
    expect(split.filter((r) => r[2] === '')).toEqual([]);
    expect(split.filter((r) => r[4] === '')).toHaveLength(10);
    // The two rare profiles were blanked, and so were enough others to keep the blank group at k.
    const march = rows.filter((r) => r[0] === 'kota-terbuka' && r[1] === 'disdukcapil' && r[3] === '2026-03');
    expect(march).toHaveLength(22);
    expect(march.filter((r) => r[15] === '60+' || r[15] === '<20')).toEqual([]);
    expect(march.filter((r) => r[14] === '').length).toBeGreaterThanOrEqual(DEFAULT_K);
    expect(march.filter((r) => r[14] === 'L')).toHaveLength(6);
  });

  it('leaves out flagged responses and the responses of suppressed unit × month cells', async () => {
    const rows = parseCsv(await (await get('/data/responses.csv?region=kota-terbuka')).text()).slice(1);
    expect(rows.filter((r) => r.slice(5, 14).every((s) => s === '1'))).toEqual([]);
    expect(rows.filter((r) => r[1] === 'dispusip')).toEqual([]);
    expect(rows).toHaveLength(22 + 11);
  });

  it('bands ages in SQL exactly as the domain does', async () => {
    const ages = Array.from({ length: 86 }, (_, i) => 15 + i);
    const { results } = await env.DB.prepare(
      `WITH r(age) AS (VALUES ${ages.map(() => '(?)').join(', ')}) SELECT age, ${AGE_BAND_SQL} AS band FROM r`,
    )
      .bind(...ages)
      .all<{ age: number; band: string }>();
    expect(results.map((r) => r.band)).toEqual(ages.map(ageBand));
  });

  it('serves the same rows as JSON objects', async () => {
    const json = (await (await get('/data/responses.json?region=kota-terbuka&from=2026-04')).json()) as Record<
      string,
      unknown
    >[];
    expect(json).toHaveLength(11);
    expect(Object.keys(json[0]!)).toEqual(columnsOf('responses'));
    expect(json[0]).toMatchObject({
      region: 'kota-terbuka',
      unit: 'disdukcapil',
      month: '2026-04',
      service: 'ktp-el',
      gender: null,
      region_code: '21.72',
      province_code: '21',
      province_name: 'Kepulauan Riau',
    });
  });
});

describe('GET /data/comments.csv (SPEC §4)', () => {
  it('lists published comments only, redacted, with the month and no day', async () => {
    const rows = parseCsv(await (await get('/data/comments.csv?region=kota-terbuka')).text());
    expect(rows).toEqual([
      ['region', 'unit', 'month', 'comment', 'reply', 'region_code', 'province_code', 'province_name'],
      [
        'kota-terbuka',
        'disdukcapil',
        '2026-03',
        'Pelayanan cepat, hubungi [disamarkan].',
        '',
        '21.72',
        '21',
        'Kepulauan Riau',
      ],
    ]);
  });
});

describe('GET /data/datapackage.json (SPEC §5)', () => {
  it('is a Frictionless Data Package, licence CC-BY-4.0, with a Table Schema matching every file’s header', async () => {
    const response = await get('/data/datapackage.json');
    expect(response.status).toBe(200);
    const pkg = (await response.json()) as {
      licenses: { name: string }[];
      version: string;
      resources: {
        name: string;
        path: string;
        schema: { fields: { name: string; type: string; description: string }[] };
      }[];
    };
    expect(pkg.licenses[0]?.name).toBe('CC-BY-4.0');
    expect(pkg.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(pkg.resources.map((r) => r.name)).toEqual(['scores', 'service-scores', 'responses', 'comments']);
    for (const resource of pkg.resources) {
      expect(resource.path).toBe(`https://suara.test/data/${resource.name}.csv`);
      const [header] = parseCsv(await (await get(`/data/${resource.name}.csv`)).text());
      expect(resource.schema.fields.map((f) => f.name)).toEqual(header);
      for (const field of resource.schema.fields) expect(field.description.length).toBeGreaterThan(5);
      // Every region-keyed file ends with the same three region-code columns, described and constrained.
      expect(resource.schema.fields.slice(-3)).toEqual([
        expect.objectContaining({
          name: 'region_code',
          type: 'string',
          constraints: { pattern: '^\\d{2}(\\.\\d{2})?$' },
        }),
        expect.objectContaining({ name: 'province_code', type: 'string', constraints: { pattern: '^\\d{2}$' } }),
        expect.objectContaining({ name: 'province_name', type: 'string' }),
      ]);
      expect(resource.schema.fields.at(-3)?.description).toMatch(/BPS/);
    }
  });
});

describe('streaming in keyset-paginated chunks (millions of rows within a Worker’s memory)', () => {
  it('gives the same rows, in the same order, whatever the page size', async () => {
    const scope = await resolveScope(db(), {});
    const filter = dateRange({});
    const whole = await collect(responsesRows(env.DB, scope, filter));
    for (const pageSize of [1, 3, 7, 22]) {
      expect(await collect(responsesRows(env.DB, scope, filter, { pageSize }))).toEqual(whole);
    }
    const comments = await collect(commentsRows(env.DB, scope, filter));
    expect(await collect(commentsRows(env.DB, scope, filter, 1))).toEqual(comments);
  });
});
