/**
 * @module
 * HMAC-SHA256 with imported keys cached per isolate (importKey is costly and sits on the hot path of every rating).
 */

const keys = new Map<string, Promise<CryptoKey>>();
const encoder = new TextEncoder();

function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    keys.set(secret, key);
  }
  return key;
}

/** HMAC-SHA256 of `message`, truncated to `bytes` and written as base64url without padding. */
export async function hmacBase64Url(secret: string, message: string, bytes = 32): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', await hmacKey(secret), encoder.encode(message));
  return base64Url(new Uint8Array(mac, 0, bytes));
}

export function base64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/**
 * Constant-time comparison of two strings of equal length (MACs), so a forger learns nothing from response times.
 * (Plain code rather than workerd's `crypto.subtle.timingSafeEqual`, which the site's DOM typings do not know.)
 */
export function sameSecret(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i += 1) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}
