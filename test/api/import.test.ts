import { env, exports } from 'cloudflare:workers';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { aggregateOf } from '../../domain/aggregate';
import { monthsOf, type Period, parsePeriod } from '../../domain/periods';
import { publicSummary, summarize } from '../../domain/summary';
import { ScoreSchema } from '../../worker/contract/scores';
import { admin } from '../support/admin';
import { monthlyMismatches } from '../support/rollups';

const HEADER = 'date,service,u1,u2,u3,u4,u5,u6,u7,u8,u9,gender,age,education,occupation';
const csv = (...lines: string[]) => `${[HEADER, ...lines].join('\n')}\n`;
const importInto = (unit: string, body: string, region = 'kertas', query = '') =>
  admin('POST', `/regions/${region}/units/${unit}/responses/import${query}`, body);

async function count(sql: string, ...bindings: unknown[]) {
  return (
    (
      await env.DB.prepare(sql)
        .bind(...bindings)
        .first<{ n: number }>()
    )?.n ?? 0
  );
}

beforeAll(async () => {
  await admin('POST', '/regions', { code: '11.01', slug: 'kertas', name: 'Kota Kertas', timezone: 'Asia/Makassar' });
  await admin('POST', '/regions/kertas/units', { slug: 'disdukcapil', name: 'Disdukcapil' });
  await admin('POST', '/regions/kertas/units/disdukcapil/services', { slug: 'ktp-el', name: 'Penerbitan KTP-el' });
});

