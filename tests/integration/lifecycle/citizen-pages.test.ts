import fs from 'node:fs';
import path from 'node:path';
import { Lab } from './helpers';

/**
 * The citizen's pages over real HTTP: Lapor (a plain form; the codes on success, the values kept
 * and the problem named in Bahasa Indonesia on a refusal; a honeypot), and Lacak (the codes in
 * a form post, never a URL; status, deadlines and timeline; reply, rate and reopen).
 */
let lab: Lab;
beforeAll(async () => {
  lab = await Lab.start();
}, 60_000);
afterAll(() => lab?.stop());

async function post(path: string, fields: Record<string, string>, address = '198.51.100.10') {
  const res = await fetch(`${lab.t.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': address },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: res.status, html: await res.text() };
}

const codesOf = (html: string) => ({
  tc: /data-tracking-code>([^<]+)</.exec(html)?.[1] ?? '',
  ac: /data-access-code>([^<]+)</.exec(html)?.[1] ?? '',
});

const report = (over: Record<string, string> = {}) => ({
  key: `k${Date.now()}${Math.random().toString(36).slice(2)}`,
  title: 'Lampu jalan padam di Jl. Sudirman',
  description: 'Sudah seminggu lampu jalan di depan nomor 12 padam, gelap sekali malam hari.',
  kelurahanId: lab.opd['KEL-CACABAN'],
  reporterName: 'Rina',
  reporterPhone: '081234500001',
  ...over,
});

test('Lapor: a plain form in Bahasa Indonesia; the codes on success; a retried post gives the same complaint', async () => {
  const form = await fetch(`${lab.t.url}/lapor`);
  const html = await form.text();
  expect(form.status).toBe(200);
  expect(html).toContain('<html lang="id">');
  expect(html).toContain('Kelurahan Cacaban');
  // One small script of its own (citizen-media.test.ts), nothing else.
  expect(html.match(/<script[^>]*>/g)).toEqual([expect.stringMatching(/^<script src="\/aset\/lapor\.[0-9a-f]{12}\.js" defer>$/)]);

  const fields = report();
  const first = await post('/lapor', fields);
  expect(first.status).toBe(200);
  const codes = codesOf(first.html);
  expect(codes.tc).toMatch(/^MGL-\d{4}-\d{5}$/);
  expect(codes.ac).toMatch(/^[A-Z0-9]{10}$/);
  const again = await post('/lapor', fields);
  expect(codesOf(again.html)).toEqual(codes);
  const rows = await lab.t.app.db.query('SELECT "intakeOpdId", channel FROM complaint WHERE "trackingCode" = $1', [codes.tc]);
  expect(rows).toEqual([{ intakeOpdId: Number(lab.opd['KEC-TENGAH']), channel: 'WEB' }]);
});

test('Lapor: a refusal keeps what was typed and names the field in Bahasa Indonesia; a bot filling the honeypot records nothing', async () => {
  const r = await post('/lapor', report({ title: 'abc', description: 'Uraian yang ditulis warga dengan teliti.' }));
  expect(r.status).toBe(400);
  expect(r.html).toContain('Judul: minimal 5 karakter');
  expect(r.html).toContain('Uraian yang ditulis warga dengan teliti.');
  const noContact = await post('/lapor', report({ reporterPhone: '' }));
  expect(noContact.html).toContain('Kontak: isi minimal satu kontak');

  const before = await lab.t.app.db.query('SELECT count(*)::int AS n FROM complaint');
  const bot = await post('/lapor', report({ website: 'http://spam.example' }));
  expect(bot.status).toBe(200);
  expect(await lab.t.app.db.query('SELECT count(*)::int AS n FROM complaint')).toEqual(before);
});

test('Lacak: status, deadlines and the public timeline; reply to a question, rate once, all escaped', async () => {
  const { tc, ac } = codesOf((await post('/lapor', report({ title: 'Selokan <b>mampet</b> di RW 03' }))).html);
  const [{ id }] = await lab.t.app.db.query('SELECT id FROM complaint WHERE "trackingCode" = $1', [tc]);
  const cid = String(id);
  await lab.must('admin.tengah', 'verifyComplaint', { id: cid, note: 'catatan internal rahasia' });
  await lab.must('admin.tengah', 'forwardComplaint', { id: cid, opdId: lab.opd.DINSOS });
  await lab.must('kepala.dinsos', 'askReporter', { id: cid, question: 'Di depan rumah nomor berapa selokan itu?' });

  const page = await post('/lacak', { tc, ac });
  expect(page.status).toBe(200);
  expect(page.html).toContain('Selokan &lt;b&gt;mampet&lt;/b&gt; di RW 03');
  expect(page.html).toContain('data-status="FORWARDED"');
  expect(page.html).toContain('Petugas menunggu informasi dari Anda');
  expect(page.html).toContain('Di depan rumah nomor berapa selokan itu?');
  expect(page.html).toContain('Dinas Sosial');
  expect(page.html).toMatch(/Penyelesaian<\/dt><dd>\d{1,2} \w+ \d{4} \d{2}\.\d{2} WIB · dihentikan sementara/);
  expect(page.html).not.toContain('catatan internal rahasia');

  const replied = await post('/lacak/balas', { tc, ac, m: 'Di depan rumah nomor 7.' });
  expect(replied.html).toContain('Pesan Anda terkirim ke petugas.');
  expect(replied.html).not.toContain('data-pause=');
  expect((await lab.complaint('kepala.dinsos', cid, 'pauseKind')).pauseKind).toBeNull();

  await lab.must('kepala.dinsos', 'respondToComplaint', { id: cid, answer: 'Selokan sudah dibersihkan petugas.' });
  const answered = await post('/lacak', { tc, ac });
  expect(answered.html).toContain('Selokan sudah dibersihkan petugas.');
  expect(answered.html).toContain('action="/lacak/nilai"');
  const rated = await post('/lacak/nilai', { tc, ac, s: '5', c: 'Cepat' });
  expect(rated.html).toContain('Terima kasih atas penilaian Anda.');
  expect(rated.html).not.toContain('action="/lacak/nilai"');
  expect((await lab.complaint('kepala.dinsos', cid, 'rating')).rating).toBe(5);

  const reopened = await post('/lacak/buka', { tc, ac, r: 'Masih tergenang air.' });
  expect(reopened.html).toContain('data-status="IN_PROGRESS"');
});

test('Lacak: wrong codes say so in Bahasa Indonesia and reveal nothing; the codes never appear in a URL', async () => {
  const bad = await post('/lacak', { tc: 'MGL-2612-99999', ac: 'ZZZZZZZZZZ' });
  expect(bad.status).toBe(404);
  expect(bad.html).toContain('Kode pelacakan atau kode akses tidak cocok.');
  const form = await (await fetch(`${lab.t.url}/lacak`)).text();
  expect(form).toContain('method="post" action="/lacak"');
});

test('Program and Pos layanan list the public information, with WIB opening hours and whether a post is open now', async () => {
  const programs = await (await fetch(`${lab.t.url}/program`)).text();
  expect(programs).toContain('data-program="PKH"');
  expect(programs).toContain('Siapa yang berhak');
  const posts = await (await fetch(`${lab.t.url}/pos-layanan`)).text();
  expect(posts).toContain('data-post="POS-CACABAN-RW03"');
  expect(posts).toContain('Senin 09.00–12.00, Kamis 09.00–12.00');
  expect(posts).toMatch(/data-open="(true|false)"/);
  // Officers' phone numbers are not public.
  expect(posts).not.toMatch(/08\d{8,}/);
});

test('Statistik counts per category and unit; a confidential complaint is in no public count', async () => {
  const count = async () => {
    const html = await (await fetch(`${lab.t.url}/statistik`)).text();
    const row = /Infrastruktur Jalan dan Drainase<\/th><td[^>]*>(\d+)</.exec(html);
    return Number(row?.[1] ?? 0);
  };
  const before = await count();
  await lab.submit('admin.tengah', { title: 'Jalan rusak rahasia', categoryId: lab.category['JALAN-DRAINASE'], confidential: true });
  expect(await count()).toBe(before);
  await lab.submit('admin.tengah', { title: 'Jalan rusak terbuka', categoryId: lab.category['JALAN-DRAINASE'] });
  expect(await count()).toBe(before + 1);
  const home = await fetch(`${lab.t.url}/`);
  expect(home.status).toBe(200);
  expect(await home.text()).toContain('href="/admin/"');
});

test('Survei: nine elements answered 1–4 for a unit; counted once per address and unit a day; an incomplete sheet names the problem', async () => {
  const form = await (await fetch(`${lab.t.url}/survei`)).text();
  expect(form).toContain('U9. Penanganan Pengaduan, Saran dan Masukan');
  const sheet = (over: Record<string, string> = {}) => ({
    opdId: lab.opd.DINSOS,
    ...Object.fromEntries(Array.from({ length: 9 }, (_v, i) => [`u${i}`, String((i % 4) + 1)])),
    comment: 'Pelayanan cepat',
    ...over,
  });
  const [{ n: before }] = await lab.t.app.db.query('SELECT count(*)::int AS n FROM survey_response WHERE "opdId" = $1', [lab.opd.DINSOS]);
  const incomplete = await post('/survei', sheet({ u8: '' }), '198.51.100.40');
  expect(incomplete.status).toBe(400);
  expect(incomplete.html).toContain('Jawaban survei:');
  expect(incomplete.html).toContain('Pelayanan cepat');
  // One sheet per address and unit a day (relaxed in tests to the limit read here).
  const limit = lab.services.limits.surveySheet.limit;
  for (let i = 0; i < limit; i++) expect((await post('/survei', sheet(), '198.51.100.40')).html).toContain('Penilaian Anda tercatat');
  const refused = await post('/survei', sheet(), '198.51.100.40');
  expect(refused.status).toBe(429);
  expect(refused.html).toContain('Terlalu banyak permintaan');
  expect(await lab.t.app.db.query('SELECT count(*)::int AS n FROM survey_response WHERE "opdId" = $1', [lab.opd.DINSOS])).toEqual([{ n: before + limit }]);
  // Published: the unit's IKM on Statistik.
  const stats = await (await fetch(`${lab.t.url}/statistik`)).text();
  expect(stats).toMatch(/data-ikm="DINSOS">.*?<td[^>]*>\d+,\d{2}<\/td>/);
});

test('Daftar lists recent complaints without identity or internal notes, never a confidential one', async () => {
  const open = await lab.submit('admin.tengah', { title: 'Daftar: trotoar rusak', reporterName: 'Nama Pelapor Terbuka' });
  const secret = await lab.submit('admin.tengah', { title: 'Daftar: pungli rahasia', confidential: true });
  await lab.must('admin.tengah', 'verifyComplaint', { id: open.complaint.id, note: 'catatan internal daftar' });
  const html = await (await fetch(`${lab.t.url}/daftar`)).text();
  expect(html).toContain(`data-listed="${open.trackingCode}"`);
  expect(html).not.toContain(secret.trackingCode);
  expect(html).not.toContain('Daftar: pungli rahasia');
  expect(html).not.toContain('Nama Pelapor Terbuka');
  expect(html).not.toContain('catatan internal daftar');
  expect((await fetch(`${lab.t.url}/daftar?hal=abc`)).status).toBe(200);
});

test('Statistik names how each unit responded on time this quarter, worst first, counting no confidential complaint', async () => {
  const c = await lab.forwarded('DISPERKIM', { title: 'Peringkat: bantuan RTLH' });
  await lab.must('kepala.disperkim', 'acceptComplaint', { id: c.id });
  const html = await (await fetch(`${lab.t.url}/statistik`)).text();
  expect(html).toContain('Kepatuhan menanggapi');
  // The same words as the console's tooltip.
  const consoleWords = /definition:\s*'(Tepat waktu:[^']+)'/.exec(fs.readFileSync(path.resolve(__dirname, '../../../../admin/src/i18n/id.ts'), 'utf8'))![1];
  expect(html).toContain(consoleWords);
  expect(html).toMatch(/data-on-time="Dinas Perumahan dan Kawasan Permukiman">.*?\d+ dari \d+ \(\d+%\)/);
});

test('a sitemap names every public page; robots keep crawlers out of the console and the API', async () => {
  const xml = await (await fetch(`${lab.t.url}/sitemap.xml`)).text();
  for (const p of ['/lapor', '/lacak', '/daftar', '/statistik', '/survei', '/program', '/pos-layanan', '/standar-pelayanan'])
    expect(xml).toContain(`${p}</loc>`);
  const robots = await (await fetch(`${lab.t.url}/robots.txt`)).text();
  expect(robots).toContain('Disallow: /admin/');
  expect(robots).toContain('Sitemap: ');
});

test('pages that read the database are rate-limited per address across processes; statistics are computed at most once per configured period', async () => {
  const cached = await Lab.start({ publicStatisticsSeconds: 60, trustProxy: ['loopback'] });
  try {
    const figures = async () => {
      const html = await (await fetch(`${cached.t.url}/statistik`)).text();
      return {
        asOf: /data-as-of>([^<]+)</.exec(html)?.[1],
        roads: Number(/Infrastruktur Jalan dan Drainase<\/th><td[^>]*>(\d+)</.exec(html)?.[1] ?? 0),
      };
    };
    const first = await figures();
    await cached.submit('admin.tengah', { title: 'Jalan berlubang di Jl. Pemuda', categoryId: cached.category['JALAN-DRAINASE'] });
    // Within the period the same figures, with the moment they were taken shown on the page.
    expect(await figures()).toEqual(first);
    expect(first.asOf).toMatch(/WIB$/);

    // An address that used up its page views (counted in the shared table, as every process would)
    // gets 429 with Retry-After on the reading pages; the tracking form still opens.
    const address = '203.0.113.77';
    await cached.t.app.db.query(
      `INSERT INTO rate_limit (key, points, expire) VALUES ($1, 1000000, (extract(epoch FROM now()) * 1000)::bigint + 60000)
       ON CONFLICT (key) DO UPDATE SET points = EXCLUDED.points, expire = EXCLUDED.expire`,
      [`public-page:${address}`],
    );
    const headers = { 'x-forwarded-for': address };
    const refused = await fetch(`${cached.t.url}/daftar`, { headers });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.text()).toContain('Terlalu banyak permintaan');
    expect((await fetch(`${cached.t.url}/statistik`, { headers })).status).toBe(429);
    expect((await fetch(`${cached.t.url}/lacak`, { headers })).status).toBe(200);
    expect((await fetch(`${cached.t.url}/daftar`, { headers: { 'x-forwarded-for': '203.0.113.78' } })).status).toBe(200);
  } finally {
    await cached.stop();
  }
}, 60_000);
