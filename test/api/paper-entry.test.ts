import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { localDate } from '../../domain/periods';
import { admin } from '../support/admin';

const ENTRY = '/regions/kertas-satu/units/disdukcapil/responses';
const ANSWERS = { U1: 4, U2: 3, U3: 2, U4: 4, U5: 3, U6: 4, U7: 4, U8: 1, U9: 3 };
const today = () => localDate(Date.now(), 'Asia/Makassar');

function entry(overrides: Record<string, unknown> = {}) {
  return { submissionId: crypto.randomUUID(), date: today(), answers: ANSWERS, ...overrides };
}

async function first<T>(sql: string, ...bindings: unknown[]): Promise<T | null> {
  return env.DB.prepare(sql)
    .bind(...bindings)
    .first<T>();
}

const rollupN = async () => (await first<{ n: number }>('SELECT coalesce(sum(n), 0) AS n FROM daily_rollups'))?.n ?? -1;
const responseCount = async () => (await first<{ n: number }>('SELECT count(*) AS n FROM responses'))?.n ?? -1;

beforeAll(async () => {
  await admin('POST', '/regions', {
    code: '73.71',
    slug: 'kertas-satu',
    name: 'Kota Kertas',
    timezone: 'Asia/Makassar',
  });
  await admin('POST', '/regions/kertas-satu/units', { slug: 'disdukcapil', name: 'Disdukcapil' });
  await admin('POST', '/regions/kertas-satu/units', { slug: 'dpmptsp', name: 'DPMPTSP' });
  await admin('POST', '/regions/kertas-satu/units/disdukcapil/services', { slug: 'ktp-el', name: 'KTP-el' });
  await admin('POST', '/regions/kertas-satu/units/dpmptsp/services', { slug: 'izin', name: 'Izin usaha' });
  await admin('POST', '/regions', { code: '33.07', slug: 'kertas-dua', name: 'Kota Lain', timezone: 'Asia/Jakarta' });
});

describe('POST /api/v1/admin/regions/{region}/units/{unit}/responses: one paper questionnaire (SPEC §5)', () => {
  it('stores it with channel paper, entered_by the actor, its rollup and an audit row: 201 { id }', async () => {
    const body = entry({
      service: 'ktp-el',
      respondent: { gender: 'P', age: 41, education: 'SMA', occupation: 'WIRAUSAHA' },
      comment: 'Antrean lama, hubungi saya di 081234567890',
    });
    const response = await admin('POST', ENTRY, body);

    expect(response.status).toBe(201);
    const { id } = await response.json<{ id: string }>();
    expect(
      await first(
        `SELECT submission_id AS submissionId, channel, entered_by AS enteredBy, local_date AS localDate, u8, gender, age,
                counter_id AS counterId, service_id IS NOT NULL AS hasService FROM responses WHERE id = ?`,
        id,
      ),
    ).toEqual({
      submissionId: body.submissionId,
      channel: 'paper',
      enteredBy: 'admin-token',
      localDate: today(),
      u8: 1,
      gender: 'P',
      age: 41,
      counterId: null,
      hasService: 1,
    });
    expect(await rollupN()).toBe(1);
    const comment = await first<{ body: string; status: string }>(
      'SELECT body, status FROM comments WHERE response_id = ?',
      id,
    );
    expect(comment?.status).toBe('pending');
    expect(comment?.body).not.toContain('081234567890');
    expect(
      await first(
        "SELECT actor, target, json_extract(detail, '$.id') AS id FROM audit_log WHERE action = 'responses.enter'",
      ),
    ).toEqual({ actor: 'admin-token', target: 'unit:kertas-satu/disdukcapil', id });
  });

  it('a repeat with the same submissionId stores nothing new and answers 200 with the first id, also concurrently', async () => {
    const body = entry();
    const before = [await responseCount(), await rollupN()];

    const answers = await Promise.all(Array.from({ length: 6 }, () => admin('POST', ENTRY, body)));
    const again = await admin('POST', ENTRY, body);

    const statuses = [...answers, again].map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 201]);
    const ids = new Set(await Promise.all([...answers, again].map(async (r) => (await r.json<{ id: string }>()).id)));
    expect(ids.size).toBe(1);
    expect([await responseCount(), await rollupN()]).toEqual([before[0]! + 1, before[1]! + 1]);
    const audits = await first<{ n: number }>(
      "SELECT count(*) AS n FROM audit_log WHERE action = 'responses.enter' AND json_extract(detail, '$.id') = ?",
      [...ids][0],
    );
    expect(audits?.n).toBe(1);
  });

  it('refuses bad fields with 400 and the field of each problem, storing nothing', async () => {
    const before = await responseCount();
    const tomorrow = new Date(Date.now() + 36 * 3600 * 1000).toISOString().slice(0, 10);
    const cases: [Record<string, unknown>, string[]][] = [
      [entry({ answers: { ...ANSWERS, U3: 5 } }), ['answers.U3']],
      [entry({ answers: { U1: 4 } }), ['answers.U2', 'answers.U3', 'answers.U9']],
      [entry({ submissionId: 'not-a-uuid' }), ['submissionId']],
      [entry({ date: '2026-02-30' }), ['date']],
      [entry({ date: tomorrow }), ['date']],
      [entry({ date: '2020-01-01' }), ['date']],
      [entry({ service: 'izin' }), ['service']],
      [entry({ respondent: { age: 9 } }), ['respondent.age']],
    ];
    for (const [body, fields] of cases) {
      const response = await admin('POST', ENTRY, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const problem = await response.json<{ errors: { field: string }[] }>();
      expect(problem.errors.map((e) => e.field)).toEqual(expect.arrayContaining(fields));
    }
    expect(await responseCount()).toBe(before);
  });

  it('answers 404 for an unknown unit, and for a unit of another region', async () => {
    expect((await admin('POST', '/regions/kertas-satu/units/tidak-ada/responses', entry())).status).toBe(404);
    expect((await admin('POST', '/regions/kertas-dua/units/disdukcapil/responses', entry())).status).toBe(404);
  });

  it('refuses a submissionId that already names another unit’s response with 409', async () => {
    const body = entry();
    expect((await admin('POST', ENTRY, body)).status).toBe(201);
    const other = await admin('POST', '/regions/kertas-satu/units/dpmptsp/responses', body);
    expect(other.status).toBe(409);
  });
});

