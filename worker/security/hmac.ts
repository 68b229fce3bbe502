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
