/**
 * @module
 * Which language to answer in: Bahasa Indonesia first, English on `?lang=en` or when the browser
 * prefers English over Indonesian.
 */
import type { Locale } from '../../domain/survey';

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
