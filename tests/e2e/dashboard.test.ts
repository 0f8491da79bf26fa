import type { Page } from 'playwright-core';
import type { TestApp } from '../support/test-app';
import { consoleSuite, screenshot } from './support/browser';

/**
 * The dashboard shows what complaintStats returns for the viewer's scope: the KPI cards,
 * the bars and their links are checked against the API, not against the console's own
 * arithmetic.
 */

interface Bucket {
  key: string | null;
  total: number;
  open: number;
  overdue: number;
  responded: number;
  respondedInTime: number;
  firstResponded: number;
  opd?: { id: string; name: string } | null;
}

const STATS = `query($from: DateTimeISO, $to: DateTimeISO) {
  complaintStats(from: $from, to: $to) {
    totals { key total open overdue responded respondedInTime firstResponded }
    byStatus { key total }
    byChannel { key total }
    byProgram { key total }
    byCategory { key total }
    byOpd { key total open overdue responded respondedInTime firstResponded opd { id name } }
    onTime { total { due inTime pct } byOpd { opdId pct } }
  }
}`;

let t: TestApp;

const suite = consoleSuite({ demoComplaints: 80 });

beforeAll(() => {
  t = suite.t;
});

const apiStats = async (username: string, variables: Record<string, unknown> = {}) =>
  (
    await t.ok<{
      complaintStats: {
        totals: Bucket;
        byOpd: Bucket[];
        byStatus: Bucket[];
        byChannel: Bucket[];
        byProgram: Bucket[];
        byCategory: Bucket[];
        onTime: { total: { pct: number }; byOpd: { opdId: string; pct: number | null }[] };
      };
    }>(STATS, variables, await t.login(username))
  ).complaintStats;

/** One page at a time: an idle console left open still costs CPU on a 2-core machine. */
const session = (username: string): Promise<Page> => suite.session(username);

const waitReady = (page: Page, period = 'all') => page.locator(`[data-testid="dashboard"][data-state="ready"][data-period="${period}"]`).waitFor();

const kpis = (page: Page): Promise<Record<string, string>> =>
  page.locator('[data-kpi]').evaluateAll((els) => Object.fromEntries(els.map((e) => [e.getAttribute('data-kpi'), e.textContent?.trim() ?? ''])));

const digits = (s: string) => Number(s.replace(/\D/g, ''));

/** Bar id → the number printed at its end, for one chart. */
const barValues = (page: Page, chart: string): Promise<Record<string, number>> =>
  page
    .locator(`[data-chart="${chart}"] [data-bar]`)
    .evaluateAll((els) =>
      Object.fromEntries(els.map((e) => [e.getAttribute('data-bar'), Number((e.querySelector('[data-value]')?.textContent ?? '').replace(/\D/g, ''))])),
    );

/** The server's "tepat waktu" (the compliance report's), as the console prints a percent. */
const onTimePercent = (pct: number) => new Intl.NumberFormat('id-ID', { style: 'percent', maximumFractionDigits: 1 }).format(pct / 100);

/** Start of this month and of the next one in WIB, computed without the console's code. */
const thisMonthWib = () => {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta', year: 'numeric', month: '2-digit' }).formatToParts(new Date());
  const year = Number(parts.find((p) => p.type === 'year')!.value);
  const month = Number(parts.find((p) => p.type === 'month')!.value);
  const iso = (y: number, m: number) => `${y}-${String(m).padStart(2, '0')}-01T00:00:00+07:00`;
  return { from: new Date(iso(year, month)).toISOString(), to: new Date(month === 12 ? iso(year + 1, 1) : iso(year, month + 1)).toISOString() };
};

let walikotaTotal = 0;

