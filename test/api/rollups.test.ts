import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { aggregateOf } from '../../domain/aggregate';
import { parsePeriod } from '../../domain/periods';
import { summarize } from '../../domain/summary';
import { findRegion, findUnit } from '../../worker/db/regions';
import { REBUILD_ROLLUPS_SQL } from '../../worker/db/rollup-sql';
import { unitScore } from '../../worker/indicators/scores';
import { createOrganisation, db } from '../support/fixtures';
import { insertRatings } from '../support/ratings';

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

  it('adding responses to rollups as they come equals rebuilding from scratch, and flagged responses stay out', async () => {
    const org = await createOrganisation({ region: 'inkremental' });
    const rows = [
      { date: '2026-05-01', scores: [4, 4, 3, 4, 3, 4, 4, 2, 3] },
      { date: '2026-05-01', scores: [1, 2, 3, 4, 1, 2, 3, 4, 1] },
      { date: '2026-05-02', scores: [3, 3, 3, 3, 3, 3, 3, 3, 3], flagged: true },
    ];
    for (const row of rows) await insertRatings(org, [row]);
    const incremental = await env.DB.prepare('SELECT * FROM daily_rollups WHERE unit_id = ? ORDER BY local_date')
      .bind(org.unitId)
      .all();
    await env.DB.batch(REBUILD_ROLLUPS_SQL.map((sql) => env.DB.prepare(sql)));
    const rebuilt = await env.DB.prepare('SELECT * FROM daily_rollups WHERE unit_id = ? ORDER BY local_date')
      .bind(org.unitId)
      .all();

    expect(incremental.results).toEqual(rebuilt.results);
    expect(rebuilt.results).toHaveLength(1);
    expect(rebuilt.results[0]).toMatchObject({ n: 2, s1: 5, c1_1: 1, c1_4: 1, sum_squared_totals: 31 * 31 + 21 * 21 });
  });
});
