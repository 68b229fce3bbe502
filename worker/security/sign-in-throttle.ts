/**
 * @module
 * Counting failed sign-ins (passwords, TOTP codes, bootstrap token) per account and network, and 429 + Retry-After
 * at the limit (docs/accounts.md). Keys are keyed hashes (e-mail digest, daily network hash): no raw e-mail or IP.
 */
import { countInWindows, uncountInWindows, windowCounts } from '../db/rate-counters';
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

/** The throttle's keys: the network's, never the user agent's (which the caller chooses), and the account's. */
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
  const counts = await windowCounts(d1, [keys.account ?? '', keys.network], windowStart);
  const count = (key: string | null) => (key === null ? undefined : counts.get(key)) ?? 0;
  if (signInLocked({ account: count(keys.account), network: count(keys.network) })) {
    throw new ProblemError(429, 'Too many failed sign-ins: wait before trying again.', {
      headers: { 'retry-after': String(retryAfterSeconds(windowStart + SIGN_IN_WINDOW_MS, now)) },
    });
  }
}

function keysOf(keys: SignInKeys): string[] {
  return [keys.network, ...(keys.account ? [keys.account] : [])];
}

/** Counts one failure against the account and the network, with `also` (its audit row) in the same batch. */
export async function recordSignInFailure(
  d1: D1Database,
  keys: SignInKeys,
  now: number,
  also: D1PreparedStatement[] = [],
): Promise<void> {
  await countInWindows(d1, keysOf(keys), signInWindowStart(now), also);
}

/**
 * For guessable secrets (a password, a 6-digit code): counts the attempt as a failure BEFORE checking it, so that
 * parallel guesses cannot all pass a check made before any of them failed; 429 when the attempts before this one
 * already reached a limit. The caller then records a failure with {@link recordReservedFailure} or gives the attempt
 * back with {@link forgiveSignInAttempt} when the secret was right.
 */
export async function reserveSignInAttempt(d1: D1Database, keys: SignInKeys, now: number): Promise<void> {
  const windowStart = signInWindowStart(now);
  const counts = await countInWindows(d1, keysOf(keys), windowStart);
  const counted = (key: string | null) => (key === null ? undefined : counts.get(key)) ?? 1;
  if (signInLocked({ account: counted(keys.account) - 1, network: counted(keys.network) - 1 })) {
    await forgiveSignInAttempt(d1, keys, now);
    throw new ProblemError(429, 'Too many failed sign-ins: wait before trying again.', {
      headers: { 'retry-after': String(retryAfterSeconds(windowStart + SIGN_IN_WINDOW_MS, now)) },
    });
  }
}

/** A reserved attempt that failed: it is counted already, so only `also` (its audit row) is written. */
export async function recordReservedFailure(d1: D1Database, also: D1PreparedStatement[]): Promise<void> {
  await countInWindows(d1, [], 0, also);
}

/** Gives a reserved attempt back: the secret was right (or the attempt was refused unchecked). */
export async function forgiveSignInAttempt(d1: D1Database, keys: SignInKeys, now: number): Promise<void> {
  // A count back at zero is no failure at all: its row goes, as if the attempt had never been counted.
  await uncountInWindows(d1, keysOf(keys), signInWindowStart(now));
}