describe('DELETE /api/v1/admin/regions/{region}/units/{unit}/responses/{id}: undo (SPEC §5)', () => {
  it('removes the author’s fresh entry, its comment and its rollup, audited: 204, then 404', async () => {
    const before = [await responseCount(), await rollupN()];
    const created = await admin('POST', ENTRY, entry({ comment: 'Salah ketik' }));
    const { id } = await created.json<{ id: string }>();

    const undo = await admin('DELETE', `${ENTRY}/${id}`);

    expect(undo.status).toBe(204);
    expect([await responseCount(), await rollupN()]).toEqual(before);
    expect(await first('SELECT 1 FROM comments WHERE response_id = ?', id)).toBeNull();
    expect(
      await first(
        "SELECT actor FROM audit_log WHERE action = 'responses.undo' AND json_extract(detail, '$.id') = ?",
        id,
      ),
    ).toEqual({ actor: 'admin-token' });
    expect((await admin('DELETE', `${ENTRY}/${id}`)).status).toBe(404);
  });

  it('two concurrent undos of one entry take it out of the rollups once', async () => {
    const before = await rollupN();
    const { id } = await (await admin('POST', ENTRY, entry())).json<{ id: string }>();
    const statuses = (await Promise.all([admin('DELETE', `${ENTRY}/${id}`), admin('DELETE', `${ENTRY}/${id}`)]))
      .map((r) => r.status)
      .sort();
    expect(statuses).toEqual([204, 404]);
    expect(await rollupN()).toBe(before);
  });

  it('refuses another account’s entry (403), an entry older than 15 minutes (409), a QR rating and another unit (404)', async () => {
    const unit = await first<{ id: number; regionId: number }>(
      "SELECT id, region_id AS regionId FROM units WHERE slug = 'disdukcapil' AND region_id = (SELECT id FROM regions WHERE slug = 'kertas-satu')",
    );
    const insert = (id: string, channel: string, enteredBy: string | null, submittedAt: number) =>
      env.DB.prepare(
        `INSERT INTO responses (id, submission_id, region_id, unit_id, channel, u1, u2, u3, u4, u5, u6, u7, u8, u9,
           submitted_at, local_date, entered_by) VALUES (?, ?, ?, ?, ?, 3, 3, 3, 3, 3, 3, 3, 3, 3, ?, ?, ?)`,
      )
        .bind(id, id, unit?.regionId, unit?.id, channel, submittedAt, today(), enteredBy)
        .run();
    await insert('paper-by-someone-else', 'paper', 'user:another-operator', Date.now());
    await insert('paper-long-ago', 'paper', 'admin-token', Date.now() - 16 * 60 * 1000);
    await insert('a-qr-rating', 'qr', null, Date.now());
    const { id } = await (await admin('POST', ENTRY, entry())).json<{ id: string }>();

    expect((await admin('DELETE', `${ENTRY}/paper-by-someone-else`)).status).toBe(403);
    expect((await admin('DELETE', `${ENTRY}/paper-long-ago`)).status).toBe(409);
    expect((await admin('DELETE', `${ENTRY}/a-qr-rating`)).status).toBe(404);
    expect((await admin('DELETE', `/regions/kertas-satu/units/dpmptsp/responses/${id}`)).status).toBe(404);
    expect((await admin('DELETE', `/regions/kertas-dua/units/disdukcapil/responses/${id}`)).status).toBe(404);
    const left = await first<{ n: number }>(
      "SELECT count(*) AS n FROM responses WHERE id IN ('paper-by-someone-else', 'paper-long-ago', 'a-qr-rating', ?)",
      id,
    );
    expect(left?.n).toBe(4);
  });
});
