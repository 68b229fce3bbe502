/**
 * @module
 * Ratings in tests. Through the API: a valid submission body, and POSTs that look like they come from one
 * device (miniflare sets no CF-Connecting-IP, so each test names its device's IP and user agent). Straight
 * into D1: raw responses (which the production triggers fold into the rollups, daily and monthly), for tests of what
 * is computed from them.
 */

import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import { app } from '../../worker/app';
import type { Bindings } from '../../worker/env';

export const DUMMY_TOKEN = 'XXXX.DUMMY.TOKEN.XXXX';

export interface Device {
  ip: string;
  userAgent: string;
}

let deviceSequence = 0;
/**
 * A distinct device per call, on a network of its own (an IPv6 /64 in the documentation prefix 2001:db8::/32,
 * RFC 3849) unless `network` names an IPv4 /24 shared with other devices ('192.0.2'), as behind one Wi-Fi.
 */
export function newDevice(network?: string): Device {
  deviceSequence += 1;
  return {
    ip: network
      ? `${network}.${deviceSequence % 250}`
      : `2001:db8:${deviceSequence.toString(16)}::${deviceSequence.toString(16)}`,
    userAgent: `Mozilla/5.0 (Linux; Android 10; TestPhone-${deviceSequence}) Chrome/120 Mobile`,
  };
}

/** Chrome's reduced Android agent: it names no model, so IP and agent make no device (docs/rating.md). */
export const REDUCED_ANDROID_AGENT =
  'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36';

/** A phone whose rating names no device (reduced agent, no client id): its network is the burst rule's source. */
export function newDevicelessPhone(network: string): Device {
  return { ...newDevice(network), userAgent: REDUCED_ANDROID_AGENT };
}

export function ratingBody(counter: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    counter,
    answers: { U1: 3, U2: 3, U3: 2, U4: 4, U5: 3, U6: 4, U7: 4, U8: 2, U9: 3 },
    turnstileToken: DUMMY_TOKEN,
    submissionId: crypto.randomUUID(),
    ...overrides,
  };
}

function init(body: unknown, device: Device, contentType = 'application/json'): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': contentType, 'cf-connecting-ip': device.ip, 'user-agent': device.userAgent },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  };
}

/** POST /api/v1/responses through the Worker's default export, as production receives it. */
export function postRating(body: unknown, device: Device = newDevice(), contentType?: string): Promise<Response> {
  return exports.default.fetch('https://suara.test/api/v1/responses', init(body, device, contentType));
}

/** The rating form without JavaScript: a plain form POST to `path` (`/r/{code}`), redirects not followed. */
export function postRatingForm(path: string, fields: Record<string, string>, device = newDevice()): Promise<Response> {
  return exports.default.fetch(`https://suara.test${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'cf-connecting-ip': device.ip,
      'user-agent': device.userAgent,
    },
    body: new URLSearchParams(fields).toString(),
  });
}

/** The same, against the app with some bindings overridden (e.g. a Turnstile secret or tighter limits). */
export async function postRatingWith(
  overrides: Partial<Bindings>,
  body: unknown,
  device: Device = newDevice(),
): Promise<Response> {
  const ctx = createExecutionContext();
  const response = await app.request(
    'https://suara.test/api/v1/responses',
    init(body, device),
    { ...env, ...overrides },
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return response;
}

export interface RatingRow {
  /** Local date 'YYYY-MM-DD'. */
  date: string;
  scores: readonly number[];
  flagged?: boolean;
  counterId?: number | null;
  serviceId?: number | null;
}

let sequence = 0;

/** Inserts the rows for one unit in one batch (the unflagged ones count in the rollups). Returns their ids. */
export async function insertRatings(
  org: { regionId: number; unitId: number; counterId: number },
  rows: readonly RatingRow[],
): Promise<string[]> {
  const ids = rows.map(() => {
    sequence += 1;
    return `test-${org.unitId}-${sequence}`;
  });
  const statements = rows.map((row, i) =>
    env.DB.prepare(
      `INSERT INTO responses (id, submission_id, region_id, unit_id, counter_id, service_id, channel, u1, u2, u3, u4, u5, u6, u7, u8, u9, submitted_at, local_date, flagged, flag_reason)
       VALUES (?, ?, ?, ?, ?, ?, 'qr', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).bind(
      ids[i],
      `sub-${ids[i]}`,
      org.regionId,
      org.unitId,
      row.counterId === undefined ? org.counterId : row.counterId,
      row.serviceId ?? null,
      ...row.scores,
      Date.parse(`${row.date}T03:00:00Z`),
      row.date,
      row.flagged ? 1 : 0,
      row.flagged ? 'test' : null,
    ),
  );
  await env.DB.batch(statements);
  return ids;
}

/** `count` copies of the same nine scores on one date. */
/** Nine answers of one score: every element rated 4 (or 3, or 2). */
export const FOUR = [4, 4, 4, 4, 4, 4, 4, 4, 4];
export const THREE = [3, 3, 3, 3, 3, 3, 3, 3, 3];
export const TWO = [2, 2, 2, 2, 2, 2, 2, 2, 2];

export function same(count: number, scores: readonly number[], date: string): RatingRow[] {
  return Array.from({ length: count }, () => ({ date, scores }));
}

/** Distinct answers per index, so that no two ratings of a test look like identical repeats. */
export function answersNo(i: number) {
  const s = (k: number) => ((i + k) % 4) + 1;
  return { U1: s(0), U2: s(1), U3: s(2), U4: s(3), U5: s(0), U6: s(1), U7: s(2), U8: s(3), U9: ((i >> 2) % 4) + 1 };
}
