import type { Page } from 'playwright-core';
import type { TestApp } from '../support/test-app';
import { consoleSuite, screenshot } from './support/browser';

/**
 * Programme and service-post pages on demo data. A programme's page gives its full
 * information and the complaint statistics `complaintStats(programId)` returns, with a link
 * to the complaint list of that programme. A service post's page gives its weekly opening
 * hours in WIB, its officers (assigned in the edit form) and its intake statistics.
 */

let t: TestApp;

const suite = consoleSuite({ demoComplaints: 60 });

beforeAll(() => {
  t = suite.t;
});

/** One console at a time: an idle page still costs CPU on a 2-core machine. */
const session = (username: string): Promise<Page> => suite.session(username);

const main = (page: Page) => page.locator('#main-content');

const STATS = `query($programId: ID, $servicePostId: ID) { complaintStats(programId: $programId, servicePostId: $servicePostId) {
  totals { total open overdue responded averageRating } byStatus { key total } } }`;

interface Totals {
  total: number;
  open: number;
  overdue: number;
  responded: number;
  averageRating: number | null;
}

/** The figure tiles and the by-status bars of the statistics panel. */
const shownStats = async (page: Page) => {
  const panel = main(page).locator('[data-testid="scope-stats"]');
  await panel.waitFor();
  const tiles = await panel
    .locator('[data-stat]')
    .evaluateAll((els) => Object.fromEntries(els.map((e) => [e.getAttribute('data-stat'), e.getAttribute('data-value')])));
  const byStatus = await panel
    .locator('[data-chart="scope-status"] [data-bar]')
    .evaluateAll((els) => Object.fromEntries(els.map((e) => [e.getAttribute('data-bar'), (e.querySelector('[data-value]')?.textContent ?? '').trim()])));
  return { tiles, byStatus };
};

const expectStats = (shown: Awaited<ReturnType<typeof shownStats>>, api: { totals: Totals; byStatus: { key: string; total: number }[] }) => {
  expect(shown.tiles).toEqual({
    total: String(api.totals.total),
    open: String(api.totals.open),
    overdue: String(api.totals.overdue),
    responded: String(api.totals.responded),
    averageRating: api.totals.averageRating == null ? '' : String(api.totals.averageRating),
  });
  expect(shown.byStatus).toEqual(Object.fromEntries(api.byStatus.map((b) => [b.key, String(b.total)])));
};

test('a programme page shows its information and the statistics complaintStats(programId) returns', async () => {
  const token = await t.login('walikota');
  // The programme with the most demo complaints.
  const { complaintStats } = await t.ok('{ complaintStats { byProgram { key total program { id name } } } }', {}, token);
  const busiest = complaintStats.byProgram
    .filter((b: { key: string | null }) => b.key)
    .sort((a: { total: number }, b: { total: number }) => b.total - a.total)[0];
  expect(busiest.total).toBeGreaterThan(0);
  const { program } = await t.ok('query($id: ID!) { program(id: $id) { id name eligibility benefits contact ownerOpd { name } } }', { id: busiest.key }, token);
  const api = (await t.ok(STATS, { programId: program.id }, token)).complaintStats;
  expect(api.totals.total).toBe(busiest.total);

  const page = await session('walikota');
  await page.goto(`${t.url}/admin/#/programs/${program.id}/show`);
  await main(page).getByRole('heading', { name: program.name }).waitFor();
  await expect(main(page).locator('[data-testid="program-eligibility"]').innerText()).resolves.toContain(program.eligibility);
  await expect(main(page).locator('[data-testid="program-benefits"]').innerText()).resolves.toContain(program.benefits);
  await expect(main(page).locator('[data-testid="program-contact"]').innerText()).resolves.toContain(program.contact);
  await main(page).getByRole('link', { name: program.ownerOpd.name }).waitFor();
  expectStats(await shownStats(page), api);
  await screenshot(page, 'program-show');

  // The list of the programme's complaints: as many as the statistics count.
  await main(page).locator('[data-testid="scope-complaints-link"]').click();
  await page.waitForURL((url) => url.hash.startsWith('#/complaints?'));
  const filter = JSON.parse(new URL(`http://x/${new URL(page.url()).hash.slice(2)}`).searchParams.get('filter')!);
  expect(filter).toEqual({ programId: program.id });
  await main(page).locator('tbody tr').first().waitFor();
  await expect(main(page).locator('.MuiTablePagination-displayedRows').first().innerText()).resolves.toMatch(new RegExp(`dari ${api.totals.total}$`));
});