describe('POST /api/v1/admin/regions/{region}/units/{unit}/responses/import (SPEC §5)', () => {
  it('stores every row with channel paper and folds it into the scores: 201 { imported }', async () => {
    const response = await importInto(
      'disdukcapil',
      csv(
        '2026-03-01,ktp-el,4,4,4,4,4,4,4,4,4,P,34,SMA,WIRAUSAHA',
        '2026-03-02,,1,2,3,4,1,2,3,4,1,,,,',
        '2026-03-31,KTP-EL,3,3,3,3,3,3,3,3,3,l,15,d4-s1,pns',
      ),
    );

    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ imported: 3 });
    const rows = await env.DB.prepare(
      "SELECT channel, service_id IS NOT NULL AS hasService, gender, age, education, occupation, local_date, entered_by, counter_id, device_hash FROM responses WHERE channel = 'paper' ORDER BY local_date",
    ).all();
    expect(rows.results).toEqual([
      {
        channel: 'paper',
        hasService: 1,
        gender: 'P',
        age: 34,
        education: 'SMA',
        occupation: 'WIRAUSAHA',
        local_date: '2026-03-01',
        entered_by: 'admin-token',
        counter_id: null,
        device_hash: null,
      },
      {
        channel: 'paper',
        hasService: 0,
        gender: null,
        age: null,
        education: null,
        occupation: null,
        local_date: '2026-03-02',
        entered_by: 'admin-token',
        counter_id: null,
        device_hash: null,
      },
      {
        channel: 'paper',
        hasService: 1,
        gender: 'L',
        age: 15,
        education: 'D4-S1',
        occupation: 'PNS',
        local_date: '2026-03-31',
        entered_by: 'admin-token',
        counter_id: null,
        device_hash: null,
      },
    ]);
    const audit = await env.DB.prepare(
      "SELECT actor, target, detail FROM audit_log WHERE action = 'responses.import'",
    ).first<{ detail: string }>();
    expect(audit).toMatchObject({ actor: 'admin-token', target: 'unit:kertas/disdukcapil' });
    expect(JSON.parse(audit!.detail)).toMatchObject({
      rows: 3,
      from: '2026-03-01',
      to: '2026-03-31',
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(
      await count(
        'SELECT sum(n) AS n FROM daily_rollups WHERE unit_id = (SELECT id FROM units WHERE slug = ?)',
        'disdukcapil',
      ),
    ).toBe(3);
  });

  it('refuses a file with any invalid row with 400 listing each bad line and field, and stores nothing', async () => {
    const before = await count('SELECT count(*) AS n FROM responses');
    const response = await importInto(
      'disdukcapil',
      csv(
        '2026-04-01,ktp-el,4,4,4,4,4,4,4,4,4,P,34,SMA,WIRAUSAHA',
        '2026-02-30,paspor,5,4,4,4,4,4,4,4,,X,14,SMK,PETANI',
        '',
        '2026-04-02,ktp-el,4,4,4',
        '2999-01-01,,4,4,4,4,4,4,4,4,4,,,,',
      ),
    );

    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = await response.json<{
      detail: string;
      errors: { line: number; field: string; detail: string }[];
    }>();
    expect(problem.detail).toMatch(/nothing was imported/);
    expect(problem.errors.map((e) => [e.line, e.field])).toEqual([
      [3, 'date'],
      [3, 'service'],
      [3, 'u1'],
      [3, 'u9'],
      [3, 'gender'],
      [3, 'age'],
      [3, 'education'],
      [3, 'occupation'],
      [5, '(row)'],
      [6, 'date'],
    ]);
    expect(await count('SELECT count(*) AS n FROM responses')).toBe(before);
  });

  it('reports a wrong header, an empty file and a header without rows', async () => {
    const wrong = await importInto('disdukcapil', 'tanggal,u1,u2\n2026-01-01,4,4\n');
    expect(await wrong.json()).toMatchObject({ status: 400, errors: [{ line: 1, field: '(header)' }] });
    expect((await importInto('disdukcapil', '')).status).toBe(400);
    expect(await (await importInto('disdukcapil', csv())).json()).toMatchObject({ errors: [{ field: '(file)' }] });
  });

  it('refuses a 1 MiB header of 219,000 columns with one clear 400, checked in linear time', async () => {
    // Just under the 1 MiB body limit: the header is every column name followed by 219,000 made-up ones.
    const columns = Array.from({ length: 219_000 }, (_, i) => `c${i % 100}`);
    const body = `${HEADER},${columns.join(',')}\n2026-01-01,,4,4,4,4,4,4,4,4,4,,,,\n`;
    expect(body.length).toBeLessThan(1024 * 1024);
    const response = await importInto('disdukcapil', body);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = await response.json<{ errors: { line: number; field: string; detail: string }[] }>();
    expect(problem.errors).toEqual([
      {
        line: 1,
        field: '(header)',
        pointer: '#row=1',
        detail: `Line 1 has 219015 columns; at most 64 are accepted (expected 15: ${HEADER}).`,
      },
    ]);
  });

  it('refuses a line longer than 4,096 characters and names it', async () => {
    const response = await importInto('disdukcapil', csv(`2026-01-01,"${'x'.repeat(5000)}",4,4,4,4,4,4,4,4,4,,,,`));
    expect(response.status).toBe(400);
    const problem = await response.json<{ errors: { line: number; field: string; detail: string }[] }>();
    expect(problem.errors).toMatchObject([{ line: 2, field: '(row)', detail: expect.stringMatching(/at most 4096/) }]);
  });

  it('lists a header’s repeated and unknown columns once each', async () => {
    const response = await importInto('disdukcapil', `${HEADER},u1,u1,x,x\n2026-01-01,,4,4,4,4,4,4,4,4,4,,,,\n`);
    const problem = await response.json<{ errors: { detail: string }[] }>();
    expect(problem.errors[0]?.detail).toMatch(/: unknown x; repeated u1, x\.$/);
  });

  it('counts lines of the file, not records, when a quoted field spans lines; accepts a BOM and CRLF', async () => {
    const body = `\uFEFF${HEADER}\r\n2026-05-01,ktp-el,4,4,4,4,4,4,4,4,4,,,,\r\n"2026-05-02\r\nx",ktp-el,4,4,4,4,4,4,4,4,4,,,,\r\n2026-05-03,ktp-el,9,4,4,4,4,4,4,4,4,,,,\r\n`;
    const response = await importInto('disdukcapil', body);
    const problem = await response.json<{ errors: { line: number; field: string }[] }>();
    expect(problem.errors.map((e) => [e.line, e.field])).toEqual([
      [3, 'date'],
      [5, 'u1'],
    ]);
  });

  it('refuses the same file twice unless ?duplicate=allow, so a double upload cannot double-count', async () => {
    const file = csv('2026-06-01,ktp-el,3,3,3,3,3,3,3,3,3,,,,');
    expect((await importInto('disdukcapil', file)).status).toBe(201);
    const again = await importInto('disdukcapil', file);
    expect(again.status).toBe(409);
    expect((await importInto('disdukcapil', file, 'kertas', '?duplicate=allow')).status).toBe(201);
  });

  it('stores a file sent twice at once exactly once: the second upload gets 409 and adds no row', async () => {
    const file = csv('2026-06-02,ktp-el,2,3,4,3,2,3,4,3,2,,,,', '2026-06-02,,4,4,4,4,4,4,4,4,4,,,,');
    const before = await count("SELECT count(*) AS n FROM responses WHERE channel = 'paper'");
    const statuses = (await Promise.all([importInto('disdukcapil', file), importInto('disdukcapil', file)])).map(
      (r) => r.status,
    );
    expect(statuses.sort()).toEqual([201, 409]);
    expect(await count("SELECT count(*) AS n FROM responses WHERE channel = 'paper'")).toBe(before + 2);
    expect(await count("SELECT sum(n) AS n FROM daily_rollups WHERE local_date = '2026-06-02'")).toBe(2);
  });

  it('wants text/csv (415), within the size limit (413), for a known unit (404) and an admin (401)', async () => {
    const json = await admin('POST', '/regions/kertas/units/disdukcapil/responses/import', { rows: [] });
    expect(json.status).toBe(415);
    const big = await importInto(
      'disdukcapil',
      csv(...Array.from({ length: 25_000 }, () => '2026-01-01,ktp-el,4,4,4,4,4,4,4,4,4,P,34,SMA,WIRAUSAHA')),
    );
    expect(big.status).toBe(413);
    expect((await importInto('tidak-ada', csv('2026-01-01,,4,4,4,4,4,4,4,4,4,,,,'))).status).toBe(404);
    const anonymous = await exports.default.fetch(
      'https://suara.test/api/v1/admin/regions/kertas/units/disdukcapil/responses/import',
      {
        method: 'POST',
        headers: { 'Content-Type': 'text/csv' },
        body: csv('2026-01-01,,4,4,4,4,4,4,4,4,4,,,,'),
      },
    );
    expect(anonymous.status).toBe(401);
  });

  it('imports 10,000 rows in one atomic batch', async () => {
    await admin('POST', '/regions/kertas/units', { slug: 'besar', name: 'Unit Besar' });
    const lines = Array.from(
      { length: 10_000 },
      (_, i) => `2026-01-${String(1 + (i % 28)).padStart(2, '0')},,${(i % 4) + 1},4,4,4,4,4,4,4,4,,,,`,
    );
    const response = await importInto('besar', csv(...lines));
    expect(await response.json()).toEqual({ imported: 10_000 });
    expect(
      await count("SELECT sum(n) AS n FROM daily_rollups WHERE unit_id = (SELECT id FROM units WHERE slug = 'besar')"),
    ).toBe(10_000);
    // Both rollup tables in the import's batch: each month row is the sum of its days.
    expect(await monthlyMismatches()).toEqual([]);
    const tooMany = await importInto('besar', csv(...lines, lines[0]!));
    expect(await tooMany.json()).toMatchObject({ status: 400, errors: [{ line: 10_002, field: '(file)' }] });
  });
});

