import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { deviceHash } from '../../worker/security/device-hash';
import { signKioskToken } from '../../worker/security/kiosk-token';
import { minuteWindow } from '../../worker/security/rate-limit';
import { SITEVERIFY_URL } from '../../worker/security/turnstile';
import { createOrganisation, rows } from '../support/fixtures';
import { answersNo, newDevice, newDevicelessPhone, postRating, postRatingWith, ratingBody } from '../support/ratings';

const PASSING_SECRET = { TURNSTILE_SECRET_KEY: 'live-secret-for-tests', PUBLIC_ORIGIN: 'https://suara.test' };

/** Replaces siteverify at the outbound fetch (SPEC §5: tests replace siteverify, never the code that calls it). */
function siteverify(answer: () => Response | Promise<Response>) {
  const original = globalThis.fetch;
  return vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    return url === SITEVERIFY_URL ? Promise.resolve(answer()) : original(input, init);
  });
}

const verdict = (body: Record<string, unknown>) => () => Response.json(body);

afterEach(() => {
  vi.restoreAllMocks();
});

describe('Turnstile (SPEC §5)', () => {
  it('without a secret accepts the dummy token and makes no network call', async () => {
    const org = await createOrganisation();
    const spy = vi.spyOn(globalThis, 'fetch');
    expect((await postRating(ratingBody(org.counterCode))).status).toBe(201);
    expect(spy).not.toHaveBeenCalled();
  });

  it('without a secret refuses any other token with 403 and no network call', async () => {
    const org = await createOrganisation();
    const spy = vi.spyOn(globalThis, 'fetch');
    const response = await postRating(ratingBody(org.counterCode, { turnstileToken: 'a-real-looking-token' }));
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(spy).not.toHaveBeenCalled();
    expect(await rows('SELECT id FROM responses WHERE counter_id = ?', org.counterId)).toEqual([]);
  });

  it('with a secret stores the rating when siteverify says success, sending token, IP and idempotency key', async () => {
    const org = await createOrganisation();
    const spy = siteverify(verdict({ success: true, hostname: 'suara.test', action: 'rating', 'error-codes': [] }));
    const body = ratingBody(org.counterCode, { turnstileToken: '0.token-from-the-widget' });
    const device = newDevice();

    const response = await postRatingWith(PASSING_SECRET, body, device);

    expect(response.status).toBe(201);
    expect(spy).toHaveBeenCalledTimes(1);
    const form = spy.mock.calls[0]?.[1]?.body as FormData;
    const sent = Object.fromEntries(['secret', 'response', 'remoteip', 'idempotency_key'].map((k) => [k, form.get(k)]));
    expect(sent).toEqual({
      secret: 'live-secret-for-tests',
      response: '0.token-from-the-widget',
      remoteip: device.ip,
      idempotency_key: body.submissionId,
    });
  });

  it.each([
    ['an invalid token', { success: false, 'error-codes': ['invalid-input-response'] }],
    ['a spent or expired token', { success: false, 'error-codes': ['timeout-or-duplicate'] }],
    ['a token made on another site', { success: true, hostname: 'evil.example', action: 'rating' }],
    ['a token made for another form', { success: true, hostname: 'suara.test', action: 'login' }],
  ])('with a secret refuses %s with 403 and stores nothing', async (_name, answer) => {
    const org = await createOrganisation();
    siteverify(verdict(answer));
    const response = await postRatingWith(PASSING_SECRET, ratingBody(org.counterCode, { turnstileToken: 'tok' }));
    expect(response.status).toBe(403);
    expect(await rows('SELECT id FROM responses WHERE counter_id = ?', org.counterId)).toEqual([]);
  });

  it('with a secret fails closed when siteverify cannot be reached: 503 with Retry-After, nothing stored', async () => {
    const org = await createOrganisation();
    siteverify(() => {
      throw new TypeError('Network connection lost.');
    });
    const response = await postRatingWith(PASSING_SECRET, ratingBody(org.counterCode, { turnstileToken: 'tok' }));
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('10');
    expect(await rows('SELECT id FROM responses WHERE counter_id = ?', org.counterId)).toEqual([]);
  });

  it('with the dummy secret that always fails, refuses even the dummy token', async () => {
    const org = await createOrganisation();
    siteverify(verdict({ success: false, 'error-codes': ['invalid-input-response'] }));
    const response = await postRatingWith(
      { TURNSTILE_SECRET_KEY: '2x0000000000000000000000000000000AA' },
      ratingBody(org.counterCode),
    );
    expect(response.status).toBe(403);
  });

  it('answers a repeat without asking siteverify again (its token is already spent)', async () => {
    const org = await createOrganisation();
    const body = ratingBody(org.counterCode, { turnstileToken: 'tok' });
    siteverify(verdict({ success: true, hostname: 'suara.test', action: 'rating' }));
    const first = await (await postRatingWith(PASSING_SECRET, body)).json();

    vi.restoreAllMocks();
    const spy = siteverify(verdict({ success: false, 'error-codes': ['timeout-or-duplicate'] }));
    const repeat = await postRatingWith(PASSING_SECRET, body);
    expect(repeat.status).toBe(200);
    expect(await repeat.json()).toEqual(first);
    expect(spy).not.toHaveBeenCalled();
  });
});