test('walikota: KPI cards and charts equal complaintStats, bars link to the filtered list, periods in WIB', async () => {
  const page = await session('walikota');
  await waitReady(page);
  const api = await apiStats('walikota');
  walikotaTotal = api.totals.total;
  expect(api.totals.total).toBe(80);

  const shown = await kpis(page);
  expect(digits(shown.total)).toBe(api.totals.total);
  expect(digits(shown.open)).toBe(api.totals.open);
  expect(digits(shown.overdue)).toBe(api.totals.overdue);
  expect(digits(shown.responded)).toBe(api.totals.responded);
  expect(api.totals.overdue).toBeGreaterThan(0);
  expect(shown.onTime).toBe(onTimePercent(api.onTime.total.pct));

  // One bar per bucket, each showing the bucket's total.
  const byKey = (buckets: Bucket[], nullKey: string) => Object.fromEntries(buckets.map((b) => [b.key ?? nullKey, b.total]));
  expect(await barValues(page, 'byOpd')).toEqual(byKey(api.byOpd, 'intake'));
  expect(await barValues(page, 'byStatus')).toEqual(byKey(api.byStatus, 'none'));
  expect(await barValues(page, 'byChannel')).toEqual(byKey(api.byChannel, 'none'));
  expect(await barValues(page, 'byProgram')).toEqual(byKey(api.byProgram, 'none'));
  expect(await barValues(page, 'byCategory')).toEqual(byKey(api.byCategory, 'none'));
  // The Opd bars are stacked: the overdue part is drawn where the API counts overdue complaints.
  const overdueOpds = api.byOpd.filter((b) => b.key && b.overdue > 0).map((b) => b.key);
  const drawnOverdue = await page
    .locator('[data-chart="byOpd"] [data-bar]:has([data-segment="overdue"])')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-bar')).filter((k) => k !== 'intake'));
  expect(drawnOverdue.sort()).toEqual([...overdueOpds].sort());

  // Ranking: every Opd with complaints or forwards of the period, best on-time share first.
  const ranking = await page
    .locator('[data-testid="opd-ranking"] tbody tr')
    .evaluateAll((rows) => rows.map((r) => ({ id: r.getAttribute('data-opd-id'), pct: r.querySelector('[data-on-time]')?.textContent ?? '' })));
  expect(ranking.map((r) => r.id).sort()).toEqual(
    [...new Set([...api.byOpd.filter((b) => b.key).map((b) => b.key), ...api.onTime.byOpd.map((o) => o.opdId)])].sort(),
  );
  const pcts = ranking.map((r) => Number(r.pct.replace(/[^\d,]/g, '').replace(',', '.'))).filter((n) => !Number.isNaN(n));
  expect(pcts).toEqual([...pcts].sort((a, b) => b - a));

  // Without a live-update snackbar over the charts (the deadline sweep's events arrive after login).
  const hideSnackbars = await page.addStyleTag({ content: '.MuiSnackbar-root { display: none !important; }' });
  await waitReady(page);
  await screenshot(page, 'dashboard');
  await hideSnackbars.evaluate((el) => (el as unknown as { remove(): void }).remove());

  // A bar opens the complaint list filtered on that Opd, and the list agrees with the bar.
  const dinsos = api.byOpd.find((b) => b.opd?.name === 'Dinas Sosial')!;
  expect(dinsos).toBeDefined();
  const link = page.locator(`[data-chart="byOpd"] [data-bar="${dinsos.key}"] a[data-bar-link]`);
  expect(decodeURIComponent((await link.getAttribute('href')) ?? '')).toContain(`filter={"currentOpdId":"${dinsos.key}"}`);
  await link.click();
  await page.waitForURL((url) => url.hash.startsWith('#/complaints'));
  expect(JSON.parse(new URL(page.url().replace('#/', '')).searchParams.get('filter') ?? '{}')).toEqual({ currentOpdId: dinsos.key });
  await page.getByText(new RegExp(`\\d+–\\d+ dari ${dinsos.total}$`)).waitFor();

  // The overdue card opens the overdue complaints: as many as the card says.
  await page.goto(`${t.url}/admin/#/`);
  await waitReady(page);
  await page.locator('[data-kpi-card="overdue"] a').click();
  await page.waitForURL((url) => url.hash.startsWith('#/complaints'));
  expect(JSON.parse(new URL(page.url().replace('#/', '')).searchParams.get('filter') ?? '{}')).toEqual({ overdue: true });
  await page.getByText(new RegExp(`\\d+–\\d+ dari ${api.totals.overdue}$`)).waitFor();

  // Back home, "Bulan ini": the figures of complaints received since the 1st, WIB.
  await page.goto(`${t.url}/admin/#/`);
  await waitReady(page);
  await page.locator('[data-testid="dashboard-period"] [data-period="month"]').click();
  await waitReady(page, 'month');
  const month = await apiStats('walikota', thisMonthWib());
  const monthShown = await kpis(page);
  expect(digits(monthShown.total)).toBe(month.totals.total);
  expect(digits(monthShown.open)).toBe(month.totals.open);
  expect(month.totals.total).toBeLessThan(api.totals.total);
  // The period travels with the links.
  const href = decodeURIComponent((await page.locator('[data-kpi-card="total"] a').getAttribute('href')) ?? '');
  expect(href).toContain(`"createdFrom":"${thisMonthWib().from}"`);
});

test('kepala.dinsos: only its own scope', async () => {
  const page = await session('kepala.dinsos');
  await waitReady(page);
  const api = await apiStats('kepala.dinsos');
  const shown = await kpis(page);
  expect(digits(shown.total)).toBe(api.totals.total);
  expect(digits(shown.overdue)).toBe(api.totals.overdue);
  expect(api.totals.total).toBeGreaterThan(0);
  expect(api.totals.total).toBeLessThan(walikotaTotal);
  // Only Dinas Sosial (and units below it) appear in the Opd chart.
  const bars = await page.locator('[data-chart="byOpd"] [data-bar] [data-bar-link]').allTextContents();
  expect(bars).toEqual(api.byOpd.map((b) => b.opd?.name));
  expect(bars).toContain('Dinas Sosial');
  expect(bars).not.toContain('Dinas Perumahan dan Kawasan Permukiman');
});
