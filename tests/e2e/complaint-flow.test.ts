import type { Locator, Page } from 'playwright-core';
import type { TestApp } from '../support/test-app';
import { consoleSuite, runAction, screenshot, statusChip } from './support/browser';

/**
 * The whole path of one complaint through two live consoles: an admin records it at the
 * desk, verifies and forwards it to Dinas Sosial; the head of Dinas Sosial, whose inbox is
 * open, sees it arrive without reloading and answers it; the admin's detail page turns to
 * "Dijawab" without reloading. The admin never gets an answer button: the server leaves
 * RESPOND out of its availableActions, and the console shows nothing the server did not list.
 */

const STEP = 60_000;

let t: TestApp;

const suite = consoleSuite({ demoComplaints: 60 });

beforeAll(() => {
  t = suite.t;
});

const session = async (username: string): Promise<Page> => {
  const page = await suite.session(username, { keepOthers: true });
  page.setDefaultTimeout(STEP);
  return page;
};

/** No respond button, in any form, anywhere on the page. */
const expectNoRespond = async (page: Page) => {
  expect(await page.locator('[data-action="RESPOND"]').count()).toBe(0);
  expect(await page.getByRole('button', { name: /^jawab$/i }).count()).toBe(0);
  expect(await page.getByRole('button', { name: /kirim jawaban/i }).count()).toBe(0);
};

/** A marker on `window` survives client-side navigation and live refreshes, not a reload. */
const markNoReload = (page: Page) => page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
const wasNotReloaded = (page: Page) => page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload === true);

const waitForValue = async (input: Locator, expected: string) => {
  const until = Date.now() + STEP;
  while ((await input.inputValue()) !== expected) {
    if (Date.now() > until) throw new Error(`input value is "${await input.inputValue()}", expected "${expected}"`);
    await new Promise((r) => setTimeout(r, 200));
  }
};

