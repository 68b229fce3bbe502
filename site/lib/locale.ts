/**
 * @module
 * The site's words in Bahasa Indonesia and English, and the locale of the current request.
 */
import type { AstroGlobal } from 'astro';
import type { Locale } from '../../domain/survey';
import { negotiateLocale } from '../../worker/http/locale';

export type { Locale };

export function requestLocale(astro: AstroGlobal): Locale {
  return negotiateLocale(astro.url, astro.request.headers.get('accept-language'));
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

const WORDS = {
  siteName: { id: 'Suara Layanan', en: 'Suara Layanan' },
  tagline: {
    id: 'Kepuasan masyarakat terhadap pelayanan publik, terbuka untuk semua.',
    en: 'Citizen satisfaction with public services, open to everyone.',
  },
  skip: { id: 'Langsung ke konten', en: 'Skip to content' },
  navRegions: { id: 'Daerah', en: 'Regions' },
  navData: { id: 'Data terbuka', en: 'Open data' },
  navAbout: { id: 'Tentang metode', en: 'About the method' },
  otherLanguage: { id: 'English', en: 'Bahasa Indonesia' },
  regionsHeading: { id: 'Pemerintah daerah', en: 'Local governments' },
  noRegions: {
    id: 'Belum ada daerah yang terdaftar. Administrator dapat menambahkannya di konsol admin.',
    en: 'No region has been registered yet. An administrator can add one in the admin console.',
  },
  footer: {
    id: 'Data dipublikasikan dengan lisensi CC BY 4.0. Tidak ada data pribadi yang ditampilkan.',
    en: 'Data published under CC BY 4.0. No personal data is shown.',
  },
} satisfies Record<string, Record<Locale, string>>;

export type WordKey = keyof typeof WORDS;

export function t(locale: Locale, key: WordKey): string {
  return WORDS[key][locale];
}
