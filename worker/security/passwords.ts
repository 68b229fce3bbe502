/**
 * @module
 * Staff passwords: PBKDF2-SHA256 through WebCrypto, a random 16-byte salt per user, and the iteration count
 * stored beside each hash (docs/accounts.md). Production Workers refuse PBKDF2 above 100,000 iterations while
 * local workerd allows more, so the count is capped here and a test asserts the cap; a later, stronger setting
 * can re-hash at sign-in because every row says how it was made.
 */
import { base64Url } from './hmac';
import { secretsEqual } from './tokens';

/** The most PBKDF2 iterations Cloudflare's production runtime accepts. */
export const MAX_PBKDF2_ITERATIONS = 100_000;
/** The cost new passwords are hashed with: the most the runtime allows (a test keeps it within the maximum). */
export const PASSWORD_ITERATIONS = 100_000;

export interface PasswordHash {
  hash: string;
  salt: string;
  iterations: number;
}

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<string> {
  if (!Number.isInteger(iterations) || iterations < 1 || iterations > MAX_PBKDF2_ITERATIONS) {
    throw new RangeError(`PBKDF2 iterations must be 1–${MAX_PBKDF2_ITERATIONS}, not ${iterations}.`);
  }
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, 256);
  return base64Url(new Uint8Array(bits));
}

export function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

export async function hashPassword(password: string, iterations = PASSWORD_ITERATIONS): Promise<PasswordHash> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  return { hash: await derive(password, salt, iterations), salt: base64Url(salt), iterations };
}

/** True when `password` matches; an account without a password yet (0 iterations) matches nothing. */
export async function verifyPassword(password: string, stored: PasswordHash): Promise<boolean> {
  if (stored.iterations < 1 || stored.hash === '' || stored.salt === '') return false;
  const candidate = await derive(password, fromBase64Url(stored.salt), stored.iterations);
  return secretsEqual(candidate, stored.hash);
}

/** Work spent on sign-ins for unknown e-mails, so a wrong address answers as slowly as a wrong password. */
export async function burnPasswordTime(password: string): Promise<void> {
  await derive(password, new Uint8Array(16), PASSWORD_ITERATIONS);
}