describe('every period answers exactly the SPEC §3 indicators of its rows (property, imported via the API)', () => {
  const row = fc.record({
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
    scores: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 9, maxLength: 9 }),
  });
  let agencyKey = '';
  let sequence = 0;
  beforeAll(async () => {
    await admin('POST', '/regions', {
      code: '11.02',
      slug: 'properti',
      name: 'Kota Properti',
      timezone: 'Asia/Jayapura',
    });
    agencyKey = (await (await admin('POST', '/regions/properti/api-keys', { label: 'uji' })).json<{ key: string }>())
      .key;
  });

  it('month, quarter, semester and year: IKM, NRRs, interval and grade equal summarize(aggregateOf(rows))', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 40 }), async (rows) => {
        sequence += 1;
        const unit = `unit-${sequence}`;
        await admin('POST', '/regions/properti/units', { slug: unit, name: `Unit ${sequence}` });
        const dated = rows.map((r) => ({
          date: `2025-${String(r.month).padStart(2, '0')}-${String(r.day).padStart(2, '0')}`,
          scores: r.scores,
        }));
        const imported = await importInto(
          unit,
          csv(...dated.map((r) => `${r.date},,${r.scores.join(',')},,,,`)),
          'properti',
        );
        expect(imported.status, await imported.clone().text()).toBe(201);

        // A past year, so no questionnaire is dated in the future; every period kind of it.
        const periods = [
          '2025',
          '2025-S1',
          '2025-S2',
          '2025-Q1',
          '2025-Q2',
          '2025-Q3',
          '2025-Q4',
          ...monthsOf(parsePeriod('2025')!),
        ].map((id) => parsePeriod(id)!);
        for (const period of periods) {
          const inPeriod = dated.filter((r) => r.date >= period.start && r.date <= period.end).map((r) => r.scores);
          const expected = summarize(aggregateOf(inPeriod));
          const agency = await exports.default.fetch(`https://suara.test/api/v1/agency/scores?period=${period.id}`, {
            headers: { Authorization: `Bearer ${agencyKey}` },
          });
          const units = (await agency.json<{ units: { unit: { slug: string } }[] }>()).units;
          expect(units.find((u) => u.unit.slug === unit)).toMatchObject({ ...expected, suppressed: false });
          const publicScore = ScoreSchema.parse(
            await (
              await exports.default.fetch(
                `https://suara.test/api/v1/regions/properti/units/${unit}/scores?period=${period.id}`,
              )
            ).json(),
          );
          // The public figure is the same, or withheld by the disclosure plan with only its count (SPEC §4): a
          // figure published earlier in the year can keep a later one of the same unit suppressed.
          const withheld = publicScore.suppressed && inPeriod.length >= 10;
          expect(publicScore).toMatchObject(publicSummary(aggregateOf(inPeriod), 'id', withheld));
          expectPeriod(publicScore.period, period);
        }
      }),
      { numRuns: 10 },
    );
  }, 180_000);
});

function expectPeriod(actual: { id: string; start: string; end: string }, period: Period) {
  expect(actual).toEqual({ id: period.id, start: period.start, end: period.end });
}
