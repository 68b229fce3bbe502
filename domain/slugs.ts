/** @module Slugs of regions, units and services in URLs (SPEC §1, §6): their shape and the words regions may not take. */

/**
 * The one slug rule: lower-case letters, digits and single inner hyphens, 2–63 characters (`kota-tanjungpinang`,
 * `dpmptsp`). Unanchored, to build larger patterns (a `{region}:{YYYY-MM}` cursor) and HTML `pattern` attributes.
 */
export const SLUG_SOURCE = '[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){1,62}';
export const SLUG_PATTERN = new RegExp(`^${SLUG_SOURCE}$`);

/**
 * First path segments owned by the portal itself (SPEC §6): a region called `data` would hide the open-data catalog.
 * Includes the site's pages, the API, static files and well-known files, plus words kept for future pages.
 */
export const RESERVED_REGION_SLUGS: ReadonlySet<string> = new Set([
  'r',
  // Console pages beside /admin/{region}: a region with one of these names would be hidden behind them.
  'akun',
  'audit',
  'keamanan',
  'undangan',
  'data',
  'api',
  'admin',
  'tentang',
  'about',
  'assets',
  '_astro',
  'docs',
  'static',
  'public',
  'kiosk',
  'bukti',
  // The pages' share cards (og:image).
  'og',
  'kios',
  'login',
  'logout',
  'masuk',
  'keluar',
  'search',
  'cari',
  'en',
  'id',
  'help',
  'bantuan',
  'privacy',
  'privasi',
  'status',
  'health',
  'well-known',
  'favicon.ico',
  'robots.txt',
  'sitemap.xml',
  'manifest.webmanifest',
]);

/** True when `slug` has the slug shape. */
export function isSlug(slug: string): boolean {
  return SLUG_PATTERN.test(slug);
}

/** True when a region may not be called `slug` because the portal uses that path (case-insensitive). */
export function isReservedRegionSlug(slug: string): boolean {
  return RESERVED_REGION_SLUGS.has(slug.toLowerCase());
}
