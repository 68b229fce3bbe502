/**
 * The one-batch rating of SPEC §5 (docs/rating.md, "Round trips"): what a rating costs in D1 round trips, and what
 * the batch guarantees under concurrency now that the repeat check, the limits, the hold rules and the insert are
 * decided together.
 */
import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { localDate } from '../../domain/periods';
import { type NewRating, type RatingLimits, storeRating } from '../../worker/db/responses';
import { deviceHash } from '../../worker/security/device-hash';
import { minuteWindow } from '../../worker/security/rate-limit';
import { SITEVERIFY_URL } from '../../worker/security/turnstile';
import { countingD1 } from '../support/d1-counter';
import { createOrganisation } from '../support/fixtures';
import { newDevice, newDevicelessPhone, postRating, postRatingWith, ratingBody } from '../support/ratings';

async function count(sql: string, ...bindings: unknown[]): Promise<number> {
  return (
    (
      await env.DB.prepare(sql)
        .bind(...bindings)
        .first<{ n: number }>()
    )?.n ?? 0
  );
}

const PASSING_SECRET = { TURNSTILE_SECRET_KEY: 'live-secret-for-tests', PUBLIC_ORIGIN: 'https://suara.test' };

function siteverifyPasses() {
  const original = globalThis.fetch;
  return vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    return url === SITEVERIFY_URL
      ? Promise.resolve(Response.json({ success: true, hostname: 'suara.test', action: 'rating', 'error-codes': [] }))
      : original(input, init);
  });
}

/** A rating of nine 3s at the organisation's counter, as the Worker hands it to storeRating, and roomy limits. */
function directRating(
  org: { counterCode: string },
  overrides: Partial<NewRating> = {},
): { rating: NewRating; limits: RatingLimits } {
  const now = Date.now();
  const submissionId = crypto.randomUUID();
  return {
    rating: {
      id: crypto.randomUUID(),
      submissionId,
      counterCode: org.counterCode,
      serviceSlug: undefined,
      kioskCredentialHash: null,
      kioskToken: null,
      accepted: true,
      scores: [3, 3, 3, 3, 3, 3, 3, 3, 3],
      respondent: {},
      comment: null,
      submittedAt: now,
      localDates: { 'Asia/Jakarta': localDate(now, 'Asia/Jakarta') },
      deviceHash: 'device-a',
      networkHash: 'network-a',
      ...overrides,
    },
    limits: {
      deviceMinute: { key: `minute:test-${submissionId}`, windowStart: now, limit: 30 },
      networkMinute: { key: `network-minute:test-${submissionId}`, windowStart: now, limit: 120 },
      hourly: { since: now - 3_600_000, device: 3, network: 20 },
    },
  };
}

/**
 * An organisation whose counter has been rated once, so the isolate has the day's salt cached, and a D1 binding that
 * counts the round trips from here on.
 */
