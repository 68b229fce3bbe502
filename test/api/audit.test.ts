import { describe, expect, it } from 'vitest';
import { staff } from '../support/accounts';
import { admin } from '../support/admin';

interface Page {
  entries: { id: number; actor: string; actorEmail: string | null; action: string; region: string | null }[];
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
