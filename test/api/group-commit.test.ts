/**
 * Group commit (worker/db/group-commit.ts): concurrent batches of one isolate share D1 round trips, and sharing
 * never changes what any of them stores or answers.
 */
import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { GROUP_STATEMENTS, groupCommit } from '../../worker/db/group-commit';
import { countingD1 } from '../support/d1-counter';
import { createOrganisation } from '../support/fixtures';
import { newDevice, postRating, postRatingWith, ratingBody } from '../support/ratings';

beforeEach(async () => {
  await env.DB.exec('CREATE TABLE IF NOT EXISTS gc_probe (id INTEGER PRIMARY KEY, label TEXT NOT NULL UNIQUE)');
  await env.DB.exec('DELETE FROM gc_probe');
});

function insert(d1: D1Database, id: number, label = `row-${id}`): D1PreparedStatement[] {
  return [
    d1.prepare('INSERT INTO gc_probe (id, label) VALUES (?, ?)').bind(id, label),
    d1.prepare('SELECT count(*) AS n FROM gc_probe WHERE id <= ?').bind(id),
  ];
}

async function labels(): Promise<string[]> {
  const { results } = await env.DB.prepare('SELECT label FROM gc_probe ORDER BY id').all<{ label: string }>();
  return results.map((row) => row.label);
}

describe('groupCommit', () => {
  it('sends batches that arrive while one is in flight as one batch, each getting its own results in order', async () => {
    const counting = countingD1(env.DB);
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) => groupCommit(counting.d1, insert(counting.d1, i + 1))),
    );
    // The first goes alone (the lane was idle); the five that queued behind it go together.
    expect(counting.trips).toEqual(['batch of 2', 'batch of 10']);
    expect(answers.map((results) => results.length)).toEqual([2, 2, 2, 2, 2, 2]);
    // Each batch's SELECT saw the rows of the batches before it: the same as running them one after another.
    expect(answers.map((results) => (results[1]?.results[0] as { n: number } | undefined)?.n)).toEqual([
      1, 2, 3, 4, 5, 6,
    ]);
    expect(await labels()).toHaveLength(6);
  });

  it('keeps a group within GROUP_STATEMENTS statements', async () => {
    const counting = countingD1(env.DB);
    const batches = GROUP_STATEMENTS + 1;
    await Promise.all(Array.from({ length: batches }, (_, i) => groupCommit(counting.d1, insert(counting.d1, i + 1))));
    const sizes = counting.trips.map((trip) => Number(trip.replace('batch of ', '')));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(GROUP_STATEMENTS);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(batches * 2);
    expect(counting.trips.length).toBeLessThan(batches);
    expect(await labels()).toHaveLength(batches);
  });

  it('fails only the bad batch of a group: the others are sent again on their own and stored once', async () => {
    const counting = countingD1(env.DB);
    const results = await Promise.allSettled([
      groupCommit(counting.d1, insert(counting.d1, 1)),
      groupCommit(counting.d1, insert(counting.d1, 2)),
      // The same label twice: a UNIQUE violation that rolls its group back.
      groupCommit(counting.d1, insert(counting.d1, 3, 'row-2')),
      groupCommit(counting.d1, insert(counting.d1, 4)),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(await labels()).toEqual(['row-1', 'row-2', 'row-4']);
    // The lane is free again afterwards: a later batch goes at once, alone.
    counting.trips.length = 0;
    await groupCommit(counting.d1, insert(counting.d1, 5));
    expect(counting.trips).toEqual(['batch of 2']);
  });
});

describe('ratings sent together (SPEC §5: every acknowledged rating stored exactly once)', () => {
  it('stores each of many concurrent ratings exactly once, in fewer round trips, with rollups equal to raw', async () => {
    const org = await createOrganisation();
    const ratings = Array.from({ length: 12 }, () => ({ body: ratingBody(org.counterCode), device: newDevice() }));
    const responses = await Promise.all(ratings.map(({ body, device }) => postRating(body, device)));
    expect(responses.map((response) => response.status)).toEqual(ratings.map(() => 201));
    const ids = await Promise.all(responses.map(async (response) => ((await response.json()) as { id: string }).id));
    expect(new Set(ids).size).toBe(12);
    const stored = await env.DB.prepare(
      'SELECT count(*) AS n, count(DISTINCT submission_id) AS distinct_ids FROM responses WHERE counter_id = ?',
    )
      .bind(org.counterId)
      .first<{ n: number; distinct_ids: number }>();
    expect(stored).toEqual({ n: 12, distinct_ids: 12 });
    const rolled = await env.DB.prepare(
      'SELECT (SELECT sum(n) FROM daily_rollups WHERE counter_id = ?) AS daily, (SELECT sum(n) FROM monthly_rollups WHERE counter_id = ?) AS monthly',
    )
      .bind(org.counterId, org.counterId)
      .first<{ daily: number; monthly: number }>();
    expect(rolled).toEqual({ daily: 12, monthly: 12 });
  });

  it('shares round trips between concurrent ratings of one isolate', async () => {
    const org = await createOrganisation();
    const counting = countingD1(env.DB);
    const overrides = { DB: counting.d1 };
    // The day's salt first, so that what follows is only the ratings' batches.
    expect((await postRatingWith(overrides, ratingBody(org.counterCode))).status).toBe(201);
    counting.trips.length = 0;
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => postRatingWith(overrides, ratingBody(org.counterCode))),
    );
    expect(responses.map((response) => response.status)).toEqual(Array.from({ length: 8 }, () => 201));
    expect(counting.trips.every((trip) => trip.startsWith('batch of'))).toBe(true);
    expect(counting.trips.length).toBeLessThan(8);
    expect(await labels()).toEqual([]);
  });
});
