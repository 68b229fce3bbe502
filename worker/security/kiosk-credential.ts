/**
 * @module
 * Enrolled kiosks (docs/rating.md, "Kiosk display and counter tablets"): a counter's tablet holds a credential in an
 * HttpOnly cookie, got once through an enrolment link; both secrets are 256 random bits, stored only as SHA-256.
 */
import { enrolKioskCredential, touchEnrolledKiosk } from '../db/kiosks';
import { base64Url } from './hmac';
import { sha256Hex } from './tokens';

/** The cookie of an enrolled kiosk (Path=/, so the rating API sees it too). */
export const KIOSK_COOKIE = 'sl_kiosk';
/** An enrolment link is valid this long, once. */
export const ENROLMENT_TTL_MS = 24 * 60 * 60_000;
/** The credential cookie lasts as long as browsers allow (400 days); revoking ends it sooner. */
export const KIOSK_COOKIE_MAX_AGE_S = 400 * 24 * 60 * 60;

export function randomSecret(): string {
  return base64Url(crypto.getRandomValues(new Uint8Array(32)));
}

/** The kiosk credential of a request (cookie), if any. */
export function kioskCredentialOf(headers: Headers): string | null {
  const cookies = headers.get('cookie') ?? '';
  for (const part of cookies.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === KIOSK_COOKIE) return value.join('=') || null;
  }
  return null;
}

/** The `Set-Cookie` value that stores a kiosk's credential: HttpOnly, Secure, SameSite=Strict. */
export function kioskCookie(credential: string): string {
  return `${KIOSK_COOKIE}=${credential}; Path=/; Max-Age=${KIOSK_COOKIE_MAX_AGE_S}; HttpOnly; Secure; SameSite=Strict`;
}

/**
 * Turns a one-time enrolment code into the kiosk's credential, atomically: the code is used up by the same UPDATE
 * that stores the credential, so a link opened twice enrols once, and the audit row (`kiosk.enrol`, by the kiosk
 * itself) is written in the same batch only when that UPDATE matched. Null for an unknown, used, expired or revoked
 * code, or one of another counter.
 */
export async function enrolKiosk(
  d1: D1Database,
  counterCode: string,
  enrolmentCode: string,
  now = Date.now(),
): Promise<{ id: string; credential: string } | null> {
  const credential = randomSecret();
  const credentialHash = await sha256Hex(credential);
  const id = await enrolKioskCredential(d1, {
    counterCode,
    enrolmentHash: await sha256Hex(enrolmentCode),
    credentialHash,
    now,
  });
  return id === null ? null : { id, credential };
}

/** The digest under which a credential is stored (for lookups folded into other batches). */
export function credentialDigest(credential: string): Promise<string> {
  return sha256Hex(credential);
}

/** The enrolled, unrevoked kiosk of this counter holding `credential`, or null; notes when it was last seen. */
export async function findEnrolledKiosk(
  d1: D1Database,
  counterCode: string,
  credential: string | null,
  now = Date.now(),
): Promise<{ id: string } | null> {
  if (!credential) return null;
  return touchEnrolledKiosk(d1, { counterCode, credentialHash: await sha256Hex(credential), now });
}
