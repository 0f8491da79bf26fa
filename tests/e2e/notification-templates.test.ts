import { Lab, waitFor } from '../integration/lifecycle/helpers';
import { consoleSuite } from './support/browser';

/**
 * The superadmin's "Templat Notifikasi": edits the forward's text with the preview following
 * the typing (and naming an unknown placeholder), saves it; the next forward reaches the unit
 * head's bell in the edited text; reset brings the built-in text back.
 */
const suite = consoleSuite();

test('the superadmin edits a template with a live preview; the next forward carries the edited text; reset brings the built-in one back', async () => {
  const lab = await Lab.on(suite.t);
  const page = await suite.session('superadmin');
  await page.locator('a[href="#/notificationTemplates"]').click();
  const row = page.locator('[data-testid="template-FORWARDED_TO_UNIT"]');
  await row.waitFor();
  expect(await row.textContent()).toContain('Bawaan');
  await row.getByRole('button', { name: 'Ubah' }).click();

  const dialog = page.getByRole('dialog', { name: 'Ubah templat: Diteruskan ke unit' });
  const previewSubject = dialog.locator('[data-testid="template-preview-subject"]');
  const previewBody = dialog.locator('[data-testid="template-preview-body"]');
  await previewSubject.waitFor();
  expect(await previewSubject.textContent()).toBe('[MGL-2612-00042] Pengaduan diteruskan ke unit Anda');

  await dialog.locator('[data-testid="template-subject"]').fill('[{kode}] Tugas baru: {judul}');
  await dialog.locator('[data-testid="template-body"]').fill('Mohon tindak lanjuti {kode} paling lambat {batas}.\nInstruksi: {instruksi}\nDari {nama}');
  // An unknown placeholder is named under the body, and the preview waits for it to be fixed.
  await dialog.getByText('Tempat isian {nama} tidak dikenal').waitFor();
  await dialog.locator('[data-testid="template-body"]').fill('Mohon tindak lanjuti {kode} paling lambat {batas}.\nInstruksi: {instruksi}');
  await waitFor(
    async () => (await previewSubject.isVisible()) && (await previewSubject.textContent()) === '[MGL-2612-00042] Tugas baru: Lampu jalan padam di Jalan Ikhlas',
    'the preview of the subject',
    10_000,
  );
  expect(await previewBody.textContent()).toBe(
    'Mohon tindak lanjuti MGL-2612-00042 paling lambat 8 Desember 2026 16.00 WIB.\nInstruksi: Cek lokasi bersama lurah setempat.',
  );
  await dialog.getByRole('button', { name: 'Simpan' }).click();
  await page.getByText('Templat disimpan').waitFor();
  await dialog.waitFor({ state: 'detached' });
  await waitFor(async () => (await row.textContent())!.includes('Diubah'), 'the row to show the edited text', 10_000);

  // A forward after the save: the unit head's bell shows the edited subject.
  const c = await lab.verified({ title: 'Pohon tumbang di Jalan Sudirman' });
  await lab.must('admin.tengah', 'forwardComplaint', { id: c.id, opdId: lab.opd.DINSOS });
  const head = await suite.session('kepala.dinsos', { keepOthers: true });
  await head.locator('[data-testid="notification-bell"]').click();
  await head.locator('[data-testid="notification-list"]').getByText(`[${c.trackingCode}] Tugas baru: Pohon tumbang di Jalan Sudirman`).waitFor();
  await head.context().close();

  // Reset: the built-in text again, for the page and the next message.
  await row.getByRole('button', { name: 'Ubah' }).click();
  await dialog.getByRole('button', { name: 'Kembalikan ke bawaan' }).click();
  await page.getByText('Templat dikembalikan ke teks bawaan').waitFor();
  await waitFor(async () => (await row.textContent())!.includes('Bawaan'), 'the row to show the built-in text', 10_000);
  expect(await suite.t.app.db.query(`SELECT template FROM notification_template_override`)).toEqual([]);
  const next = await lab.verified();
  await lab.must('admin.tengah', 'forwardComplaint', { id: next.id, opdId: lab.opd.DINSOS });
  const [{ subject }] = await suite.t.app.db.query(
    `SELECT n.subject FROM notification n JOIN app_user u ON u.id = n."recipientUserId" WHERE n."complaintId" = $1 AND u.username = 'kepala.dinsos'`,
    [Number(next.id)],
  );
  expect(subject).toBe(`[${next.trackingCode}] Pengaduan diteruskan ke unit Anda`);
}, 180_000);
