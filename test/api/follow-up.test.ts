import { env, exports } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { admin } from '../support/admin';

const ADMIN_PATH = '/regions/tindak/units/disdukcapil/follow-up';
const publicList = (query = '', region = 'tindak', unit = 'disdukcapil') =>
  exports.default.fetch(`https://suara.test/api/v1/regions/${region}/units/${unit}/follow-up${query}`);

const ACTION = {
  period: '2026-Q3',
  elementCode: 'U3',
  issue: 'Waktu penyelesaian KTP-el terlalu lama',
  action: 'Menambah satu loket perekaman pada jam sibuk',
  owner: 'Kepala Seksi Pelayanan',
  dueDate: '2026-12-15',
};

interface Action {
  id: string;
  period: string;
  status: string;
  completedAt: number | null;
  evidence: string | null;
  evidenceUrl: string | null;
  dueDate: string;
  [key: string]: unknown;
}

beforeAll(async () => {
  await admin('POST', '/regions', { code: '33.08', slug: 'tindak', name: 'Kota Tindak', timezone: 'Asia/Jakarta' });
  await admin('POST', '/regions/tindak/units', { slug: 'disdukcapil', name: 'Disdukcapil' });
  await admin('POST', '/regions/tindak/units', { slug: 'dinkes', name: 'Dinas Kesehatan' });
  await admin('POST', '/regions', { code: '33.09', slug: 'lain', name: 'Kota Lain', timezone: 'Asia/Jakarta' });
  await admin('POST', '/regions/lain/units', { slug: 'disdukcapil', name: 'Disdukcapil' });
});

