import { Lab } from '../integration/lifecycle/helpers';
import { PUBLIC_PAGES } from '../../server/modules/citizen-site/citizen-site.routes';
import { consoleSuite, fitsWidth, ownScriptBytes, runAction, screenshot, seriousViolations, statusChip } from './support/browser';

/**
 * A resident on a phone reports anonymously and confidentially on /lapor, keeps the codes, and
 * after the admin forwards and the head asks and answers, follows, replies and rates on /lacak.
 * axe finds no serious or critical violations on the pages; nothing scrolls sideways at 390 px.
 */
const suite = consoleSuite();

const serious = seriousViolations;

test('report on a phone, follow, reply and rate without an account', async () => {
  const lab = await Lab.on(suite.t);
  const page = await (await suite.context({ phone: true })).newPage();
  await page.goto(`${suite.t.url}/lapor`);
  expect(await serious(page)).toEqual([]);
  expect(await fitsWidth(page)).toBe(true);
  await page.getByLabel('Apa yang terjadi? (judul singkat)').fill('Jalan retak di depan pasar Rejowinangun');
  await page.getByLabel('Uraian').fill('Retakan memanjang sekitar lima meter, berbahaya untuk pengendara motor.');
  await page.getByLabel('Kelurahan').selectOption({ label: 'Kelurahan Cacaban' });
  await page.getByLabel('Telepon / WhatsApp').fill('081233344455');
  await page.getByLabel(/Anonim/).check();
  await page.getByLabel(/Rahasia/).check();
  await page.getByRole('button', { name: 'Kirim pengaduan' }).click();
  const tc = (await page.locator('[data-tracking-code]').innerText()).trim();
  const ac = (await page.locator('[data-access-code]').innerText()).trim();
  expect(await serious(page)).toEqual([]);

  const [{ id, anonymous, confidential }] = await suite.t.app.db.query('SELECT id, anonymous, confidential FROM complaint WHERE "trackingCode" = $1', [tc]);
  expect({ anonymous, confidential }).toEqual({ anonymous: true, confidential: true });
  const cid = String(id);
  // The intake admin verifies and forwards in the console; the reporter stays hidden from nobody who may see them.
  const admin = await suite.session('admin.tengah', { keepOthers: true });
  await admin.goto(`${suite.t.url}/admin/#/complaints/${cid}/show`);
  await statusChip(admin, 'SUBMITTED').waitFor();
  await runAction(admin, 'VERIFY');
  await statusChip(admin, 'VERIFIED').waitFor();
  await runAction(admin, 'FORWARD', async (dialog) => {
    await dialog.getByLabel('Unit tujuan').fill('Perumahan');
    await admin.getByRole('option', { name: /^Dinas Perumahan dan Kawasan Permukiman/ }).click();
  });
  await statusChip(admin, 'FORWARDED').waitFor();
  await lab.must('kepala.disperkim', 'askReporter', { id: cid, question: 'Apakah retakan di sisi utara atau selatan pasar?' });

  await page.goto(`${suite.t.url}/lacak`);
  await page.getByLabel('Kode pelacakan', { exact: true }).fill(tc);
  await page.getByLabel('Kode akses', { exact: true }).fill(ac);
  await page.getByRole('button', { name: 'Lihat perkembangan' }).click();
  await page.locator('[data-pause="AWAITING_REPORTER"]', { hasText: 'sisi utara atau selatan' }).waitFor();
  expect(page.url()).not.toContain(ac);
  expect(await serious(page)).toEqual([]);
  expect(await fitsWidth(page)).toBe(true);
  await page.getByLabel('Pesan Anda').fill('Sisi utara, dekat pintu masuk.');
  await page.getByRole('button', { name: 'Kirim', exact: true }).click();
  await page.locator('.ok', { hasText: 'Pesan Anda terkirim' }).waitFor();

  // The head answers in the console.
  const head = await suite.session('kepala.disperkim', { keepOthers: true });
  await head.goto(`${suite.t.url}/admin/#/complaints/${cid}/show`);
  await head.locator('[data-action="RESPOND"]').waitFor();
  await runAction(head, 'RESPOND', async (dialog) => {
    await dialog.locator('textarea[name="answer"]').fill('Retakan sudah ditambal oleh DPUPR pada hari ini.');
  });
  await statusChip(head, 'RESPONDED').waitFor();
  await page.reload();
  await page.goto(`${suite.t.url}/lacak`);
  await page.getByLabel('Kode pelacakan', { exact: true }).fill(tc);
  await page.getByLabel('Kode akses', { exact: true }).fill(ac);
  await page.getByRole('button', { name: 'Lihat perkembangan' }).click();
  await page.locator('[data-answer]', { hasText: 'sudah ditambal' }).waitFor();
  await page.getByLabel(/Nilai/).selectOption('4');
  await page.getByRole('button', { name: 'Kirim nilai' }).click();
  await page.locator('.ok', { hasText: 'Terima kasih atas penilaian Anda.' }).waitFor();
  expect((await lab.complaint('kepala.disperkim', cid, 'rating')).rating).toBe(4);
});

