/**
 * @module
 * Debian's Chromium driven by playwright-core (never a downloaded browser), and axe-core checks.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Without a browser the page tests cannot run. CI installs Chromium (.ci/run) and must run them;
 * elsewhere they are skipped with a notice instead of failing a machine that lacks it.
 */
export const browserAvailable = existsSync(CHROMIUM);

/** True when a command-line tool the page tests read their output with (zbarimg, pdftotext, …) is installed. */
export function hasTool(name: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
if (!browserAvailable && process.env.CI) {
  throw new Error(`Chromium not found at ${CHROMIUM}: CI must install it (apt-get install -y chromium).`);
}
if (!browserAvailable) {
  console.warn(`Page tests skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium).`);
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A low-end Android phone's viewport. */
export const PHONE = { width: 360, height: 740 };
export const DESKTOP = { width: 1280, height: 900 };

export function newPhoneContext(browser: Browser, options: { locale?: string } = {}): Promise<BrowserContext> {
  return browser.newContext({
    viewport: PHONE,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: options.locale ?? 'id-ID',
  });
}

/** A phone and a desktop, in Bahasa Indonesia: the two screens every page test looks at. */
export const PHONE_AND_DESKTOP = [
  ['phone', (b: Browser) => newPhoneContext(b)],
  ['desktop', (b: Browser) => b.newContext({ viewport: DESKTOP, locale: 'id-ID' })],
] as const;

const axeSource = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

async function runAxe(page: Page, options: object): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol rather than added as a <script>: the pages' Content-Security-Policy
  // (script-src 'self') rightly refuses an injected inline script, and the test must not loosen it.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(readFileSync(axeSource, 'utf8'));
  const violations = await page.evaluate(async (options) => {
    // @ts-expect-error axe is injected above
    const result = await window.axe.run(document, options);
    return result.violations as AxeViolation[];
  }, options);
  return violations.map(({ id, impact, help, nodes }) => ({
    id,
    impact,
    help,
    nodes: nodes.map((n) => ({ target: n.target })),
  }));
}

const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Serious and critical WCAG 2.x A/AA violations on the current page. */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  const violations = await runAxe(page, { runOnly: { type: 'tag', values: WCAG_AA } });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Every WCAG 2.x A/AA and best-practice violation on the current page, whatever its impact. */
export function axeViolations(page: Page): Promise<AxeViolation[]> {
  return runAxe(page, { runOnly: { type: 'tag', values: [...WCAG_AA, 'best-practice'] } });
}

/**
 * Signs `page` in to the console with the bootstrap token (the form under its own `<details>`, below the
 * e-mail and password form) and waits for the console to load.
 */
export async function signInWithAdminToken(page: Page, origin: string, token: string): Promise<void> {
  await page.goto(`${origin}/admin`);
  await page.locator('details summary').click();
  await page.fill('#token', token);
  await Promise.all([page.waitForNavigation(), page.click('details button[type="submit"]')]);
}
