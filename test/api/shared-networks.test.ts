/**
 * Shared networks (SPEC §5, docs/rating.md "Shared networks"): many honest citizens behind one office Wi-Fi or
 * carrier NAT address. Nothing they send is refused or lost by the hourly limits or the burst rule: it is stored,
 * counted or held for a staff check, and each citizen is told which.
 */
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { app } from '../../worker/app';
import { SITEVERIFY_URL } from '../../worker/security/turnstile';
import { createOrganisation } from '../support/fixtures';
import {
  answersNo,
  type Device,
  DUMMY_TOKEN,
  postRating,
  postRatingForm,
  postRatingWith,
  ratingBody,
} from '../support/ratings';

/** Chrome's reduced agent on Android: every phone of every model says "Android 10; K". */
const REDUCED_ANDROID =
  'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36';
const AGENTS = [
  REDUCED_ANDROID,
  'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/116.0.5845.172 Mobile Safari/537.36',
  'Mozilla/5.0 (Linux; Android 11; Redmi Note 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/109.0.5414.117 Mobile Safari/537.36',
];

interface Stored {
  id: string;
  flagged: number;
  flag_reason: string | null;
}

async function storedAt(counterId: number): Promise<Stored[]> {
  return (
    await env.DB.prepare('SELECT id, flagged, flag_reason FROM responses WHERE counter_id = ? ORDER BY submitted_at')
      .bind(counterId)
      .all<Stored>()
  ).results;
}

async function countedInRollups(counterId: number): Promise<number> {
  const row = await env.DB.prepare('SELECT coalesce(sum(n), 0) AS n FROM daily_rollups WHERE counter_id = ?')
    .bind(counterId)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

async function rate(counter: string, device: Device, overrides: Record<string, unknown> = {}) {
  const response = await postRating(ratingBody(counter, overrides), device);
  return { status: response.status, body: await response.json<{ id: string; held: boolean }>() };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('60 citizens behind one address rate one counter within an hour (SPEC §5)', () => {
  it('stores all 60, counted or held, refuses none, and tells each client what was stored', async () => {
    const org = await createOrganisation();
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        rate(
          org.counterCode,
          { ip: '203.0.113.50', userAgent: AGENTS[i % AGENTS.length] as string },
          { answers: answersNo(i) },
        ),
      ),
    );

    expect(answers.map((a) => a.status)).toEqual(Array(60).fill(201));
    const stored = await storedAt(org.counterId);
    expect(stored).toHaveLength(60);
    const byId = new Map(stored.map((row) => [row.id, row]));
    for (const { body } of answers) {
      expect(typeof body.held).toBe('boolean');
      expect(body.held).toBe(byId.get(body.id)?.flagged === 1);
    }
    const held = stored.filter((row) => row.flagged === 1).length;
    const counted = stored.filter((row) => row.flagged === 0).length;
    expect(counted + held).toBe(60);
    expect(held).toBeGreaterThan(0);
    expect(await countedInRollups(org.counterId)).toBe(counted);
  });
});

describe('limits count after Turnstile (SPEC §5)', () => {
  it('an honest rating right after 120 bad-token requests from the same /24 is stored', async () => {
    const org = await createOrganisation();
    for (let i = 0; i < 120; i += 1) {
      const junk = await postRating(ratingBody(org.counterCode, { turnstileToken: 'fake-token' }), {
        ip: `198.51.100.${i % 200}`,
        userAgent: `Junk bot ${i}`,
      });
      expect(junk.status).toBe(403);
    }

    const honest = await rate(org.counterCode, { ip: '198.51.100.201', userAgent: AGENTS[4] as string });

    expect(honest.status).toBe(201);
    expect(honest.body.held).toBe(false);
    expect(await storedAt(org.counterId)).toHaveLength(1);
  });

  it('with siteverify, tokens it refuses do not use up the network’s minute either', async () => {
    const org = await createOrganisation();
    const limits = {
      TURNSTILE_SECRET_KEY: 'live-secret-for-tests',
      PUBLIC_ORIGIN: 'https://suara.test',
      RATE_LIMIT_PER_NETWORK_MINUTE: '3',
    };
    const original = globalThis.fetch;
    vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      if (url !== SITEVERIFY_URL) return original(input, init);
      const token = init?.body instanceof FormData ? init.body.get('response') : null;
      return Promise.resolve(
        Response.json(
          token === 'good'
            ? { success: true, hostname: 'suara.test', action: 'rating' }
            : { success: false, 'error-codes': ['invalid-input-response'] },
        ),
      );
    });
    for (let i = 0; i < 5; i += 1) {
      const junk = await postRatingWith(limits, ratingBody(org.counterCode, { turnstileToken: 'junk' }), {
        ip: `192.0.2.${i + 1}`,
        userAgent: `Junk bot ${i}`,
      });
      expect(junk.status).toBe(403);
    }

    const honest = await postRatingWith(limits, ratingBody(org.counterCode, { turnstileToken: 'good' }), {
      ip: '192.0.2.77',
      userAgent: AGENTS[5] as string,
    });

    expect(honest.status).toBe(201);
    expect(await storedAt(org.counterId)).toHaveLength(1);
  });

  it('past the minute limit answers 429 with Retry-After, truthfully about the minute, and stores nothing', async () => {
    const limits = { RATE_LIMIT_PER_NETWORK_MINUTE: '2' };
    const org = await createOrganisation();
    const device = (i: number) => ({ ip: `2001:db8:5151:${i}::1`, userAgent: AGENTS[4] as string });
    for (let i = 0; i < 2; i += 1) {
      const ok = await postRatingWith(limits, ratingBody(org.counterCode, { answers: answersNo(i) }), device(i));
      expect(ok.status).toBe(201);
    }

    const third = await postRatingWith(limits, ratingBody(org.counterCode, { answers: answersNo(2) }), device(9));

    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(third.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect((await third.json<{ detail: string }>()).detail).toMatch(/one minute from this network/);
    expect(await storedAt(org.counterId)).toHaveLength(2);
  });
});

