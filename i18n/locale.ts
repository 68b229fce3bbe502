/**
 * @module
 * Which language a request is answered in, Bahasa Indonesia first with English, and links that keep it
 * (docs/spec.md §2).
 */
import type { Locale } from '../domain/survey';

export type { Locale };

/** `?lang=` if given, else the browser's preference between Indonesian and English; Indonesian by default. */
export function negotiateLocale(url: URL, acceptLanguage: string | null | undefined): Locale {
  const explicit = url.searchParams.get('lang');
  if (explicit === 'en' || explicit === 'id') return explicit;
  const preferred = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { tag, q: q ? Number.parseFloat(q.trim().slice(2)) || 0 : 1 };
    })
    .filter((entry) => entry.tag.startsWith('id') || entry.tag.startsWith('en') || entry.tag.startsWith('ms'))
    .sort((a, b) => b.q - a.q)[0];
  return preferred?.tag.startsWith('en') ? 'en' : 'id';
}

/** The same path in the other language, keeping other query parameters. */
export function switchLocaleHref(url: URL, to: Locale): string {
  const next = new URL(url);
  if (to === 'id') next.searchParams.delete('lang');
  else next.searchParams.set('lang', to);
  return `${next.pathname}${next.search}`;
}

/** A link to `path` that keeps the current language. */
export function localHref(path: string, locale: Locale): string {
  if (locale === 'id') return path;
  return `${path}${path.includes('?') ? '&' : '?'}lang=${locale}`;
}
