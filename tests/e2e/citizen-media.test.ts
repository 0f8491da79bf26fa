import sharp from 'sharp';
import { startLocalCitizenServices, type LocalCitizenServices } from '../support/local-citizen-services';
import { consoleSuite, fitsWidth, ownScriptBytes, screenshot, seriousViolations } from './support/browser';

/**
 * Lapor as a city configures it here: a tile server for the point picker and a CAPTCHA provider,
 * both stood in for on 127.0.0.1 (the provider's widget script, its siteverify API, the tiles).
 * A resident on a phone picks the point on the map, then takes it from "Gunakan lokasi saya",
 * attaches a photo and reports; the intake admin sees the point and the photo in the console.
 * A refused CAPTCHA keeps what was typed and records nothing.
 */
const env: NodeJS.ProcessEnv = {};
let local: LocalCitizenServices;
// Before the suite's own beforeAll, which starts the server with `env`.
beforeAll(async () => {
  local = await startLocalCitizenServices();
  Object.assign(env, {
    MAP_TILE_URL: `${local.url}/tiles/{z}/{x}/{y}.png`,
    MAP_TILE_ATTRIBUTION: '© Peta uji',
    MAP_ZOOM: '16',
    CAPTCHA_SECRET: 'rahasia-uji',
    CAPTCHA_SITE_KEY: 'kunci-situs-uji',
    CAPTCHA_VERIFY_URL: `${local.url}/siteverify`,
    CAPTCHA_SCRIPT_URL: `${local.url}/api.js`,
  });
});
afterAll(() => local?.stop());
const suite = consoleSuite({ env });

const complaints = async () => (await suite.t.app.db.query('SELECT count(*)::int AS n FROM complaint'))[0].n as number;

