import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { TestApp } from '../support/test-app';
import { launchBrowser, newSession, screenshot, startConsoleApp } from './support/browser';

/**
 * The wali kota opens the compliance report (Central Java's quarterly announcement) for the
 * current quarter on demo data: the ranked table, the on-time chart and the officer table
 * show the API's `complianceReport`, and "Unduh CSV" saves the table as a CSV for Excel with
 * Indonesian settings, with the table's headers and the same ranks.
 */

let t: TestApp;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let token: string;

beforeAll(async () => {
  [t, browser] = await Promise.all([startConsoleApp({ demoComplaints: 60 }), launchBrowser()]);
  token = await t.login('walikota');
  ({ context, page } = await newSession(browser, t, 'walikota'));
}, 180_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await t?.stop();
});

const main = () => page.locator('#main-content');

/** The current quarter / month in WIB, as the server names periods. */
const wibNow = () => {
  const d = new Date(Date.now() + 7 * 3600_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() };
};
const currentQuarter = () => `${wibNow().year}-Q${Math.floor(wibNow().month / 3) + 1}`;
const currentMonth = () => `${wibNow().year}-${String(wibNow().month + 1).padStart(2, '0')}`;

const REPORT = `query($period: String!) { complianceReport(period: $period) {
  from to
  opds { rank opd { code name } received due respondedInTime respondedInTimePct medianHoursToFirstResponse overdueNow }
  officers { user { username } recorded verified forwarded forwardedOnTime }
  staff { user { username } answers progressNotes } } }`;

interface ApiRow {
  rank: number;
  opd: { code: string; name: string };
  respondedInTimePct: number | null;
  medianHoursToFirstResponse: number | null;
}

const percentId = (pct: number) => new Intl.NumberFormat('id-ID', { style: 'percent', maximumFractionDigits: 1 }).format(pct / 100).replace(/\s/g, ' ');
const norm = (s: string) => s.replace(/\s/g, ' ').trim();

/** RFC 4180 lines with `;` between cells (the report's cells hold no line breaks). */
const parseCsv = (text: string): { keys: string[]; rows: Record<string, string>[] } => {
  const split = (line: string) => {
    const cells: string[] = [];
    let cur = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i];
      if (quoted && ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') {
        quoted = !quoted;
      } else if (ch === ';' && !quoted) {
        cells.push(cur);
        cur = '';
      } else {
        cur += ch;
      }
    }
    cells.push(cur);
    return cells;
  };
  const [header, ...rows] = text.split(/\r\n/).filter((l) => l !== '');
  const keys = split(header);
  return { keys, rows: rows.map((r) => Object.fromEntries(split(r).map((v, i) => [keys[i], v]))) };
};