test('the home, statistics, programme and service-post pages read well on a phone', async () => {
  const page = await (await suite.context({ phone: true })).newPage();
  for (const path of ['/', '/daftar', '/statistik', '/program', '/pos-layanan', '/lacak', '/survei']) {
    await page.goto(`${suite.t.url}${path}`);
    expect(await serious(page)).toEqual([]);
    expect(await fitsWidth(page)).toBe(true);
  }
});

test('a unit head publishes a service standard from the console; the public page shows it', async () => {
  const head = await suite.session('kepala.dinsos');
  await head.goto(`${suite.t.url}/admin/#/serviceStandards/create`);
  await head.getByLabel('Unit').fill('Dinas Sosial');
  await head
    .getByRole('option', { name: /Dinas Sosial/ })
    .first()
    .click();
  await head.getByLabel('Jenis pelayanan').fill('Konsol: Surat Keterangan Tidak Mampu');
  const fills: [string, string][] = [
    ['requirements', 'KTP dan KK'],
    ['procedure', 'Ajukan di loket, diverifikasi, ditandatangani'],
    ['timeLimit', '3 hari kerja'],
    ['fee', 'Gratis'],
    ['product', 'Surat keterangan'],
    ['complaintHandling', 'Melalui portal pengaduan'],
  ];
  for (const [name, value] of fills) await head.locator(`textarea[name="${name}"]`).fill(value);
  await head.getByRole('button', { name: 'Simpan' }).click();
  await head.locator('#main-content tbody tr', { hasText: 'Konsol: Surat Keterangan Tidak Mampu' }).waitFor();

  const page = await (await suite.context({ phone: true })).newPage();
  await page.goto(`${suite.t.url}/standar-pelayanan`);
  await page.locator('[data-standard="Konsol: Surat Keterangan Tidak Mampu"]', { hasText: '3 hari kerja' }).waitFor();
  expect(await serious(page)).toEqual([]);
  expect(await fitsWidth(page)).toBe(true);
});

test('screenshots of each public page at 390 px and 1366 px; the public JavaScript within 100 KB compressed; the Lapor form on Slow 3G (reported, not asserted)', async () => {
  const scripts: Record<string, number> = {};
  for (const phone of [true, false]) {
    const context = await suite.context({ phone });
    for (const p of PUBLIC_PAGES) {
      // A page of its own each, so that nothing comes from the cache and every script is counted.
      const page = await context.newPage();
      await page.goto(`${suite.t.url}${p}`, { waitUntil: 'load' });
      scripts[p] = await ownScriptBytes(page);
      const name = p === '/' ? 'home' : p.slice(1);
      await screenshot(page, `citizen-${name}-${phone ? '390' : '1366'}`);
      await page.close();
    }
  }
  console.log(`public pages' own JavaScript, compressed: ${JSON.stringify(scripts)}`);
  // The budget holds for every page; Lapor's small script is really measured.
  for (const p of PUBLIC_PAGES) expect(scripts[p]).toBeLessThanOrEqual(100 * 1024);
  expect(scripts['/lapor']).toBeGreaterThan(0);
  const context = await suite.context({ phone: true });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    downloadThroughput: (400 * 1000) / 8,
    uploadThroughput: (400 * 1000) / 8,
    latency: 400,
  });
  const started = Date.now();
  await page.goto(`${suite.t.url}/lapor`);
  await page.getByLabel('Apa yang terjadi? (judul singkat)').waitFor();
  const ms = Date.now() - started;
  const bytes = await page.evaluate(() => performance.getEntriesByType('navigation').map((e) => (e as PerformanceNavigationTiming).transferSize)[0] ?? 0);
  console.log(
    `citizen Lapor form on Slow 3G (400 kbit/s, 400 ms): ${(ms / 1000).toFixed(2)} s, ${(bytes / 1024).toFixed(1)} KB on the wire, and a deferred script of ${(scripts['/lapor'] / 1024).toFixed(1)} KB`,
  );
});
