import zlib from 'node:zlib';
import sharp from 'sharp';
import { loadConfig } from '../../../server/config';
import { InvalidTransitionError } from '../../../server/modules/complaints/complaint-status';
import { startLocalCitizenServices, type LocalCitizenServices } from '../../support/local-citizen-services';
import { expectError, Lab } from './helpers';

/**
 * What a citizen adds to a report beyond text, over real HTTP: a point (typed, or filled by the
 * page's script), photos in a multipart post that works without scripts (read and re-encoded
 * before anything is recorded, for staff only), photos with a reply on Lacak, and a CAPTCHA
 * verified against a local stand-in for the provider's siteverify API.
 */
let lab: Lab;
beforeAll(async () => {
  lab = await Lab.start();
}, 60_000);
afterAll(() => lab?.stop());

interface Upload {
  name: string;
  bytes: Buffer;
  type?: string;
}

async function post(target: Lab, path: string, fields: Record<string, string>, files: Upload[] = [], address = '198.51.100.20') {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const f of files) form.append('photos', new Blob([new Uint8Array(f.bytes)], { type: f.type ?? 'image/jpeg' }), f.name);
  const res = await fetch(`${target.t.url}${path}`, { method: 'POST', body: form, headers: { 'x-forwarded-for': address } });
  return { status: res.status, html: await res.text() };
}

const codesOf = (html: string) => ({
  tc: /data-tracking-code>([^<]+)</.exec(html)?.[1] ?? '',
  ac: /data-access-code>([^<]+)</.exec(html)?.[1] ?? '',
});

const report = (over: Record<string, string> = {}) => ({
  key: `m${Date.now()}${Math.random().toString(36).slice(2)}`,
  title: 'Pohon tumbang menutup jalan',
  description: 'Pohon besar tumbang setelah hujan deras dan menutup separuh jalan kampung.',
  kelurahanId: lab.opd['KEL-CACABAN'],
  reporterPhone: '081234500077',
  ...over,
});

/** A phone photo with a camera and a GPS position in its EXIF. */
const phonePhoto = (background = '#3a7') =>
  sharp({ create: { width: 640, height: 480, channels: 3, background } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'Samsung', Model: 'SM-A155F' },
      IFD3: { GPSLatitudeRef: 'S', GPSLatitude: '7/1 28/1 3/1', GPSLongitudeRef: 'E', GPSLongitude: '110/1 13/1 5/1' },
    })
    .toBuffer();
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const EXE = (() => {
  const b = Buffer.alloc(512);
  b.write('MZ', 0);
  b.writeUInt32LE(0x80, 0x3c);
  b.write('PE\0\0', 0x80, 'binary');
  return b;
})();

const complaintCount = async (target = lab) => (await target.t.app.db.query('SELECT count(*)::int AS n FROM complaint'))[0].n as number;
const idOf = async (tc: string, target = lab) => String((await target.t.app.db.query('SELECT id FROM complaint WHERE "trackingCode" = $1', [tc]))[0].id);
const filesOf = async (tc: string) =>
  lab.t.app.db.query(
    `SELECT a.id, a.visibility, a."uploadedById", a.status, a.kind, a."eventId", a."storageKey", a."fileName" FROM complaint_attachment a
       JOIN complaint c ON c.id = a."complaintId" WHERE c."trackingCode" = $1 ORDER BY a.id`,
    [tc],
  );

