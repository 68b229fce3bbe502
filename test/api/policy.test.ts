import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { atLeast, ROLES, type Role } from '../../domain/roles';
import { app } from '../../worker/app';
import { ADMIN_POLICIES, ADMIN_PREFIX, policyOf } from '../../worker/security/policy';
import { type Caller, type SignedIn, staff } from '../support/accounts';
import { createOrganisation } from '../support/fixtures';
import { insertRatings, same } from '../support/ratings';

/** Paths outside the admin API: public, or behind an agency key (worker/security/api-keys.ts). */
const NON_STAFF_PREFIXES = [
  '/api/v1/regions',
  '/api/v1/responses',
  '/api/v1/agency',
  '/data',
  '/r/',
  '/api/docs',
  // Signed SKP evidence: public by design, the token is its own credential (docs/report.md).
  '/bukti/',
  // The public pages' share cards (og:image).
  '/og/',
  '/api/v1/openapi.json',
];

/** The routes that answer (not middleware, which Hono registers for every method as ALL). */
const answering = () => {
  const seen = new Set<string>();
  return app.routes
    .filter((r) => r.method !== 'ALL')
    .filter((r) => {
      const key = `${r.method} ${r.path}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
};

/** Every row of every table but the throttle counters: "nothing changed" means this is equal. */
async function snapshot(): Promise<string> {
  const { results } = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name NOT IN ('d1_migrations', 'rate_counters', 'device_salts') ORDER BY name",
  ).all<{ name: string }>();
  const tables = await env.DB.batch(results.map(({ name }) => env.DB.prepare(`SELECT * FROM "${name}"`)));
  return JSON.stringify(tables.map((t, i) => [results[i]!.name, t.results]));
}

describe('every admin route declares a policy (docs/accounts.md)', () => {
  it('has a policy for each admin route, and no staff route lives outside /api/v1/admin', () => {
    const missing: string[] = [];
    for (const route of answering()) {
      if (route.path.startsWith(`${ADMIN_PREFIX}/`)) {
        if (!policyOf(route.method, route.path)) missing.push(`${route.method} ${route.path}`);
      } else {
        expect(
          NON_STAFF_PREFIXES.some((prefix) => route.path.startsWith(prefix)),
          `${route.method} ${route.path} is neither an admin route with a policy nor a known public path`,
        ).toBe(true);
      }
    }
    expect(missing).toEqual([]);
    // And no policy names a route that does not exist (a typo would leave the real route unprotected).
    const routes = new Set(answering().map((r) => `${r.method} ${r.path.slice(ADMIN_PREFIX.length)}`));
    expect(Object.keys(ADMIN_POLICIES).filter((key) => !routes.has(key))).toEqual([]);
  });
});

describe('roles and regions enforced on every admin route (SPEC §5 Admin)', () => {
  const ids: Record<string, string> = {};
  const callers = {} as Record<
    'region_admin' | 'unit_operator' | 'viewer' | 'otherAdmin' | 'otherUnitOperator',
    SignedIn
  >;
  let counterCode = '';

  beforeAll(async () => {
    const a = await createOrganisation({ region: 'wilayah-a' });
    const b = await createOrganisation({ region: 'wilayah-b' });
    counterCode = a.counterCode;
    // A second unit in region A that the operator does not work in.
    const dinkes = await env.DB.prepare(
      "INSERT INTO units (region_id, slug, name) VALUES (?, 'dinkes', 'Dinas Kesehatan') RETURNING id",
    )
      .bind(a.regionId)
      .first<{ id: number }>();
    await env.DB.prepare(
      `INSERT INTO comments (id, response_id, region_id, unit_id, body, local_date) VALUES
       ('kom-a', 'r-kom-a', ?1, ?2, 'Antrian panjang.', '2026-06-01'),
       ('kom-dinkes', 'r-kom-dinkes', ?1, ?3, 'Obat habis.', '2026-06-01'),
       ('kom-b', 'r-kom-b', ?4, ?5, 'Wilayah lain.', '2026-06-01')`,
    )
      .bind(a.regionId, a.unitId, dinkes!.id, b.regionId, b.unitId)
      .run();
    const flagged = await insertRatings(a, [
      { date: '2026-06-11', scores: [4, 4, 4, 4, 4, 4, 4, 4, 4], flagged: true },
    ]);
    ids.flagged = flagged[0] ?? '';
    await insertRatings(a, same(1, [3, 3, 3, 3, 3, 3, 3, 3, 3], '2026-06-10'));
    await env.DB.prepare(
      "INSERT INTO api_keys (id, region_id, label, prefix, hash) VALUES ('key_a', ?, 'SKP', 'sl_live_aaaa', 'h-a')",
    )
      .bind(a.regionId)
      .run();
    callers.region_admin = await staff('region_admin', 'wilayah-a');
    callers.unit_operator = await staff('unit_operator', 'wilayah-a', ['disdukcapil']);
    callers.viewer = await staff('viewer', 'wilayah-a');
    callers.otherAdmin = await staff('region_admin', 'wilayah-b');
    callers.otherUnitOperator = await staff('unit_operator', 'wilayah-a', ['dinkes']);
    ids.user = (callers.viewer as SignedIn & { id: string }).id;
  });

  /** A concrete path in region A (the callers' region), unit disdukcapil (the operator's unit). */
  function concrete(path: string): string {
    const id = path.includes('/api-keys/')
      ? 'key_a'
      : path.includes('/comments/')
        ? 'kom-a'
        : path.includes('/responses/:id')
          ? ids.flagged!
          : ids.user!;
    return path
      .slice(ADMIN_PREFIX.length)
      .replace(':region', 'wilayah-a')
      .replace(':unit', 'disdukcapil')
      .replace(':code', counterCode)
      .replace(':id', id);
  }

  const below = (role: Role): Role | null => ROLES[ROLES.indexOf(role) - 1] ?? null;
  const asRole = (role: Role): Caller | null =>
    role === 'super' ? null : (callers[role as 'region_admin' | 'unit_operator' | 'viewer']?.call ?? null);

  it('refuses anonymous (401), a role below the policy (403) and another region (403/404), changing nothing', async () => {
    const checked: string[] = [];
    for (const route of answering()) {
      const found = policyOf(route.method, route.path);
      if (!found || found.scope === 'public' || !route.path.startsWith(ADMIN_PREFIX)) continue;
      const path = concrete(route.path);
      const body = route.method === 'GET' ? undefined : {};
      const label = `${route.method} ${route.path}`;
      const before = await snapshot();

      const anonymous = await app.request(`https://suara.test${ADMIN_PREFIX}${path}`, { method: route.method }, env);
      expect(anonymous.status, `${label} anonymous`).toBe(401);

      const lower = below(found.role);
      const wrongRole = lower ? asRole(lower) : null;
      if (wrongRole) expect((await wrongRole(route.method, path, body)).status, `${label} as ${lower}`).toBe(403);

      if (found.scope === 'region' || found.scope === 'unit') {
        // An account of region B, at or above the route's role, on region A's path.
        const other = await callers.otherAdmin.call(route.method, path, body);
        expect([403, 404], `${label} from another region`).toContain(other.status);
      }
      if (found.scope === 'global' && route.path.includes('/users/:id')) {
        // Global paths naming another region's account by id: the account is out of reach (404).
        const other = await callers.otherAdmin.call(route.method, path, body);
        expect([403, 404], `${label} from another region`).toContain(other.status);
      }
      if (found.scope === 'unit' && atLeast('unit_operator', found.role)) {
        // An operator of region A's other unit, on disdukcapil's path.
        const otherUnit = await callers.otherUnitOperator.call(route.method, path, body);
        expect([403, 404], `${label} from another unit`).toContain(otherUnit.status);
      }
      expect(await snapshot(), `${label} changed something`).toBe(before);
      checked.push(label);
    }
    expect(checked.length).toBeGreaterThan(25);
    // Every admin route, each with a snapshot of every table before and after: longer than the default 5 s on a busy CI.
  }, 30_000);

  it('lets each role act within its reach: the operator in its own unit only, the viewer read-only', async () => {
    const { unit_operator: operator, viewer, region_admin: regionAdmin } = callers;
    const base = '/regions/wilayah-a';
    expect((await operator.call('GET', `${base}/units/disdukcapil/counters/${counterCode}/poster`)).status).toBe(200);
    // Moderation: the operator sees and changes its own unit's comments only.
    const queue = await (await operator.call('GET', `${base}/comments`)).json<{ id: string }[]>();
    expect(queue.map((c) => c.id)).toEqual(['kom-a']);
    expect((await operator.call('PATCH', `${base}/comments/kom-dinkes`, { status: 'published' })).status).toBe(404);
    const reply = await operator.call('PATCH', `${base}/comments/kom-a`, {
      status: 'published',
      reply: 'Terima kasih.',
    });
    expect(reply.status).toBe(200);
    expect(await reply.json()).toMatchObject({
      status: 'published',
      moderatedBy: `user:${(operator as SignedIn & { id: string }).id}`,
    });
    // The operator may not create counters or keys (region admin actions).
    expect((await operator.call('POST', `${base}/units/disdukcapil/counters`, { name: 'Loket 9' })).status).toBe(403);
    // The viewer reads, and changes nothing.
    expect((await viewer.call('GET', `${base}/units`)).status).toBe(200);
    expect((await viewer.call('PATCH', `${base}/comments/kom-a`, { reply: null })).status).toBe(403);
    // The region admin manages its region's keys, not another's.
    expect((await regionAdmin.call('POST', `${base}/api-keys`, { label: 'BKPSDM' })).status).toBe(201);
    expect((await regionAdmin.call('POST', '/regions/wilayah-b/api-keys', { label: 'BKPSDM' })).status).toBe(403);
    expect(
      (
        await regionAdmin.call('POST', '/regions', {
          code: '33.03',
          slug: 'wilayah-c',
          name: 'Kota C',
          timezone: 'Asia/Jakarta',
        })
      ).status,
    ).toBe(403);
    // The audit rows of these changes carry region A, so region B's admin does not see them.
    const audit = await (await callers.otherAdmin.call('GET', '/audit')).json<{
      entries: { region: string | null }[];
    }>();
    expect(audit.entries.every((e) => e.region === 'wilayah-b')).toBe(true);
  });
});
