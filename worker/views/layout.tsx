/**
 * @module
 * The frame of the rating pages: one HTML document with its stylesheet inlined, no client framework.
 */
import type { Child } from 'hono/jsx';
import type { Locale } from '../../domain/survey';
import css from './rating.css?raw';

export interface PageProps {
  locale: Locale;
  title: string;
  /** The unit and counter (or other heading) shown in the coloured header. */
  heading: Child;
  /** `<head>` extras (e.g. a refresh). */
  head?: Child;
  /** The other language's URL, if the page offers a switch. */
  otherLocaleHref?: string;
  children: Child;
}

export function Page({ locale, title, heading, head, otherLocaleHref, children }: PageProps) {
  return (
    <html lang={locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{title}</title>
        <FaviconLinks />
        {head}
        <style dangerouslySetInnerHTML={{ __html: css }} />
      </head>
      <body>
        <header>
          <div>
            {otherLocaleHref ? (
              <a
                class="lang"
                href={otherLocaleHref}
                hreflang={locale === 'id' ? 'en' : 'id'}
                lang={locale === 'id' ? 'en' : 'id'}
              >
                {locale === 'id' ? 'English' : 'Bahasa Indonesia'}
              </a>
            ) : null}
            {heading}
          </div>
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}

/** The portal's icon (site/public): the same links as the site's layouts. */
export function FaviconLinks() {
  return (
    <>
      <link rel="icon" href="/favicon.ico" sizes="32x32" />
      <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
      <link rel="apple-touch-icon" href="/apple-touch-icon.png" />
    </>
  );
}

/** `<!doctype html>` and the rendered page. */
export function documentOf(page: unknown): string {
  return `<!doctype html>${String(page)}`;
}
