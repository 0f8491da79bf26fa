import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../server/seed/seed';
import type { TestApp } from '../support/test-app';
import { consoleSuite } from './support/browser';

/**
 * The console speaks Indonesian first (whatever the browser's language) and English on
 * request, and shows each role only what the server would allow: the wali kota reads
 * everything and changes nothing, the system administrator manages the organisation and
 * its users, an officer never sees user accounts.
 */

let t: TestApp;

const suite = consoleSuite({ demoComplaints: 8 });

beforeAll(() => {
  t = suite.t;
});

/** One page at a time: an idle console left open still costs CPU on a 2-core machine. */
const session = (username: string): Promise<Page> => suite.session(username);

const go = async (page: Page, hash: string) => {
  await page.goto(`${t.url}/admin/#/${hash}`);
};

/** Menu entries as { href: label }, once the permission-dependent entries are in. */
const menu = async (page: Page): Promise<Record<string, string>> => {
  await page.locator('.RaSidebar-fixed [role="menuitem"][href="#/complaints"]').waitFor();
  return page
    .locator('.RaSidebar-fixed [role="menuitem"][href]')
    .evaluateAll((els) => Object.fromEntries(els.map((e) => [e.getAttribute('href'), (e.textContent ?? '').trim()])));
};

const content = (page: Page) => page.locator('#main-content');

/** Raw i18n keys on screen (a missing translation), e.g. "resources.opds.fields.code". */
const rawKeys = async (page: Page) =>
  (await page.locator('body').innerText()).match(/\b(ra|resources|dashboard|dashboardStats|enums|menu|app|errors|actions)\.[a-zA-Z_]+\.[\w.]+/g) ?? [];

/** The labels of react-admin's write buttons, in both languages. */
const WRITE_LABELS = /^(Tambah|Ubah|Hapus|Simpan|Salin|Create|Edit|Delete|Save|Clone)$/i;
/** Complaint workflow buttons (src/i18n actions.*). */
const WORKFLOW_LABELS = /^(Verifikasi|Tolak|Teruskan|Kembalikan|Tugaskan|Terima|Tambah progres|Catatan internal|Jawab|Buka kembali)/i;

interface WriteControls {
  createLinks: string[];
  editLinks: string[];
  writeButtons: string[];
  workflowButtons: string[];
  forms: number;
}

