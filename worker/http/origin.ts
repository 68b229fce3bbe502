/**
 * @module
 * The one normalisation of the portal's public origin (`PUBLIC_ORIGIN`), which every absolute link starts with:
 * QR codes, posters, invitations, evidence, badges, open data (docs/spec.md §5, README "Configuration").
 */

/** Why a configured origin cannot be used; the deployment must fix its configuration. */
export class InvalidOriginError extends Error {}

/**
 * `scheme://host[:port]` without a trailing slash, lower-cased (and IDN hosts in punycode) by the URL parser, so
 * `${origin}/r/{code}` never has a double slash. A path, query, fragment or credentials are refused, not dropped:
 * `https://example.go.id/suara` would otherwise send every QR code to the wrong place without a word.
 */
export function normalisePublicOrigin(value: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new InvalidOriginError(`'${value}' is not an absolute URL such as https://suara.example.go.id`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InvalidOriginError(`'${value}' must start with https:// (or http:// locally)`);
  }
  if (url.username !== '' || url.password !== '') throw new InvalidOriginError(`'${value}' must not hold credentials`);
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '') {
    throw new InvalidOriginError(`'${value}' must be an origin only, without a path, query or fragment`);
  }
  return url.origin;
}