test('walikota reads the current quarter: table, chart and CSV match complianceReport', async () => {
  const period = currentQuarter();
  const { complianceReport: api } = await t.ok(REPORT, { period }, token);
  const rows: ApiRow[] = api.opds;
  expect(rows.length).toBeGreaterThan(0);
  const first = rows[0];
  // The demo has forwards answered in this quarter: the leader has a figure to announce.
  expect(first.respondedInTimePct).not.toBeNull();

  await page.goto(`${t.url}/admin/#/reports`);
  const report = main().locator('[data-testid="report"]');
  await main().locator('[data-testid="report"][data-state="ready"]').waitFor();
  expect(await report.getAttribute('data-period')).toBe(period);

  // The ranked table: same units in the same order, first row's on-time share as the API's.
  const table = main().locator('[data-testid="compliance-table"]');
  const lines = table.locator('tbody tr');
  await expect(lines.count()).resolves.toBe(rows.length);
  expect(await lines.evaluateAll((els) => els.map((e) => e.getAttribute('data-opd-code')))).toEqual(rows.map((r) => r.opd.code));
  const top = lines.first();
  expect(await top.getAttribute('data-rank')).toBe('1');
  await expect(top.locator('[data-col="opd"]').innerText()).resolves.toBe(first.opd.name);
  const pct = top.locator('[data-col="respondedInTimePct"]');
  expect(Number(await pct.getAttribute('data-value'))).toBe(first.respondedInTimePct);
  expect(norm(await pct.innerText())).toBe(percentId(first.respondedInTimePct!));
  expect(Number(await top.locator('[data-col="medianHoursToFirstResponse"]').getAttribute('data-value'))).toBe(first.medianHoursToFirstResponse);

  // The chart: one bar per unit with a figure, in rank order.
  const bars = main().locator('[data-chart="on-time"] [data-bar]');
  const charted = rows.filter((r) => r.respondedInTimePct != null);
  expect(await bars.evaluateAll((els) => els.map((e) => [e.getAttribute('data-bar'), Number(e.getAttribute('data-value'))]))).toEqual(
    charted.map((r) => [r.opd.code, r.respondedInTimePct]),
  );

  // The unit heads' and staff's table: one line per person, the API's answers.
  const staff = main().locator('[data-testid="staff-table"] tbody tr');
  await expect(staff.count()).resolves.toBe(api.staff.length);
  for (const s of api.staff.slice(0, 3)) {
    await expect(main().locator(`[data-testid="staff-table"] tr[data-username="${s.user.username}"] [data-col="answers"]`).innerText()).resolves.toBe(
      String(s.answers),
    );
  }

  // The officer table.
  const officers = main().locator('[data-testid="officer-table"] tbody tr');
  await expect(officers.count()).resolves.toBe(api.officers.length);
  const busiest = api.officers[0];
  const officerRow = main().locator(`[data-testid="officer-table"] tr[data-username="${busiest.user.username}"]`);
  await expect(officerRow.locator('[data-col="recorded"]').innerText()).resolves.toBe(String(busiest.recorded));
  await expect(officerRow.locator('[data-col="forwarded"]').innerText()).resolves.toBe(String(busiest.forwarded));

  await page.addStyleTag({ content: '.MuiSnackbar-root { display: none !important; }' });
  await screenshot(page, 'report');

  // "Unduh CSV": a file named after the period for Excel with Indonesian settings (BOM, `;`,
  // decimal comma), with the table's headers and the same ranks.
  const [download] = await Promise.all([page.waitForEvent('download'), main().locator('[data-testid="report-csv"]').click()]);
  expect(download.suggestedFilename()).toBe(`laporan-kepatuhan-${period}.csv`);
  const file = await download.path();
  const bytes = fs.readFileSync(file!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const parsed = parseCsv(bytes.toString('utf8').slice(1));
  const screenHeaders = (await table.locator('thead th').allInnerTexts()).map(norm);
  expect(parsed.keys).toEqual([...screenHeaders, 'Mutu IKM']);
  expect(parsed.rows.map((r) => [Number(r['No.']), r['Perangkat daerah']])).toEqual(rows.map((r) => [r.rank, r.opd.name]));
  const pctInCsv = parsed.rows[0]['% tepat waktu'];
  expect(pctInCsv).toBe(String(Math.round(first.respondedInTimePct! * 10) / 10).replace('.', ','));

  // Another period: this month.
  await main().locator('[data-period-kind="month"]').click();
  await main().locator(`[data-testid="report"][data-period="${currentMonth()}"][data-state="ready"]`).waitFor();
  const month = (await t.ok(REPORT, { period: currentMonth() }, token)).complianceReport;
  await expect(main().locator('[data-testid="compliance-table"] tbody tr').count()).resolves.toBe(month.opds.length);
}, 120_000);

test('the complaint list exports a CSV for Excel with Indonesian settings', async () => {
  const { complaints } = await t.ok('{ complaints(sortField: "createdAt", sortOrder: DESC, perPage: 1) { items { trackingCode } total } }', {}, token);
  await page.goto(`${t.url}/admin/#/complaints`);
  await main().locator('[data-tracking-code]').first().waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Ekspor' }).click()]);
  expect(download.suggestedFilename()).toBe('pengaduan.csv');
  const bytes = fs.readFileSync((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const parsed = parseCsv(bytes.toString('utf8').slice(1));
  expect(parsed.keys[0]).toBe('Nomor tiket');
  expect(parsed.keys).toContain('Judul');
  expect(parsed.rows).toHaveLength(Math.min(complaints.total, 1000));
  expect(parsed.rows[0]['Nomor tiket']).toBe(complaints.items[0].trackingCode);
  // Times in WIB, day first, as the screen shows them.
  expect(Object.values(parsed.rows[0])[1]).toMatch(/^\d{1,2} \w{3} \d{4}.* WIB$/);
});
