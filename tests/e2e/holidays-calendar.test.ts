import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { TestApp } from '../support/test-app';
import { launchBrowser, newSession, startConsoleApp } from './support/browser';

/**
 * The superadmin keeps the holiday calendar: the dashboard warns while it is known for fewer
 * than 60 days ahead; "Impor" on the holiday list previews a CSV file (counts per line, nothing
 * saved), refuses a bad one line by line, and saves a good one, after which the warning is gone.
 * "Tepat waktu" is explained with the same words on the dashboard and in the report.
 */

let t: TestApp;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  [t, browser] = await Promise.all([startConsoleApp({ demoComplaints: 20 }), launchBrowser()]);
  // No calendar at all: the warning shows whatever today's date is.
  await t.app.db.query('DELETE FROM holiday');
  ({ context, page } = await newSession(browser, t, 'superadmin'));
}, 180_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await t?.stop();
});

const main = () => page.locator('#main-content');
const nextYear = new Date(Date.now() + 7 * 3600_000).getUTCFullYear() + 1;
// Test data, not real holidays.
const GOOD = `tanggal,nama,jenis\n${nextYear}-01-01,Uji Tahun Baru\n${nextYear}-02-10,Uji Libur\n${nextYear}-02-11,Uji Cuti,cuti bersama\n`;
const BAD = `${nextYear}-01-01,Uji Tahun Baru\n${nextYear}-02-31,Uji Tanggal Salah\n`;

const pick = (name: string, content: string) =>
  page.locator('[data-testid="holiday-import-file"]').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(content) });

test('the coverage warning, then a CSV import with its preview, a refused file and the saved one', async () => {
  await main().locator('[data-testid="dashboard"]').waitFor();
  const warning = main().locator('[data-testid="holiday-coverage-warning"]');
  await warning.waitFor();
  expect(await warning.innerText()).toContain('Kalender hari libur hampir habis');

  await page.goto(`${t.url}/admin/#/holidays`);
  await main().locator('[data-testid="holiday-import"]').click();
  const dialog = page.locator('[role="dialog"]');
  await dialog.getByText('Impor hari libur dari berkas').waitFor();

  await pick('salah.csv', BAD);
  const problems = page.locator('[data-testid="holiday-import-problems"]');
  await problems.waitFor();
  expect(await problems.innerText()).toContain(`line 2: "${nextYear}-02-31" is not a date as YYYY-MM-DD`);
  expect(await page.locator('[data-testid="holiday-import-confirm"]').isDisabled()).toBe(true);

  await pick('libur.csv', GOOD);
  const preview = page.locator('[data-testid="holiday-import-preview"]');
  await preview.waitFor();
  expect(await preview.locator('[data-counts]').getAttribute('data-counts')).toBe('3/0/0');
  expect(await preview.innerText()).toContain('3 ditambahkan, 0 diperbarui, 0 sudah ada.');
  expect(Number((await t.app.db.query('SELECT count(*) AS n FROM holiday'))[0].n)).toBe(0);

  await page.locator('[data-testid="holiday-import-confirm"]').click();
  await dialog.waitFor({ state: 'detached' });
  await main().getByText('Uji Cuti').waitFor();
  expect(Number((await t.app.db.query('SELECT count(*) AS n FROM holiday'))[0].n)).toBe(3);

  // The same file again: nothing to save.
  await main().locator('[data-testid="holiday-import"]').click();
  await pick('libur.csv', GOOD);
  await page.locator('[data-testid="holiday-import-preview"]').waitFor();
  expect(await page.locator('[data-testid="holiday-import-preview"] [data-counts]').getAttribute('data-counts')).toBe('0/0/3');
  expect(await page.locator('[data-testid="holiday-import-confirm"]').isDisabled()).toBe(true);
  await page.keyboard.press('Escape');

  await page.goto(`${t.url}/admin/#/`);
  await main().locator('[data-testid="dashboard"][data-state="ready"]').waitFor();
  expect(await main().locator('[data-testid="holiday-coverage-warning"]').count()).toBe(0);
});

test('"tepat waktu" has one wording on the dashboard and in the compliance report', async () => {
  await page.goto(`${t.url}/admin/#/`);
  const hint = main().locator('[data-kpi-card="onTime"] [data-testid="on-time-definition"]');
  await hint.waitFor();
  const onDashboard = await hint.getAttribute('aria-label');
  expect(onDashboard).toMatch(/^Tepat waktu: /);

  await page.goto(`${t.url}/admin/#/reports`);
  await main().locator('[data-testid="report"][data-state="ready"]').waitFor();
  await main().locator('[data-testid="compliance-table"] thead').getByText('% tepat waktu').hover();
  const tooltip = page.locator('[role="tooltip"]');
  await tooltip.waitFor();
  expect(await tooltip.innerText()).toBe(onDashboard);
});
