/**
 * @module
 * Enrolled kiosks (docs/rating.md, "Kiosk display and counter tablets"): a tablet or display at one counter holds a
 * device credential in an HttpOnly cookie, got once through a one-time enrolment link made in the console. Only an
 * enrolled kiosk gets rotating QR tokens, and its own ratings are exempt from the hourly per-device and per-network
 * limits. Both secrets are 256 random bits and stored only as SHA-256 digests (nothing to brute-force).
 */
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
  const [enrolled] = await d1.batch<{ id: string }>([
    d1
      .prepare(
        `UPDATE kiosks SET enrolment_hash = NULL, enrolment_expires_at = NULL, credential_hash = ?, enrolled_at = ?
         WHERE enrolment_hash = ? AND enrolment_expires_at > ? AND revoked_at IS NULL
           AND counter_id = (SELECT id FROM counters WHERE code = ?)
         RETURNING id`,
      )
      .bind(credentialHash, now, await sha256Hex(enrolmentCode), now, counterCode),
    // The credential is fresh randomness: only the row this request just enrolled carries its digest.
    d1
      .prepare(
        `INSERT INTO audit_log (actor, action, target, detail, region_id)
         SELECT 'kiosk:' || k.id, 'kiosk.enrol', 'counter:' || c.code, json_object('id', k.id, 'label', k.label), u.region_id
         FROM kiosks k JOIN counters c ON c.id = k.counter_id JOIN units u ON u.id = c.unit_id
         WHERE k.credential_hash = ?`,
      )
      .bind(credentialHash),
  ]);
  const row = enrolled?.results[0];
  return row ? { id: row.id, credential } : null;
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
  // Seen-at is written at most every five minutes: the display asks for a QR code every minute.
  return d1
    .prepare(
      `UPDATE kiosks SET last_seen_at = CASE WHEN last_seen_at IS NULL OR last_seen_at < ?2 THEN ?3 ELSE last_seen_at END
       WHERE credential_hash = ?1 AND revoked_at IS NULL AND counter_id = (SELECT id FROM counters WHERE code = ?4)
       RETURNING id`,
    )
    .bind(await sha256Hex(credential), now - 5 * 60_000, now, counterCode)
    .first<{ id: string }>();
}