/** Every control in the page content that would create, change or delete something. */
const writeControls = (page: Page): Promise<WriteControls> =>
  content(page).evaluate(
    (root, [writeSource, workflowSource]) => {
      const write = new RegExp(writeSource, 'i');
      const workflow = new RegExp(workflowSource, 'i');
      const hrefs = Array.from(root.querySelectorAll('a[href]')).map((a) => a.getAttribute('href') ?? '');
      const buttons = Array.from(root.querySelectorAll('button, a[role="button"], a.MuiButton-root'));
      const label = (b: { getAttribute(name: string): string | null; textContent: string | null }) =>
        (b.getAttribute('aria-label') ?? b.textContent ?? '').trim();
      return {
        createLinks: hrefs.filter((h) => /\/create(\?|$)/.test(h)),
        // react-admin edit routes are "#/<resource>/<id>" (show is ".../show").
        editLinks: hrefs.filter((h) => /^#\/[A-Za-z]+\/[^/?]+$/.test(h) && !h.endsWith('/create')),
        writeButtons: buttons.map(label).filter((l) => write.test(l)),
        workflowButtons: [...Array.from(root.querySelectorAll('[data-action]')), ...buttons.filter((b) => workflow.test(label(b)))].map(label),
        forms: root.querySelectorAll('form button[type="submit"]').length,
      };
    },
    [WRITE_LABELS.source, WORKFLOW_LABELS.source] as const,
  );

const expectReadOnly = async (page: Page, where: string) => {
  const found = await writeControls(page);
  expect({ where, ...found }).toEqual({ where, createLinks: [], editLinks: [], writeButtons: [], workflowButtons: [], forms: 0 });
};

/** react-admin's edit route: "#/<resource>/<id>". */
const EDIT_ROUTE = /^#\/[A-Za-z]+\/[^/]+$/;

const firstRow = (page: Page) => content(page).locator('tbody tr.RaDataTable-row').first();

test('Indonesian by default (even for an English browser); English on request, kept after a reload', async () => {
  const context = await suite.context({ locale: 'en-US' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await page.goto(`${t.url}/admin/`);
  const login = page.locator('form');
  await login.getByText('Nama pengguna').waitFor();
  await expect(login.getByText('Kata sandi').count()).resolves.toBe(1);
  await expect(page.locator('button[type="submit"]').innerText()).resolves.toMatch(/^masuk$/i);

  await page.locator('input[name="username"]').fill('walikota');
  await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((url) => !url.hash.includes('login'));
  await page.locator('[data-testid="dashboard"][data-state="ready"]').waitFor();
  const idMenu = await menu(page);
  expect(idMenu).toMatchObject({
    '#/': 'Beranda',
    '#/complaints': 'Pengaduan',
    '#/opds': 'Perangkat Daerah (OPD)',
    '#/servicePosts': 'Pos Layanan',
    '#/holidays': 'Hari Libur',
  });
  await expect(content(page).getByText('Pengaduan masuk', { exact: true }).count()).resolves.toBe(1);
  expect(await rawKeys(page)).toEqual([]);

  // The language menu in the app bar.
  await page.locator('header button', { hasText: 'Bahasa Indonesia' }).click();
  await page.getByRole('menuitem', { name: 'English' }).click();
  await page.locator('.RaSidebar-fixed [role="menuitem"][href="#/complaints"]', { hasText: 'Complaints' }).waitFor();
  expect(await menu(page)).toMatchObject({
    '#/complaints': 'Complaints',
    '#/opds': 'Units (OPD)',
    '#/servicePosts': 'Service posts',
    '#/holidays': 'Holidays',
  });
  // The dashboard's own messages are loaded with the English bundle too.
  await content(page).getByText('Complaints received', { exact: true }).waitFor();
  await expect(content(page).getByText('Pengaduan masuk', { exact: true }).count()).resolves.toBe(0);
  expect(await rawKeys(page)).toEqual([]);

  await go(page, 'opds');
  await content(page).getByRole('columnheader', { name: 'Name' }).first().waitFor();

  await page.reload();
  await page.locator('.RaSidebar-fixed [role="menuitem"][href="#/complaints"]', { hasText: 'Complaints' }).waitFor();
  await content(page).getByRole('columnheader', { name: 'Name' }).first().waitFor();
});

test('walikota (LEADER) reads everything and is offered no create, edit, delete or workflow action', async () => {
  const page = await session('walikota');
  // Account pages are for the superadmin only (the API still lets leaders read users for pickers).
  const entries = Object.keys(await menu(page));
  expect(entries).toEqual(expect.arrayContaining(['#/complaints', '#/opds', '#/servicePosts', '#/categories', '#/programs', '#/holidays']));
  expect(entries).not.toContain('#/users');

  for (const resource of ['complaints', 'opds', 'servicePosts', 'categories', 'slaPolicies', 'programs', 'holidays']) {
    await go(page, resource);
    await firstRow(page).waitFor();
    await expectReadOnly(page, `${resource} list`);
    // A row never opens an edit form: it shows the record, stays on the list, or (lists
    // whose rows go to the edit route) ends on "access denied" without a form.
    await firstRow(page).locator('td').nth(1).click();
    await page.waitForURL((url) => !EDIT_ROUTE.test(url.hash), { timeout: 10_000 });
    await page.waitForTimeout(300);
    const hash = new URL(page.url()).hash;
    if (hash.endsWith('/show')) await content(page).locator('.RaShow-main, [data-testid="tracking-code"]').first().waitFor();
    if (hash === '#/access-denied') await content(page).getByText('Akses ditolak').waitFor();
    expect(hash).not.toMatch(EDIT_ROUTE);
    await expectReadOnly(page, `${resource} after a row click`);
  }

  // Show pages: a complaint (no workflow buttons), an Opd, a programme, a user.
  const { complaints } = await t.ok('{ complaints(perPage: 50) { items { id trackingCode status } } }', {}, await t.login('walikota'));
  const open = complaints.items.find((c: { status: string }) => ['SUBMITTED', 'VERIFIED', 'FORWARDED', 'IN_PROGRESS'].includes(c.status));
  expect(open).toBeDefined();
  await go(page, `complaints/${open.id}/show`);
  await content(page).getByText(open.trackingCode).first().waitFor();
  await expectReadOnly(page, 'complaint show');

  const dinsos = (await t.ok('{ opds(filter: { q: "DINSOS" }) { items { id code } } }', {}, await t.login('walikota'))).opds.items.find(
    (o: { code: string }) => o.code === 'DINSOS',
  );
  await go(page, `opds/${dinsos.id}/show`);
  await content(page).getByText('Bidang Rehabilitasi Sosial').waitFor();
  await expectReadOnly(page, 'opd show');
  await go(page, 'programs/1/show');
  await content(page).locator('.RaShow-main').waitFor();
  await expectReadOnly(page, 'program show');
  await go(page, 'users/1/show');
  await content(page).getByText('Akses ditolak').waitFor();

  // Typing the address of a form does not help either.
  for (const hash of ['opds/create', `opds/${dinsos.id}`, 'users/create', 'holidays/create', 'servicePosts/1', 'complaints/create']) {
    await go(page, hash);
    await content(page).getByText('Akses ditolak').waitFor();
    await expectReadOnly(page, hash);
  }
});

test('superadmin manages the organisation and users: Users menu and create buttons', async () => {
  const page = await session('superadmin');
  const entries = await menu(page);
  expect(entries['#/users']).toBe('Pengguna');
  for (const resource of ['opds', 'servicePosts', 'users', 'categories', 'programs', 'holidays']) {
    await go(page, resource);
    await firstRow(page).waitFor();
    await expect(content(page).locator(`a[href="#/${resource}/create"]`).count()).resolves.toBe(1);
  }
  // A holiday row opens its edit form.
  await firstRow(page).locator('td').nth(1).click();
  await page.waitForURL((url) => /^#\/holidays\/[^/]+$/.test(url.hash));
  await content(page).locator('form button[type="submit"]').waitFor();
  // The same detector that found nothing for the wali kota sees this form and its buttons.
  const found = await writeControls(page);
  expect(found.forms).toBe(1);
  expect(found.writeButtons).toEqual(expect.arrayContaining(['Simpan', 'Hapus']));
});

test('petugas.rw (OFFICER) does not see user accounts', async () => {
  const page = await session('petugas.rw');
  const entries = await menu(page);
  expect(entries['#/complaints']).toBe('Pengaduan');
  expect(Object.keys(entries)).not.toContain('#/users');
  await go(page, 'users');
  await content(page).getByText('Akses ditolak').waitFor();
  await expect(content(page).locator('tbody tr').count()).resolves.toBe(0);
  // It records complaints (COMPLAINT_RECORD) but does not manage the organisation.
  await go(page, 'opds');
  await firstRow(page).waitFor();
  await expectReadOnly(page, 'opds list (officer)');
});