describe('limits per device (SPEC §5)', () => {
  it('counts 3 ratings per device per counter per hour and holds the 4th (201, held), never refusing it', async () => {
    const org = await createOrganisation();
    const device = newDevice();
    const first = ratingBody(org.counterCode, { answers: answersNo(0) });
    for (const body of [first, ratingBody(org.counterCode, { answers: answersNo(1) })]) {
      expect((await postRating(body, device)).status).toBe(201);
    }
    expect((await postRating(ratingBody(org.counterCode, { answers: answersNo(2) }), device)).status).toBe(201);

    const fourth = await postRating(ratingBody(org.counterCode, { answers: answersNo(3) }), device);

    expect(fourth.status).toBe(201);
    const { id } = await fourth.json<{ id: string; held: boolean }>();
    expect(await rows('SELECT flagged, flag_reason FROM responses WHERE id = ?', id)).toEqual([
      { flagged: 1, flag_reason: 'device-limit' },
    ]);
    expect(await rows('SELECT id FROM responses WHERE counter_id = ?', org.counterId)).toHaveLength(4);
    // A repeat is answered before any limit, with the stored rating's state…
    const repeat = await postRating(first, device);
    expect(repeat.status).toBe(200);
    expect(await repeat.json()).toMatchObject({ held: false });
    // …and the limit is per device: another device (another network too) still counts.
    const other = await postRating(ratingBody(org.counterCode, { answers: answersNo(4) }));
    expect(other.status).toBe(201);
    expect(await other.json()).toMatchObject({ held: false });
    const [rollup] = await rows<{ n: number }>(
      'SELECT sum(n) AS n FROM daily_rollups WHERE counter_id = ?',
      org.counterId,
    );
    expect(rollup?.n).toBe(4);
  });

  it('counts stored ratings per device per minute, never repeats, and answers 429 past the limit', async () => {
    const limits = { RATE_LIMIT_PER_DEVICE_MINUTE: '2' };
    const a = await createOrganisation();
    const b = await createOrganisation();
    const c = await createOrganisation();
    const device = newDevice();
    const firstBody = ratingBody(a.counterCode);
    expect((await postRatingWith(limits, firstBody, device)).status).toBe(201);
    for (let i = 0; i < 4; i += 1) expect((await postRatingWith(limits, firstBody, device)).status).toBe(200);
    expect((await postRatingWith(limits, ratingBody(b.counterCode), device)).status).toBe(201);

    const third = await postRatingWith(limits, ratingBody(c.counterCode), device);

    expect(third.status).toBe(429);
    const retryAfter = Number(third.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await rows('SELECT id FROM responses WHERE counter_id = ?', c.counterId)).toEqual([]);
  });

  it('does not count refused requests (unknown counter, refused token) against the per-minute limit', async () => {
    const limits = { RATE_LIMIT_PER_DEVICE_MINUTE: '2' };
    const org = await createOrganisation();
    const device = newDevice();
    expect((await postRatingWith(limits, ratingBody('tidak-ada-loket-ini'), device)).status).toBe(404);
    const junk = ratingBody(org.counterCode, { turnstileToken: 'not-the-dummy' });
    expect((await postRatingWith(limits, junk, device)).status).toBe(403);

    const third = await postRatingWith(limits, ratingBody(org.counterCode), device);

    expect(third.status).toBe(201);
    expect(await rows('SELECT id FROM responses WHERE counter_id = ?', org.counterId)).toHaveLength(1);
  });

  it('keeps the limit counters under keyed hashes only: no IP, and not computable without the secret key', async () => {
    const org = await createOrganisation();
    const device = { ip: '198.51.100.77', userAgent: 'Mozilla/5.0 (Linux; Android 9; Itel A16) Chrome/110 Mobile' };
    expect((await postRating(ratingBody(org.counterCode), device)).status).toBe(201);

    const now = Date.now();
    const keyed = minuteWindow(await deviceHash(env.DB, env.DEVICE_HASH_KEY!, device, now), now).key;
    const otherKey = minuteWindow(await deviceHash(env.DB, 'not-the-secret', device, now), now).key;
    const keys = (await rows<{ key: string }>('SELECT key FROM rate_counters')).map((row) => row.key);
    expect(keys).toContain(keyed);
    expect(keys).not.toContain(otherKey);
    for (const key of keys) {
      expect(key).toMatch(/^(network-)?minute:[A-Za-z0-9_-]{22}$/);
      expect(key).not.toContain(device.ip);
    }
    const salts = await rows<{ day: string }>('SELECT day FROM device_salts');
    expect(salts).toHaveLength(1);
  });
});

