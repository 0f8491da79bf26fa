import type { Page, Route } from 'playwright-core';
import { DEMO_PASSWORD } from '../../server/seed/seed';
import { consoleSuite } from './support/browser';

/**
 * Without a session the console opens with the sign-in form of index.html itself, which needs
 * none of the console's scripts (they load meanwhile): it signs in with the `login` mutation,
 * keeps the session where the console reads it, and the console then takes over on the page
 * that was asked for, without a second sign-in and without showing react-admin's login page.
 */
const suite = consoleSuite({ demoComplaints: 10 });

/** GraphQL operations the page sends, by name, in order. */
const recordOperations = (page: Page): string[] => {
  const names: string[] = [];
  page.on('request', (request) => {
    if (request.method() !== 'POST' || !request.url().endsWith('/graphql')) return;
    const name = /"operationName":"(\w+)"/.exec(request.postData() ?? '')?.[1];
    names.push(name ?? '?');
  });
  return names;
};

// Records whether react-admin's own login page was ever shown (class names RaLogin…).
const WATCH_RA_LOGIN = () => {
  new MutationObserver(() => {
    if (document.querySelector('[class*="RaLogin"]')) (window as unknown as { __raLogin: boolean }).__raLogin = true;
  }).observe(document, { childList: true, subtree: true });
};

const alert = (page: Page) => page.locator('#signin [role="alert"]');

test('the form works before any script has arrived; the console then takes over on the page asked for, signed in once', async () => {
  const context = await suite.context();
  await context.addInitScript(WATCH_RA_LOGIN);
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const operations = recordOperations(page);
  // The console's scripts are held back until the user has signed in.
  const held: Route[] = [];
  let holding = true;
  await page.route('**/admin/assets/**', (route) => (holding ? void held.push(route) : route.fallback()));

  await page.goto(`${suite.t.url}/admin/#/myInbox`, { waitUntil: 'commit' });
  const form = page.locator('form#signin-form');
  await form.getByLabel('Nama pengguna').waitFor();
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('id');
  await expect(form.getByLabel('Kata sandi').getAttribute('type')).resolves.toBe('password');
  await expect(form.locator('button[type="submit"]').innerText()).resolves.toMatch(/^masuk$/i);
  expect(new URL(page.url()).hash).toBe('#/login');
  expect(held.length).toBeGreaterThan(0);

  // Nothing typed: said in Indonesian, nothing sent.
  await form.locator('button[type="submit"]').click();
  await expect(alert(page).innerText()).resolves.toBe('Isi nama pengguna dan kata sandi.');
  // A wrong password: the Indonesian message, no session kept.
  await form.getByLabel('Nama pengguna').fill('kepala.dinsos');
  await form.getByLabel('Kata sandi').fill('salah-sekali');
  await form.locator('button[type="submit"]').click();
  await alert(page).getByText('Gagal masuk. Periksa nama pengguna dan kata sandi, lalu coba lagi.').waitFor();
  await expect(form.locator('button[type="submit"]').innerText()).resolves.toMatch(/^masuk$/i);
  // Only the form on the page (no "loading" text under it).
  await expect(page.locator('#boot').isVisible()).resolves.toBe(false);
  expect(await page.evaluate(() => localStorage.getItem('lapor.admin.token'))).toBeNull();

  // The right one, still without the console's scripts: the session is kept where the console reads it.
  await form.getByLabel('Kata sandi').fill(DEMO_PASSWORD);
  await form.locator('button[type="submit"]').click();
  await page.waitForFunction(() => localStorage.getItem('lapor.admin.token') !== null);
  expect(await page.evaluate(() => Date.parse(localStorage.getItem('lapor.admin.expiresAt') ?? '') > Date.now())).toBe(true);
  expect(new URL(page.url()).hash).toBe('#/myInbox');
  expect(operations).toEqual(['login', 'login']);

  // The scripts arrive: the console opens the inbox with no second sign-in and no `me` round trip.
  holding = false;
  await Promise.all(held.splice(0).map((route) => route.fallback()));
  await page.locator('[data-tracking-code]').first().waitFor();
  await page.locator('[data-live-status="live"]').waitFor();
  await expect(page.locator('#signin').count()).resolves.toBe(0);
  expect(operations.filter((name) => name === 'login' || name === 'me')).toEqual(['login', 'login']);
  expect(await page.evaluate(() => (window as unknown as { __raLogin?: boolean }).__raLogin ?? false)).toBe(false);
  // The user menu names who signed in.
  await page.locator('[aria-label^="Profil: "]').first().waitFor();

  // A reload keeps the session: no form.
  await page.reload();
  await page.locator('[data-tracking-code]').first().waitFor();
  await expect(page.locator('#signin:visible').count()).resolves.toBe(0);
});

test('too many attempts: the form says so (the server refuses with RATE_LIMITED), in Indonesian', async () => {
  const page = await (await suite.context()).newPage();
  page.setDefaultTimeout(20_000);
  await page.goto(`${suite.t.url}/admin/`);
  const form = page.locator('form#signin-form');
  await form.getByLabel('Nama pengguna').fill('kepala.disperkim');
  const codes: string[] = [];
  for (let attempt = 0; attempt < 8 && !codes.includes('RATE_LIMITED'); attempt += 1) {
    await form.getByLabel('Kata sandi').fill(`salah-${attempt}`);
    const [response] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/graphql')), form.locator('button[type="submit"]').click()]);
    const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
    codes.push(body.errors?.[0]?.extensions?.code ?? 'OK');
    await form.locator('button[type="submit"]:not([disabled])').waitFor();
  }
  expect(codes).toContain('UNAUTHENTICATED');
  expect(codes[codes.length - 1]).toBe('RATE_LIMITED');
  await expect(alert(page).innerText()).resolves.toBe('Terlalu banyak permintaan. Tunggu sebentar lalu coba lagi.');
  expect(await page.evaluate(() => localStorage.getItem('lapor.admin.token'))).toBeNull();
});

test('someone who chose English in the console gets the form in English', async () => {
  const context = await suite.context({ locale: 'en-US' });
  await context.addInitScript(() => localStorage.setItem('RaStore.locale', JSON.stringify('en')));
  const page = await context.newPage();
  await page.goto(`${suite.t.url}/admin/`);
  const form = page.locator('form#signin-form');
  await form.getByLabel('Username').fill('walikota');
  await form.getByLabel('Password').fill('salah');
  await form.locator('button[type="submit"]', { hasText: /sign in/i }).click();
  await alert(page).getByText('Authentication failed, please retry').waitFor();
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
});