test('admin records, verifies and forwards; the unit head sees it live and answers; the admin sees the answer live', async () => {
  const head = await session('kepala.dinsos');

  // The unit head keeps the inbox open the whole time, newest first.
  await head.goto(`${t.url}/admin/#/myInbox?sort=createdAt&order=DESC`);
  await head.locator('[data-tracking-code]').first().waitFor();
  await markNoReload(head);

  const admin = await session('admin.tengah');
  // The admin's complaint list: nothing to answer there either.
  await admin.goto(`${t.url}/admin/#/complaints`);
  await admin.locator('[data-tracking-code]').first().waitFor();
  await expectNoRespond(admin);

  // Record at the desk: title has the focus, Ctrl+Enter saves.
  await admin.goto(`${t.url}/admin/#/complaints/create`);
  const title = admin.locator('input[name="title"]');
  await title.waitFor();
  await admin.waitForFunction(() => (document.activeElement as HTMLInputElement | null)?.name === 'title');
  await title.fill('Bantuan PKH belum cair tiga bulan');
  await admin.locator('textarea[name="description"]').fill('Sejak Agustus bantuan PKH keluarga kami belum cair, padahal masih terdaftar sebagai penerima.');
  await admin.getByLabel('Kategori').fill('Bantuan Sosial');
  await admin.getByRole('option', { name: /Bantuan Sosial/ }).click();
  await admin.locator('[data-testid="suggested-unit"]', { hasText: 'Dinas Sosial' }).waitFor();
  await admin.getByLabel('Kelurahan').fill('Panjang');
  await admin.getByRole('option', { name: /Kelurahan Panjang/ }).click();
  await admin.locator('input[name="reporterName"]').fill('Siti Aminah');
  const phone = admin.locator('input[name="reporterPhone"]');
  await phone.fill('081234567890');
  await phone.press('Control+Enter');

  const trackingCode = admin.locator('[role="dialog"] [data-testid="tracking-code"]');
  await trackingCode.waitFor();
  const code = (await trackingCode.getAttribute('data-value'))!;
  expect(code).toMatch(/^[A-Z]+-\d{4}-\d{5}$/);
  expect(await admin.locator('[role="dialog"] [data-testid="access-code"]').getAttribute('data-value')).toMatch(/^\S{6,}$/);
  await admin.getByRole('button', { name: 'Lihat pengaduan' }).click();

  // Detail: identity visible to the intake admin, timeline, and no answer button.
  await statusChip(admin, 'SUBMITTED').waitFor();
  expect(await admin.locator('[data-testid="reporter"]').textContent()).toContain('Siti Aminah');
  await admin.locator('[data-testid="timeline"] [data-event-type="SUBMITTED"]').waitFor();
  await expectNoRespond(admin);

  await runAction(admin, 'VERIFY');
  await statusChip(admin, 'VERIFIED').waitFor();
  await expectNoRespond(admin);

  // An internal note: on the timeline, grey and locked, never for the reporter.
  await runAction(admin, 'NOTE', async (dialog) => {
    await dialog.locator('textarea[name="note"]').fill('Pelapor datang bersama pendamping PKH kelurahan; KK dan KKS sudah dicek.');
  });
  const note = admin.locator('[data-testid="timeline"] [data-event-type="INTERNAL_NOTE"]');
  await note.waitFor();
  expect(await note.getAttribute('data-public')).toBe('false');
  expect(await note.textContent()).toContain('Internal');
  expect(await admin.locator('[data-testid="timeline"] [data-event-type="VERIFIED"]').getAttribute('data-public')).toBe('true');
  await expectNoRespond(admin);

  // Forward: the category's unit is pre-selected.
  await runAction(admin, 'FORWARD', async (dialog) => {
    await waitForValue(dialog.getByLabel('Unit tujuan'), 'Dinas Sosial');
  });
  await statusChip(admin, 'FORWARDED').waitFor();
  await admin.locator('[data-testid="timeline"] [data-event-type="FORWARDED"]').waitFor();
  await expectNoRespond(admin);
  await markNoReload(admin);

  // The unit head's open inbox gets the new complaint without a reload, and says so; it is
  // listed first, above the inbox, and marked in the inbox as well.
  const changed = head.locator('[data-testid="inbox-changed"]');
  const codeCell = head.locator(`[data-tracking-code="${code}"]`);
  const row = changed.locator(`[data-tracking-code="${code}"]`);
  await Promise.all([row.waitFor(), head.getByText(`${code} diteruskan ke Dinas Sosial`).first().waitFor()]);
  expect(await wasNotReloaded(head)).toBe(true);
  await changed.locator('tr', { has: codeCell }).locator('[data-testid="new-badge"]').waitFor();
  await head.locator('tr', { has: codeCell }).last().locator('[data-testid="new-badge"]').waitFor();
  await screenshot(head, 'inbox');

  await row.click();
  await head.locator(`[data-complaint-id]`).waitFor();
  await runAction(head, 'RESPOND', async (dialog) => {
    await dialog
      .locator('textarea[name="answer"]')
      .fill(
        'Terima kasih atas laporannya. Data keluarga Ibu sudah kami periksa; pencairan PKH tahap berikutnya dijadwalkan minggu depan melalui Bank Himbara.',
      );
  });
  await statusChip(head, 'RESPONDED').waitFor();

  // The admin's page follows live: "Dijawab", the answer and the timeline entry, no reload.
  await statusChip(admin, 'RESPONDED').waitFor({ timeout: STEP });
  expect(await statusChip(admin, 'RESPONDED').textContent()).toBe('Dijawab');
  await admin.locator('[data-testid="answer"]').waitFor();
  await admin.locator('[data-testid="timeline"] [data-event-type="RESPONDED"]').waitFor();
  expect(await wasNotReloaded(admin)).toBe(true);
  await expectNoRespond(admin);
  await admin.locator('[data-testid="timeline-panel"]').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await screenshot(admin, 'complaint-detail');
}, 420_000);
