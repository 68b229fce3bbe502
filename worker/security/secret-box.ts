/**
 * @module
 * Encryption of the few secrets the Worker must read back (TOTP secrets): AES-256-GCM under a key derived from
 * the deployment secret `TOTP_ENCRYPTION_KEY`, a fresh 96-bit nonce per value. A copy of the database alone
 * (a backup, Time Travel export) then yields no working authenticator secret.
 */
import { base64Url } from './hmac';
import { fromBase64Url } from './passwords';

const keys = new Map<string, Promise<CryptoKey>>();

function aesKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle
      .digest('SHA-256', new TextEncoder().encode(`suara-layanan/secret-box/v1\u0000${secret}`))
      .then((raw) => crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']));
    keys.set(secret, key);
  }
  return key;
}

/** `v1.<nonce>.<ciphertext>`, base64url. */
export async function seal(secret: string, plaintext: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv },
    await aesKey(secret),
    new TextEncoder().encode(plaintext),
  );
  return `v1.${base64Url(iv)}.${base64Url(new Uint8Array(sealed))}`;
}

export async function open(secret: string, box: string): Promise<string> {
  const [version, iv, data] = box.split('.');
  if (version !== 'v1' || !iv || !data) throw new Error('Unknown secret box format.');
  const plain = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: fromBase64Url(iv) },
    await aesKey(secret),
    fromBase64Url(data),
  );
  return new TextDecoder().decode(plain);
}
