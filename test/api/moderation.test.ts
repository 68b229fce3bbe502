import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { aggregateOf } from '../../domain/aggregate';
import { summarize } from '../../domain/summary';
import { admin } from '../support/admin';
import { createOrganisation } from '../support/fixtures';
import { fromOrigin } from '../support/origin';
import { insertRatings, same } from '../support/ratings';
import { monthlyMismatches } from '../support/rollups';

async function addComment(org: { regionId: number; unitId: number }, id: string, body: string) {
  await env.DB.prepare(
    `INSERT INTO comments (id, response_id, region_id, unit_id, body, local_date) VALUES (?, ?, ?, ?, ?, '2026-06-01')`,
  )
    .bind(id, `resp-${id}`, org.regionId, org.unitId, body)
    .run();
}

// From the handler itself: the figures must change at once; the edge cache may show the old ones for a minute.
const score = async (region: string) =>
  (await fromOrigin(`/api/v1/regions/${region}/units/disdukcapil/scores?period=2026-06`)).json<{
    responses: number;
    ikm: number | null;
  }>();

describe('comment moderation (SPEC §4)', () => {
  it('lists pending comments oldest first, publishes, rejects and replies, with an audit row each', async () => {
    const org = await createOrganisation({ region: 'komentar' });
    await addComment(org, 'c1', 'Pelayanan cepat, terima kasih.');
    await addComment(org, 'c2', 'Antrian terlalu panjang.');
    const other = await createOrganisation({ region: 'komentar-lain' });
    await addComment(other, 'c3', 'Bukan wilayah ini.');

    const pending = await (await admin('GET', '/regions/komentar/comments')).json<{ id: string; status: string }[]>();
    expect(pending.map((c) => [c.id, c.status])).toEqual([
      ['c1', 'pending'],
      ['c2', 'pending'],
    ]);

    const published = await admin('PATCH', '/regions/komentar/comments/c1', {
      status: 'published',
      reply: 'Terima kasih atas masukannya.',
    });
    expect(published.status).toBe(200);
    expect(await published.json()).toMatchObject({
      id: 'c1',
      status: 'published',
      moderatedBy: 'admin-token',
      reply: 'Terima kasih atas masukannya.',
      repliedAt: expect.any(Number),
      unit: { slug: 'disdukcapil' },
    });
    expect(await (await admin('PATCH', '/regions/komentar/comments/c2', { status: 'rejected' })).json()).toMatchObject({
      status: 'rejected',
      reply: null,
    });
    expect(await (await admin('PATCH', '/regions/komentar/comments/c1', { reply: null })).json()).toMatchObject({
      status: 'published',
      reply: null,
      repliedAt: null,
    });

    expect(await (await admin('GET', '/regions/komentar/comments')).json()).toEqual([]);
    expect(
      (await (await admin('GET', '/regions/komentar/comments?status=published')).json<{ id: string }[]>()).map(
        (c) => c.id,
      ),
    ).toEqual(['c1']);
    const audit = await env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'comment.moderate'").first<{
      n: number;
    }>();
    expect(audit?.n).toBe(3);
  });

  it('cannot reach another region’s comment, and refuses an empty or invalid decision', async () => {
    await createOrganisation({ region: 'komentar-b' });
    expect((await admin('PATCH', '/regions/komentar-b/comments/c3', { status: 'published' })).status).toBe(404);
    expect((await admin('PATCH', '/regions/komentar/comments/c3', {})).status).toBe(400);
    expect((await admin('PATCH', '/regions/komentar/comments/c3', { status: 'pending' })).status).toBe(400);
    expect((await admin('GET', '/regions/komentar/comments?status=semua')).status).toBe(400);
  });
});

describe('flagged responses (SPEC §4: flagged responses stay out until a moderator accepts them)', () => {
  it('accepting adds the response to the figures exactly once; rejecting keeps it out and off the queue', async () => {
    const org = await createOrganisation({ region: 'tanda' });
    await insertRatings(org, same(10, [3, 3, 3, 3, 3, 3, 3, 3, 3], '2026-06-10'));
    const [accepted, rejected] = await insertRatings(org, [
      { date: '2026-06-11', scores: [4, 4, 4, 4, 4, 4, 4, 4, 4], flagged: true },
      { date: '2026-06-12', scores: [1, 1, 1, 1, 1, 1, 1, 1, 1], flagged: true },
    ]);
    expect(await score('tanda')).toMatchObject({ responses: 10, ikm: 75 });

    const queue = await (await admin('GET', '/regions/tanda/responses/flagged')).json<
      { id: string; reason: string; counter: string; answers: object }[]
    >();
    expect(queue.map((r) => r.id)).toEqual([accepted, rejected]);
    expect(queue[0]).toMatchObject({
      reason: 'test',
      counter: org.counterCode,
      channel: 'qr',
      answers: { U1: 4, U9: 4 },
    });

    expect((await admin('POST', `/regions/tanda/responses/${accepted}/accept`)).status).toBe(204);
    const expected = summarize(aggregateOf([...Array.from({ length: 10 }, () => Array(9).fill(3)), Array(9).fill(4)]));
    expect(await score('tanda')).toMatchObject({ responses: 11, ikm: expected.ikm });
    // A second accept finds nothing to accept and adds nothing.
    expect((await admin('POST', `/regions/tanda/responses/${accepted}/accept`)).status).toBe(404);
    expect(await score('tanda')).toMatchObject({ responses: 11 });
    // The accept reached the monthly rollups (which the period's score reads) in the same batch as the daily ones.
    expect(await monthlyMismatches()).toEqual([]);

    expect((await admin('POST', `/regions/tanda/responses/${rejected}/reject`)).status).toBe(204);
    expect((await admin('POST', `/regions/tanda/responses/${rejected}/reject`)).status).toBe(204);
    expect(await score('tanda')).toMatchObject({ responses: 11 });
    expect(await (await admin('GET', '/regions/tanda/responses/flagged')).json()).toEqual([]);
    const rejectedList = await (await admin('GET', '/regions/tanda/responses/flagged?status=rejected')).json<
      { id: string; reason: string }[]
    >();
    expect(rejectedList.map((r) => [r.id, r.reason])).toEqual([[rejected, 'test']]);
    const flags = await env.DB.prepare('SELECT id, flagged FROM responses WHERE id IN (?, ?) ORDER BY id')
      .bind(accepted, rejected)
      .all();
    expect(flags.results).toEqual(
      expect.arrayContaining([
        { id: accepted, flagged: 0 },
        { id: rejected, flagged: 1 },
      ]),
    );
    const audit = await env.DB.prepare("SELECT action FROM audit_log WHERE action LIKE 'response.%' ORDER BY id").all<{
      action: string;
    }>();
    expect(audit.results.map((r) => r.action)).toEqual(['response.accept', 'response.reject']);
  });

  it('cannot accept another region’s flagged response', async () => {
    await createOrganisation({ region: 'tanda-a' });
    const other = await createOrganisation({ region: 'tanda-b' });
    const [foreign] = await insertRatings(other, [{ date: '2026-06-11', scores: Array(9).fill(4), flagged: true }]);
    expect((await admin('POST', `/regions/tanda-a/responses/${foreign}/accept`)).status).toBe(404);
    expect((await admin('POST', `/regions/tanda-a/responses/${foreign}/reject`)).status).toBe(404);
  });
});
