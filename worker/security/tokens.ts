/**
 * @module
 * Secrets made and checked by the Worker: random codes and keys from the platform CSPRNG, SHA-256
 * digests for storing them, and a comparison whose time does not depend on where two secrets differ.
 */
import { ProblemError } from '../http/problem';

/** Crockford's base-32 alphabet in lower case: no i, l, o or u, so a printed code cannot be misread. */
export const UNAMBIGUOUS_ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/**
 * `length` characters from {@link UNAMBIGUOUS_ALPHABET}, 5 random bits each. 256 is a multiple of 32,
 * so taking each byte modulo 32 is unbiased.
 */
export function randomCode(length: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  let code = '';
  for (const byte of bytes) code += UNAMBIGUOUS_ALPHABET[byte % 32];
  return code;
}

/** Lower-case hex SHA-256 of a UTF-8 string. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * True when two secrets are equal. Both are hashed first, so the comparison always runs over 32 bytes
 * and neither the position of the first difference nor the secret's length leaks through timing.
 */
export async function secretsEqual(a: string, b: string): Promise<boolean> {
  const [x, y] = await Promise.all(
    [a, b].map(async (s) => new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(s)))),
  );
  let difference = 0;
  for (let i = 0; i < 32; i += 1) difference |= (x?.[i] ?? 0) ^ (y?.[i] ?? 0);
  return difference === 0;
}

/** 401 with the RFC 6750 challenge for a bearer `realm` (`admin`, `agency`). */
export function bearerUnauthorized(realm: string, detail: string, error?: 'invalid_token'): ProblemError {
  return new ProblemError(401, detail, {
    headers: { 'WWW-Authenticate': `Bearer realm="${realm}"${error ? `, error="${error}"` : ''}` },
  });
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer +([\x21-\x7e]+)\s*$/i.exec(header ?? '');
  return match?.[1] ?? null;
}
