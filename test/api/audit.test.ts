import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { signInRequest, staff } from '../support/accounts';
import { admin } from '../support/admin';
import { createOrganisation } from '../support/fixtures';
import { insertRatings } from '../support/ratings';

interface Page {
  entries: {
    id: number;
    actor: string;
    actorEmail: string | null;
    actorName: string | null;
    action: string;
    target: string;
    targetEmail: string | null;
    region: string | null;
  }[];
  nextCursor: number | null;
}

describe('GET /api/v1/admin/audit (docs/accounts.md: who changed what, when)', () => {
  it('filters by who, what and when, pages by keyset, and shows a region admin its own region only', async () => {
    await admin('POST', '/regions', { code: '33.05', slug: 'audit-a', name: 'Kota Audit A', timezone: 'Asia/Jakarta' });
    await admin('POST', '/regions', { code: '33.06', slug: 'audit-b', name: 'Kota Audit B', timezone: 'Asia/Jakarta' });
    const regionAdmin = await staff('region_admin', 'audit-a');
    for (const slug of ['satu', 'dua', 'tiga']) {
      expect((await regionAdmin.call('POST', '/regions/audit-a/units', { slug, name: `Dinas ${slug}` })).status).toBe(
        201,
      );
    }
    await admin('POST', '/regions/audit-b/units', { slug: 'lain', name: 'Dinas Lain' });

    const mine = await (await regionAdmin.call('GET', '/audit')).json<Page>();
    expect(mine.entries.length).toBeGreaterThan(0);
    expect(mine.entries.every((e) => e.region === 'audit-a')).toBe(true);
    expect(mine.entries.map((e) => e.id)).toEqual([...mine.entries.map((e) => e.id)].sort((a, b) => b - a));
    expect((await regionAdmin.call('GET', '/audit?region=audit-b')).status).toBe(403);

    // Who (by e-mail or actor id) and what (exact or a prefix).
    const byEmail = await (
      await regionAdmin.call('GET', `/audit?actor=${encodeURIComponent(regionAdmin.email)}&action=unit.create`)
    ).json<Page>();
    expect(byEmail.entries).toHaveLength(3);
    expect(byEmail.entries[0]).toMatchObject({ actor: `user:${regionAdmin.id}`, actorEmail: regionAdmin.email });
    // The name beside the e-mail, and an account target's e-mail, so the console writes people, not ids.
    expect(byEmail.entries[0]?.actorName).toMatch(/^Petugas \d+$/);
    const invited = await (await admin('GET', '/audit?action=user.create&region=audit-a')).json<Page>();
    expect(invited.entries[0]).toMatchObject({
      actor: 'admin-token',
      actorName: null,
      target: `user:${regionAdmin.id}`,
      targetEmail: regionAdmin.email,
    });
    const prefix = await (await admin('GET', '/audit?action=unit.&region=audit-b')).json<Page>();
    expect(prefix.entries.map((e) => e.action)).toEqual(['unit.create']);

    // Keyset pages of one entry each walk the same three rows, newest first, then stop.
    const seen: number[] = [];
    let cursor: number | null = null;
    do {
      const path: string = `/audit?action=unit.create&region=audit-a&limit=1${cursor ? `&cursor=${cursor}` : ''}`;
      const page: Page = await (await admin('GET', path)).json<Page>();
      seen.push(...page.entries.map((e) => e.id));
      cursor = page.nextCursor;
      if (seen.length > 10) break;
    } while (cursor !== null);
    expect(seen).toEqual(byEmail.entries.map((e) => e.id));

    // When: a range in the future is empty (the empty state), and bad input is a 400.
    const future = await (await admin('GET', '/audit?from=2999-01-01')).json<Page>();
    expect(future).toEqual({ entries: [], nextCursor: null });
    expect((await admin('GET', '/audit?from=kemarin')).status).toBe(400);
  });
});

async function auditRows(where: string, ...binds: unknown[]) {
  const { results } = await env.DB.prepare(
    `SELECT actor, action, target, detail, region_id AS regionId FROM audit_log WHERE ${where} ORDER BY id`,
  )
    .bind(...binds)
    .all<{ actor: string; action: string; target: string; detail: string; regionId: number | null }>();
  return results.map((row) => ({ ...row, detail: JSON.parse(row.detail) as Record<string, unknown> }));
}