test('on a phone: the point from the map or "Gunakan lokasi saya", a photo, the CAPTCHA; the admin sees the point and the photo', async () => {
  const context = await suite.context({ phone: true });
  await context.grantPermissions(['geolocation'], { origin: suite.t.url });
  await context.setGeolocation({ latitude: -7.4701, longitude: 110.2205, accuracy: 12 });
  const page = await context.newPage();
  await page.goto(`${suite.t.url}/lapor`);
  const map = page.locator('#peta');
  await map.waitFor();
  await page.waitForFunction(() =>
    Array.from(document.querySelectorAll<HTMLImageElement>('#peta .tiles img')).some((img) => img.complete && img.naturalWidth === 256),
  );
  expect(local.tiles.some((t) => t.startsWith('/tiles/16/'))).toBe(true);
  expect(await seriousViolations(page)).toEqual([]);
  expect(await fitsWidth(page)).toBe(true);
  // Our own script only; the CAPTCHA provider's comes from the provider.
  expect(await ownScriptBytes(page)).toBeLessThanOrEqual(100 * 1024);

  // A tap in the middle of the map picks the point it opened on (MAP_CENTER's default, the alun-alun).
  const latitude = page.getByLabel('Lintang (latitude)');
  const longitude = page.getByLabel('Bujur (longitude)');
  await map.scrollIntoViewIfNeeded();
  const box = (await map.boundingBox())!;
  await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
  await page.locator('#peta .pin').waitFor();
  expect(Math.abs(Number(await latitude.inputValue()) - -7.4797)).toBeLessThan(0.0001);
  expect(Math.abs(Number(await longitude.inputValue()) - 110.2177)).toBeLessThan(0.0001);
  await page.locator('#lokasi-status', { hasText: 'Titik dipilih di peta' }).waitFor();
  await screenshot(page, 'citizen-lapor-peta-390');
  // Dragging the map 100 px to the left moves the view east: the middle is then 100 px of zoom 16 further (0.00215°).
  const moved = (await map.boundingBox())!;
  expect(moved.y).toBe(box.y);
  const [midX, midY] = [moved.x + moved.width / 2, moved.y + moved.height / 2];
  await page.mouse.move(midX, midY);
  await page.mouse.down();
  await page.mouse.move(midX - 50, midY, { steps: 5 });
  await page.mouse.move(midX - 100, midY, { steps: 5 });
  await page.mouse.up();
  await page.touchscreen.tap(midX, midY);
  await page.waitForFunction(() => Number((document.getElementById('longitude') as HTMLInputElement).value) > 110.219);
  expect(Math.abs(Number(await longitude.inputValue()) - (110.2177 + (100 / (256 * 2 ** 16)) * 360))).toBeLessThan(0.0001);
  expect(Math.abs(Number(await latitude.inputValue()) - -7.4797)).toBeLessThan(0.0001);
  // + zooms in: the next zoom level's tiles are asked for.
  await page.getByRole('button', { name: 'Perbesar peta' }).click();
  await page.waitForFunction(() =>
    Array.from(document.querySelectorAll<HTMLImageElement>('#peta .tiles img')).some((img) => img.src.includes('/tiles/17/') && img.complete),
  );

  // The phone's own position, with one button.
  await page.getByRole('button', { name: 'Gunakan lokasi saya' }).click();
  await page.locator('#lokasi-status', { hasText: 'Titik terisi dari lokasi Anda' }).waitFor();
  expect([await latitude.inputValue(), await longitude.inputValue()]).toEqual(['-7.470100', '110.220500']);

  await page.getByLabel('Apa yang terjadi? (judul singkat)').fill('Pohon tumbang di Jalan Tidar');
  await page.getByLabel('Uraian').fill('Pohon besar tumbang menutup separuh jalan sejak pagi, kendaraan harus bergantian lewat.');
  await page.getByLabel('Kelurahan').selectOption({ label: 'Kelurahan Cacaban' });
  await page.getByLabel('Telepon / WhatsApp').fill('081233344466');
  const photo = await sharp({ create: { width: 1024, height: 768, channels: 3, background: '#5a7d3a' } })
    .jpeg()
    .withExif({ IFD3: { GPSLatitudeRef: 'S', GPSLatitude: '7/1 28/1 12/1' } })
    .toBuffer();
  await page.getByLabel(/^Foto/).setInputFiles({ name: 'pohon-tumbang.jpg', mimeType: 'image/jpeg', buffer: photo });
  await page.locator('.h-captcha', { hasText: 'Pemeriksaan uji: selesai' }).waitFor();
  await page.getByRole('button', { name: 'Kirim pengaduan' }).click();
  await page.locator('.ok', { hasText: '1 foto terlampir (hanya untuk petugas).' }).waitFor();
  const tc = (await page.locator('[data-tracking-code]').innerText()).trim();
  expect(local.verifications.at(-1)).toMatchObject({ secret: 'rahasia-uji', response: 'lulus' });
  expect(await seriousViolations(page)).toEqual([]);

  const [{ id }] = await suite.t.app.db.query('SELECT id FROM complaint WHERE "trackingCode" = $1', [tc]);
  const admin = await suite.session('admin.tengah', { keepOthers: true });
  await admin.goto(`${suite.t.url}/admin/#/complaints/${id}/show`);
  await admin.locator('[data-testid="coordinates"]', { hasText: '-7.4701, 110.2205' }).waitFor();
  expect(await admin.locator('[data-testid="coordinates-map"]').getAttribute('href')).toBe(
    'https://www.openstreetmap.org/?mlat=-7.4701&mlon=110.2205#map=18/-7.4701/110.2205',
  );
  const file = admin.locator('[data-testid="attachments"] [data-testid="attachment"]');
  await file.waitFor();
  expect(await file.innerText()).toMatch(/pohon-tumbang\.jpg[\s\S]*Dikirim pelapor/);
  const thumb = file.locator('img[data-testid="attachment-thumbnail"]');
  await admin.waitForFunction((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0, await thumb.elementHandle());
  await screenshot(admin, 'complaint-citizen-photo');
}, 120_000);

test('a refused CAPTCHA: the page says so, keeps what was typed, and records nothing', async () => {
  local.widgetToken = 'palsu';
  try {
    const page = await (await suite.context({ phone: true })).newPage();
    await page.goto(`${suite.t.url}/lapor`);
    await page.getByLabel('Apa yang terjadi? (judul singkat)').fill('Lampu lalu lintas mati');
    await page.getByLabel('Uraian').fill('Lampu lalu lintas di perempatan Canguk mati sejak kemarin sore.');
    await page.getByLabel('Telepon / WhatsApp').fill('081233344477');
    await page.getByLabel('Lintang (latitude)').fill('-7.4812');
    await page.getByLabel('Bujur (longitude)').fill('110.2141');
    await page.locator('.h-captcha', { hasText: 'Pemeriksaan uji: selesai' }).waitFor();
    const before = await complaints();
    await page.getByRole('button', { name: 'Kirim pengaduan' }).click();
    await page.locator('.error[role="alert"]', { hasText: 'Pemeriksaan CAPTCHA: belum berhasil.' }).waitFor();
    expect(await page.getByLabel('Apa yang terjadi? (judul singkat)').inputValue()).toBe('Lampu lalu lintas mati');
    expect(await page.getByLabel('Lintang (latitude)').inputValue()).toBe('-7.4812');
    expect(local.verifications.at(-1)).toMatchObject({ response: 'palsu' });
    expect(await complaints()).toBe(before);
    expect(await seriousViolations(page)).toEqual([]);
  } finally {
    local.widgetToken = 'lulus';
  }
}, 60_000);
