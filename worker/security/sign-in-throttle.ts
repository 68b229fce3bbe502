/**
 * @module
 * Counting failed sign-ins (passwords, TOTP codes, the bootstrap token, re-authentication) in `rate_counters` and
 * refusing with 429 + `Retry-After` once an account or a network reached its limit (docs/accounts.md, limits in
 * worker/security/rate-limit.ts). Keys are keyed hashes: the e-mail under the device-hash key, the network as the
 * daily-salted network hash (device-hash.ts), never the user agent, which the caller chooses. No raw e-mail or IP.
 */
import { ProblemError } from '../http/problem';
import { networkHash } from './device-hash';
import { hmacBase64Url } from './hmac';
import { retryAfterSeconds, SIGN_IN_WINDOW_MS, signInLocked, signInWindowStart } from './rate-limit';

export interface SignInKeys {
  /** Null when no account is named (the bootstrap token, a link token). */
  account: string | null;
  network: string;
}

/** The keyed hash of an e-mail address (also what the audit log keeps of an address that has no account). */
export function emailDigest(hashKey: string, email: string): Promise<string> {
  return hmacBase64Url(hashKey, `sign-in\u0000${email}`, 16);
}

export async function signInKeys(
  d1: D1Database,
  hashKey: string,
  headers: Headers,
  email: string | null,
  now: number,
): Promise<SignInKeys> {
  return {
    account: email === null ? null : `sign-in-account:${await emailDigest(hashKey, email)}`,
    network: `sign-in-network:${await networkHash(d1, hashKey, headers.get('cf-connecting-ip') ?? '', now)}`,
  };
}

/** 429 with Retry-After when the account or the network is locked in the current window. */
export async function assertSignInAllowed(d1: D1Database, keys: SignInKeys, now: number): Promise<void> {
  const windowStart = signInWindowStart(now);
  const { results } = await d1
    .prepare('SELECT key, count FROM rate_counters WHERE window_start = ? AND key IN (?, ?)')
    .bind(windowStart, keys.account ?? '', keys.network)
    .all<{ key: string; count: number }>();
  const count = (key: string | null) => results.find((r) => r.key === key)?.count ?? 0;
  if (signInLocked({ account: count(keys.account), network: count(keys.network) })) {
    throw new ProblemError(429, 'Too many failed sign-ins: wait before trying again.', {
      headers: { 'retry-after': String(retryAfterSeconds(windowStart + SIGN_IN_WINDOW_MS, now)) },
    });
  }
}

function keysOf(keys: SignInKeys): string[] {
  return [keys.network, ...(keys.account ? [keys.account] : [])];
}

function countStatement(d1: D1Database, key: string, windowStart: number): D1PreparedStatement {
  return d1
    .prepare(
      `INSERT INTO rate_counters (key, window_start, count) VALUES (?, ?, 1)
       ON CONFLICT (key, window_start) DO UPDATE SET count = count + 1 RETURNING key, count`,
    )
    .bind(key, windowStart);
}

/** Counts one failure against the account and the network, with `also` (its audit row) in the same batch. */
export async function recordSignInFailure(
  d1: D1Database,
  keys: SignInKeys,
  now: number,
  also: D1PreparedStatement[] = [],
): Promise<void> {
  const windowStart = signInWindowStart(now);
  await d1.batch([...keysOf(keys).map((key) => countStatement(d1, key, windowStart)), ...also]);
}

/**
 * For guessable secrets (a password, a 6-digit code): counts the attempt as a failure BEFORE checking it, so that
 * parallel guesses cannot all pass a check made before any of them failed; 429 when the attempts before this one
 * already reached a limit. The caller then records a failure with {@link recordReservedFailure} or gives the attempt
 * back with {@link forgiveSignInAttempt} when the secret was right.
 */
export async function reserveSignInAttempt(d1: D1Database, keys: SignInKeys, now: number): Promise<void> {
  const windowStart = signInWindowStart(now);
  const results = await d1.batch<{ key: string; count: number }>(
    keysOf(keys).map((key) => countStatement(d1, key, windowStart)),
  );
  const counted = (key: string | null) =>
    results.flatMap((result) => result.results).find((row) => row.key === key)?.count ?? 1;
  if (signInLocked({ account: counted(keys.account) - 1, network: counted(keys.network) - 1 })) {
    await forgiveSignInAttempt(d1, keys, now);
    throw new ProblemError(429, 'Too many failed sign-ins: wait before trying again.', {
      headers: { 'retry-after': String(retryAfterSeconds(windowStart + SIGN_IN_WINDOW_MS, now)) },
    });
  }
}

/** A reserved attempt that failed: it is counted already, so only `also` (its audit row) is written. */
export async function recordReservedFailure(d1: D1Database, also: D1PreparedStatement[]): Promise<void> {
  if (also.length > 0) await d1.batch(also);
}

/** Gives a reserved attempt back: the secret was right (or the attempt was refused unchecked). */
export async function forgiveSignInAttempt(d1: D1Database, keys: SignInKeys, now: number): Promise<void> {
  const windowStart = signInWindowStart(now);
  // A count back at zero is no failure at all: its row goes, as if the attempt had never been counted.
  await d1.batch(
    keysOf(keys).flatMap((key) => [
      d1
        .prepare('UPDATE rate_counters SET count = count - 1 WHERE key = ? AND window_start = ?')
        .bind(key, windowStart),
      d1.prepare('DELETE FROM rate_counters WHERE key = ? AND window_start = ? AND count <= 0').bind(key, windowStart),
    ]),
  );
}
