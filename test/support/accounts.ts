/**
 * @module
 * Staff accounts made the way a person makes them: the bootstrap admin (or another account) creates one,
 * the invitation link is accepted with a password, and the person signs in with e-mail and password.
 */
import { exports } from 'cloudflare:workers';
import { expect } from 'vitest';
import { admin, ORIGIN } from './admin';

export const PASSWORD = 'kuda-lari-pagi-hari-2026';

export type Caller = (
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<Response>;

/** The admin API as the bootstrap super admin. */
export const asBootstrap: Caller = admin;

export function api(path: string, init: RequestInit = {}) {
  return exports.default.fetch(`${ORIGIN}/api/v1/admin${path}`, init);
}

export const tokenOf = (url: string) => url.slice(url.indexOf('#') + 1);

export function acceptLink(token: string, password = PASSWORD, headers: Record<string, string> = {}) {
  return api('/invitations/accept', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: ORIGIN, ...headers },
    body: JSON.stringify({ token, password }),
  });
}

export function signInRequest(body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return api('/session', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: ORIGIN, ...headers },
    body: JSON.stringify(body),
  });
}

export interface SignedIn {
  cookie: string;
  csrfToken: string;
  call: Caller;
  session: Record<string, unknown>;
}

/** A console caller: the session cookie, same-origin, with the CSRF token on every request. */
export function sessionCaller(cookie: string, csrfToken: string): Caller {
  return (method, path, body, headers = {}) => {
    const isText = typeof body === 'string';
    return api(path, {
      method,
      headers: {
        Cookie: cookie,
        Origin: ORIGIN,
        'X-CSRF-Token': csrfToken,
        ...(body === undefined ? {} : { 'Content-Type': isText ? 'text/csv' : 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : isText ? body : JSON.stringify(body),
    });
  };
}

export async function signIn(email: string, password = PASSWORD, totp?: string): Promise<SignedIn> {
  const response = await signInRequest({ email, password, ...(totp ? { totp } : {}) });
  expect(response.status, await response.clone().text()).toBe(201);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const session = await response.json<Record<string, unknown> & { csrfToken: string }>();
  return { cookie, csrfToken: session.csrfToken, call: sessionCaller(cookie, session.csrfToken), session };
}

let sequence = 0;

/** A new account of `role` created by `by`, invitation accepted, signed in. */
export async function staff(
  role: 'super' | 'region_admin' | 'unit_operator' | 'viewer',
  region: string | null,
  units: string[] = [],
  by: Caller = asBootstrap,
): Promise<SignedIn & { id: string; email: string }> {
  sequence += 1;
  const email = `${role.replace('_', '-')}-${sequence}-${Math.random().toString(36).slice(2, 8)}@kota.go.id`;
  const created = await by('POST', '/users', { email, name: `Petugas ${sequence}`, role, region, units });
  expect(created.status, await created.clone().text()).toBe(201);
  const { id, invitationUrl } = await created.json<{ id: string; invitationUrl: string }>();
  const accepted = await acceptLink(tokenOf(invitationUrl));
  expect(accepted.status, await accepted.clone().text()).toBe(201);
  return { ...(await signIn(email)), id, email };
}
