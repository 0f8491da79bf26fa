import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { TestApp } from '../support/test-app';
import { launchBrowser, newSession, screenshot, startConsoleApp } from './support/browser';

/**
 * The system administrator keeps the organisation up to date through the console: units
 * (Opd) in the tree, service-post opening hours, the holiday calendar. Every change is
 * checked in the API afterwards, and a refusal by the server lands under the input it is
 * about.
 */

let t: TestApp;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let token: string;

beforeAll(async () => {
  [t, browser] = await Promise.all([startConsoleApp(), launchBrowser()]);
  token = await t.login('superadmin');
  ({ context, page } = await newSession(browser, t, 'superadmin'));
}, 180_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await t?.stop();
});

const go = (hash: string) => page.goto(`${t.url}/admin/#/${hash}`);
const main = () => page.locator('#main-content');
const save = () => main().locator('form button[type="submit"]').click();
/** Screenshots without the "saved" snackbar over the content. */
const snapshot = async (name: string) => {
  const style = await page.addStyleTag({ content: '.MuiSnackbar-root { display: none !important; }' });
  await screenshot(page, name);
  await style.evaluate((el) => (el as unknown as { remove(): void }).remove());
};

/** Pick an option of a react-admin SelectInput (MUI Select) by its label. */
const choose = async (source: string, option: string) => {
  await main().locator(`.MuiInputBase-root:has(input[name="${source}"]) [role="combobox"]`).click();
  await page.getByRole('option', { name: option, exact: true }).click();
};

const opdByCode = async (code: string) =>
  (await t.ok('query($q: String) { opds(filter: { q: $q }) { items { id code name kind active parent { code } } } }', { q: code }, token)).opds.items.find(
    (o: { code: string }) => o.code === code,
  );

