import { env, exports } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { counters, units } from '../../schema';
import { RegionDashboardSchema, UnitDashboardSchema } from '../../worker/routes/admin/dashboard';
import { admin } from '../support/admin';
import { createOrganisation, db, type Organisation } from '../support/fixtures';
import { FOUR, insertRatings, same, THREE } from '../support/ratings';

/** IKM 72.22 (grade C): elements 3 (75, grade C) except U9 at 2 (50, grade D). */
const WEAK_U9 = [3, 3, 3, 3, 3, 3, 3, 3, 2];

let falling: Organisation;
let steady: { regionId: number; unitId: number; counterId: number };

beforeAll(async () => {
  // population 1000: the year's sample is 278, of which ⌈278 × 304 / 365⌉ = 232 are due by 31 October.
  falling = await createOrganisation({ region: 'dasbor', unit: 'turun' });
  const unit = await db()
    .insert(units)
    .values({ regionId: falling.regionId, slug: 'stabil', name: 'Unit Stabil', population: 50 })
    .returning()
    .get();
  const counter = await db()
    .insert(counters)
    .values({ unitId: unit.id, code: 'loketstabil1', name: 'Loket 1' })
    .returning()
    .get();
  steady = { regionId: falling.regionId, unitId: unit.id, counterId: counter.id };
  await insertRatings(falling, [...same(40, FOUR, '2026-09-15'), ...same(40, WEAK_U9, '2026-10-15')]);
  await insertRatings(steady, [...same(40, THREE, '2026-09-15'), ...same(41, THREE, '2026-10-15')]);
  // Waiting for a moderator: one pending comment and one flagged rating of the falling unit.
  const [responseId] = await insertRatings(falling, [{ date: '2026-10-20', scores: FOUR, flagged: true }]);
  await env.DB.prepare(
    `INSERT INTO comments (id, response_id, region_id, unit_id, body, local_date, created_at) VALUES (?, ?, ?, ?, ?, '2026-10-20', ?)`,
  )
    .bind(
      'komentar-1',
      responseId,
      falling.regionId,
      falling.unitId,
      'Antrean lama sekali',
      Date.now() - 9 * 86_400_000,
    )
    .run();
});

describe('GET /api/v1/admin/regions/{region}/dashboard (SPEC §5 admin, §3 operator alerts)', () => {
  it('flags the unit whose IKM fell this month, and not the steady unit', async () => {
    const response = await admin('GET', '/regions/dasbor/dashboard?month=2026-10');

    expect(response.status).toBe(200);
    const body = RegionDashboardSchema.parse(await response.json());
    expect(body.month).toEqual({ id: '2026-10', start: '2026-10-01', end: '2026-10-31' });
    expect(body.previousMonth.id).toBe('2026-09');
    expect(body.asOf).toBe('2026-10-31');
    const turun = body.units.find((u) => u.unit.slug === 'turun');
    const stabil = body.units.find((u) => u.unit.slug === 'stabil');
    expect(turun).toMatchObject({
      thisMonth: { responses: 40, ikm: 72.22, grade: 'C' },
      lastMonth: { responses: 40, ikm: 100, grade: 'A' },
      change: { ikm: -27.78, responses: 0 },
      sample: { population: 1000, requiredYear: 278, requiredToDate: 232, achievedToDate: 80 },
      moderation: {
        pendingComments: 1,
        oldestCommentDays: 9,
        flaggedRatings: 1,
        oldestFlaggedDays: expect.any(Number),
      },
    });
    expect(turun?.alerts.map((a) => [a.kind, a.severity])).toEqual([
      ['ikm-drop', 'critical'],
      ['element-grade-d', 'critical'],
      // 80 of the 232 due by 31 October: under half, so critical.
      ['sample-behind', 'critical'],
      ['grade-drop', 'warning'],
      ['comments-waiting', 'warning'],
      ['flags-waiting', expect.any(String)],
    ]);
    expect(turun?.alerts[0]).toEqual({ kind: 'ikm-drop', severity: 'critical', from: 100, to: 72.22, points: 27.78 });
    expect(turun?.alerts[1]).toEqual({
      kind: 'element-grade-d',
      severity: 'critical',
      elements: [{ code: 'U9', score: 50 }],
    });
    expect(stabil).toMatchObject({ thisMonth: { ikm: 75 }, lastMonth: { ikm: 75 }, change: { ikm: 0, responses: 1 } });
    expect(stabil?.alerts).toEqual([]);
    expect(body.alerts.every((a) => a.unit.slug === 'turun')).toBe(true);
    expect(body.totals).toMatchObject({
      thisMonth: { responses: 81 },
      lastMonth: { responses: 80 },
      alerts: { critical: 3 },
    });
  });

  it('shows staff the figures of a month too small to publish (unsuppressed)', async () => {
    const body = RegionDashboardSchema.parse(
      await (await admin('GET', '/regions/dasbor/dashboard?month=2026-11')).json(),
    );
    const turun = body.units.find((u) => u.unit.slug === 'turun');
    expect(turun?.thisMonth).toMatchObject({ responses: 0, ikm: null });
    // Nothing to compare in November: no IKM alert, only the sample and the queues.
    expect(turun?.alerts.map((a) => a.kind)).toEqual(['sample-behind', 'comments-waiting', 'flags-waiting']);
  });

  it('answers a bad or future month with 400 problem+json, an unknown region with 404, no token with 401', async () => {
    for (const month of ['2026-13', 'oktober', '2999-01']) {
      const response = await admin('GET', `/regions/dasbor/dashboard?month=${month}`);
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
    }
    expect((await admin('GET', '/regions/tidak-ada/dashboard')).status).toBe(404);
    const anonymous = await exports.default.fetch('https://suara.test/api/v1/admin/regions/dasbor/dashboard');
    expect(anonymous.status).toBe(401);
  });
});

