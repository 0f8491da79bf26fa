import type { Locator, Page } from 'playwright-core';
import type { TestApp } from '../support/test-app';
import { consoleSuite, screenshot } from './support/browser';

/**
 * A forum desk (Magelang's Layanan Prima) through the console: the head of Dinas Sosial
 * convenes a desk from a complaint's page on complaints forwarded to his unit (a complaint
 * answered meanwhile is refused by the server, and the console says which one and why),
 * records the minutes and concludes with one complaint routed to Disperkim and the other to a
 * bidang of Dinas Sosial (the dialog refuses the unit holding it). The API then shows them
 * forwarded there, and the head of Disperkim finds his in his inbox.
 */

const STEP = 30_000;

let t: TestApp;
let admin: string;
let opd: Record<string, string>;

const suite = consoleSuite();

beforeAll(async () => {
  t = suite.t;
  admin = await t.login('admin.tengah');
  const { opds } = await t.ok('{ opds(perPage: 1000) { items { id code } } }', {}, admin);
  opd = Object.fromEntries(opds.items.map((o: { id: string; code: string }) => [o.code, o.id]));
}, 180_000);

/** One console at a time: an idle page still costs CPU on a 2-core machine. */
const session = async (username: string): Promise<Page> => {
  const page = await suite.session(username);
  page.setDefaultTimeout(STEP);
  return page;
};

const main = (page: Page) => page.locator('#main-content');

/** Recorded, verified and forwarded to Dinas Sosial by the admin, through the API. */
const forwardedToDinsos = async (title: string): Promise<{ id: string; trackingCode: string }> => {
  const { submitComplaint } = await t.ok(
    `mutation($input: ComplaintInput!) { submitComplaint(input: $input) { complaint { id trackingCode } } }`,
    {
      input: {
        title,
        description: `${title}: warga meminta bantuan dan sudah melapor ke pos layanan RW.`,
        reporterName: 'Siti Aminah',
        reporterPhone: '081234567890',
      },
    },
    admin,
  );
  const { id, trackingCode } = submitComplaint.complaint;
  await t.ok('mutation($id: ID!) { verifyComplaint(id: $id) { id } }', { id }, admin);
  await t.ok('mutation($id: ID!, $opdId: ID!) { forwardComplaint(id: $id, opdId: $opdId) { id } }', { id, opdId: opd.DINSOS }, admin);
  return { id, trackingCode };
};

const complaint = async (id: string) =>
  (
    await t.ok(
      `query($id: ID!) { complaint(id: $id) { status progressStage currentOpd { code } responseDueAt events { type message internalNote } } }`,
      { id },
      await t.login('walikota'),
    )
  ).complaint;

/** Types into an autocomplete and picks the option whose text matches. */
const pick = async (page: Page, input: Locator, text: string, option: RegExp) => {
  await input.click();
  await input.fill(text);
  await page.getByRole('option', { name: option }).first().click();
};

const wibDate = (daysFromNow: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date(Date.now() + daysFromNow * 86_400_000));