describe('suspicious ratings are stored held (flagged), out of the indicators (SPEC §5)', () => {
  it('holds the ratings of a burst from one network at one counter from the fifth on; earlier ones stay counted', async () => {
    const org = await createOrganisation();
    for (let i = 0; i < 6; i += 1) {
      const device = newDevicelessPhone('192.0.2');
      const response = await postRating(ratingBody(org.counterCode, { answers: answersNo(i) }), device);
      expect(response.status).toBe(201);
      expect(await response.json()).toMatchObject({ held: i >= 4 });
    }
    const stored = await rows<{ flagged: number; flag_reason: string | null }>(
      'SELECT flagged, flag_reason FROM responses WHERE counter_id = ? ORDER BY submitted_at',
      org.counterId,
    );
    expect(stored.map((r) => r.flag_reason)).toEqual([null, null, null, null, 'burst', 'burst']);
    const [rollup] = await rows<{ n: number | null }>(
      'SELECT sum(n) AS n FROM daily_rollups WHERE counter_id = ?',
      org.counterId,
    );
    expect(rollup?.n ?? 0).toBe(4);
  });

  it('holds every rating of a burst that arrives all at once from the fifth on, and the rollups hold only the first four', async () => {
    const org = await createOrganisation();
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        postRating(ratingBody(org.counterCode, { answers: answersNo(i) }), newDevicelessPhone('198.51.100')),
      ),
    );
    expect(answers.map((r) => r.status)).toEqual(Array(12).fill(201));
    const stored = await rows<{ flagged: number }>('SELECT flagged FROM responses WHERE counter_id = ?', org.counterId);
    expect(stored).toHaveLength(12);
    expect(stored.filter((r) => r.flagged === 0)).toHaveLength(4);
    const [rollup] = await rows<{ n: number | null }>(
      'SELECT sum(n) AS n FROM daily_rollups WHERE counter_id = ?',
      org.counterId,
    );
    expect(rollup?.n ?? 0).toBe(4);
  });

  it('flags the same device sending the same answers again, and keeps the first', async () => {
    const org = await createOrganisation();
    const device = newDevice();
    const answers = answersNo(7);
    expect((await postRating(ratingBody(org.counterCode, { answers }), device)).status).toBe(201);
    expect((await postRating(ratingBody(org.counterCode, { answers }), device)).status).toBe(201);

    const stored = await rows<{ flagged: number; flag_reason: string | null }>(
      'SELECT flagged, flag_reason FROM responses WHERE counter_id = ? ORDER BY submitted_at',
      org.counterId,
    );
    expect(stored).toEqual([
      { flagged: 0, flag_reason: null },
      { flagged: 1, flag_reason: 'identical-repeat' },
    ]);
    const [rollup] = await rows<{ n: number }>(
      'SELECT sum(n) AS n FROM daily_rollups WHERE counter_id = ?',
      org.counterId,
    );
    expect(rollup?.n).toBe(1);
  });
});

