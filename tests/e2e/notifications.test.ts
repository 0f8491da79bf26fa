import { Lab, waitFor } from '../integration/lifecycle/helpers';
import { consoleSuite } from './support/browser';

/**
 * The notification centre: a forward to the unit reaches its head's bell live (the
 * notification commits with the forward, and the live change is the bell's cue), the list
 * leads to the complaint and opening it marks it read; "mark all read" clears the rest. The
 * superadmin sends a dead e-mail again from "Notifikasi Gagal".
 */
// An SMS gateway configured (nothing listens there): staff may choose SMS besides the console.
const suite = consoleSuite({ env: { SMS_GATEWAY_URL: 'http://127.0.0.1:9/send' } });

test('the bell counts a forward live, its list leads to the complaint, reading clears it', async () => {
  const lab = await Lab.on(suite.t);
  const [first, second] = await Promise.all([
    lab.verified({ title: 'Jembatan kayu di Kali Manggis lapuk' }),
    lab.verified({ title: 'Air PDAM keruh di Rejowinangun Utara' }),
  ]);
  await lab.ok('kepala.dinsos', `mutation { markNotificationsRead }`);
  const page = await suite.session('kepala.dinsos');
  await page.locator('[data-live-status="live"]').waitFor();
  const badge = page.locator('[data-testid="notification-badge"]');
  await badge.waitFor();
  expect(await badge.getAttribute('data-count')).toBe('0');

  await lab.must('admin.tengah', 'forwardComplaint', { id: first.id, opdId: lab.opd.DINSOS });
  await waitFor(async () => (await badge.getAttribute('data-count')) === '1', 'the bell to count the forward', 20_000);

  await page.locator('[data-testid="notification-bell"]').click();
  const item = page.locator('[data-testid="notification-list"] [data-unread="true"]');
  await item.first().waitFor();
  expect(await item.count()).toBe(1);
  expect(await item.first().textContent()).toContain(`[${first.trackingCode}] Pengaduan diteruskan ke unit Anda`);
  expect(await item.first().getAttribute('href')).toBe(`#/complaints/${first.id}/show`);
  await item.first().click();
  await page.waitForURL((url) => url.hash === `#/complaints/${first.id}/show`);
  await page.getByText(first.trackingCode).first().waitFor();
  await waitFor(async () => (await badge.getAttribute('data-count')) === '0', 'the bell to clear once read', 10_000);

  // Mark all read.
  await lab.must('admin.tengah', 'forwardComplaint', { id: second.id, opdId: lab.opd.DINSOS });
  await waitFor(async () => (await badge.getAttribute('data-count')) === '1', 'the bell to count the second forward', 20_000);
  await page.locator('[data-testid="notification-bell"]').click();
  await page.getByRole('button', { name: 'Tandai semua dibaca' }).click();
  await waitFor(async () => (await badge.getAttribute('data-count')) === '0', 'mark all read to clear the bell', 10_000);
  const [{ n }] = await suite.t.app.db.query(
    `SELECT count(*)::int AS n FROM notification n JOIN app_user u ON u.id = n."recipientUserId" WHERE u.username = 'kepala.dinsos' AND n."readAt" IS NULL`,
  );
  expect(n).toBe(0);
}, 180_000);

test('the superadmin sees a dead e-mail and sends it again', async () => {
  const lab = await Lab.on(suite.t);
  const { complaint, trackingCode } = await lab.submit('admin.tengah', {
    title: 'Lampu jalan padam di Jalan Ikhlas',
    reporterPhone: null,
    reporterAddress: 'Jl. Ikhlas 3',
  });
  // No SMTP in this server: the dead e-mail is planted as the dispatcher would leave it.
  const [{ id }] = await suite.t.app.db.query(
    `INSERT INTO notification (channel, status, template, "recipientAddress", "complaintId", "eventId", "dedupeKey", subject, body, attempts, "lastError")
     SELECT 'EMAIL', 'DEAD', 'RECEIVED_TO_REPORTER', 'warga@contoh.id', $1, min(id), 'n:e2e-dead', $2, 'Isi', 6, '451 Mailbox busy'
       FROM complaint_event WHERE "complaintId" = $1 RETURNING id`,
    [Number(complaint.id), `[${trackingCode}] Pengaduan Anda telah diterima`],
  );
  const page = await suite.session('superadmin');
  await page.locator('a[href="#/notifications"]').click();
  const row = page.locator('tr', { hasText: trackingCode });
  await row.waitFor();
  expect(await row.textContent()).toContain('Gagal permanen');
  await row.locator('input[type="checkbox"]').check();
  await page.getByRole('button', { name: 'Kirim ulang' }).click();
  await row.waitFor({ state: 'detached' });
  const [stored] = await suite.t.app.db.query(`SELECT status, attempts FROM notification WHERE id = $1`, [id]);
  expect(stored).toEqual({ status: 'PENDING', attempts: 0 });
}, 180_000);

test('a unit head chooses SMS besides the console from the user menu; the choice is kept', async () => {
  const lab = await Lab.on(suite.t);
  const page = await suite.session('kepala.dinsos');
  await page.getByRole('button', { name: /Profil|Menu pengguna|User menu/i }).click();
  await page.getByRole('menuitem', { name: 'Saluran notifikasi' }).click();
  const dialog = page.getByRole('dialog', { name: 'Saluran notifikasi' });
  await dialog.getByText('Notifikasi selalu tampil di konsol').waitFor();
  const sms = dialog.getByRole('checkbox', { name: 'SMS' });
  expect(await sms.isChecked()).toBe(false);
  await sms.check();
  await dialog.getByRole('button', { name: 'Simpan' }).click();
  await page.getByText('Saluran notifikasi disimpan').waitFor();
  try {
    expect((await lab.ok('kepala.dinsos', '{ myNotificationPreferences { chosen } }')).myNotificationPreferences.chosen).toEqual(['SMS']);
  } finally {
    await lab.ok('kepala.dinsos', 'mutation { setMyNotificationChannels(channels: []) { chosen } }');
  }
});
