/**
 * @module
 * The device hash behind the abuse limits: an HMAC of IP and user agent under the secret key and a daily salt that
 * is deleted after its day, never the raw values; it also keys network and install ids (docs/rating.md, SPEC §4).
 */
import { localDate } from '../../domain/periods';
import { claimDaySalt, forgetDeviceData } from '../db/device-salts';
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
 * Whether a user agent can tell one device from another of the same kind on one network. Not when it names no
 * model: Chrome's reduced agents (Android `Linux; Android 10; K`, the frozen desktop platforms `Windows NT 10.0;
 * Win64; x64`, `Macintosh; Intel Mac OS X 10_15_7`, `X11; Linux x86_64`, `X11; CrOS x86_64 14541.0.0`, which
 * Safari and Firefox freeze too) and iPhones and iPads, whose agents carry no model either: every phone of one kind
 * on one Wi-Fi sends the same string, so IP and user agent would make them all one "device".
 */
export function userAgentTellsDevicesApart(userAgent: string): boolean {
  const agent = userAgent.trim();
  if (agent === '') return false;
  if (/\(Linux; Android [\d.]+; K[;)]/.test(agent)) return false;
  if (/\((?:iPhone|iPad|iPod)[;)]/.test(agent)) return false;
  return !/\((?:Windows NT 10\.0; Win64; x64|Macintosh; Intel Mac OS X 10[_.]15(?:_7)?|X11; Linux x86_64|X11; CrOS x86_64 14541\.0\.0)[;)]/.test(
    agent,
  );
}

/**
 * The device a rating comes from, as the per-device rules see it (docs/rating.md "Who is a device"): the app
 * install's own random `clientId` if the client sent one (hashed like the device hash, never stored raw), else the
 * device hash of IP and user agent if the agent tells devices apart, else null: no per-device rule applies, only
 * the network's.
 */
export async function ratingDeviceHash(
  d1: D1Database,
  key: string,
  device: DeviceIdentity,
  clientId: string | undefined,
  now: number,
): Promise<string | null> {
  if (clientId !== undefined) {
    const salt = await saltOfDay(d1, localDate(now, SALT_TIME_ZONE), now);
    return hmacBase64Url(key, `client\u0000${salt}\u0000${clientId.toLowerCase()}`, 16);
  }
  return userAgentTellsDevicesApart(device.userAgent) ? deviceHash(d1, key, device, now) : null;
}

/**
 * The network a client address belongs to, as limits see it: an IPv4 /24 or an IPv6 /48 (a site's usual
 * assignment: an office or a home may number its devices across many /64s, so a /64 would make one network look
 * like 65,536), so changing the user agent or the last bits of the address is still the same network. IPv4-mapped
 * IPv6 addresses count as IPv4. Never stored: only its keyed hash is.
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
        .slice(0, 3)
        .map((g) => Number.parseInt(g, 16).toString(16))
        .join(':')}::/48`;
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
  // Isolates race on a new day: the first one's salt wins and every isolate then uses it.
  const { salt, created } = await claimDaySalt(d1, day, fresh);
  if (created) {
    // Once per day for the whole deployment (only the isolate that created the salt): old limit windows, whose
    // keys are yesterday's device hashes, go too, and so do the hashes stored with older responses.
    await forgetDeviceData(d1, now - DEVICE_DATA_RETENTION_MS);
  }
  cached = { day, salt };
  return salt;
}