test('Lapor: the point is typed or filled by a small hashed script; out of range, half a point or not a number is refused naming the field', async () => {
  const form = await (await fetch(`${lab.t.url}/lapor`)).text();
  expect(form).toContain('enctype="multipart/form-data"');
  expect(form).toMatch(/<input type="text" id="latitude" name="latitude"/);
  expect(form).toMatch(/<button type="button" id="lokasi-saya" class="secondary" hidden>Gunakan lokasi saya<\/button>/);
  // No tile server configured: no map, and no CAPTCHA.
  expect(form).not.toContain('id="peta"');
  expect(form).not.toContain('captcha');
  const src = /<script src="(\/aset\/lapor\.[0-9a-f]{12}\.js)" defer><\/script>/.exec(form)?.[1];
  expect(src).toBeDefined();
  expect(form.match(/<script/g)).toHaveLength(1);
  const script = await fetch(`${lab.t.url}${src}`, { headers: { 'accept-encoding': 'gzip' } });
  expect(script.status).toBe(200);
  expect(script.headers.get('content-type')).toContain('javascript');
  expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  expect(script.headers.get('content-encoding')).toBe('gzip');
  const body = await script.text();
  expect(body).toContain('navigator.geolocation');
  expect(zlib.gzipSync(body).length).toBeLessThan(100 * 1024);

  const ok = await post(lab, '/lapor', report({ latitude: '-7,4797', longitude: ' 110.2177 ' }));
  expect(ok.status).toBe(200);
  const [row] = await lab.t.app.db.query('SELECT latitude, longitude FROM complaint WHERE "trackingCode" = $1', [codesOf(ok.html).tc]);
  expect([Number(row.latitude), Number(row.longitude)]).toEqual([-7.4797, 110.2177]);

  const before = await complaintCount();
  const outOfRange = await post(lab, '/lapor', report({ latitude: '123', longitude: '110.2' }));
  expect(outOfRange.status).toBe(400);
  expect(outOfRange.html).toContain('Lintang: harus di antara -90 dan 90');
  expect(outOfRange.html).toContain('value="123"');
  expect(outOfRange.html).toContain('value="Pohon tumbang menutup jalan"');
  expect((await post(lab, '/lapor', report({ latitude: '-7.47' }))).html).toContain('Bujur: isi lintang dan bujur, atau kosongkan keduanya');
  expect((await post(lab, '/lapor', report({ latitude: '-7.47', longitude: '190' }))).html).toContain('Bujur: harus di antara -180 dan 180');
  expect((await post(lab, '/lapor', report({ latitude: 'dekat pasar', longitude: '110.2' }))).html).toContain('Lintang: harus berupa angka desimal');
  expect(await complaintCount()).toBe(before);
  // The same rules for every caller of the API, naming the field.
  expectError(await lab.submitRaw(null, { latitude: -7.47 }), 'BAD_USER_INPUT', ['input.longitude']);
  expectError(await lab.submitRaw(null, { latitude: -97, longitude: 110 }), 'BAD_USER_INPUT', ['input.latitude']);
});

