import type { Page } from 'playwright-core';
import { Lab } from '../integration/lifecycle/helpers';
import { consoleSuite } from './support/browser';

/**
 * The console keeps the instruction to the unit apart from the message to the reporter, lets
 * staff write internal progress and draft the answer from a template for the head to publish
 * and send, and puts a complaint on hold and back.
 */
const suite = consoleSuite();

async function act(page: Page, action: string, fill: Record<string, string> = {}) {
  await page.locator(`[data-testid="complaint-actions"] [data-action="${action}"]`).click();
  const dialog = page.locator(`[data-testid="action-dialog-${action}"]`);
  await dialog.waitFor();
  for (const [name, value] of Object.entries(fill)) await dialog.locator(`textarea[name="${name}"]`).fill(value);
  await dialog.locator('[data-testid="action-submit"]').click();
  await dialog.waitFor({ state: 'detached' });
}

test('verify: the internal note and the public message are two labelled fields; the timeline marks the internal one', async () => {
  const lab = await Lab.on(suite.t);
  const { complaint } = await lab.submit('admin.tengah', { title: 'Konsol: pesan publik dan catatan internal' });
  const page = await suite.session('admin.tengah');
  await page.goto(`${suite.t.url}/admin/#/complaints/${complaint.id}/show`);
  await page.locator('[data-testid="complaint-actions"] [data-action="VERIFY"]').click();
  const dialog = page.locator('[data-testid="action-dialog-VERIFY"]');
  await dialog.getByLabel('Catatan internal (tidak terlihat pelapor)').fill('Sudah ditelepon, lokasi benar');
  await dialog.getByLabel('Pesan untuk pelapor (publik)').fill('Laporan Anda sudah kami verifikasi.');
  await dialog.locator('[data-testid="action-submit"]').click();
  await dialog.waitFor({ state: 'detached' });
  const entry = page.locator('[data-testid="timeline"] li[data-event-type="VERIFIED"]');
  await entry.locator('[data-testid="event-internal-note"]', { hasText: 'Sudah ditelepon, lokasi benar' }).waitFor();
  await expect(entry.innerText()).resolves.toContain('Laporan Anda sudah kami verifikasi.');
  const [verified] = (await lab.events(complaint.id, 'type message internalNote')).filter((e) => e.type === 'VERIFIED');
  expect(verified).toEqual({ type: 'VERIFIED', message: 'Laporan Anda sudah kami verifikasi.', internalNote: 'Sudah ditelepon, lokasi benar' });
});

test('staff write internal progress and draft the answer from a template; the head publishes the note and sends the draft', async () => {
  const lab = await Lab.on(suite.t);
  await lab.ok('kepala.dinsos', 'mutation($input: ResponseTemplateInput!) { createResponseTemplate(input: $input) { id } }', {
    input: { title: 'Bantuan sudah cair', body: 'Yth. {pelapor}, bantuan untuk pengaduan {kode} sudah dicairkan melalui rekening KKS.', opdId: lab.opd.DINSOS },
  });
  const c = await lab.forwarded('DINSOS', { title: 'Konsol: draf jawaban staf', reporterName: 'Budi Santoso' });

  const staff = await suite.session('staf.dinsos');
  await staff.goto(`${suite.t.url}/admin/#/complaints/${c.id}/show`);
  await staff.locator('[data-testid="complaint-actions"] [data-action="PROGRESS"]').click();
  const progress = staff.locator('[data-testid="action-dialog-PROGRESS"]');
  await progress.locator('[data-testid="progress-internal"]').waitFor();
  await progress.locator('textarea[name="note"]').fill('Rekening KKS pelapor sudah dicek ke bank');
  await progress.locator('[data-testid="action-submit"]').click();
  await progress.waitFor({ state: 'detached' });

  await staff.locator('[data-testid="complaint-actions"] [data-action="DRAFT"]').click();
  const draft = staff.locator('[data-testid="action-dialog-DRAFT"]');
  await draft.getByLabel('Gunakan templat jawaban').click();
  await staff.getByRole('option', { name: 'Bantuan sudah cair' }).click();
  await expect(draft.locator('textarea[name="answer"]').inputValue()).resolves.toBe(
    `Yth. Budi Santoso, bantuan untuk pengaduan ${c.trackingCode} sudah dicairkan melalui rekening KKS.`,
  );
  await draft.locator('[data-testid="action-submit"]').click();
  await draft.waitFor({ state: 'detached' });
  await staff.locator('[data-testid="answer-draft"]').waitFor();
  await expect(staff.locator('[data-testid="complaint-actions"] [data-action="RESPOND"]').count()).resolves.toBe(0);

  const head = await suite.session('kepala.dinsos');
  await head.goto(`${suite.t.url}/admin/#/complaints/${c.id}/show`);
  await act(head, 'PUBLISH');
  await head.locator('[data-testid="timeline"] li[data-event-type="PROGRESS"][data-public="true"]', { hasText: 'Rekening KKS' }).waitFor();
  await head.locator('[data-testid="complaint-actions"] [data-action="RESPOND"]').click();
  const respond = head.locator('[data-testid="action-dialog-RESPOND"]');
  await respond.locator('[data-testid="answer-draft-note"]').waitFor();
  await expect(respond.locator('textarea[name="answer"]').inputValue()).resolves.toContain('Yth. Budi Santoso');
  await respond.locator('[data-testid="action-submit"]').click();
  await respond.waitFor({ state: 'detached' });
  await head.locator('[data-testid="answer"]', { hasText: 'Yth. Budi Santoso' }).waitFor();
  expect((await lab.complaint('kepala.dinsos', c.id, 'status answerDraft')).answerDraft).toBeNull();
});