describe('the network of an IPv6 address is its /48 (SPEC §5)', () => {
  it('holds a rating past the network’s hourly share even when each comes from another /64 of the /48', async () => {
    const limits = { RATE_LIMIT_PER_NETWORK_COUNTER_HOUR: '2' };
    const org = await createOrganisation();
    const agent = AGENTS[4] as string;
    const sent = [];
    for (const ip of ['2001:db8:abcd:1::10', '2001:db8:abcd:2::10', '2001:db8:abcd:ffff::10']) {
      const response = await postRatingWith(limits, ratingBody(org.counterCode, { answers: answersNo(sent.length) }), {
        ip,
        userAgent: agent,
      });
      expect(response.status).toBe(201);
      sent.push(await response.json<{ id: string; held: boolean }>());
    }
    expect(sent.map((s) => s.held)).toEqual([false, false, true]);
    expect((await storedAt(org.counterId)).map((r) => r.flag_reason)).toEqual([null, null, 'network-limit']);

    // Another /48 is another network.
    const elsewhere = await postRatingWith(limits, ratingBody(org.counterCode, { answers: answersNo(7) }), {
      ip: '2001:db8:abce:1::10',
      userAgent: agent,
    });
    expect(await elsewhere.json()).toMatchObject({ held: false });
    expect(await countedInRollups(org.counterId)).toBe(3);
  });
});

describe('reduced user agents are not devices (SPEC §5, docs/rating.md "Who is a device")', () => {
  it('counts four phones of one model behind one address, even when two give the same answers', async () => {
    const org = await createOrganisation();
    const phone = { ip: '203.0.113.80', userAgent: REDUCED_ANDROID };
    const answers = [answersNo(1), answersNo(1), answersNo(2), answersNo(3)];
    const sent = [];
    for (const a of answers) sent.push(await rate(org.counterCode, phone, { answers: a }));

    expect(sent.map((s) => [s.status, s.body.held])).toEqual(Array(4).fill([201, false]));
    expect((await storedAt(org.counterId)).every((r) => r.flagged === 0)).toBe(true);
    expect(await countedInRollups(org.counterId)).toBe(4);
  });

  it('tells installs apart by their client id, and holds one install past its hourly share', async () => {
    const org = await createOrganisation();
    const phone = { ip: '203.0.113.81', userAgent: REDUCED_ANDROID };
    const clientId = crypto.randomUUID();
    const sent = [];
    for (let i = 0; i < 4; i += 1) {
      sent.push(await rate(org.counterCode, phone, { answers: answersNo(i), clientId }));
    }

    expect(sent.map((s) => s.body.held)).toEqual([false, false, false, true]);
    expect((await storedAt(org.counterId)).map((r) => r.flag_reason)).toEqual([null, null, null, 'device-limit']);
    // The client id is hashed with the day's salt, never stored.
    const raw = await env.DB.prepare('SELECT count(*) AS n FROM responses WHERE device_hash = ?')
      .bind(clientId)
      .first<{ n: number }>();
    expect(raw?.n).toBe(0);
  });

  it('refuses a client id that is not a UUID (400)', async () => {
    const org = await createOrganisation();
    const response = await postRating(ratingBody(org.counterCode, { clientId: 'phone-1' }));
    expect(response.status).toBe(400);
  });
});