test('Lapor: photos go with the report in a plain multipart post, re-encoded without EXIF, for staff only; a repeated post adds none twice', async () => {
  const fields = report({ title: 'Saluran air meluap ke rumah warga' });
  const photos = [
    { name: 'saluran.jpg', bytes: await phonePhoto() },
    {
      name: 'jalan.png',
      bytes: await sharp({ create: { width: 300, height: 200, channels: 3, background: '#888' } })
        .png()
        .toBuffer(),
      type: 'image/png',
    },
  ];
  const first = await post(lab, '/lapor', fields, photos);
  expect(first.status).toBe(200);
  expect(first.html).toContain('2 foto terlampir (hanya untuk petugas).');
  const { tc, ac } = codesOf(first.html);
  const rows = await filesOf(tc);
  expect(rows.map((r: any) => [r.fileName, r.visibility, r.uploadedById, r.status, r.kind])).toEqual([
    ['saluran.jpg', 'INTERNAL', null, 'ACTIVE', 'IMAGE'],
    ['jalan.png', 'INTERNAL', null, 'ACTIVE', 'IMAGE'],
  ]);
  const [event] = await lab.t.app.db.query(`SELECT type, public, data->>'actor' AS actor, "actorId" FROM complaint_event WHERE id = $1`, [rows[0].eventId]);
  expect(event).toEqual({ type: 'ATTACHMENT_ADDED', public: false, actor: 'CITIZEN', actorId: null });
  // What is kept was decoded and encoded again: no camera, no GPS.
  const stored = await lab.services.attachments.storage.get(rows[0].storageKey);
  const meta = await sharp(stored!).metadata();
  expect(meta.exif).toBeUndefined();
  expect(meta.width).toBe(640);

  // Staff who may read the complaint see them, marked as the reporter's; the reporter's tracking page does not list them.
  const id = await idOf(tc);
  const seen = await lab.ok(
    'admin.tengah',
    `query($id: ID!) { complaint(id: $id) { attachmentCount attachments { fileName byReporter uploadedBy { username } url } } }`,
    { id },
  );
  expect(seen.complaint.attachmentCount).toBe(2);
  expect(seen.complaint.attachments.map((a: any) => [a.fileName, a.byReporter, a.uploadedBy])).toEqual([
    ['saluran.jpg', true, null],
    ['jalan.png', true, null],
  ]);
  const download = await fetch(`${lab.t.url}${seen.complaint.attachments[0].url}`);
  expect(download.status).toBe(200);
  expect(download.headers.get('content-type')).toBe('image/jpeg');
  const tracked = await lab.ok(null, `query($tc: String!, $ac: String!) { trackComplaint(trackingCode: $tc, accessCode: $ac) { attachments { fileName } } }`, {
    tc,
    ac,
  });
  expect(tracked.trackComplaint.attachments).toEqual([]);
  const page = await post(lab, '/lacak', { tc, ac });
  expect(page.html).not.toContain('saluran.jpg');

  // The same form posted again (a double tap, a retry on a slow link): the same complaint, the same two photos.
  const again = await post(lab, '/lapor', fields, photos);
  expect(codesOf(again.html)).toEqual({ tc, ac });
  expect(await filesOf(tc)).toHaveLength(2);
});

test('Lapor: a bad photo refuses the post naming the field and the file, keeps what was typed, and records nothing', async () => {
  const before = await complaintCount();
  const typed = report({ title: 'Lampu taman kota mati semua', description: 'Semua lampu di taman kota mati sejak tiga hari lalu, gelap dan rawan.' });
  const exe = await post(lab, '/lapor', typed, [{ name: 'foto.jpg', bytes: EXE }]);
  expect(exe.status).toBe(400);
  expect(exe.html).toContain('Foto: foto.jpg: Jenis berkas tidak diterima (isinya application/x-msdownload, apa pun nama berkasnya)');
  expect(exe.html).toContain('value="Lampu taman kota mati semua"');
  expect(exe.html).toContain('Semua lampu di taman kota mati sejak tiga hari lalu');
  expect(exe.html).toContain('Pilih lagi foto Anda');
  const pdf = await post(lab, '/lapor', typed, [{ name: 'surat.pdf', bytes: PDF, type: 'application/pdf' }]);
  expect(pdf.html).toContain('Foto: surat.pdf: Jenis berkas tidak diterima (isinya application/pdf');
  const photo = await phonePhoto();
  const four = await post(
    lab,
    '/lapor',
    typed,
    [1, 2, 3, 4].map((n) => ({ name: `f${n}.jpg`, bytes: photo })),
  );
  expect(four.html).toContain('Foto: Paling banyak 3 foto sekali kirim.');
  const limits = lab.services.attachments.limits;
  const keep = limits.maxFileBytes;
  limits.maxFileBytes = 20 * 1024;
  try {
    const noisy = await sharp(Buffer.from(Array.from({ length: 400 * 400 * 3 }, () => Math.floor(Math.random() * 256))), {
      raw: { width: 400, height: 400, channels: 3 },
    })
      .jpeg({ quality: 95 })
      .toBuffer();
    expect(noisy.length).toBeGreaterThan(limits.maxFileBytes);
    const big = await post(lab, '/lapor', typed, [{ name: 'besar.jpg', bytes: noisy }]);
    expect(big.status).toBe(400);
    expect(big.html).toContain('Foto: besar.jpg: Berkas terlalu besar');
    expect(big.html).toContain('value="Lampu taman kota mati semua"');
  } finally {
    limits.maxFileBytes = keep;
  }
  expect(await complaintCount()).toBe(before);
});

