import { describe, expect, it } from 'vitest';
import { isReservedRegionSlug, isSlug } from '../../domain/slugs';

describe('slugs (SPEC §1, §6)', () => {
  it('accepts lower-case words joined by single hyphens', () => {
    for (const slug of ['tanjungpinang', 'kota-langsa', 'dpmptsp', 'rsud-2', 'ab'])
      expect(isSlug(slug), slug).toBe(true);
  });

  it('refuses upper case, spaces, leading, trailing or double hyphens, dots, one letter and very long slugs', () => {
    for (const slug of ['Kota', 'kota langsa', '-kota', 'kota-', 'kota--langsa', 'a.b', 'a', 'x'.repeat(64), ''])
      expect(isSlug(slug), slug).toBe(false);
  });

  it('reserves the portal’s own first path segments for regions', () => {
    for (const slug of [
      'r',
      'data',
      'api',
      'admin',
      'tentang',
      'assets',
      '_astro',
      'docs',
      'favicon.ico',
      'robots.txt',
      'sitemap.xml',
      'DATA',
    ])
      expect(isReservedRegionSlug(slug), slug).toBe(true);
    expect(isReservedRegionSlug('tanjungpinang')).toBe(false);
  });
});
