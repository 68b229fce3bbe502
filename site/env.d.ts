/** What site/middleware.ts puts in `Astro.locals` for every request. */
declare namespace App {
  interface Locals {
    locale: import('../domain/survey').Locale;
    /** The signed-in console session, looked up on the first call and then remembered for the request. */
    consoleSession(): Promise<import('../worker/services/console').ConsoleSession | null>;
  }
}