describe('a burst is one source’s: nobody else’s ratings hold a citizen’s (SPEC §5)', () => {
  it('four quick ratings from other phones on a /24 leave an honest rating counted, before and after them', async () => {
    const org = await createOrganisation();
    const honestPhone = { ip: '192.0.2.10', userAgent: AGENTS[4] as string };
    const honest = await rate(org.counterCode, honestPhone, { answers: answersNo(0) });
    expect(honest.body.held).toBe(false);
    for (let i = 1; i <= 4; i += 1) {
      const junk = await rate(
        org.counterCode,
        { ip: `192.0.2.${20 + i}`, userAgent: `Mozilla/5.0 (Linux; Android 12; Phone-${i})` },
        { answers: answersNo(i) },
      );
      expect(junk.body.held).toBe(false);
    }
    // The honest phone rates again within the minute: the others' four do not make it a burst.
    const again = await rate(org.counterCode, honestPhone, { answers: answersNo(5) });
    expect(again.body.held).toBe(false);
    const stored = await storedAt(org.counterId);
    expect(stored.map((r) => r.flag_reason)).toEqual([null, null, null, null, null, null]);
    expect(await countedInRollups(org.counterId)).toBe(6);
  });

  it('five quick ratings that name no device from one network hold the fifth, and only it', async () => {
    const org = await createOrganisation();
    const results = [];
    for (let i = 0; i < 5; i += 1) {
      results.push(
        await rate(org.counterCode, { ip: `192.0.2.${30 + i}`, userAgent: REDUCED_ANDROID }, { answers: answersNo(i) }),
      );
    }
    expect(results.map((r) => r.body.held)).toEqual([false, false, false, false, true]);
    expect((await storedAt(org.counterId)).map((r) => r.flag_reason)).toEqual([null, null, null, null, 'burst']);
    expect(await countedInRollups(org.counterId)).toBe(4);
  });
});

describe('the thanks page tells the truth (SPEC §5, docs/rating.md)', () => {
  const get = (path: string) => exports.default.fetch(`https://suara.test${path}`, { redirect: 'manual' });

  it('says a held rating is saved and counts after a staff check, in Bahasa Indonesia and English', async () => {
    const org = await createOrganisation();
    const id = crypto.randomUUID();
    const held = await (await get(`/r/${org.counterCode}/terima-kasih?id=${id}&held=1`)).text();
    expect(held).toContain('Penilaian Anda sudah tersimpan');
    expect(held).toContain('setelah diperiksa petugas');
    expect(held).not.toContain('Penilaian ini masuk ke Indeks');
    const heldEn = await (await get(`/r/${org.counterCode}/terima-kasih?id=${id}&held=1&lang=en`)).text();
    expect(heldEn).toContain('after a staff check');
    expect(heldEn).toContain('same network or device');

    const counted = await (await get(`/r/${org.counterCode}/terima-kasih?id=${id}`)).text();
    expect(counted).toContain('Penilaian ini masuk ke Indeks');
    expect(counted).not.toContain('setelah diperiksa petugas');
  });

  it('the form without JavaScript sends a held rating to the thanks page with held=1', async () => {
    const org = await createOrganisation();
    const device = { ip: '203.0.113.90', userAgent: AGENTS[5] as string };
    const answers = { U1: '3', U2: '4', U3: '2', U4: '4', U5: '3', U6: '3', U7: '4', U8: '1', U9: '3' };
    const post = (submissionId: string) =>
      postRatingForm(`/r/${org.counterCode}`, { ...answers, submissionId, turnstileToken: DUMMY_TOKEN }, device);
    const first = await post(crypto.randomUUID());
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).not.toContain('held=1');

    // The same phone sending the same answers again within minutes: stored, held.
    const again = await post(crypto.randomUUID());
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toMatch(/[?&]held=1(&|$)/);
    expect((await storedAt(org.counterId)).map((r) => r.flagged)).toEqual([0, 1]);
  });

  it('the form without JavaScript says a full minute keeps nothing yet, and keeps the answers to send again', async () => {
    const org = await createOrganisation();
    const post = async (submissionId: string) => {
      const ctx = createExecutionContext();
      const response = await app.request(
        `https://suara.test/r/${org.counterCode}`,
        {
          method: 'POST',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            'cf-connecting-ip': '203.0.113.91',
            'user-agent': AGENTS[5] as string,
          },
          body: new URLSearchParams({
            ...Object.fromEntries(Object.entries(answersNo(submissionId.length)).map(([k, v]) => [k, String(v)])),
            submissionId,
            turnstileToken: 'XXXX.DUMMY.TOKEN.XXXX',
          }).toString(),
        },
        { ...env, RATE_LIMIT_PER_DEVICE_MINUTE: '1' },
        ctx,
      );
      await waitOnExecutionContext(ctx);
      return response;
    };
    expect((await post(crypto.randomUUID())).status).toBe(303);

    const second = crypto.randomUUID();
    const refused = await post(second);

    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    const page = await refused.text();
    expect(page).toContain('Terlalu banyak penilaian dalam satu menit');
    expect(page).toContain(second);
    expect(await storedAt(org.counterId)).toHaveLength(1);
  });
});
