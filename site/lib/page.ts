/**
 * @module
 * What every public page does with its request: the language, short public caching, the period of `?period=`
 * (default: the current year in the region's zone; malformed → a friendly 400), and the portal's absolute origin.
 */
import { env } from 'cloudflare:workers';
import type { AstroGlobal } from 'astro';
import { type Period, parsePeriod } from '../../domain/periods';
import type { Locale } from '../../domain/survey';
import { publicOrigin as originOf } from '../../worker/http/origin';
import { resolvePeriod } from '../../worker/indicators/scores';

/** Figures change with every rating; a minute of caching absorbs a spike without showing stale news for long. */
export const PAGE_CACHE = 'public, max-age=60';

export function cachePublicly(astro: AstroGlobal, value = PAGE_CACHE): void {
  astro.response.headers.set('cache-control', value);
}

/** The period asked for, or null (and status 400) when `?period=` is malformed. */
export function pagePeriod(astro: AstroGlobal, region: { timezone: string }): Period | null {
  const period = resolvePeriod(astro.url.searchParams.get('period') ?? undefined, region);
  if (!period) astro.response.status = 400;
  return period;
}

/** The periods offered by the selector: every year from `firstYear` to this year, newest first, with their parts. */
export function periodChoices(firstYear: number, current: Period): { year: number; periods: Period[] }[] {
  const lastYear = Number(current.end.slice(0, 4));
  const out: { year: number; periods: Period[] }[] = [];
  for (let year = lastYear; year >= Math.min(firstYear, lastYear); year--) {
    const ids = [
      `${year}`,
      `${year}-S1`,
      `${year}-S2`,
      ...[1, 2, 3, 4].map((q) => `${year}-Q${q}`),
      ...Array.from({ length: 12 }, (_, m) => `${year}-${String(m + 1).padStart(2, '0')}`),
    ];
    out.push({ year, periods: ids.map((id) => parsePeriod(id)).filter((p): p is Period => p !== null) });
  }
  return out;
}

/**
 * The absolute URL of the share card (`og:image`, worker/routes/og.ts) of the page's subject: `''` the portal,
 * `/{region}` or `/{region}/{unit}`, for the page's own period (when it asks a valid one) and language.
 */
export function shareCardUrl(astro: AstroGlobal, subject: string, locale: Locale): string {
  const query = new URLSearchParams();
  const period = astro.url.searchParams.get('period');
  if (subject && period && parsePeriod(period)) query.set('period', period);
  if (locale === 'en') query.set('lang', 'en');
  const search = query.size > 0 ? `?${query}` : '';
  return `${publicOrigin(astro)}/og${subject}/card.png${search}`;
}

/** The portal's public origin (PUBLIC_ORIGIN), else the request's. */
export function publicOrigin(astro: AstroGlobal): string {
  return originOf(env, astro.url);
}