describe('kiosk tokens (docs/rating.md; extension of SPEC §5)', () => {
  const KEY = 'test-kiosk-signing-key';

  it('stores a rating made through the kiosk display as channel kiosk with a valid token', async () => {
    const org = await createOrganisation();
    const kioskToken = await signKioskToken(KEY, org.counterCode, Date.now());
    const response = await postRating(ratingBody(org.counterCode, { kioskToken }));
    expect(response.status).toBe(201);
    const [stored] = await rows('SELECT channel, kiosk_token FROM responses WHERE counter_id = ?', org.counterId);
    expect(stored).toEqual({ channel: 'kiosk', kiosk_token: 'valid' });
  });

  it('marks a rating with an expired token when the counter’s policy is to mark', async () => {
    const org = await createOrganisation();
    const kioskToken = await signKioskToken(KEY, org.counterCode, Date.now() - 60 * 60_000);
    expect((await postRating(ratingBody(org.counterCode, { kioskToken }))).status).toBe(201);
    const [stored] = await rows('SELECT channel, kiosk_token FROM responses WHERE counter_id = ?', org.counterId);
    expect(stored).toEqual({ channel: 'kiosk', kiosk_token: 'expired' });
  });

  it('refuses a rating with an expired token when the counter’s policy is to refuse', async () => {
    const org = await createOrganisation();
    await env.DB.prepare("UPDATE counters SET kiosk_expired_policy = 'refuse' WHERE id = ?").bind(org.counterId).run();
    const kioskToken = await signKioskToken(KEY, org.counterCode, Date.now() - 60 * 60_000);
    const response = await postRating(ratingBody(org.counterCode, { kioskToken }));
    expect(response.status).toBe(400);
    expect((await response.json<{ errors: { field: string }[] }>()).errors[0]?.field).toBe('kioskToken');
    expect(await rows('SELECT id FROM responses WHERE counter_id = ?', org.counterId)).toEqual([]);
  });

  it('refuses a forged token or one of another counter', async () => {
    const org = await createOrganisation();
    const other = await createOrganisation();
    const foreign = await signKioskToken(KEY, other.counterCode, Date.now());
    expect((await postRating(ratingBody(org.counterCode, { kioskToken: foreign }))).status).toBe(400);
    expect((await postRating(ratingBody(org.counterCode, { kioskToken: 'abc.0123456789abcdef' }))).status).toBe(400);
  });
});

