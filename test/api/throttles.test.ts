import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { app } from '../../worker/app';
import { MINUTE_MS, SIGN_IN_LIMITS, SIGN_IN_WINDOW_MS } from '../../worker/security/rate-limit';
import { base32Decode, hotp, totpStep } from '../../worker/security/totp';
import { PASSWORD, signInRequest, staff } from '../support/accounts';
import { ADMIN_TOKEN, admin } from '../support/admin';
import { createOrganisation } from '../support/fixtures';

/** Copies every counter into the next window, so a window boundary during the test cannot reset a count. */
async function carryIntoNextWindow(prefix: string, windowMs: number) {
  await env.DB.prepare(
    `INSERT INTO rate_counters (key, window_start, count)
     SELECT key, window_start + ?, count FROM rate_counters WHERE key LIKE ? || '%'
     ON CONFLICT (key, window_start) DO UPDATE SET count = max(count, excluded.count)`,
  )
    .bind(windowMs, prefix)
    .run();
}

async function counted(prefix: string): Promise<{ key: string; count: number }[]> {
  const { results } = await env.DB.prepare(
    "SELECT key, max(count) AS count FROM rate_counters WHERE key LIKE ? || '%' GROUP BY key",
  )
    .bind(prefix)
    .all<{ key: string; count: number }>();
  return results;
}

/** Failed sign-ins per network per 15 minutes (SPEC §5 Admin). */
const NETWORK_LIMIT = 20;

