/**
 * @module
 * The locale of the current request, resolved once by site/middleware.ts (the rules: i18n/locale.ts).
 */
/// <reference path="../env.d.ts" />
import type { AstroGlobal } from 'astro';
import type { Locale } from '../../domain/survey';

export function requestLocale(astro: AstroGlobal): Locale {
  return astro.locals.locale;
}
