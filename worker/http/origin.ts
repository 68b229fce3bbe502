/**
 * @module
 * The portal's origin as links and same-origin checks see it: every absolute link (QR codes, posters, invitations,
 * evidence, badges, open data) starts with `publicOrigin` (docs/spec.md §5, README "Configuration and secrets").
 */
import { type Bindings, readConfig } from '../env';

/**
 * PUBLIC_ORIGIN, else (development only) the request's own, so `wrangler dev` on any port links to itself. Without a
 * request (the nightly snapshot) an unconfigured development portal links relatively: `''`.
 */
export function publicOrigin(env: Bindings, requestUrl: string | URL | null): string {
  const configured = readConfig(env).publicOrigin;
  if (configured !== null) return configured;
  return requestUrl === null ? '' : new URL(requestUrl).origin;
}

/** True when `origin` (an `Origin` header) is this portal's: the request's own origin or the configured public one. */
export function isOwnOrigin(env: Bindings, requestUrl: string, origin: string): boolean {
  return origin === new URL(requestUrl).origin || origin === readConfig(env).publicOrigin;
}
