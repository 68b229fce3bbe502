import { env } from 'cloudflare:workers';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregateOf } from '../../domain/aggregate';
import { parsePeriod } from '../../domain/periods';
import { summarize } from '../../domain/summary';
import { REBUILD_ROLLUPS_SQL, ROLLUP_TRIGGERS_SQL } from '../../schema/rollups';
import { findRegion, findUnit } from '../../worker/db/regions';
import { aggregateRollups, type RollupGrouping, rollupSpans, tableFor } from '../../worker/db/rollups';
import { unitScore } from '../../worker/services/indicators/scores';
import { createOrganisation, db } from '../support/fixtures';
import { insertRatings } from '../support/ratings';
import { monthlyMismatches } from '../support/rollups';

describe('rollups (SPEC §3: indicators read rollups only)', () => {
  it('the SPEC §3 test vector read back from rollups gives IKM 91.48, grade A', async () => {
    const org = await createOrganisation({ region: 'vektor' });
    // 29 responses whose element totals are 105, 101, 100, 116, 102, 105, 106, 105, 115.
    const totals = [105, 101, 100, 116, 102, 105, 106, 105, 115];
    const rows = Array.from({ length: 29 }, (_, r) =>
      totals.map((total) => {
        const base = Math.floor(total / 29);
        return base + (r < total - base * 29 ? 1 : 0);
      }),
    );
    await insertRatings(
      org,
      rows.map((scores, i) => ({ date: `2026-03-${String(1 + (i % 28)).padStart(2, '0')}`, scores })),
    );

    const region = (await findRegion(db(), 'vektor'))!;
    const unit = (await findUnit(db(), region.id, 'disdukcapil'))!;
    const score = await unitScore(env.DB, region, unit, parsePeriod('2026-Q1')!, 'public');

    expect(score.responses).toBe(29);
    expect(score.ikm).toBe(91.48);
    expect(score.grade).toBe('A');
    expect(score).toMatchObject(summarize(aggregateOf(rows)));
  });

  it('the rollup triggers in the database are exactly those schema/rollups.ts defines', async () => {
    // The migration is generated from ROLLUP_TRIGGERS_SQL (npm run db:rollup-triggers): a changed rule needs a new one.
    // Every trigger that names a rollup table, on any table: none may write one table from another's changes.
    const { results } = await env.DB.prepare(
      "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND (name LIKE '%rollups%' OR tbl_name LIKE '%rollups') ORDER BY name",
    ).all<{ sql: string }>();
    const normal = (sql: string) => sql.replace(/\s+/g, ' ').trim();
    expect(results.map((row) => normal(row.sql))).toEqual(ROLLUP_TRIGGERS_SQL.map(normal).sort());
  });

  it('adding responses to rollups as they come equals rebuilding from scratch, and flagged responses stay out', async () => {
    const org = await createOrganisation({ region: 'inkremental' });
    const rows = [
      { date: '2026-05-01', scores: [4, 4, 3, 4, 3, 4, 4, 2, 3] },
      { date: '2026-05-01', scores: [1, 2, 3, 4, 1, 2, 3, 4, 1] },
      { date: '2026-05-02', scores: [3, 3, 3, 3, 3, 3, 3, 3, 3], flagged: true },
    ];
    for (const row of rows) await insertRatings(org, [row]);
    const read = () =>
      Promise.all(
        ['SELECT * FROM daily_rollups WHERE unit_id = ?', 'SELECT * FROM monthly_rollups WHERE unit_id = ?'].map(
          async (sql) => (await env.DB.prepare(sql).bind(org.unitId).all()).results,
        ),
      );
    const incremental = await read();
    await env.DB.batch(REBUILD_ROLLUPS_SQL.map((sql) => env.DB.prepare(sql)));
    const [rebuilt = [], rebuiltMonthly = []] = await read();

    expect(incremental).toEqual([rebuilt, rebuiltMonthly]);
    expect(rebuiltMonthly).toHaveLength(1);
    expect(rebuiltMonthly[0]).toMatchObject({
      local_month: '2026-05',
      n: 2,
      s1: 5,
      sum_squared_totals: 31 * 31 + 21 * 21,
    });
    expect(await monthlyMismatches()).toEqual([]);
    expect(rebuilt).toHaveLength(1);
    expect(rebuilt[0]).toMatchObject({ n: 2, s1: 5, c1_1: 1, c1_4: 1, sum_squared_totals: 31 * 31 + 21 * 21 });
  });

  it('whole months are read from the monthly rollups, edge days from the daily ones (rollupSpans decides)', () => {
    expect(rollupSpans('2026-01-01', '2026-12-31')).toEqual([
      { table: 'monthly_rollups', from: '2026-01', to: '2026-12' },
    ]);
    expect(rollupSpans('2028-02-01', '2028-02-29')).toEqual([
      { table: 'monthly_rollups', from: '2028-02', to: '2028-02' },
    ]);
    // "Year to date" up to a day: the closed months, then the running month's days.
    expect(rollupSpans('2026-01-01', '2026-06-15')).toEqual([
      { table: 'monthly_rollups', from: '2026-01', to: '2026-05' },
      { table: 'daily_rollups', from: '2026-06-01', to: '2026-06-15' },
    ]);
    expect(rollupSpans('2025-12-20', '2026-02-28')).toEqual([
      { table: 'daily_rollups', from: '2025-12-20', to: '2025-12-31' },
      { table: 'monthly_rollups', from: '2026-01', to: '2026-02' },
    ]);
    expect(rollupSpans('2026-03-02', '2026-03-30')).toEqual([
      { table: 'daily_rollups', from: '2026-03-02', to: '2026-03-30' },
    ]);
  });

  it('whole months grouped by nothing finer than the unit read the unit × month sums (tableFor decides)', () => {
    const month = { table: 'monthly_rollups', from: '2026-01', to: '2026-12' } as const;
    expect(tableFor(month, [])).toBe('unit_monthly_rollups');
    expect(tableFor(month, ['region', 'unit', 'month'])).toBe('unit_monthly_rollups');
    expect(tableFor(month, ['unit', 'service'])).toBe('monthly_rollups');
    expect(tableFor(month, ['counter'])).toBe('monthly_rollups');
    expect(tableFor({ table: 'daily_rollups', from: '2026-01-01', to: '2026-01-15' }, ['unit'])).toBe('daily_rollups');
  });

  it('SQLite keeps the unit × month sums equal to the monthly rows through inserts, updates and deletes', async () => {
    const org = await createOrganisation({ region: 'unit-bulanan' });
    const second = (
      await env.DB.prepare(
        "INSERT INTO counters (unit_id, code, name) VALUES (?, 'unitbulanan2', 'Loket 2') RETURNING id",
      )
        .bind(org.unitId)
        .first<{ id: number }>()
    )?.id as number;
    const unitMonth = () =>
      env.DB.prepare(
        'SELECT n, s1, c1_4, sum_squared_totals FROM unit_monthly_rollups WHERE unit_id = ? AND local_month = ?',
      )
        .bind(org.unitId, '2026-04')
        .first();
    await insertRatings(org, [
      { date: '2026-04-02', scores: [4, 4, 4, 4, 4, 4, 4, 4, 4] },
      { date: '2026-04-03', scores: [1, 1, 1, 1, 1, 1, 1, 1, 1], counterId: second },
    ]);
    expect(await unitMonth()).toEqual({ n: 2, s1: 5, c1_4: 1, sum_squared_totals: 36 * 36 + 9 * 9 });
    // Flagging one response takes it out of the rollups (the responses' trigger updates its monthly row).
    await env.DB.prepare("UPDATE responses SET flagged = 1, flag_reason = 'moderator' WHERE counter_id = ?")
      .bind(second)
      .run();
    expect(await unitMonth()).toMatchObject({ n: 1, s1: 4, sum_squared_totals: 36 * 36 });
    expect(await monthlyMismatches()).toEqual([]);
    // Deleting a counted response takes it back from the unit's month too.
    await env.DB.prepare('DELETE FROM responses WHERE unit_id = ? AND flagged = 0').bind(org.unitId).run();
    expect(await unitMonth()).toMatchObject({ n: 0, s1: 0, c1_4: 0, sum_squared_totals: 0 });
    expect(await monthlyMismatches()).toEqual([]);
    // A rebuild recomputes the unit's month from the responses, whatever the row held.
    await insertRatings(org, [{ date: '2026-04-02', scores: [4, 4, 4, 4, 4, 4, 4, 4, 4] }]);
    await env.DB.prepare('UPDATE unit_monthly_rollups SET n = 7 WHERE unit_id = ?').bind(org.unitId).run();
    await env.DB.batch(REBUILD_ROLLUPS_SQL.map((sql) => env.DB.prepare(sql)));
    expect(await unitMonth()).toMatchObject({ n: 1, s1: 4, c1_4: 1, sum_squared_totals: 36 * 36 });
    expect(await monthlyMismatches()).toEqual([]);
  });

  it('the invariant check notices a unit × month row that disagrees with its monthly rows', async () => {
    const org = await createOrganisation({ region: 'unit-salah' });
    await insertRatings(org, [{ date: '2026-04-02', scores: [3, 3, 3, 3, 3, 3, 3, 3, 3] }]);
    expect(await monthlyMismatches()).toEqual([]);
    await env.DB.prepare('UPDATE unit_monthly_rollups SET n = n + 1 WHERE unit_id = ?').bind(org.unitId).run();
    // Both ways: the unit's row against its monthly rows, and the monthly rows against the unit's row.
    expect(await monthlyMismatches()).toEqual([
      expect.objectContaining({ table: 'unit_monthly_rollups', n: 2, other_n: 1 }),
      expect.objectContaining({ table: 'unit_monthly_rollups', n: 1, other_n: 2 }),
    ]);
    // Put right again, so the tests after this one start from a consistent database.
    await env.DB.prepare('UPDATE unit_monthly_rollups SET n = n - 1 WHERE unit_id = ?').bind(org.unitId).run();
    expect(await monthlyMismatches()).toEqual([]);
  });

  it('any period gives the same figures from the monthly rollups (plus edge days) as from the daily ones alone, and as the raw rows', async () => {
    const org = await createOrganisation({ region: 'bulanan' });
    const second = (
      await env.DB.prepare(
        "INSERT INTO counters (unit_id, code, name) VALUES (?, 'bulananloket2', 'Loket 2') RETURNING id",
      )
        .bind(org.unitId)
        .first<{ id: number }>()
    )?.id;
    // Random ratings over five months around a year end (and a leap February), some flagged, some without service.
    const day = fc
      .integer({ min: 0, max: 150 })
      .map((d) => new Date(Date.UTC(2027, 10, 1) + d * 86_400_000).toISOString().slice(0, 10));
    const rating = fc.record({
      date: day,
      scores: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 9, maxLength: 9 }),
      flagged: fc.boolean(),
      serviceId: fc.constantFrom(org.serviceId, null),
      counterId: fc.constantFrom(org.counterId, second ?? null),
    });
    const period = fc.tuple(day, day).map(([a, b]) => (a <= b ? { from: a, to: b } : { from: b, to: a }));
    const groupings: RollupGrouping[] = ['unit', 'counter', 'service', 'month', 'region'];
    let stored = false;
    await fc.assert(
      fc.asyncProperty(
        fc.array(rating, { maxLength: 30 }),
        fc.array(period, { minLength: 1, maxLength: 6 }),
        fc.subarray(groupings),
        async (ratings, periods, groupBy) => {
          // Ratings accumulate over the runs: the store grows as production's does, and every run checks all periods.
          if (ratings.length) await insertRatings(org, ratings);
          stored ||= ratings.length > 0;
          for (const { from, to } of periods) {
            const filter = { regionId: org.regionId, from, to };
            const mixed = await aggregateRollups(env.DB, filter, groupBy);
            const daily = await aggregateRollups(env.DB, filter, groupBy, [{ table: 'daily_rollups', from, to }]);
            const order = (rows: typeof mixed) =>
              [...rows].sort((a, b) => JSON.stringify(a.key).localeCompare(JSON.stringify(b.key)));
            expect(order(mixed)).toEqual(order(daily));
            const raw = await env.DB.prepare(
              'SELECT count(*) AS n FROM responses WHERE region_id = ? AND flagged = 0 AND local_date BETWEEN ? AND ?',
            )
              .bind(org.regionId, from, to)
              .first<{ n: number }>();
            expect(mixed.reduce((sum, g) => sum + g.aggregate.n, 0)).toBe(raw?.n);
          }
        },
      ),
      { numRuns: 25 },
    );
    expect(stored).toBe(true);
    expect(await monthlyMismatches()).toEqual([]);
  }, 60_000);

  it('the backfill migration gives an existing deployment monthly rollups equal to the sums of its daily ones', async () => {
    const org = await createOrganisation({ region: 'lama' });
    await insertRatings(org, [
      { date: '2026-07-30', scores: [4, 4, 4, 4, 4, 4, 4, 4, 4] },
      { date: '2026-07-31', scores: [1, 2, 3, 4, 1, 2, 3, 4, 1], serviceId: org.serviceId },
      { date: '2026-08-01', scores: [2, 2, 2, 2, 2, 2, 2, 2, 2] },
    ]);
    const before = await env.DB.prepare(
      'SELECT * FROM monthly_rollups WHERE region_id = ? ORDER BY local_month, service_id',
    )
      .bind(org.regionId)
      .all();
    // As before the migration: daily rollups only.
    await env.DB.prepare('DELETE FROM monthly_rollups').run();
    const backfill = env.TEST_MIGRATIONS.find((m) => m.name.includes('monthly_rollups_backfill'));
    expect(backfill?.queries.length).toBeGreaterThan(0);
    for (const query of backfill?.queries ?? []) await env.DB.prepare(query).run();

    const after = await env.DB.prepare(
      'SELECT * FROM monthly_rollups WHERE region_id = ? ORDER BY local_month, service_id',
    )
      .bind(org.regionId)
      .all();
    expect(after.results).toEqual(before.results);
    expect(after.results.map((r) => [r.local_month, r.n])).toEqual([
      ['2026-07', 1],
      ['2026-07', 1],
      ['2026-08', 1],
    ]);
    expect(await monthlyMismatches()).toEqual([]);
  });
});