test('Lacak: the reporter adds information with a photo; a bad photo keeps the message unsent; an ended complaint takes none', async () => {
  const { tc, ac } = codesOf((await post(lab, '/lapor', report({ title: 'Trotoar ambles dekat sekolah' }))).html);
  const id = await idOf(tc);
  const replies = async () =>
    (await lab.t.app.db.query(`SELECT count(*)::int AS n FROM complaint_event WHERE "complaintId" = $1 AND type = 'REPORTER_REPLIED'`, [id]))[0].n;

  const bad = await post(lab, '/lacak/balas', { tc, ac, m: 'Ini foto trotoarnya dari sisi timur.' }, [{ name: 'trotoar.jpg', bytes: EXE }]);
  expect(bad.status).toBe(400);
  expect(bad.html).toContain('Foto: trotoar.jpg: Jenis berkas tidak diterima');
  expect(bad.html).toMatch(/<textarea id="m" name="m"[^>]*>Ini foto trotoarnya dari sisi timur\.<\/textarea>/);
  expect(await replies()).toBe(0);

  const sent = await post(lab, '/lacak/balas', { tc, ac, m: 'Ini foto trotoarnya dari sisi timur.' }, [
    { name: 'trotoar.jpg', bytes: await phonePhoto('#a63') },
  ]);
  expect(sent.status).toBe(200);
  expect(sent.html).toContain('Pesan Anda terkirim ke petugas. 1 foto terlampir (hanya untuk petugas).');
  expect(await replies()).toBe(1);
  const events = await lab.t.app.db.query(`SELECT type, data->>'actor' AS actor FROM complaint_event WHERE "complaintId" = $1 ORDER BY id DESC LIMIT 2`, [id]);
  expect(events).toEqual([
    { type: 'ATTACHMENT_ADDED', actor: 'CITIZEN' },
    { type: 'REPORTER_REPLIED', actor: 'CITIZEN' },
  ]);
  expect((await filesOf(tc)).map((r: any) => r.fileName)).toEqual(['trotoar.jpg']);

  await lab.must('admin.tengah', 'rejectComplaint', { id, reason: 'Bukan kewenangan pemerintah kota.' });
  expect((await post(lab, '/lacak', { tc, ac })).html).not.toContain('action="/lacak/balas"');
  const photos = await lab.services.attachments.readReporterPhotos([{ fileName: 'lagi.jpg', bytes: await phonePhoto('#36a'), tooBig: false }], 3);
  await expect(lab.services.attachments.attachByReporter(tc, ac, photos)).rejects.toBeInstanceOf(InvalidTransitionError);
  await expect(lab.services.attachments.attachByReporter(tc, 'SALAHSALAH', photos)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  expect(await filesOf(tc)).toHaveLength(1);
});

test('storage failing after the report or reply was recorded: the page says the photos were not kept and how to send them, never silently', async () => {
  const storage = lab.services.attachments.storage;
  const put = storage.put;
  storage.put = () => Promise.reject(new Error('disk full'));
  try {
    const r = await post(lab, '/lapor', report({ title: 'Jembatan kayu lapuk' }), [{ name: 'jembatan.jpg', bytes: await phonePhoto('#753') }]);
    expect(r.status).toBe(200);
    const { tc, ac } = codesOf(r.html);
    expect(tc).toMatch(/^MGL-/);
    expect(r.html).toContain('data-photos-lost');
    expect(r.html).toContain('Laporan Anda tercatat, tetapi fotonya tidak tersimpan');
    expect(r.html).not.toContain('foto terlampir');
    const reply = await post(lab, '/lacak/balas', { tc, ac, m: 'Fotonya saya kirim lagi.' }, [{ name: 'jembatan.jpg', bytes: await phonePhoto('#753') }]);
    expect(reply.html).toContain('Pesan Anda terkirim ke petugas.');
    expect(reply.html).toContain('Foto tidak tersimpan: penyimpanan foto sedang bermasalah.');
    expect(await filesOf(tc)).toEqual([]);
  } finally {
    storage.put = put;
  }
});

describe('with a CAPTCHA provider and a tile server configured', () => {
  let site: Lab;
  let local: LocalCitizenServices;
  beforeAll(async () => {
    local = await startLocalCitizenServices();
    site = await Lab.start({
      trustProxy: ['loopback'],
      citizenSite: {
        maxPhotos: 3,
        captcha: {
          verifyUrl: `${local.url}/siteverify`,
          secret: 'rahasia-uji',
          siteKey: 'kunci-situs-uji',
          scriptUrl: `${local.url}/api.js`,
          widgetClass: 'h-captcha',
          responseField: 'h-captcha-response',
        },
        map: { tileUrl: `${local.url}/tiles/{z}/{x}/{y}.png`, attribution: '© Peta uji', center: [-7.4797, 110.2177], zoom: 16 },
      },
    });
  }, 60_000);
  afterAll(async () => {
    await site?.stop();
    await local?.stop();
  });

  const filled = (over: Record<string, string> = {}) => ({
    key: `c${Date.now()}${Math.random().toString(36).slice(2)}`,
    title: 'Sampah menumpuk di pinggir sungai',
    description: 'Tumpukan sampah di bantaran sungai sudah dua minggu tidak diangkut petugas.',
    reporterPhone: '081234500088',
    ...over,
  });

  test('Lapor shows the widget and the map; the server verifies the token before accepting: passed, refused (the form kept)', async () => {
    const form = await (await fetch(`${site.t.url}/lapor`)).text();
    expect(form).toContain('<div class="h-captcha" data-sitekey="kunci-situs-uji"');
    expect(form).toContain(`<script src="${local.url}/api.js" async defer></script>`);
    expect(form).toContain(`data-tiles="${local.url}/tiles/{z}/{x}/{y}.png" data-center="-7.4797,110.2177" data-zoom="16"`);
    expect(form).toContain('© Peta uji');

    const passed = await post(site, '/lapor', filled({ 'h-captcha-response': 'lulus' }));
    expect(passed.status).toBe(200);
    expect(codesOf(passed.html).tc).toMatch(/^MGL-/);
    expect(local.verifications.at(-1)).toMatchObject({ secret: 'rahasia-uji', response: 'lulus', sitekey: 'kunci-situs-uji', remoteip: '198.51.100.20' });

    const before = await complaintCount(site);
    const calls = local.verifications.length;
    const refused = await post(site, '/lapor', filled({ 'h-captcha-response': 'palsu', title: 'Judul yang diketik warga' }));
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('Pemeriksaan CAPTCHA: belum berhasil.');
    expect(refused.html).toContain('value="Judul yang diketik warga"');
    expect(local.verifications).toHaveLength(calls + 1);
    // No token at all (the widget never ran): refused without asking the provider.
    const missing = await post(site, '/lapor', filled());
    expect(missing.status).toBe(400);
    expect(missing.html).toContain('Pemeriksaan CAPTCHA: belum berhasil.');
    expect(local.verifications).toHaveLength(calls + 1);
    expect(await complaintCount(site)).toBe(before);
  });

  test('photo posts count against the shared public submission limit per address', async () => {
    const address = '203.0.113.50';
    await site.t.app.db.query(
      `INSERT INTO rate_limit (key, points, expire) VALUES ($1, 1000000, (extract(epoch FROM now()) * 1000)::bigint + 60000)
       ON CONFLICT (key) DO UPDATE SET points = EXCLUDED.points, expire = EXCLUDED.expire`,
      [`public-submit:photos:${address}`],
    );
    const before = await complaintCount(site);
    const photo = [{ name: 'sampah.jpg', bytes: await phonePhoto() }];
    const limited = await post(site, '/lapor', filled({ 'h-captcha-response': 'lulus', title: 'Judul tetap ada' }), photo, address);
    expect(limited.status).toBe(429);
    expect(limited.html).toContain('Terlalu banyak kiriman foto dari alamat Anda.');
    expect(limited.html).toContain('value="Judul tetap ada"');
    expect(await complaintCount(site)).toBe(before);
    const elsewhere = await post(site, '/lapor', filled({ 'h-captcha-response': 'lulus' }), photo, '203.0.113.51');
    expect(elsewhere.html).toContain('1 foto terlampir');
  });

  test('an unreachable CAPTCHA provider: a clear error, the form kept, nothing recorded', async () => {
    await local.stop();
    const before = await complaintCount(site);
    const r = await post(site, '/lapor', filled({ 'h-captcha-response': 'lulus', title: 'Isian tidak hilang' }));
    expect(r.status).toBe(503);
    expect(r.html).toContain('Pemeriksaan CAPTCHA: layanan pemeriksanya tidak dapat dihubungi. Isian Anda tidak hilang');
    expect(r.html).toContain('value="Isian tidak hilang"');
    expect(await complaintCount(site)).toBe(before);
  });
});

test('configuration: nothing changes without CAPTCHA or map variables; a provider is named or read from the verify URL; bad values are refused', () => {
  const TEST = { APP_MODE: 'test' };
  expect(loadConfig(TEST).citizenSite).toEqual({ captcha: null, map: null, maxPhotos: 3 });
  const turnstile = loadConfig({
    ...TEST,
    CAPTCHA_SECRET: 's',
    CAPTCHA_SITE_KEY: 'k',
    CAPTCHA_VERIFY_URL: 'https://challenges.cloudflare.com/turnstile/v0/siteverify',
  });
  expect(turnstile.citizenSite.captcha).toMatchObject({ widgetClass: 'cf-turnstile', responseField: 'cf-turnstile-response', secret: 's', siteKey: 'k' });
  expect(loadConfig({ ...TEST, CAPTCHA_SECRET: 's', CAPTCHA_SITE_KEY: 'k' }).citizenSite.captcha).toMatchObject({
    verifyUrl: 'https://api.hcaptcha.com/siteverify',
    responseField: 'h-captcha-response',
  });
  const refused = (env: Record<string, string>, words: RegExp) => expect(() => loadConfig({ ...TEST, ...env })).toThrow(words);
  refused({ CAPTCHA_SECRET: 's' }, /CAPTCHA_SECRET and CAPTCHA_SITE_KEY go together/);
  refused({ CAPTCHA_SECRET: 's', CAPTCHA_SITE_KEY: 'k', CAPTCHA_PROVIDER: 'recaptcha' }, /CAPTCHA_PROVIDER must be/);
  refused({ CAPTCHA_SECRET: 's', CAPTCHA_SITE_KEY: 'k', CAPTCHA_VERIFY_URL: 'http://captcha.example.id/verify' }, /CAPTCHA_VERIFY_URL must be an https URL/);
  refused({ MAP_TILE_URL: 'https://tiles.example.id/peta.png' }, /MAP_TILE_URL must contain \{z\}, \{x\} and \{y\}/);
  refused({ MAP_TILE_URL: 'https://tiles.example.id/{z}/{x}/{y}.png', MAP_CENTER: 'Magelang' }, /MAP_CENTER must read/);
  expect(loadConfig({ ...TEST, MAP_TILE_URL: 'https://tiles.example.id/{z}/{x}/{y}.png', CITIZEN_MAX_PHOTOS: '5' }).citizenSite).toMatchObject({
    map: { center: [-7.4797, 110.2177], zoom: 15, attribution: '' },
    maxPhotos: 5,
  });
});