describe('sign-in throttles (docs/accounts.md)', () => {
  it('limits networks at the documented 20 failures', () => expect(SIGN_IN_LIMITS.network).toBe(NETWORK_LIMIT));

  it('locks an account after 5 failed sign-ins with 429 and Retry-After, even for the right password; other accounts still sign in', async () => {
    const org = await createOrganisation();
    const region = org.regionSlug;
    const target = await staff('viewer', region);
    const bystander = await staff('viewer', region);
    for (let i = 0; i < SIGN_IN_LIMITS.account; i += 1) {
      const wrong = await signInRequest(
        { email: target.email, password: `salah-${i}-kata-sandi` },
        { 'CF-Connecting-IP': `198.51.100.${i}` },
      );
      expect(wrong.status).toBe(401);
    }
    // Keyed hashes only: neither the e-mail nor an IP address is stored.
    const accounts = await counted('sign-in-account:');
    expect(accounts).toEqual([{ key: expect.any(String), count: SIGN_IN_LIMITS.account }]);
    const stored = JSON.stringify(await env.DB.prepare('SELECT key FROM rate_counters').all());
    expect(stored).not.toContain(target.email);
    expect(stored).not.toContain('198.51.100');

    await carryIntoNextWindow('sign-in-account:', SIGN_IN_WINDOW_MS);
    const locked = await signInRequest(
      { email: target.email, password: PASSWORD },
      { 'CF-Connecting-IP': '198.51.100.77' },
    );
    expect(locked.status).toBe(429);
    expect(locked.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const retryAfter = Number(locked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual((2 * SIGN_IN_WINDOW_MS) / 1000);
    expect(locked.headers.get('set-cookie')).toBeNull();
    expect((await signInRequest({ email: bystander.email, password: PASSWORD })).status).toBe(201);
  });

  it('locks a network after 20 failed sign-ins across accounts, though every guess changes its user agent and address within the /24; other networks still sign in', async () => {
    const org = await createOrganisation();
    const region = org.regionSlug;
    const person = await staff('viewer', region);
    // A password sprayer: a new user agent and a new host of 203.0.113.0/24 for every guess.
    const sprayer = (i: number) => ({ 'CF-Connecting-IP': `203.0.113.${i + 1}`, 'User-Agent': `Penebak/${i}.0` });
    const before = await counted('sign-in-network:');
    for (let i = 0; i < NETWORK_LIMIT; i += 1) {
      expect(
        (await signInRequest({ email: `tebak-${i}@kota.go.id`, password: 'tebakan-yang-salah' }, sprayer(i))).status,
      ).toBe(401);
    }
    const after = await counted('sign-in-network:');
    expect(after.filter((row) => !before.some((b) => b.key === row.key))).toEqual([
      { key: expect.any(String), count: NETWORK_LIMIT },
    ]);
    expect(await counted('sign-in-device:')).toEqual([]);
    await carryIntoNextWindow('sign-in-network:', SIGN_IN_WINDOW_MS);
    // Right password, fresh user agent and host: the network is locked all the same.
    const locked = await signInRequest({ email: person.email, password: PASSWORD }, sprayer(200));
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(
      (await signInRequest({ email: person.email, password: PASSWORD }, { 'CF-Connecting-IP': '198.18.7.10' })).status,
    ).toBe(201);
  });

  it('throttles guesses of the bootstrap token per network, as { token } sign-ins and as Bearer headers, whatever the user agent', async () => {
    const guesser = (i: number) => ({ 'CF-Connecting-IP': `192.0.2.${i + 1}`, 'User-Agent': `Skrip/${i}` });
    for (let i = 0; i < NETWORK_LIMIT; i += 1) {
      const guess =
        i % 2 === 0
          ? await signInRequest({ token: `tebakan-${i}` }, guesser(i))
          : await admin('GET', '/users', undefined, { Authorization: `Bearer tebakan-${i}`, ...guesser(i) });
      expect(guess.status).toBe(401);
    }
    await carryIntoNextWindow('sign-in-network:', SIGN_IN_WINDOW_MS);
    // Locked: even the right token is refused from this network, so a guess that happens to be right shows nothing.
    const asToken = await signInRequest({ token: ADMIN_TOKEN }, guesser(100));
    expect(asToken.status).toBe(429);
    expect(Number(asToken.headers.get('retry-after'))).toBeGreaterThan(0);
    const asBearer = await admin('GET', '/users', undefined, {
      Authorization: `Bearer ${ADMIN_TOKEN}`,
      ...guesser(101),
    });
    expect(asBearer.status).toBe(429);
    // Another network is not affected.
    expect((await admin('GET', '/users', undefined, { 'CF-Connecting-IP': '198.18.9.9' })).status).toBe(200);
  });
});

describe('TOTP codes are throttled like passwords (docs/accounts.md, SPEC §5 Admin)', () => {
  const net = (n: number, i: number) => ({ 'CF-Connecting-IP': `100.64.${n}.${i + 1}`, 'User-Agent': `Peramban/${i}` });

  it('counts wrong codes at …/totp/confirm and …/totp/disable per account and network: 429 with Retry-After at the limit', async () => {
    const org = await createOrganisation();
    const region = org.regionSlug;
    for (const [n, action] of [
      [1, 'confirm'],
      [2, 'disable'],
    ] as const) {
      const person = await staff('viewer', region);
      const enrol = await person.call('POST', '/session/totp', { password: PASSWORD }, net(n, 0));
      const { secret } = await enrol.json<{ secret: string }>();
      const step = totpStep(Date.now());
      const code = (offset = 0) => hotp(base32Decode(secret), step + offset);
      if (action === 'disable') {
        const confirmed = await person.call('POST', '/session/totp/confirm', {
          password: PASSWORD,
          code: await code(),
        });
        expect(confirmed.status).toBe(204);
      }
      const before = await counted('sign-in-network:');
      for (let i = 0; i < SIGN_IN_LIMITS.account; i += 1) {
        const wrong = await person.call(
          'POST',
          `/session/totp/${action}`,
          { password: PASSWORD, code: await code(10 + i) },
          net(n, i),
        );
        expect(wrong.status).toBe(403);
      }
      // Counted against the account and against the network (one /24, whatever the user agent).
      const after = await counted('sign-in-network:');
      expect(after.filter((row) => !before.some((b) => b.key === row.key))).toEqual([
        { key: expect.any(String), count: SIGN_IN_LIMITS.account },
      ]);
      await carryIntoNextWindow('sign-in-', SIGN_IN_WINDOW_MS);
      const locked = await person.call(
        'POST',
        `/session/totp/${action}`,
        { password: PASSWORD, code: await code(action === 'confirm' ? 0 : 1) },
        net(n, 50),
      );
      expect(locked.status).toBe(429);
      expect(locked.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
      // The account's lock holds at sign-in too, from any network.
      expect((await signInRequest({ email: person.email, password: PASSWORD }, net(90 + n, 0))).status).toBe(429);
    }
  });

  it('counts wrong codes at sign-in per account, whatever the user agent and network: 429 even for the right code', async () => {
    const org = await createOrganisation();
    const region = org.regionSlug;
    const person = await staff('viewer', region);
    const { secret } = await (await person.call('POST', '/session/totp', { password: PASSWORD })).json<{
      secret: string;
    }>();
    const step = totpStep(Date.now());
    const code = (offset = 0) => hotp(base32Decode(secret), step + offset);
    expect(
      (await person.call('POST', '/session/totp/confirm', { password: PASSWORD, code: await code() })).status,
    ).toBe(204);
    for (let i = 0; i < SIGN_IN_LIMITS.account; i += 1) {
      const wrong = await signInRequest(
        { email: person.email, password: PASSWORD, totp: await code(10 + i) },
        net(10 + i, i),
      );
      expect(wrong.status).toBe(401);
    }
    await carryIntoNextWindow('sign-in-', SIGN_IN_WINDOW_MS);
    const locked = await signInRequest({ email: person.email, password: PASSWORD, totp: await code(1) }, net(30, 0));
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('agency API keys are rate-limited per key (SPEC §5 Agency)', () => {
  it('counts each request against its key and answers 429 with Retry-After beyond the limit; other keys are unaffected', async () => {
    const org = await createOrganisation();
    const region = org.regionSlug;
    const keyOf = async (label: string) =>
      await (await admin('POST', `/regions/${region}/api-keys`, { label })).json<{ id: string; key: string }>();
    const busy = await keyOf('Skrip yang sibuk');
    const calm = await keyOf('Laporan bulanan');
    const limited = { ...env, RATE_LIMIT_PER_API_KEY_MINUTE: '3' };
    const call = (key: string) =>
      app.request('https://suara.test/api/v1/agency/scores', { headers: { Authorization: `Bearer ${key}` } }, limited);

    for (let i = 0; i < 3; i += 1) expect((await call(busy.key)).status).toBe(200);
    const counts = await counted(`api-key:${busy.id}`);
    expect(counts.reduce((sum, row) => sum + row.count, 0)).toBeGreaterThanOrEqual(3);
    await carryIntoNextWindow(`api-key:${busy.id}`, MINUTE_MS);
    // The current window (and the next, carried over) is full: whichever this request lands in refuses it.
    await env.DB.prepare('UPDATE rate_counters SET count = 3 WHERE key = ?').bind(`api-key:${busy.id}`).run();
    const refused = await call(busy.key);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await call(calm.key)).status).toBe(200);
  });
});

describe('sign-in throttles under parallel guesses (docs/accounts.md)', () => {
  it('checks no more passwords than the limit when the guesses arrive all at once', async () => {
    const org = await createOrganisation();
    const region = org.regionSlug;
    const target = await staff('viewer', region);
    const guesses = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        signInRequest(
          { email: target.email, password: `tebakan-${i}-kata-sandi` },
          { 'CF-Connecting-IP': `203.0.${i}.9` },
        ),
      ),
    );
    const statuses = guesses.map((response) => response.status);
    // Each guess is counted before its password is checked: only the first five are checked (401), the rest 429.
    expect(statuses.filter((status) => status === 401)).toHaveLength(SIGN_IN_LIMITS.account);
    expect(statuses.filter((status) => status === 429)).toHaveLength(40 - SIGN_IN_LIMITS.account);
    // And the right password, counted then given back, leaves an unlocked account's count as it was.
    const bystander = await staff('viewer', region);
    expect((await signInRequest({ email: bystander.email, password: PASSWORD })).status).toBe(201);
    expect((await signInRequest({ email: bystander.email, password: PASSWORD })).status).toBe(201);
  });
});
