/**
 * @module
 * What a page asks of its request before anything else: the language and the portal's public origin
 * (docs/spec.md §1, README "Configuration").
 */
import type { Locale } from '../../domain/survey';
import { negotiateLocale } from '../../i18n/locale';
import type { Bindings } from '../env';
import { publicOrigin as originOf } from '../http/origin';

/** `?lang=`, else Accept-Language, else Bahasa Indonesia: the same rule as the API's. */
export function requestLocale(url: URL, acceptLanguage: string | null | undefined): Locale {
  return negotiateLocale(url, acceptLanguage);
}

/** The portal's public origin (PUBLIC_ORIGIN), else (development only) the request's. */
export function publicOrigin(env: Bindings, requestUrl: string | URL): string {
  return originOf(env, requestUrl);
}