test('creates a unit under Dinas Sosial, edits it and finds it in the list', async () => {
  await go('opds/create');
  await main().locator('input[name="code"]').fill('DINSOS-UJI');
  await main().locator('input[name="name"]').fill('Bidang Uji Coba Layanan');
  await choose('kind', 'Bidang');
  await main().locator('input[name="parentId"]').fill('Dinas Sosial');
  await page.getByRole('option', { name: 'Dinas Sosial (DINSOS)' }).click();
  await save();

  // Created: the show page of the new unit, under Dinas Sosial.
  await page.waitForURL((url) => /^#\/opds\/\d+\/show$/.test(url.hash));
  await main().getByText('Bidang Uji Coba Layanan', { exact: true }).waitFor();
  await main().getByText('Dinas Sosial', { exact: true }).first().waitFor();
  const created = await opdByCode('DINSOS-UJI');
  expect(created).toMatchObject({ name: 'Bidang Uji Coba Layanan', kind: 'BIDANG', active: true, parent: { code: 'DINSOS' } });
  expect(new URL(page.url()).hash).toBe(`#/opds/${created.id}/show`);

  // Edit it.
  await main().getByRole('link', { name: 'Ubah' }).click();
  await page.waitForURL((url) => url.hash === `#/opds/${created.id}`);
  const name = main().locator('input[name="name"]');
  await expect(name.inputValue()).resolves.toBe('Bidang Uji Coba Layanan');
  await name.fill('Bidang Uji Coba Layanan Terpadu');
  await save();
  await page.waitForURL((url) => url.hash !== `#/opds/${created.id}`);
  expect(await opdByCode('DINSOS-UJI')).toMatchObject({ id: created.id, name: 'Bidang Uji Coba Layanan Terpadu', parent: { code: 'DINSOS' } });

  // In the list (searched by name) and among Dinas Sosial's units.
  await go(`opds?filter=${encodeURIComponent(JSON.stringify({ q: 'Uji Coba' }))}`);
  const row = main().locator('tbody tr', { hasText: 'DINSOS-UJI' });
  await row.waitFor();
  await expect(row.innerText()).resolves.toContain('Bidang Uji Coba Layanan Terpadu');
  await expect(row.innerText()).resolves.toContain('Dinas Sosial');
  const dinsos = await opdByCode('DINSOS');
  await go(`opds/${dinsos.id}/show`);
  await main().locator('tbody tr', { hasText: 'Bidang Uji Coba Layanan Terpadu' }).waitFor();
  await snapshot('opd-show');
});

test('a duplicate code refused by the server is shown under the code input, in Indonesian', async () => {
  await go('opds/create');
  await main().locator('input[name="code"]').fill('DINSOS');
  await main().locator('input[name="name"]').fill('Dinas Sosial Kedua');
  await choose('kind', 'Dinas/Badan');
  await main().locator('input[name="parentId"]').fill('Pemerintah Kota');
  await page.getByRole('option', { name: /^Pemerintah Kota Magelang/ }).click();
  await save();
  const helperOf = (source: string) => main().locator(`.MuiFormControl-root:has(input[name="${source}"]) .MuiFormHelperText-root`);
  // The server says "another Opd already has this value"; the console says it in the user's language.
  await helperOf('code').getByText('Nilai ini sudah dipakai data lain').waitFor();
  await expect(helperOf('name').innerText()).resolves.not.toMatch(/sudah dipakai|already has this value/);
  await expect(main().locator('input[name="code"]').getAttribute('aria-invalid')).resolves.toBe('true');
  await expect(main().locator('input[name="name"]').getAttribute('aria-invalid')).resolves.toBe('false');
  // Still on the create form, nothing created.
  expect(new URL(page.url()).hash).toBe('#/opds/create');
  const { opds } = await t.ok('{ opds(filter: { q: "Dinas Sosial Kedua" }) { total } }', {}, token);
  expect(opds.total).toBe(0);
});

test("edits a service post's schedule to Monday and Thursday 09:00–12:00", async () => {
  const { servicePosts } = await t.ok(
    '{ servicePosts(filter: { q: "POS-WATES-RW01" }) { items { id code name rw address kelurahanId active schedule { weekday opensAt closesAt } } } }',
    {},
    token,
  );
  const post = servicePosts.items[0];
  expect(post.code).toBe('POS-WATES-RW01');
  // Start from something else, so the form has to change it.
  const { id, schedule: _s, ...rest } = post;
  await t.ok(
    'mutation($id: ID!, $input: ServicePostInput!) { updateServicePost(id: $id, input: $input) { id } }',
    { id, input: { ...rest, schedule: [{ weekday: 3, opensAt: '13:00', closesAt: '15:00' }] } },
    token,
  );

  await go(`servicePosts/${id}`);
  await expect(main().locator('input[name="schedule.0.opensAt"]').inputValue()).resolves.toMatch(/^13:00/);
  await choose('schedule.0.weekday', 'Senin');
  await main().locator('input[name="schedule.0.opensAt"]').fill('09:00');
  await main().locator('input[name="schedule.0.closesAt"]').fill('12:00');
  await main().locator('.RaSimpleFormIterator-add button, button.button-add').first().click();
  await main().locator('input[name="schedule.1.opensAt"]').waitFor();
  await choose('schedule.1.weekday', 'Kamis');
  await main().locator('input[name="schedule.1.opensAt"]').fill('09:00');
  await main().locator('input[name="schedule.1.closesAt"]').fill('12:00');
  await save();

  await page.waitForURL((url) => url.hash.startsWith('#/servicePosts') && url.hash !== `#/servicePosts/${id}`);
  const row = main().locator('tbody tr', { hasText: 'POS-WATES-RW01' });
  await row.getByText('Senin, Kamis 09:00–12:00 WIB').waitFor();
  const after = await t.ok('query($id: ID!) { servicePost(id: $id) { address schedule { weekday opensAt closesAt } } }', { id }, token);
  expect(after.servicePost.address).toBe(post.address);
  expect(
    after.servicePost.schedule
      .map((s: { weekday: number; opensAt: string; closesAt: string }) => `${s.weekday} ${s.opensAt.slice(0, 5)}-${s.closesAt.slice(0, 5)}`)
      .sort(),
  ).toEqual(['1 09:00-12:00', '4 09:00-12:00']);
  await snapshot('service-posts');
});

test('creates a holiday', async () => {
  await go('holidays/create');
  await main().locator('input[name="date"]').fill('2026-11-10');
  await main().locator('input[name="name"]').fill('Hari Pahlawan (uji)');
  await save();
  await page.waitForURL((url) => url.hash.startsWith('#/holidays') && !url.hash.includes('create'));
  const { holidays } = await t.ok('{ holidays(filter: { q: "Pahlawan" }) { items { date name kind } } }', {}, token);
  expect(holidays.items).toEqual([{ date: '2026-11-10', name: 'Hari Pahlawan (uji)', kind: 'NATIONAL' }]);
  await go(`holidays?filter=${encodeURIComponent(JSON.stringify({ q: 'Pahlawan' }))}`);
  const row = main().locator('tbody tr', { hasText: 'Hari Pahlawan (uji)' });
  await row.waitFor();
  await expect(row.innerText()).resolves.toMatch(/10 Nov 2026/);
  await expect(row.innerText()).resolves.toContain('Libur nasional');
});