async function afterFirstRating() {
  const org = await createOrganisation();
  // The isolate's first rating of the day looks up (or creates) the day's salt.
  expect((await postRating(ratingBody(org.counterCode))).status).toBe(201);
  return { org, ...countingD1(env.DB) };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('D1 round trips of a rating (SPEC §5, docs/rating.md "Round trips")', () => {
  it('costs exactly one round trip for a new rating once the day’s salt is cached, and one for a repeat', async () => {
    const { org, d1: db, trips } = await afterFirstRating();
    const body = ratingBody(org.counterCode, { comment: 'Pelayanan cepat, terima kasih.' });
    const device = newDevice();
    const created = await postRatingWith({ DB: db }, body, device);
    expect(created.status).toBe(201);
    expect(trips).toHaveLength(1);
    expect(trips[0]).toMatch(/^batch of/);

    trips.length = 0;
    const repeat = await postRatingWith({ DB: db }, body, device);
    expect(repeat.status).toBe(200);
    expect(await repeat.json()).toEqual(await created.json());
    expect(trips).toHaveLength(1);
  });

  it('sends three statements for a new rating, four with a comment: SQLite folds it into the rollups', async () => {
    const { org, d1: db, trips } = await afterFirstRating();
    expect((await postRatingWith({ DB: db }, ratingBody(org.counterCode), newDevice())).status).toBe(201);
    const comment = { comment: 'Antrean tertib.' };
    expect((await postRatingWith({ DB: db }, ratingBody(org.counterCode, comment), newDevice())).status).toBe(201);
    expect(trips).toEqual(['batch of 3', 'batch of 4']);
    const counted = await count(
      'SELECT (SELECT sum(n) FROM daily_rollups WHERE counter_id = ?1) + (SELECT sum(n) FROM monthly_rollups WHERE counter_id = ?1) AS n',
      org.counterId,
    );
    expect(counted).toBe(2 * 3);
  });

  it('costs one round trip for the rating that completes a burst too, which is held alone', async () => {
    const { org, d1: db, trips } = await afterFirstRating();
    // Five phones of one network that name no device, at one counter within a minute (domain/burst.ts): the fifth
    // completes the burst.
    const devices = Array.from({ length: 5 }, () => newDevicelessPhone('203.0.113'));
    for (const device of devices.slice(0, 4)) {
      expect((await postRatingWith({ DB: db }, ratingBody(org.counterCode), device)).status).toBe(201);
    }
    expect(trips).toHaveLength(4);
    const counted = () => count('SELECT sum(n) AS n FROM daily_rollups WHERE counter_id = ?', org.counterId);
    expect(await counted()).toBe(5);

    trips.length = 0;
    const fifth = await postRatingWith({ DB: db }, ratingBody(org.counterCode), devices[4]);
    expect(fifth.status).toBe(201);
    expect(await fifth.json()).toMatchObject({ held: true });
    expect(trips).toHaveLength(1);
    // The earlier four still count, as their answers said; monthly rollups alike.
    expect(await counted()).toBe(5);
    expect(await count('SELECT sum(n) AS n FROM monthly_rollups WHERE counter_id = ?', org.counterId)).toBe(5);
    expect(
      await count("SELECT count(*) AS n FROM responses WHERE counter_id = ? AND flag_reason = 'burst'", org.counterId),
    ).toBe(1);
  });

  it('costs one round trip for a refusal too (unknown counter, a full minute)', async () => {
    const org = await createOrganisation();
    const device = newDevice();
    const { d1: db, trips } = countingD1(env.DB);
    const tight = { DB: db, RATE_LIMIT_PER_DEVICE_MINUTE: '1' };
    expect((await postRatingWith(tight, ratingBody('tidak-ada-loket-ini'), device)).status).toBe(404);
    expect((await postRatingWith(tight, ratingBody(org.counterCode), device)).status).toBe(201);
    expect((await postRatingWith(tight, ratingBody(org.counterCode), device)).status).toBe(429);
    expect(trips).toHaveLength(3);
  });

  it('with siteverify: two round trips around the call for a new rating, one and no call for a repeat', async () => {
    const org = await createOrganisation();
    const spy = siteverifyPasses();
    const { d1: db, trips } = countingD1(env.DB);
    const body = ratingBody(org.counterCode, { turnstileToken: '0.token-from-the-widget' });
    const device = newDevice();
    expect((await postRatingWith({ ...PASSING_SECRET, DB: db }, body, device)).status).toBe(201);
    expect(trips).toHaveLength(2);
    expect(spy).toHaveBeenCalledTimes(1);

    trips.length = 0;
    expect((await postRatingWith({ ...PASSING_SECRET, DB: db }, body, device)).status).toBe(200);
    expect(trips).toHaveLength(1);
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it('learns a time zone outside Indonesia’s three once (one more round trip), and dates the rating in it', async () => {
    // UTC+14: the local date differs from UTC's for ten hours a day.
    const org = await createOrganisation({ timezone: 'Pacific/Kiritimati' });
    const { d1: db, trips } = countingD1(env.DB);
    const device = newDevice();
    const first = await postRatingWith({ DB: db }, ratingBody(org.counterCode), device);
    expect(first.status).toBe(201);
    expect(trips.length).toBeGreaterThanOrEqual(2);

    trips.length = 0;
    expect((await postRatingWith({ DB: db }, ratingBody(org.counterCode), device)).status).toBe(201);
    expect(trips).toHaveLength(1);
    const rows = await env.DB.prepare('SELECT submitted_at, local_date FROM responses WHERE counter_id = ?')
      .bind(org.counterId)
      .all<{ submitted_at: number; local_date: string }>();
    expect(rows.results).toHaveLength(2);
    for (const row of rows.results) expect(row.local_date).toBe(localDate(row.submitted_at, 'Pacific/Kiritimati'));
    // Every stored rating counted once in the device's minute, also the one that took two batches.
    const key = minuteWindow(await deviceHash(env.DB, env.DEVICE_HASH_KEY!, device, Date.now()), 0).key;
    expect(await count('SELECT sum(count) AS n FROM rate_counters WHERE key = ?', key)).toBe(2);
  });
});

describe('the one batch under concurrency (SPEC §5)', () => {
  it('stores concurrent repeats of one submissionId exactly once, answering each with the first id', async () => {
    const org = await createOrganisation();
    const device = newDevice();
    const body = ratingBody(org.counterCode, { comment: 'Antrian tertib.' });

    const responses = await Promise.all(Array.from({ length: 8 }, () => postRating(body, device)));

    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
    const ids = new Set(await Promise.all(responses.map(async (r) => ((await r.json()) as { id: string }).id)));
    expect(ids.size).toBe(1);
    expect(await count('SELECT count(*) AS n FROM responses WHERE submission_id = ?', body.submissionId)).toBe(1);
    expect(await count('SELECT count(*) AS n FROM comments WHERE unit_id = ?', org.unitId)).toBe(1);
    expect(await count('SELECT sum(n) AS n FROM daily_rollups WHERE counter_id = ?', org.counterId)).toBe(1);
  });

  it('counts exactly the limit and holds the rest when one device sends many ratings at once', async () => {
    const org = await createOrganisation();
    const device = newDevice();
    const bodies = Array.from({ length: 6 }, (_, i) =>
      ratingBody(org.counterCode, {
        answers: { U1: 1 + (i % 4), U2: 2, U3: 3, U4: 4, U5: 1, U6: 2, U7: 3, U8: 4, U9: 1 },
      }),
    );

    const responses = await Promise.all(bodies.map((body) => postRating(body, device)));

    expect(responses.map((r) => r.status)).toEqual(Array(6).fill(201));
    const answers = await Promise.all(responses.map((r) => r.json<{ id: string; held: boolean }>()));
    expect(answers.filter((a) => a.held)).toHaveLength(3);
    for (const answer of answers) {
      expect(await count('SELECT flagged AS n FROM responses WHERE id = ?', answer.id)).toBe(answer.held ? 1 : 0);
    }
    expect(await count('SELECT count(*) AS n FROM responses WHERE counter_id = ?', org.counterId)).toBe(6);
    expect(await count('SELECT sum(n) AS n FROM daily_rollups WHERE counter_id = ?', org.counterId)).toBe(3);
  });

  it('holds a concurrent burst from one network from its fifth rating on, and keeps those out of the rollups', async () => {
    const org = await createOrganisation();
    const devices = Array.from({ length: 8 }, () => newDevicelessPhone('198.51.100'));

    const responses = await Promise.all(devices.map((device) => postRating(ratingBody(org.counterCode), device)));

    expect(responses.map((r) => r.status)).toEqual(Array(8).fill(201));
    const answers = await Promise.all(responses.map((r) => r.json<{ held: boolean }>()));
    expect(answers.filter((a) => a.held)).toHaveLength(4);
    expect(await count('SELECT count(*) AS n FROM responses WHERE counter_id = ? AND flagged = 1', org.counterId)).toBe(
      4,
    );
    expect(await count('SELECT coalesce(sum(n), 0) AS n FROM daily_rollups WHERE counter_id = ?', org.counterId)).toBe(
      4,
    );
  });

  it('refuses a counter deactivated between two requests with 404, yet still acknowledges what it took', async () => {
    const org = await createOrganisation();
    const device = newDevice();
    const first = ratingBody(org.counterCode);
    const created = await postRating(first, device);
    expect(created.status).toBe(201);

    await env.DB.prepare('UPDATE counters SET active = 0 WHERE id = ?').bind(org.counterId).run();

    expect((await postRating(ratingBody(org.counterCode), device)).status).toBe(404);
    const repeat = await postRating(first, device);
    expect(repeat.status).toBe(200);
    expect(await repeat.json()).toEqual(await created.json());
    expect(await count('SELECT count(*) AS n FROM responses WHERE counter_id = ?', org.counterId)).toBe(1);
  });

  it('stores nothing for a counter deactivated just before the batch, and says so', async () => {
    const org = await createOrganisation();
    // An admin deactivates the counter while the rating is on its way: the batch itself must see it.
    await env.DB.prepare('UPDATE counters SET active = 0 WHERE id = ?').bind(org.counterId).run();

    const { rating, limits } = directRating(org, { comment: { id: crypto.randomUUID(), body: 'Cepat' } });
    const outcome = await storeRating(env.DB, rating, limits);
    expect(outcome).toEqual({ kind: 'counter-inactive' });
    expect(await count('SELECT count(*) AS n FROM responses WHERE counter_id = ?', org.counterId)).toBe(0);
    expect(await count('SELECT count(*) AS n FROM comments WHERE unit_id = ?', org.unitId)).toBe(0);
    expect(await count('SELECT coalesce(sum(n), 0) AS n FROM daily_rollups WHERE counter_id = ?', org.counterId)).toBe(
      0,
    );
  });
});

describe('the batch at a busy counter (docs/scale.md, "Ratings under load")', () => {
  it('reads every earlier rating it judges through an index led by the counter and the device or network', async () => {
    const org = await createOrganisation();
    // The statements one rating sends, with a device and without one (the network's rules then apply).
    for (const deviceHash of ['device-a', null]) {
      const prepared: { sql: string; binds: unknown[] }[] = [];
      const recording = {
        prepare: (sql: string) => ({
          bind: (...binds: unknown[]) => {
            prepared.push({ sql, binds });
            return env.DB.prepare(sql).bind(...binds);
          },
        }),
        batch: (statements: D1PreparedStatement[]) => env.DB.batch(statements),
      } as unknown as D1Database;
      const { rating, limits } = directRating(org, { deviceHash });
      await storeRating(recording, rating, {
        ...limits,
        deviceMinute: { ...limits.deviceMinute, key: deviceHash && `minute:${deviceHash}` },
      });
      const plans = await Promise.all(
        prepared.map(({ sql, binds }) =>
          env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
            .bind(...binds)
            .all<{ detail: string }>(),
        ),
      );
      const reads = plans
        .flatMap((plan) => plan.results.map((row) => row.detail))
        .filter((d) => / responses\b/.test(d));
      expect(reads.length).toBeGreaterThan(0);
      // Never the counter's whole recent history (responses_counter_time), never a scan of the table.
      for (const read of reads) {
        expect(read).toMatch(
          /USING (?:COVERING )?INDEX (?:responses_counter_device_time|responses_counter_network_time|sqlite_autoindex_responses_1|responses_submission_id_unique)/,
        );
      }
    }
  });
});