describe('failed sign-ins are audited without what was tried (docs/accounts.md, SPEC §5 Admin)', () => {
  it('names an existing account and its e-mail, keeps an unknown address only as a keyed hash, and never the password, code or token', async () => {
    const org = await createOrganisation();
    const region = org.regionSlug;
    const person = await staff('viewer', region);
    const ip = { 'CF-Connecting-IP': '203.0.113.44' };
    const before = (await env.DB.prepare('SELECT max(id) AS id FROM audit_log').first<{ id: number }>())!.id;
    expect((await signInRequest({ email: person.email, password: 'rahasia-yang-salah-1' }, ip)).status).toBe(401);
    expect(
      (await signInRequest({ email: 'warga.salah.ketik@gmail.com', password: 'rahasia-yang-salah-2' }, ip)).status,
    ).toBe(401);
    expect((await signInRequest({ token: 'tebakan-token-rahasia' }, ip)).status).toBe(401);
    expect(
      (await admin('GET', '/users', undefined, { Authorization: 'Bearer tebakan-bearer-rahasia', ...ip })).status,
    ).toBe(401);

    const rows = await auditRows("id > ? AND action = 'session.sign-in-failed'", before);
    expect(rows).toEqual([
      {
        actor: 'anonymous',
        action: 'session.sign-in-failed',
        target: `user:${person.id}`,
        detail: { method: 'password', reason: 'password', email: person.email },
        regionId: org.regionId,
      },
      {
        actor: 'anonymous',
        action: 'session.sign-in-failed',
        target: 'session',
        detail: { method: 'password', reason: 'password', emailHash: expect.stringMatching(/^[\w-]{22}$/) },
        regionId: null,
      },
      {
        actor: 'anonymous',
        action: 'session.sign-in-failed',
        target: 'session',
        detail: { method: 'token' },
        regionId: null,
      },
      {
        actor: 'anonymous',
        action: 'session.sign-in-failed',
        target: 'session',
        detail: { method: 'bearer' },
        regionId: null,
      },
    ]);
    const log = JSON.stringify((await env.DB.prepare('SELECT * FROM audit_log').all()).results);
    for (const secret of [
      'rahasia-yang-salah',
      'warga.salah.ketik',
      'tebakan-token-rahasia',
      'tebakan-bearer',
      '203.0.113',
    ]) {
      expect(log).not.toContain(secret);
    }
    // The region's admin sees the failure on its account.
    const regionAdmin = await staff('region_admin', region);
    const page = await (await regionAdmin.call('GET', '/audit?action=session.sign-in-failed')).json<Page>();
    expect(page.entries.map((e) => e.action)).toEqual(['session.sign-in-failed']);
  });
});

describe('exactly one audit row per decision (SPEC §5 Admin, docs/accounts.md)', () => {
  it('writes one response.accept for concurrent accepts of one flagged response, and one response.reject for concurrent rejects', async () => {
    const org = await createOrganisation();
    const region = org.regionSlug;
    const [toAccept, toReject] = await insertRatings(org, [
      { date: '2026-06-11', scores: Array(9).fill(4), flagged: true },
      { date: '2026-06-12', scores: Array(9).fill(1), flagged: true },
    ]);
    const accepts = await Promise.all(
      Array.from({ length: 6 }, () => admin('POST', `/regions/${region}/responses/${toAccept}/accept`)),
    );
    expect(accepts.filter((r) => r.status === 204)).toHaveLength(1);
    const rejects = await Promise.all(
      Array.from({ length: 6 }, () => admin('POST', `/regions/${region}/responses/${toReject}/reject`)),
    );
    expect(rejects.every((r) => r.status === 204)).toBe(true);
    expect((await auditRows('target = ?', `response:${toAccept}`)).map((r) => r.action)).toEqual(['response.accept']);
    expect((await auditRows('target = ?', `response:${toReject}`)).map((r) => r.action)).toEqual(['response.reject']);
    // The rejection kept its reason behind the mark, as a single reject does.
    const rejected = await env.DB.prepare('SELECT flagged, flag_reason AS reason FROM responses WHERE id = ?')
      .bind(toReject)
      .first();
    expect(rejected).toEqual({ flagged: 1, reason: 'rejected:test' });
  });

  it('audits every signed evidence link handed out: by POST, as the QR code (GET) and in a unit’s report (GET)', async () => {
    const org = await createOrganisation();
    const region = org.regionSlug;
    await insertRatings(
      org,
      Array.from({ length: 12 }, () => ({ date: '2026-06-10', scores: Array(9).fill(3) })),
    );
    const base = `/regions/${region}/units/disdukcapil`;
    expect((await admin('POST', `${base}/evidence`, { period: '2026-06' })).status).toBe(201);
    expect((await admin('GET', `${base}/evidence.svg?period=2026-06`)).status).toBe(200);
    expect((await admin('GET', `/regions/${region}/reports/skm?period=2026-06&unit=disdukcapil`)).status).toBe(200);
    // The region's report holds no evidence link, so it writes none.
    expect((await admin('GET', `/regions/${region}/reports/skm?period=2026-06`)).status).toBe(200);
    const rows = await auditRows("action = 'evidence.issue' AND target = ?", `unit:${region}/disdukcapil`);
    expect(rows.map((r) => r.detail.via)).toEqual(['json', 'qr', 'report-html']);
    expect(rows.every((r) => r.actor === 'admin-token' && r.regionId === org.regionId)).toBe(true);
    expect(rows[1]!.detail).toMatchObject({ period: '2026-06', responses: 12 });
  });
});