test('Tunda shows the hold with its reason; Lanjutkan lifts it', async () => {
  const lab = await Lab.on(suite.t);
  const c = await lab.forwarded('DINSOS', { title: 'Konsol: tunda dan lanjutkan' });
  const page = await suite.session('admin.tengah');
  await page.goto(`${suite.t.url}/admin/#/complaints/${c.id}/show`);
  await act(page, 'HOLD', { reason: 'Menunggu hasil rapat koordinasi kelurahan' });
  const banner = page.locator('[data-testid="pause-banner"][data-kind="ON_HOLD"]');
  await banner.waitFor();
  await expect(banner.innerText()).resolves.toContain('Menunggu hasil rapat koordinasi kelurahan');
  await act(page, 'RESUME');
  await banner.waitFor({ state: 'detached' });
  expect((await lab.complaint('admin.tengah', c.id, 'pauseKind')).pauseKind).toBeNull();
});

test('an anonymous reporter’s contact opened for a home visit shows to the unit head, with nothing else of the identity', async () => {
  const lab = await Lab.on(suite.t);
  const anon = await lab.submit('admin.tengah', {
    title: 'Konsol: kunjungan rumah pelapor anonim',
    anonymous: true,
    reporterName: 'Tidak Boleh Tampil',
    reporterPhone: '081299990000',
    reporterAddress: 'Jl. Sawo 9 RT 01 RW 02',
  });
  const id = anon.complaint.id;
  await lab.must('admin.tengah', 'verifyComplaint', { id });
  await lab.must('admin.tengah', 'forwardComplaint', { id, opdId: lab.opd.DINSOS });
  const admin = await suite.session('admin.tengah');
  await admin.goto(`${suite.t.url}/admin/#/complaints/${id}/show`);
  await act(admin, 'REVEAL_CONTACT', { reason: 'Survei rumah tidak layak huni' });

  const head = await suite.session('kepala.dinsos');
  await head.goto(`${suite.t.url}/admin/#/complaints/${id}/show`);
  const contact = head.locator('[data-testid="contact-revealed"]');
  await contact.waitFor();
  await expect(contact.innerText()).resolves.toContain('081299990000');
  await expect(head.locator('[data-testid="reporter"]').innerText()).resolves.not.toContain('Tidak Boleh Tampil');
});

test('asking the reporter pauses the complaint; archiving a test report takes it out of the work list', async () => {
  const lab = await Lab.on(suite.t);
  const c = await lab.forwarded('DINSOS', { title: 'Konsol: tanya pelapor' });
  const head = await suite.session('kepala.dinsos');
  await head.goto(`${suite.t.url}/admin/#/complaints/${c.id}/show`);
  await act(head, 'ASK_REPORTER', { question: 'Mohon sebutkan nomor KKS Anda.' });
  const banner = head.locator('[data-testid="pause-banner"][data-kind="AWAITING_REPORTER"]');
  await banner.waitFor();
  await expect(banner.innerText()).resolves.toContain('Mohon sebutkan nomor KKS Anda.');

  const { complaint } = await lab.submit('admin.tengah', { title: 'Konsol: uji coba aplikasi, abaikan' });
  const admin = await suite.session('admin.tengah');
  await admin.goto(`${suite.t.url}/admin/#/complaints/${complaint.id}/show`);
  await act(admin, 'ARCHIVE', { reason: 'Uji coba petugas' });
  await admin.locator('[data-testid="complaint-status"]', { hasText: 'Diarsipkan' }).waitFor();
  await admin.goto(`${suite.t.url}/admin/#/myInbox`);
  await admin.locator('#main-content').waitFor();
  expect((await lab.complaint('admin.tengah', complaint.id, 'status')).status).toBe('ARCHIVED');
});

test('a unit head keeps the unit’s response templates under Templat Jawaban', async () => {
  const page = await suite.session('kepala.dinsos');
  await page.goto(`${suite.t.url}/admin/#/responseTemplates/create`);
  await page.getByLabel('Judul').fill('Konsol: jawaban bantuan');
  await page.locator('textarea[name="body"]').fill('Yth. {pelapor}, pengaduan {kode} sudah kami tindak lanjuti.');
  await page.getByLabel('Unit (kosongkan untuk semua unit)').click();
  await page
    .getByRole('option', { name: /Dinas Sosial/ })
    .first()
    .click();
  await page.getByRole('button', { name: 'Simpan' }).click();
  await page.locator('#main-content tbody tr', { hasText: 'Konsol: jawaban bantuan' }).waitFor();
});
