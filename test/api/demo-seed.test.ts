import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { officialArea } from '../../domain/region-codes';
import { buildDemoSeed } from '../../scripts/seed/demo-data';
import { RegionDashboardSchema } from '../../worker/routes/admin/dashboard';
import { admin } from '../support/admin';
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
    const regions = await env.DB.prepare('SELECT slug, timezone, code FROM regions ORDER BY slug').all<{
      slug: string;
      timezone: string;
      code: string;
    }>();
    expect(regions.results).toEqual([
      { slug: 'gorontalo', timezone: 'Asia/Makassar', code: '75.71' },
      { slug: 'langsa', timezone: 'Asia/Jakarta', code: '11.74' },
      { slug: 'pariaman', timezone: 'Asia/Jakarta', code: '13.77' },
      { slug: 'tanjungpinang', timezone: 'Asia/Jakarta', code: '21.72' },
    ]);
    // Each demo city's code is the official one for that city (SPEC §1).
    for (const region of regions.results) {
      expect(officialArea(region.code)?.name.replace(/\s/g, '').toLowerCase(), region.code).toBe(`kota${region.slug}`);
    }
    // Seeding ~12,000 ratings twice takes a few seconds alone, more on a loaded machine.
  }, 60_000);

  it('has a unit whose IKM fell 5 points or more in the last complete month, for the dashboard to flag (SPEC §3)', async () => {
    // The seed of the test above is already applied (storage is per file).
    const dashboards = await Promise.all(
      ['tanjungpinang', 'langsa', 'pariaman', 'gorontalo'].map(async (region) =>
        RegionDashboardSchema.parse(await (await admin('GET', `/regions/${region}/dashboard?month=2026-10`)).json()),
      ),
    );
    const drops = dashboards.flatMap((d) =>
      d.alerts.filter((a) => a.kind === 'ikm-drop').map((a) => `${d.region.slug}/${a.unit.slug}`),
    );
    expect(drops).toContain('pariaman/dpmptsp');
  });

  it('gives the regions of a database seeded before codes existed their Kemendagri codes', async () => {
    await env.DB.prepare('UPDATE regions SET code = NULL').run();
    await applySeed(buildDemoSeed('2026-11', UNTIL).statements);
    const { results } = await env.DB.prepare('SELECT code FROM regions ORDER BY code').all<{ code: string }>();
    expect(results.map((r) => r.code)).toEqual(['11.74', '13.77', '21.72', '75.71']);
  }, 60_000);
});