test('kepala.dinsos convenes a desk, records minutes and routes one complaint to Disperkim', async () => {
  const a = await forwardedToDinsos('Rumah tidak layak huni di RW 03');
  const b = await forwardedToDinsos('Lansia belum menerima bantuan PKH');
  const c = await forwardedToDinsos('Bantuan pangan belum diterima');

  // From the complaint's page: "Bahas di forum desk" opens the form with it on the agenda.
  const head = await session('kepala.dinsos');
  await head.goto(`${t.url}/admin/#/complaints/${a.id}/show`);
  await main(head).locator('[data-testid="desk-entry"]').click();
  await head.waitForURL((url) => url.hash === '#/desks/create');
  const form = main(head);
  await form.locator('.MuiChip-root', { hasText: a.trackingCode }).waitFor();

  await form.locator('input[name="title"]').fill('Forum desk RTLH dan bansos RW 03 Cacaban');
  const complaints = form.locator('input[name="complaintIds"]');
  await pick(head, complaints, b.trackingCode, new RegExp(b.trackingCode));
  await pick(head, complaints, c.trackingCode, new RegExp(c.trackingCode));
  await pick(head, form.locator('input[name="participantOpdIds"]'), 'Perumahan', /^Dinas Perumahan dan Kawasan Permukiman/);
  // Day first and a 24-hour WIB clock, whatever the browser's language.
  await form.locator('input[name="scheduledAt.date"]').fill('03/12/2026');
  await form.locator('input[name="scheduledAt.time"]').fill('09:30');
  await form.locator('input[name="place"]').fill('Aula Kelurahan Cacaban');

  // Meanwhile the third complaint is answered: the server refuses it, the form says which and why.
  await t.ok(
    'mutation($id: ID!) { respondToComplaint(id: $id, answer: "Bantuan pangan sudah disalurkan minggu ini.") { id } }',
    { id: c.id },
    await t.login('kepala.dinsos'),
  );
  await form.locator('form button[type="submit"]').click();
  const problem = form.locator('[data-testid="desk-problem"]');
  await problem.waitFor();
  expect(await problem.getAttribute('data-code')).toBe('BAD_USER_INPUT');
  await expect(problem.innerText()).resolves.toMatch(new RegExp(`Pengaduan yang dibahas #3: ${c.trackingCode} berstatus Dijawab`));
  await expect(form.locator('.MuiFormControl-root:has(input[name="complaintIds"]) .MuiFormHelperText-root').first().innerText()).resolves.toContain(
    c.trackingCode,
  );
  expect(new URL(head.url()).hash).toBe('#/desks/create');
  expect((await t.ok('{ desks { total } }', {}, await t.login('kepala.dinsos'))).desks.total).toBe(0);

  // Take it off the agenda and convene.
  await form.locator('.MuiChip-root', { hasText: c.trackingCode }).locator('.MuiChip-deleteIcon').click();
  await form.locator('form button[type="submit"]').click();
  await head.waitForURL((url) => /^#\/desks\/\d+\/show$/.test(url.hash));
  const deskId = new URL(head.url()).hash.split('/')[2];
  const DESK = `{ desk(id: "${deskId}") { title status place scheduledAt minutes participants { code } convenerOpd { code } items { complaintId solution dueDate responsibleOpd { code } } } }`;
  const convened = (await t.ok(DESK, {}, await t.login('walikota'))).desk;
  expect(convened).toMatchObject({
    title: 'Forum desk RTLH dan bansos RW 03 Cacaban',
    status: 'CONVENED',
    place: 'Aula Kelurahan Cacaban',
    // 09:30 WIB is 02:30 UTC.
    scheduledAt: '2026-12-03T02:30:00.000Z',
    participants: [{ code: 'DISPERKIM' }],
    convenerOpd: { code: 'DINSOS' },
  });
  expect(convened.items.map((i: { complaintId: string }) => i.complaintId).sort()).toEqual([a.id, b.id].sort());
  expect(await complaint(a.id)).toMatchObject({ status: 'IN_PROGRESS', progressStage: 'DESK' });

  // The agenda shows both complaints at the stage "Forum desk".
  const agenda = main(head).locator('[data-testid="desk-agenda"]');
  for (const x of [a, b]) {
    const row = agenda.locator(`[data-complaint-id="${x.id}"]`);
    await row.locator('[data-stage="DESK"]').waitFor();
    await expect(row.innerText()).resolves.toContain('Forum desk');
    await expect(row.locator(`a[href="#/complaints/${x.id}/show"]`).innerText()).resolves.toBe(x.trackingCode);
  }
  await expect(main(head).locator('[data-testid="desk-scheduled"]').innerText()).resolves.toMatch(/3 Des 2026.*09\.30 WIB · Aula Kelurahan Cacaban/);

  // Minutes.
  const minutes = 'Disepakati: Disperkim survei rumah RW 03 pekan depan; Dinsos verifikasi DTKS untuk lansia.';
  await main(head).locator('textarea[name="minutes"]').fill(minutes);
  await main(head).locator('[data-testid="desk-minutes-save"]').click();
  await head.getByText('Notulen disimpan').waitFor();
  expect((await t.ok(DESK, {}, await t.login('walikota'))).desk.minutes).toBe(minutes);
  expect((await complaint(b.id)).events.at(-1)).toMatchObject({ type: 'INTERNAL_NOTE' });

  // Conclude: the RTLH complaint goes to Disperkim with a due date, the other to Dinsos' social protection bidang.
  await main(head).locator('[data-testid="desk-conclude"]').click();
  const dialog = head.locator('[data-testid="desk-conclude-dialog"]');
  await dialog.waitFor();
  const due = wibDate(14);
  const rows = dialog.locator('[data-decision]');
  expect(await rows.count()).toBe(2);
  for (let i = 0; i < 2; i++) {
    const row = rows.nth(i);
    const id = await row.getAttribute('data-decision');
    // No unit is preselected: a decision moves the complaint on.
    await expect(row.locator(`input[name="decisions.${i}.responsibleOpdId"]`).inputValue()).resolves.toBe('');
    if (id === a.id) {
      await row.locator(`textarea[name="decisions.${i}.solution"]`).fill('Diusulkan bantuan renovasi RTLH Rp 15 juta setelah survei lapangan');
      await row.locator(`textarea[name="decisions.${i}.publicMessage"]`).fill('Rumah Anda akan disurvei untuk bantuan renovasi.');
      await pick(head, row.locator(`input[name="decisions.${i}.responsibleOpdId"]`), 'Perumahan', /^Dinas Perumahan dan Kawasan Permukiman/);
      // Day first, whatever the browser's language.
      await row.locator(`input[name="decisions.${i}.dueDate"]`).fill(due.split('-').reverse().join('/'));
    } else {
      await row.locator(`textarea[name="decisions.${i}.solution"]`).fill('Didaftarkan ke DTKS dan diusulkan sebagai penerima PKH');
      // The unit holding it is listed but cannot be picked; the decision hands it to Dinsos' bidang.
      const responsible = row.locator(`input[name="decisions.${i}.responsibleOpdId"]`);
      await responsible.click();
      await responsible.fill('Dinas Sosial');
      await expect(
        head
          .getByRole('option', { name: /^Dinas Sosial/ })
          .first()
          .getAttribute('aria-disabled'),
      ).resolves.toBe('true');
      await pick(head, responsible, 'Perlindungan', /^Bidang Perlindungan dan Jaminan Sosial/);
    }
  }
  await dialog.locator('[data-testid="desk-conclude-submit"]').click();
  await dialog.waitFor({ state: 'detached' });

  const concluded = (await t.ok(DESK, {}, await t.login('walikota'))).desk;
  expect(concluded.status).toBe('CONCLUDED');
  const decided = Object.fromEntries(concluded.items.map((i: { complaintId: string }) => [i.complaintId, i]));
  expect(decided[a.id]).toMatchObject({ responsibleOpd: { code: 'DISPERKIM' }, dueDate: due, solution: expect.stringContaining('renovasi RTLH') });
  expect(decided[b.id]).toMatchObject({ responsibleOpd: { code: 'DINSOS-LINJAMSOS' }, dueDate: null });
  const aNow = await complaint(a.id);
  expect(aNow).toMatchObject({ status: 'FORWARDED', currentOpd: { code: 'DISPERKIM' } });
  expect(aNow.responseDueAt).toBe(new Date(`${due}T23:59:59.999+07:00`).toISOString());
  // The solution is the instruction to the unit; the reporter reads the message written for them.
  expect(aNow.events.at(-1).internalNote).toContain('Diusulkan bantuan renovasi RTLH');
  expect(aNow.events.at(-1).message).toBe('Rumah Anda akan disurvei untuk bantuan renovasi.');
  expect(await complaint(b.id)).toMatchObject({ status: 'FORWARDED', currentOpd: { code: 'DINSOS-LINJAMSOS' } });

  // The page follows: concluded, with the decisions, and no more conclude button.
  await main(head).locator('[data-desk-status="CONCLUDED"]').first().waitFor();
  const rowA = main(head).locator(`[data-testid="desk-agenda"] [data-complaint-id="${a.id}"]`);
  await expect(rowA.locator('[data-col="responsibleOpd"]').innerText()).resolves.toBe('Dinas Perumahan dan Kawasan Permukiman');
  await rowA.locator('[data-status="FORWARDED"]').first().waitFor();
  expect(await main(head).locator('[data-testid="desk-conclude"]').count()).toBe(0);
  await expect(rowA.locator('[data-col="solution"]').innerText()).resolves.toContain('renovasi RTLH');
  await head.addStyleTag({ content: '.MuiSnackbar-root { display: none !important; } * { transition: none !important; }' });
  await head.waitForTimeout(300);
  await screenshot(head, 'desk');

  // Disperkim's head finds the complaint in his inbox, and the desk among his unit's desks.
  const disperkim = await session('kepala.disperkim');
  await disperkim.goto(`${t.url}/admin/#/myInbox`);
  await main(disperkim).locator(`[data-tracking-code="${a.trackingCode}"]`).waitFor();
  expect(await main(disperkim).locator(`[data-tracking-code="${b.trackingCode}"]`).count()).toBe(0);
  await disperkim.goto(`${t.url}/admin/#/desks`);
  const deskRow = main(disperkim).locator('tbody tr', { hasText: 'Forum desk RTLH dan bansos RW 03 Cacaban' });
  await deskRow.waitFor();
  await expect(deskRow.innerText()).resolves.toMatch(/Disimpulkan[\s\S]*Aula Kelurahan Cacaban[\s\S]*Dinas Sosial[\s\S]*DISPERKIM[\s\S]*2/);
  // The status filter is the query's own `status` argument.
  const byStatus = (status: string) => `${t.url}/admin/#/desks?filter=${encodeURIComponent(JSON.stringify({ status }))}`;
  await disperkim.goto(byStatus('CONVENED'));
  await main(disperkim)
    .getByText(/Tidak ada .* yang cocok dengan filter/)
    .waitFor();
  expect(await main(disperkim).locator('tbody tr', { hasText: 'Forum desk RTLH' }).count()).toBe(0);
  await disperkim.goto(byStatus('CONCLUDED'));
  await main(disperkim).locator('tbody tr', { hasText: 'Forum desk RTLH dan bansos RW 03 Cacaban' }).waitFor();
}, 180_000);
