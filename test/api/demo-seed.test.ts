import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { buildDemoSeed } from '../../scripts/seed/demo-data';
import { monthlyMismatches } from '../support/rollups';

const UNTIL = Date.parse('2026-11-20T00:00:00Z');

async function applySeed(statements: string[]) {
  // D1 caps a batch's size; the seed's statements are chunked INSERTs of at most 50 rows.
  for (let i = 0; i < statements.length; i += 50) {
    await env.DB.batch(statements.slice(i, i + 50).map((sql) => env.DB.prepare(sql)));
  }
}

async function counts() {
  const row = await env.DB.prepare(
    `SELECT (SELECT count(*) FROM regions) AS regions, (SELECT count(*) FROM counters) AS counters,
            (SELECT count(*) FROM responses) AS responses, (SELECT sum(n) FROM daily_rollups) AS rolled_up`,
  ).first<{ regions: number; counters: number; responses: number; rolled_up: number }>();
  return row!;
}

describe('demo seed (SPEC §6)', () => {
  it('is deterministic: the same month gives the same SQL', () => {
    expect(buildDemoSeed('2026-11', UNTIL).statements).toEqual(buildDemoSeed('2026-11', UNTIL).statements);
  });

  it('seeds four regions with twelve months of ratings, rollups equal to the responses, and adds nothing a second time', async () => {
    const seed = buildDemoSeed('2026-11', UNTIL);
    await applySeed(seed.statements);
    const first = await counts();
    await applySeed(seed.statements);

    expect(await counts()).toEqual(first);
    expect(first.regions).toBe(4);
    expect(first.responses).toBe(seed.responses);
    expect(first.rolled_up).toBe(seed.responses);
    expect(await monthlyMismatches()).toEqual([]);
    const months = await env.DB.prepare(
      `SELECT count(DISTINCT substr(local_date, 1, 7)) AS months, max(submitted_at) AS latest FROM responses`,
    ).first<{ months: number; latest: number }>();
    expect(months).toEqual({ months: 12, latest: expect.any(Number) });
    expect(months!.latest).toBeLessThanOrEqual(UNTIL);
    const regions = await env.DB.prepare('SELECT slug, timezone FROM regions ORDER BY slug').all();
    expect(regions.results).toEqual([
      { slug: 'gorontalo', timezone: 'Asia/Makassar' },
      { slug: 'langsa', timezone: 'Asia/Jakarta' },
      { slug: 'pariaman', timezone: 'Asia/Jakarta' },
      { slug: 'tanjungpinang', timezone: 'Asia/Jakarta' },
    ]);
  });
});
