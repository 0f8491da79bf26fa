import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { seedDemoComplaints } from '../../../server/seed/demo-complaints';
import { DEMO_PASSWORD } from '../../../server/seed/seed';
import { startTestApp, type TestApp } from '../../support/test-app';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Git-ignored; the README shows copies from docs/screenshots. */
export const SCREENSHOT_DIR = path.resolve(__dirname, '..', '..', '..', '..', 'screenshots');

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's package (apt-get install -y chromium) or set CHROMIUM_PATH.`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

export interface ConsoleAppOptions {
  demoComplaints?: number;
  /** Server environment on top of the test defaults, e.g. `{ DB_LOCK_TIMEOUT_MS: '300' }`. */
  env?: NodeJS.ProcessEnv;
}

/** A server on port 0 serving the built console, optionally with demo complaints. */
export async function startConsoleApp(options: ConsoleAppOptions = {}): Promise<TestApp> {
  const t = await startTestApp({}, options.env);
  if (options.demoComplaints) await seedDemoComplaints(t.app.services, t.app.db, options.demoComplaints);
  return t;
}

const CONTEXT = { timezoneId: 'Asia/Jakarta', viewport: { width: 1366, height: 850 } };

export async function newSession(browser: Browser, t: TestApp, username: string, locale = 'id-ID'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale, ...CONTEXT });
  return { context, page: await logIn(context, t, username) };
}

export async function logIn(context: BrowserContext, t: TestApp, username: string): Promise<Page> {
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await page.goto(`${t.url}/admin/`);
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((url) => !url.hash.includes('login'));
  return page;
}

export interface ContextOptions {
  locale?: string;
  keepOthers?: boolean;
  /** A phone instead of the default 1366×850 desktop. */
  phone?: boolean;
}

/** An iPhone 12–15 sized viewport, where the console must not scroll sideways. */
export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

export interface ConsoleSuite {
  /** The server on its own database, once the file's first beforeAll has run. */
  readonly t: TestApp;
  readonly browser: Browser;
  /** A fresh browser context (Indonesian by default); unless `keepOthers`, the file's other pages close first. */
  context(options?: ContextOptions): Promise<BrowserContext>;
  /** A console page logged in as `username`. */
  session(username: string, options?: Omit<ContextOptions, 'locale'>): Promise<Page>;
}

/**
 * A test file's server and browser: started in beforeAll, closed in afterAll. One page at a
 * time by default, since an idle console left open still costs CPU on a 2-core machine.
 */
export function consoleSuite(options: ConsoleAppOptions = {}): ConsoleSuite {
  const contexts: BrowserContext[] = [];
  const suite = {
    t: undefined as unknown as TestApp,
    browser: undefined as unknown as Browser,
    async context({ locale = 'id-ID', keepOthers = false, phone = false }: ContextOptions = {}) {
      if (!keepOthers) await Promise.all(contexts.splice(0).map((c) => c.close()));
      const context = await suite.browser.newContext({ locale, ...CONTEXT, ...(phone ? PHONE : {}) });
      contexts.push(context);
      return context;
    },
    async session(username: string, opts: Omit<ContextOptions, 'locale'> = {}) {
      return logIn(await suite.context(opts), suite.t, username);
    },
  };
  beforeAll(async () => {
    [suite.t, suite.browser] = await Promise.all([startConsoleApp(options), launchBrowser()]);
  }, 180_000);
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    await suite.browser?.close();
    await suite.t?.stop();
  });
  return suite;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

/** The status chip of the complaint on the page, once it shows `status`. */
export const statusChip = (page: Page, status: string) => page.locator(`[data-testid="complaint-status"] [data-status="${status}"]`);

/** Runs a workflow action from the complaint page's action bar: opens its dialog, fills it, sends it. */
export async function runAction(page: Page, action: string, fill?: (dialog: Locator) => Promise<void>): Promise<void> {
  await page.locator(`[data-action="${action}"]`).click();
  const dialog = page.locator(`[data-testid="action-dialog-${action}"]`);
  await dialog.waitFor();
  if (fill) await fill(dialog);
  await dialog.locator('[data-testid="action-submit"]').click();
  await dialog.waitFor({ state: 'detached' });
}

/** axe-core's serious and critical WCAG 2.1 A/AA violations on the page, as "impact id". */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: { id: string; impact: string | null }[] }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.impact} ${v.id}`);
  });
}

/** Nothing scrolls sideways. */
export const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

/**
 * The compressed bytes of the scripts this server sent the page (resource timing's encoded body
 * sizes; a provider's script from another origin, such as a CAPTCHA widget, is not ours to count).
 */
export const ownScriptBytes = (page: Page) =>
  page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .filter((e) => (e as PerformanceResourceTiming).initiatorType === 'script' && new URL(e.name).origin === location.origin)
      .reduce((n, e) => n + (e as PerformanceResourceTiming).encodedBodySize, 0),
  );