describe('GET /api/v1/admin/regions/{region}/units/{unit}/dashboard', () => {
  it('gives one unit’s months, alerts and this month per service, unsuppressed', async () => {
    const response = await admin('GET', '/regions/dasbor/units/turun/dashboard?month=2026-10');

    expect(response.status).toBe(200);
    const body = UnitDashboardSchema.parse(await response.json());
    expect(body.unit.slug).toBe('turun');
    expect(body.alerts[0]).toMatchObject({ kind: 'ikm-drop', points: 27.78 });
    expect(body.services.map((s) => [s.service?.slug ?? null, s.responses, s.suppressed, s.ikm])).toEqual([
      ['ktp-el', 0, false, null],
      // The flagged rating waits outside the figures.
      [null, 40, false, 72.22],
    ]);
    expect((await admin('GET', '/regions/dasbor/units/tidak-ada/dashboard')).status).toBe(404);
  });
});

describe('the month’s held ratings on the dashboard (SPEC §5: shared networks, held for a staff check)', () => {
  it('counts each unit’s ratings of the month still held, and their share; not released, rejected or other months', async () => {
    // Steady: two held in October (one then released, one rejected by a moderator), one held in September.
    const [released, rejected] = await insertRatings(steady, [
      { date: '2026-10-21', scores: THREE, flagged: true },
      { date: '2026-10-22', scores: THREE, flagged: true },
      { date: '2026-09-22', scores: THREE, flagged: true },
    ]);
    await env.DB.prepare('UPDATE responses SET flagged = 0, flag_reason = NULL WHERE id = ?').bind(released).run();
    await env.DB.prepare("UPDATE responses SET flag_reason = 'rejected:burst' WHERE id = ?").bind(rejected).run();

    const body = RegionDashboardSchema.parse(
      await (await admin('GET', '/regions/dasbor/dashboard?month=2026-10')).json(),
    );

    // Falling: 1 held beside 40 counted in October.
    expect(body.units.find((u) => u.unit.slug === 'turun')?.held).toEqual({ count: 1, share: 0.0244 });
    expect(body.units.find((u) => u.unit.slug === 'stabil')?.held).toEqual({ count: 0, share: 0 });
    const september = RegionDashboardSchema.parse(
      await (await admin('GET', '/regions/dasbor/dashboard?month=2026-09')).json(),
    );
    expect(september.units.find((u) => u.unit.slug === 'stabil')?.held).toEqual({ count: 1, share: 0.0244 });
    const unit = UnitDashboardSchema.parse(
      await (await admin('GET', '/regions/dasbor/units/turun/dashboard?month=2026-10')).json(),
    );
    expect(unit.held).toEqual({ count: 1, share: 0.0244 });
  });
});