test('a service post page shows Senin and Kamis 09.00–12.00 WIB, its officers (assigned in the form) and intake statistics', async () => {
  const token = await t.login('superadmin');
  const { servicePosts } = await t.ok(
    '{ servicePosts(filter: { q: "POS-CACABAN-RW03" }) { items { id name openNow kelurahanId officers { name } } } }',
    {},
    token,
  );
  const post = servicePosts.items[0];
  expect(post.officers.map((o: { name: string }) => o.name)).toEqual(['Agus Setiawan']);
  // A new officer, not yet at any post.
  await t.ok(
    'mutation($input: UserInput!) { createUser(input: $input) { id } }',
    { input: { username: 'petugas.cacaban2', name: 'Rini Puspitasari', role: 'OFFICER', opdId: post.kelurahanId, password: 'rahasia123' } },
    token,
  );

  // Assign the officer in the edit form.
  const page = await session('superadmin');
  await page.goto(`${t.url}/admin/#/servicePosts/${post.id}`);
  const officers = main(page).locator('input[name="officerIds"]');
  await main(page).locator('.MuiChip-root', { hasText: 'Agus Setiawan' }).waitFor();
  await officers.click();
  await officers.fill('Rini');
  await page.getByRole('option', { name: 'Rini Puspitasari' }).click();
  await main(page).locator('form button[type="submit"]').click();
  await page.waitForURL((url) => url.hash.startsWith('#/servicePosts') && url.hash !== `#/servicePosts/${post.id}`);
  const after = (await t.ok('query($id: ID!) { servicePost(id: $id) { openNow officers { name } } }', { id: post.id }, token)).servicePost;
  expect(after.officers.map((o: { name: string }) => o.name).sort()).toEqual(['Agus Setiawan', 'Rini Puspitasari']);

  // The show page, opened from the list.
  await main(page).locator('tbody tr', { hasText: 'POS-CACABAN-RW03' }).click();
  await page.waitForURL((url) => url.hash === `#/servicePosts/${post.id}/show`);
  const schedule = main(page).locator('[data-testid="post-schedule"] tbody tr');
  // The show page renders once its record has loaded: wait for both slots before reading them.
  await schedule.nth(1).waitFor();
  await main(page).locator('[data-testid="post-officers"] li').nth(1).waitFor();
  await expect(schedule.evaluateAll((rows) => rows.map((r) => (r.textContent ?? '').replace(/\s+/g, ' ').trim()))).resolves.toEqual([
    'Senin09.00–12.00 WIB',
    'Kamis09.00–12.00 WIB',
  ]);
  await expect(
    main(page)
      .locator('[data-testid="post-officers"] li')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-username'))),
  ).resolves.toEqual(expect.arrayContaining(['petugas.rw', 'petugas.cacaban2']));
  await main(page).locator('[data-testid="post-officers"]').getByText('Rini Puspitasari').waitFor();
  expect(await main(page).locator('[data-testid="open-now"]').getAttribute('data-open')).toBe(String(after.openNow));
  if (!after.openNow)
    await expect(main(page).locator('[data-testid="next-opening"]').innerText()).resolves.toMatch(/^Buka berikutnya: (Senin|Kamis), .* 09\.00 WIB$/);

  const api = (await t.ok(STATS, { servicePostId: post.id }, token)).complaintStats;
  // The demo officer records at this post.
  expect(api.totals.total).toBeGreaterThan(0);
  expectStats(await shownStats(page), api);
  await page.addStyleTag({ content: '.MuiSnackbar-root { display: none !important; }' });
  await screenshot(page, 'service-post-show');
});
