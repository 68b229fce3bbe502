/**
 * @module
 * The device hash behind the abuse limits (SPEC §4): an HMAC of IP address and user agent under the deployment's
 * secret key and a random salt of the day. The salt lives in `device_salts` only for its day and is then deleted,
 * so yesterday's hashes can no longer be linked to anything; the raw IP and user agent are never stored. The same
 * salt keys the network hash (IPv4 /24, IPv6 /64) behind the per-network limits.
 */
import { localDate } from '../../domain/periods';
import { base64Url, hmacBase64Url } from './hmac';

/**
 * Salts change at midnight WIB: every Indonesian service office is closed then (00:00 WIB is 01:00 WITA and
 * 02:00 WIT), so no citizen's hour of ratings straddles a rotation in office hours.
 */
export const SALT_TIME_ZONE = 'Asia/Jakarta';

/**
 * Rate-limit windows and the device hashes on responses are deleted after this: the limits look back an hour and
 * the burst rule minutes, and a hash kept longer would link one device's ratings across units for good.
 */
const DEVICE_DATA_RETENTION_MS = 24 * 60 * 60_000;

/** The salt of the current day, per isolate: one D1 round trip per isolate per day, not per request. */
let cached: { day: string; salt: string } | null = null;

export interface DeviceIdentity {
  /** `CF-Connecting-IP`, set by Cloudflare's edge (absent in local tests unless a test sets it). */
  ip: string;
  userAgent: string;
}

export function deviceIdentity(headers: Headers): DeviceIdentity {
  return { ip: headers.get('cf-connecting-ip') ?? '', userAgent: headers.get('user-agent') ?? '' };
}

/** The keyed, salted hash of a device for `now` (128 bits, base64url). */
export async function deviceHash(d1: D1Database, key: string, device: DeviceIdentity, now: number): Promise<string> {
  const salt = await saltOfDay(d1, localDate(now, SALT_TIME_ZONE), now);
  // NUL separators: neither an IP nor a header value can contain one, so distinct pairs never collide.
  return hmacBase64Url(key, `${salt}\u0000${device.ip}\u0000${device.userAgent}`, 16);
}

/**
 * The network a client address belongs to, as limits see it: an IPv4 /24 or an IPv6 /64 (one home, office or
 * phone subscription gets at least a /64), so changing the user agent or the last bits of the address is still
 * the same network. IPv4-mapped IPv6 addresses count as IPv4. Never stored: only its keyed hash is.
 */
export function networkPrefix(ip: string): string {
  const address = ip.trim().toLowerCase().replace(/%.*$/, '');
  const v4 = /^(?:::ffff:)?(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.\d{1,3}$/.exec(address);
  if (v4) return `v4:${Number(v4[1])}.${Number(v4[2])}.${Number(v4[3])}/24`;
  if (address.includes(':')) {
    const [head = '', tail] = address.split('::', 2);
    const left = head === '' ? [] : head.split(':');
    const right = tail === undefined || tail === '' ? [] : tail.split(':');
    const groups =
      tail === undefined ? left : [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
    if (groups.length === 8 && groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) {
      return `v6:${groups
        .slice(0, 4)
        .map((g) => Number.parseInt(g, 16).toString(16))
        .join(':')}::/64`;
    }
  }
  // Not an address (absent in local development): the raw value groups the requests, as before.
  return `other:${address}`;
}

/** The keyed, salted hash of the client's network ({@link networkPrefix}) for `now`, with the device hash's salt. */
export async function networkHash(d1: D1Database, key: string, ip: string, now: number): Promise<string> {
  const salt = await saltOfDay(d1, localDate(now, SALT_TIME_ZONE), now);
  return hmacBase64Url(key, `network\u0000${salt}\u0000${networkPrefix(ip)}`, 16);
}

async function saltOfDay(d1: D1Database, day: string, now: number): Promise<string> {
  if (cached?.day === day) return cached.salt;
  const fresh = base64Url(crypto.getRandomValues(new Uint8Array(32)));
  // Isolates race on a new day: INSERT OR IGNORE lets the first one win and every isolate then reads its salt.
  const [inserted, selected] = await d1.batch([
    d1.prepare('INSERT OR IGNORE INTO device_salts (day, salt) VALUES (?, ?)').bind(day, fresh),
    d1.prepare('SELECT salt FROM device_salts WHERE day = ?').bind(day),
    d1.prepare('DELETE FROM device_salts WHERE day < ?').bind(day),
  ]);
  const salt = (selected?.results[0] as { salt: string } | undefined)?.salt ?? fresh;
  if (inserted?.meta.changes === 1) {
    // Once per day for the whole deployment (only the isolate that created the salt): old limit windows, whose
    // keys are yesterday's device hashes, go too, and so do the hashes stored with older responses.
    const cutoff = now - DEVICE_DATA_RETENTION_MS;
    await d1.batch([
      d1.prepare('DELETE FROM rate_counters WHERE window_start < ?').bind(cutoff),
      d1
        .prepare(
          'UPDATE responses SET device_hash = NULL, network_hash = NULL WHERE device_hash IS NOT NULL AND submitted_at < ?',
        )
        .bind(cutoff),
    ]);
  }
  cached = { day, salt };
  return salt;
}