describe('limits per network: a new user agent is not a new device (SPEC §5, docs/rating.md)', () => {
  it('counts a network’s ratings at a counter whatever the user agent or address in it; past the limit holds them', async () => {
    // Three, so the limit (not the burst rule, five within a minute) is what holds the next one.
    const limits = { RATE_LIMIT_PER_NETWORK_COUNTER_HOUR: '3' };
    const org = await createOrganisation();
    for (let i = 0; i < 3; i += 1) {
      const device = { ip: `192.0.2.${10 + i}`, userAgent: `Rotating agent ${i}` };
      expect(
        (await postRatingWith(limits, ratingBody(org.counterCode, { answers: answersNo(i) }), device)).status,
      ).toBe(201);
    }

    const fourth = await postRatingWith(limits, ratingBody(org.counterCode, { answers: answersNo(5) }), {
      ip: '192.0.2.99',
      userAgent: 'Yet another agent',
    });

    expect(fourth.status).toBe(201);
    const { id, held } = await fourth.json<{ id: string; held: boolean }>();
    expect(held).toBe(true);
    expect(await rows('SELECT flag_reason FROM responses WHERE id = ?', id)).toEqual([
      { flag_reason: 'network-limit' },
    ]);
    expect(await rows('SELECT id FROM responses WHERE counter_id = ?', org.counterId)).toHaveLength(4);
    // Another network still counts at the same counter.
    const other = { ip: '198.51.100.10', userAgent: 'Rotating agent 0' };
    const elsewhere = await postRatingWith(limits, ratingBody(org.counterCode, { answers: answersNo(6) }), other);
    expect(elsewhere.status).toBe(201);
    expect(await elsewhere.json()).toMatchObject({ held: false });
  });

  it('counts ratings per network per minute (an IPv6 /48 is one network), so rotating agents does not reset it', async () => {
    const limits = { RATE_LIMIT_PER_NETWORK_MINUTE: '3' };
    for (let i = 0; i < 3; i += 1) {
      const org = await createOrganisation();
      const device = { ip: `2001:db8:77:${i + 1}::${i + 1}`, userAgent: `IPv6 agent ${i}` };
      expect((await postRatingWith(limits, ratingBody(org.counterCode), device)).status).toBe(201);
    }
    const org = await createOrganisation();

    const fourth = await postRatingWith(limits, ratingBody(org.counterCode), {
      ip: '2001:0db8:0077:00ff:ffff:0:0:9',
      userAgent: 'IPv6 agent 9',
    });

    expect(fourth.status).toBe(429);
    expect(await rows('SELECT id FROM responses WHERE counter_id = ?', org.counterId)).toEqual([]);
  });

  it('stores the network only as a keyed hash, never the address or its prefix', async () => {
    const org = await createOrganisation();
    const device = { ip: '198.51.100.201', userAgent: 'Privacy check agent' };
    expect((await postRating(ratingBody(org.counterCode), device)).status).toBe(201);
    const [row] = await rows<{ network_hash: string }>(
      'SELECT network_hash FROM responses WHERE counter_id = ?',
      org.counterId,
    );
    expect(row?.network_hash).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(row?.network_hash).not.toContain('198.51.100');
  });
});

describe('a burst holds only the ratings of the network that made it (SPEC §5, docs/rating.md)', () => {
  it('holds the stuffing network’s fifth rating and leaves another citizen’s rating of the same minute counted', async () => {
    const org = await createOrganisation();
    const citizen = { ip: '198.51.100.30', userAgent: 'A citizen phone' };
    expect((await postRating(ratingBody(org.counterCode, { answers: answersNo(20) }), citizen)).status).toBe(201);
    for (let i = 0; i < 5; i += 1) {
      const stuffer = newDevicelessPhone('192.0.2');
      expect((await postRating(ratingBody(org.counterCode, { answers: answersNo(i) }), stuffer)).status).toBe(201);
    }

    const stored = await rows<{ flagged: number; flag_reason: string | null }>(
      'SELECT flagged, flag_reason FROM responses WHERE counter_id = ? ORDER BY submitted_at',
      org.counterId,
    );
    expect(stored.map((r) => r.flag_reason)).toEqual([null, null, null, null, null, 'burst']);
    const [rollup] = await rows<{ n: number }>(
      'SELECT sum(n) AS n FROM daily_rollups WHERE counter_id = ?',
      org.counterId,
    );
    expect(rollup?.n).toBe(5);
    // The next citizen from elsewhere is counted too.
    const next = { ip: '203.0.113.240', userAgent: 'Next citizen' };
    expect((await postRating(ratingBody(org.counterCode, { answers: answersNo(21) }), next)).status).toBe(201);
    const [after] = await rows<{ n: number }>(
      'SELECT sum(n) AS n FROM daily_rollups WHERE counter_id = ?',
      org.counterId,
    );
    expect(after?.n).toBe(6);
  });
});