describe('follow-up actions through the admin API (SPEC §5, rencana tindak lanjut)', () => {
  let created: Action;

  it('creates an action (planned by default), audited, and lists it by due date', async () => {
    const response = await admin('POST', ADMIN_PATH, ACTION);
    expect(response.status).toBe(201);
    created = await response.json<Action>();
    expect(created).toMatchObject({
      ...ACTION,
      status: 'planned',
      evidence: null,
      evidenceUrl: null,
      completedAt: null,
    });
    expect(created).not.toHaveProperty('unitId');
    const earlier = await (
      await admin('POST', ADMIN_PATH, {
        ...ACTION,
        elementCode: null,
        issue: 'Ruang tunggu panas',
        dueDate: '2026-11-30',
      })
    ).json<Action>();
    await admin('POST', ADMIN_PATH, { ...ACTION, period: '2026-Q2', dueDate: '2026-09-01' });

    const listed = await (await admin('GET', `${ADMIN_PATH}?period=2026-Q3`)).json<Action[]>();
    expect(listed.map((a) => a.id)).toEqual([earlier.id, created.id]);
    expect((await (await admin('GET', ADMIN_PATH)).json<Action[]>()).map((a) => a.period)).toEqual([
      '2026-Q2',
      '2026-Q3',
      '2026-Q3',
    ]);
    const audit = await env.DB.prepare("SELECT actor, target FROM audit_log WHERE action = 'follow-up.create'").all();
    expect(audit.results).toHaveLength(3);
    expect(audit.results[0]).toEqual({
      actor: 'admin-token',
      target: expect.stringMatching(/^follow-up:tindak\/disdukcapil\//),
    });
  });

  it('sets completedAt when the status becomes done and keeps it on later edits; clears it when reopened', async () => {
    const done = await (
      await admin('PATCH', `${ADMIN_PATH}/${created.id}`, {
        status: 'done',
        evidence: 'Loket 4 dibuka pukul 08.00–12.00 sejak 1 Desember',
        evidenceUrl: 'https://disdukcapil.example.go.id/sk-loket-4.pdf',
      })
    ).json<Action>();
    expect(done).toMatchObject({ status: 'done', evidenceUrl: 'https://disdukcapil.example.go.id/sk-loket-4.pdf' });
    expect(done.completedAt).toEqual(expect.any(Number));

    const edited = await (
      await admin('PATCH', `${ADMIN_PATH}/${created.id}`, { status: 'done', dueDate: '2026-12-20' })
    ).json<Action>();
    expect([edited.completedAt, edited.dueDate]).toEqual([done.completedAt, '2026-12-20']);

    const reopened = await (
      await admin('PATCH', `${ADMIN_PATH}/${created.id}`, { status: 'in_progress' })
    ).json<Action>();
    expect(reopened.completedAt).toBeNull();
    await admin('PATCH', `${ADMIN_PATH}/${created.id}`, { status: 'done' });
    const updates = await env.DB.prepare(
      "SELECT count(*) AS n FROM audit_log WHERE action = 'follow-up.update'",
    ).first<{
      n: number;
    }>();
    expect(updates?.n).toBe(4);
  });

  it('masks personal data in the published text, as in comments (SPEC §4)', async () => {
    const action = await (
      await admin('POST', ADMIN_PATH, {
        ...ACTION,
        issue: 'Warga dengan HP 0812-3456-7890 menunggu tiga jam',
        action: 'Balas ke budi@example.com',
      })
    ).json<Action>();
    expect([action.issue, action.action]).toEqual([
      'Warga dengan HP [disamarkan] menunggu tiga jam',
      'Balas ke [disamarkan]',
    ]);
    const changed = await (
      await admin('PATCH', `${ADMIN_PATH}/${action.id}`, { evidence: 'Dihubungi di 081234567890' })
    ).json<Action>();
    expect(changed.evidence).toBe('Dihubungi di [disamarkan]');
    expect((await admin('DELETE', `${ADMIN_PATH}/${action.id}`)).status).toBe(204);
  });

  it('refuses bad fields with 400 and the field of each problem', async () => {
    const cases: [string, string, Record<string, unknown>, string][] = [
      ['POST', ADMIN_PATH, { ...ACTION, period: '2026-Q5' }, 'period'],
      ['POST', ADMIN_PATH, { ...ACTION, dueDate: '2026-02-30' }, 'dueDate'],
      ['POST', ADMIN_PATH, { ...ACTION, elementCode: 'U10' }, 'elementCode'],
      ['POST', ADMIN_PATH, { ...ACTION, owner: '' }, 'owner'],
      ['POST', ADMIN_PATH, { ...ACTION, evidenceUrl: 'http://example.go.id/bukti' }, 'evidenceUrl'],
      ['PATCH', `${ADMIN_PATH}/${created.id}`, { evidenceUrl: 'javascript:alert(1)' }, 'evidenceUrl'],
      ['PATCH', `${ADMIN_PATH}/${created.id}`, { status: 'finished' }, 'status'],
      ['PATCH', `${ADMIN_PATH}/${created.id}`, {}, '(body)'],
    ];
    for (const [method, path, body, field] of cases) {
      const response = await admin(method, path, body);
      expect(response.status, `${method} ${JSON.stringify(body)}`).toBe(400);
      const problem = await response.json<{ errors: { field: string }[] }>();
      expect(problem.errors.map((e) => e.field)).toContain(field);
    }
  });

  it('answers 404 for another unit’s action, an unknown unit and another region', async () => {
    expect(
      (await admin('PATCH', `/regions/tindak/units/dinkes/follow-up/${created.id}`, { status: 'done' })).status,
    ).toBe(404);
    expect((await admin('DELETE', `/regions/lain/units/disdukcapil/follow-up/${created.id}`)).status).toBe(404);
    expect((await admin('GET', '/regions/tindak/units/tidak-ada/follow-up')).status).toBe(404);
    expect((await admin('POST', '/regions/tidak-ada/units/disdukcapil/follow-up', ACTION)).status).toBe(404);
    expect(await (await admin('GET', '/regions/tindak/units/dinkes/follow-up')).json()).toEqual([]);
  });

  it('deletes an action, audited; a second delete is 404', async () => {
    const action = await (await admin('POST', ADMIN_PATH, { ...ACTION, period: '2025' })).json<Action>();
    expect((await admin('DELETE', `${ADMIN_PATH}/${action.id}`)).status).toBe(204);
    expect((await admin('DELETE', `${ADMIN_PATH}/${action.id}`)).status).toBe(404);
    const audit = await env.DB.prepare(
      "SELECT json_extract(detail, '$.issue') AS issue FROM audit_log WHERE action = 'follow-up.delete' AND target LIKE ?",
    )
      .bind(`%/${action.id}`)
      .all();
    expect(audit.results).toEqual([{ issue: ACTION.issue }]);
  });

  it('needs admin credentials', async () => {
    const response = await exports.default.fetch(`https://suara.test/api/v1/admin${ADMIN_PATH}`);
    expect(response.status).toBe(401);
  });
});

describe('GET /api/v1/regions/{region}/units/{unit}/follow-up: you said, we did (SPEC §5, public)', () => {
  it('lists the unit’s actions with issue, action, owner position, status and evidence, cacheable', async () => {
    const response = await publicList('?period=2026-Q3');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toMatch(/public/);
    const actions = await response.json<Action[]>();
    expect(actions.map((a) => [a.issue, a.status])).toEqual([
      ['Ruang tunggu panas', 'planned'],
      [ACTION.issue, 'done'],
    ]);
    expect(actions[1]).toMatchObject({
      owner: 'Kepala Seksi Pelayanan',
      evidenceUrl: 'https://disdukcapil.example.go.id/sk-loket-4.pdf',
    });
    for (const action of actions) {
      expect(Object.keys(action).sort()).toEqual(
        [
          'action',
          'completedAt',
          'createdAt',
          'dueDate',
          'elementCode',
          'evidence',
          'evidenceUrl',
          'id',
          'issue',
          'owner',
          'period',
          'status',
          'updatedAt',
        ].sort(),
      );
    }
  });

  it('answers [] for a unit without actions, 400 for a malformed period, 404 for an unknown unit', async () => {
    expect(await (await publicList('', 'tindak', 'dinkes')).json()).toEqual([]);
    const bad = await publicList('?period=2026-13');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await publicList('', 'tindak', 'tidak-ada')).status).toBe(404);
    expect(await (await publicList('', 'lain', 'disdukcapil')).json()).toEqual([]);
  });
});
