/**
 * @module
 * The kiosk display's rotating QR tokens: `<issued-at, base 36 seconds>.<HMAC>` bound to one counter, signed with
 * `KIOSK_SIGNING_KEY`. A QR photographed at the counter and used from home later carries an expired token.
 */
import { hmacBase64Url } from './hmac';
import { secretsEqual } from './tokens';

/** The display shows a new QR code this often. */
export const KIOSK_ROTATION_MS = 60_000;
/** How long after its QR code appeared a token still counts as fresh: scanning plus filling in the form. */
export const KIOSK_TOKEN_TTL_MS = 10 * 60_000;
/** Tolerated clock difference between the display's Worker and the submitting one. */
const CLOCK_SKEW_MS = 60_000;
const TOKEN = /^([0-9a-z]{1,10})\.([A-Za-z0-9_-]{16})$/;

export type KioskTokenState = 'valid' | 'expired' | 'invalid';

function mac(key: string, counterCode: string, issuedSeconds: number): Promise<string> {
  return hmacBase64Url(key, `kiosk\u0000${counterCode}\u0000${issuedSeconds}`, 12);
}

export async function signKioskToken(key: string, counterCode: string, now: number): Promise<string> {
  const issued = Math.floor(now / 1000);
  return `${issued.toString(36)}.${await mac(key, counterCode, issued)}`;
}

/** `invalid` for a malformed, forged, other-counter or future token; `expired` past the TTL. */
export async function checkKioskToken(
  key: string,
  counterCode: string,
  token: string,
  now: number,
): Promise<KioskTokenState> {
  const match = TOKEN.exec(token);
  if (!match) return 'invalid';
  const issued = Number.parseInt(match[1]!, 36);
  if (!(await secretsEqual(match[2]!, await mac(key, counterCode, issued)))) return 'invalid';
  const age = now - issued * 1000;
  if (age < -CLOCK_SKEW_MS) return 'invalid';
  return age > KIOSK_TOKEN_TTL_MS ? 'expired' : 'valid';
}
