import type { Page } from 'playwright-core';
import { consoleSuite, logIn, screenshot } from './support/browser';

/**
 * The system administrator reads who changed what in the organisation, read-only, with
 * times in WIB; secrets appear only as "changed". Other roles are not offered the page.
 */
const suite = consoleSuite();

const go = (page: Page, hash: string) => page.goto(`${suite.t.url}/admin/#/${hash}`);
const main = (page: Page) => page.locator('#main-content');
const rows = (page: Page) => main(page).locator('tbody tr');

/** Pick an option of a react-admin SelectInput (MUI Select) by its label. */
const choose = async (page: Page, source: string, option: string) => {
  await main(page).locator(`.MuiInputBase-root:has(input[name="${source}"]) [role="combobox"]`).click();
  await page.getByRole('option', { name: option, exact: true }).click();
};

test('after a change the superadmin finds it in the audit log, readable, and narrows the log with filters', async () => {
  const { t } = suite;
  const su = await t.login('superadmin');
  const { categories } = await t.ok(
    '{ categories(perPage: 1, sortField: "code") { items { id code name description defaultOpdId slaPolicyId active } } }',
    {},
    su,
  );
  const c = categories.items[0];
  const input = {
    code: c.code,
    name: `${c.name} (uji jejak)`,
    description: c.description,
    defaultOpdId: c.defaultOpdId,
    slaPolicyId: c.slaPolicyId,
    active: c.active,
  };
  await t.ok('mutation($id: ID!, $input: CategoryInput!) { updateCategory(id: $id, input: $input) { id } }', { id: c.id, input }, su);
  const { users } = await t.ok('{ users(filter: { q: "staf.dinsos" }) { items { id username name phone email opdId servicePostId role active } } }', {}, su);
  const { id: userId, ...user } = users.items[0];
  await t.ok(
    'mutation($id: ID!, $input: UserInput!) { updateUser(id: $id, input: $input) { id } }',
    { id: userId, input: { ...user, password: 'kata-sandi-baru-99' } },
    su,
  );

  const page = await suite.session('superadmin');
  // In the menu, under monitoring.
  await page.locator('.RaSidebar-fixed [role="menuitem"][href="#/auditEntries"]', { hasText: 'Jejak Audit' }).click();
  await page.waitForURL((url) => url.hash.startsWith('#/auditEntries'));

  // Newest first: the password change, then the renamed category (shown by its labels, on the WIB clock).
  const newest = rows(page).first();
  await newest.getByText('Kata sandi diubah (nilainya tidak dicatat)').waitFor();
  await expect(newest.innerText()).resolves.toMatch(/superadmin[\s\S]*Diubah[\s\S]*Pengguna[\s\S]*staf\.dinsos/);
  const renamed = rows(page).nth(1);
  await renamed.getByText(`Nama: ${c.name} → ${c.name} (uji jejak)`).waitFor();
  await expect(renamed.innerText()).resolves.toMatch(/\d{2}\.\d{2} WIB[\s\S]*superadmin[\s\S]*Diubah[\s\S]*Kategori/);
  // Read-only: no create button, no row opens a form, no password hash anywhere.
  await expect(main(page).locator('a[href="#/auditEntries/create"]').count()).resolves.toBe(0);
  await renamed.locator('td').nth(1).click();
  await page.waitForTimeout(300);
  expect(new URL(page.url()).hash).toMatch(/^#\/auditEntries(\?|$)/);
  await expect(page.locator('body').innerText()).resolves.not.toMatch(/argon2|kata-sandi-baru-99/);
  await screenshot(page, 'audit-log');

  // Filter: users created, i.e. the demo accounts by the seed (a system process).
  await choose(page, 'kind', 'Pengguna');
  await choose(page, 'action', 'Dibuat');
  await page.waitForURL((url) => decodeURIComponent(url.hash).includes('"action":"CREATE"'));
  await main(page).getByText('Sistem: seed (demo data)').first().waitFor();
  // The list shows the filtered page once no row of the earlier page is left.
  await page.waitForFunction(() => {
    const texts = Array.from(document.querySelectorAll('#main-content tbody tr')).map((tr) => (tr as HTMLElement).innerText);
    return texts.length > 0 && texts.every((text) => text.includes('Dibuat'));
  });
  const created = await rows(page).allInnerTexts();
  expect(created.length).toBeGreaterThan(1);
  for (const text of created) expect(text).toMatch(/Dibuat[\s\S]*Pengguna/);
  expect(created.join('\n')).not.toContain('uji jejak');

  // A period in the past: nothing.
  await main(page).locator('input[name="to"]').fill('31/01/2020');
  await page.waitForURL((url) => decodeURIComponent(url.hash).includes('"to":"2020-01-31T16:59:59.999Z"'));
  await main(page)
    .getByText(/cocok dengan filter/)
    .waitFor();
  await expect(rows(page).count()).resolves.toBe(0);
});

test('with an English (US) browser the date filters still take the WIB day as DD/MM/YYYY and filter by it', async () => {
  const { t } = suite;
  const context = await suite.context({ locale: 'en-US' });
  const page = await logIn(context, t, 'superadmin');
  expect(await page.evaluate(() => navigator.language)).toBe('en-US');
  await go(page, 'auditEntries');
  await rows(page).first().waitFor();
  const from = main(page).locator('input[name="from"]');
  const to = main(page).locator('input[name="to"]');
  // The console's own text input, not the browser's picker (month first in English, no WIB).
  expect(await from.getAttribute('type')).toBe('text');
  expect(await from.getAttribute('placeholder')).toBe('HH/BB/TTTT');
  await expect(main(page).locator('.MuiInputBase-root:has(input[name="from"])').innerText()).resolves.toContain('WIB');

  // 5 January, not 1 May: the day from the first WIB millisecond of that day.
  await from.fill('05/01/2026');
  await page.waitForURL((url) => decodeURIComponent(url.hash).includes('"from":"2026-01-04T17:00:00.000Z"'));
  // Unfinished text is kept in the box and not sent.
  await to.fill('31/01/20');
  await page.waitForTimeout(700);
  expect(decodeURIComponent(new URL(page.url()).hash)).not.toContain('"to"');
  await to.fill('31/01/2026');
  await page.waitForURL((url) => decodeURIComponent(url.hash).includes('"to":"2026-01-31T16:59:59.999Z"'));
  await main(page)
    .getByText(/cocok dengan filter/)
    .waitFor();
  await expect(rows(page).count()).resolves.toBe(0);

  // Today in WIB: the entries the tests wrote, every one of them from today on the WIB clock.
  const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
  const [y, m, d] = today.split('-');
  await to.fill('');
  await page.waitForURL((url) => !decodeURIComponent(url.hash).includes('"to"'));
  await from.fill(`${d}/${m}/${y}`);
  await page.waitForURL((url) => decodeURIComponent(url.hash).includes(`"from":"${new Date(`${today}T00:00:00+07:00`).toISOString()}"`));
  await rows(page).first().waitFor();
  const texts = await rows(page).allInnerTexts();
  expect(texts.length).toBeGreaterThan(0);
  // Times on the WIB clock, 24 hours.
  for (const text of texts) expect(text).toMatch(/\d{2}\.\d{2} WIB/);

  // After a reload the box shows the day as it was typed, not the instant.
  await page.reload();
  await expect(main(page).locator('input[name="from"]').inputValue()).resolves.toBe(`${d}/${m}/${y}`);
});

test('other roles are not offered the audit log', async () => {
  const page = await suite.session('walikota');
  await page.locator('.RaSidebar-fixed [role="menuitem"][href="#/complaints"]').waitFor();
  await expect(page.locator('.RaSidebar-fixed [href="#/auditEntries"]').count()).resolves.toBe(0);
  await go(page, 'auditEntries');
  await main(page).getByText('Akses ditolak').waitFor();
  await expect(rows(page).count()).resolves.toBe(0);
});
