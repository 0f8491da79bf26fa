import { Lab } from '../integration/lifecycle/helpers';
import { consoleSuite, screenshot } from './support/browser';

/**
 * The console's side of issue #21: the superadmin registers an app with chosen scopes and sees
 * the key once, the scopes and the app's webhooks; a complaint admin imports an SP4N-LAPOR! file
 * with a dry run first, and the imported complaint shows its LAPOR! ID by the tracking code.
 */
const suite = consoleSuite();

test('apps: a key with chosen scopes is shown once; the list shows scopes and, per app, its webhooks', async () => {
  const page = await suite.session('superadmin');
  await page.goto(`${suite.t.url}/admin/#/apiClients`);
  await page.getByLabel('Nama aplikasi').fill('Aplikasi Kota Sejahtera');
  await page.getByLabel('Kelola webhook (webhooks:manage)').check();
  await page.getByRole('button', { name: 'Buat kunci API' }).click();
  const key = (await page.locator('[data-testid="api-key"]').textContent())!;
  expect(key).toMatch(/^[a-z0-9]{8}\.[A-Za-z0-9_-]{20,}$/);
  await page.getByRole('button', { name: 'Tutup' }).click();
  const row = page.getByRole('row', { name: /Aplikasi Kota Sejahtera/ });
  await row.getByText('Kelola webhook (webhooks:manage)').waitFor();
  await row.getByText('Kirim pengaduan (complaints:submit)').waitFor();

  // The app registers an endpoint with its key; the console lists it under the app.
  const res = await fetch(`${suite.t.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': key },
    body: JSON.stringify({ query: 'mutation { registerWebhook(url: "https://app.contoh.id/hook", events: [RECEIVED, ANSWERED]) { secret } }' }),
  });
  expect(((await res.json()) as { errors?: unknown }).errors).toBeUndefined();
  await row.getByRole('button', { name: 'Aplikasi Kota Sejahtera' }).click();
  await page.getByText('https://app.contoh.id/hook').waitFor();
  await page.getByRole('button', { name: 'Log pengiriman' }).click();
  await page.getByText('Belum ada pengiriman.').waitFor();
  await screenshot(page, 'api-clients');
}, 120_000);

test('import: a dry run reports per row, the import creates, and the complaint shows its LAPOR! ID', async () => {
  const lab = await Lab.on(suite.t);
  const page = await suite.session('admin.kominsta');
  await page.goto(`${suite.t.url}/admin/#/complaintImports`);
  const file = [
    'ID Laporan,Judul,Isi Laporan,Telepon,Status',
    'LAPOR-9001,Drainase tersumbat di Jurangombo,"Saluran air tersumbat sampah, banjir saat hujan.",081233300001,Belum Diverifikasi',
    'LAPOR-9002,Penerangan jalan padam,Lampu jalan di gang tiga padam sejak seminggu lalu.,081233300002,Diverifikasi',
    'LAPOR-9003,Sudah selesai,Laporan ini sudah selesai di LAPOR!.,081233300003,Selesai',
  ].join('\n');
  await page.locator('[data-testid="import-file"]').setInputFiles({ name: 'lapor.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
  await page.getByText('lapor.csv: 3 baris').waitFor();
  await page.getByRole('button', { name: 'Uji coba' }).click();
  const summary = page.locator('[data-testid="import-summary"]');
  await summary.getByText('3 baris: 2 dibuat, 0 diperbarui, 0 tidak berubah, 1 ditolak').waitFor();
  await page.getByText('Hasil uji coba (belum ada yang diubah)').waitFor();
  await screenshot(page, 'lapor-import-dry-run');
  await page.getByRole('button', { name: 'Impor', exact: true }).click();
  await page.getByText('Hasil impor', { exact: true }).waitFor();
  await summary.getByText('3 baris: 2 dibuat, 0 diperbarui, 0 tidak berubah, 1 ditolak').waitFor();

  const [{ id }] = await lab.t.app.db.query(`SELECT "complaintId" AS id FROM complaint_external_ref WHERE "externalId" = 'LAPOR-9001'`);
  await page.goto(`${suite.t.url}/admin/#/complaints/${id}/show`);
  await page.locator('[data-testid="external-ref"]').getByText('SP4N-LAPOR! LAPOR-9001').waitFor();
}, 120_000);
