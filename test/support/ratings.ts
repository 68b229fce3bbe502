/**
 * @module
 * Helpers for rating tests: a valid submission body, and POSTs that look like they come from one device
 * (miniflare sets no CF-Connecting-IP, so each test names its device's IP and user agent).
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
/** A distinct device per call (TEST-NET-3 addresses, RFC 5737). */
export function newDevice(): Device {
  deviceSequence += 1;
  return {
    ip: `203.0.113.${deviceSequence % 250}`,
    userAgent: `Mozilla/5.0 (Linux; Android 10; TestPhone-${deviceSequence}) Chrome/120 Mobile`,
  };
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
