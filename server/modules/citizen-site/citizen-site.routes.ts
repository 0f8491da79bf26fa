import crypto from 'node:crypto';
import type http from 'node:http';
import express from 'express';
import { graphql, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import type { Context } from '../../core/context';
import type { ComplaintEventType, ComplaintStatus } from '../complaints/complaint.enums';
import type { DeadlineKind } from '../complaints/complaint-deadlines';
import type { RateLimit } from '../../core/rate-limit';
import { AppError } from '../../core/errors';
import type { AttachmentService, ReporterPhoto } from '../attachments/attachment.service';
import { captchaScript, captchaWidget, verifyCaptcha, type CaptchaConfig } from './captcha';
import { readPost, type Posted } from './form-post';
import { LAPOR_SCRIPT, locationFields, parsePoint, type MapConfig } from './location';
import { wibQuarter } from '../../core/wib';
import { ikmByOpd, IKM_ELEMENTS } from '../reports/ikm';
import { onTimeByOpdSql, onTimeFigure } from '../reports/on-time';
import { parsePeriod } from '../reports/report.service';
import { nextOpening } from '../service-posts/service-post.service';
import { PUBLIC_COMPONENTS } from '../service-standards/service-standard.entity';
import { esc, page, wibText } from './html';

/** Runs one operation of the public API as an anonymous caller from this request: the same rules, limits and checks. */
export type PublicRunner = (req: express.Request, source: string, variables: Record<string, unknown>) => Promise<PublicResult>;

/** A refusal as the API formats it. */
interface Refusal {
  message: string;
  extensions?: { code?: unknown; retryAfterSeconds?: unknown; problems?: { field: string; message: string }[] };
}

interface PublicResult {
  data?: Record<string, unknown> | null;
  errors?: readonly Refusal[];
}

interface Entry {
  type: string;
  message: string | null;
  unit: string | null;
  at: string;
}

/** What `trackComplaint` answers with (the selection in TRACK). */
interface Tracked {
  trackingCode: string;
  title: string;
  status: string;
  category: string | null;
  currentUnit: string | null;
  answer: string | null;
  submittedAt: string;
  respondedAt: string | null;
  canRate: boolean;
  deadlines: { kind: string; dueAt: string; done: boolean; overdue: boolean; paused: boolean }[];
  pause: { kind: string; reason: string | null; since: string; until: string | null } | null;
  timeline: Entry[];
  attachments: { fileName: string; kind: string; size: number; url: string; thumbnailUrl: string | null }[];
  mergedInto: { trackingCode: string; status: string; currentUnit: string | null; answer: string | null; timeline: Entry[] } | null;
}

export function publicRunner(
  schema: GraphQLSchema,
  contextFor: (req: express.Request) => Context,
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError,
): PublicRunner {
  return async (req, source, variables) => {
    const r = await graphql({ schema, source, variableValues: variables, contextValue: contextFor(req) });
    // Formatted as over HTTP, so refusals carry the same codes and fields.
    return { data: r.data as Record<string, unknown> | null | undefined, errors: r.errors?.map((e) => formatError(e.toJSON(), e) as Refusal) };
  };
}

// Worded for the reporter ("Balasan Anda"), not the console's staff labels; typed by the enums so a new value cannot go unnamed.
const STATUS: Record<ComplaintStatus, string> = {
  SUBMITTED: 'Baru masuk',
  VERIFIED: 'Terverifikasi',
  FORWARDED: 'Diteruskan ke unit',
  IN_PROGRESS: 'Sedang ditindaklanjuti',
  RESPONDED: 'Sudah dijawab',
  CLOSED: 'Selesai',
  REJECTED: 'Ditolak',
  ARCHIVED: 'Diarsipkan',
  MERGED: 'Digabung dengan pengaduan lain',
};
const EVENT: Partial<Record<ComplaintEventType, string>> = {
  SUBMITTED: 'Laporan diterima',
  VERIFIED: 'Diverifikasi',
  REJECTED: 'Ditolak',
  FORWARDED: 'Diteruskan',
  ACCEPTED: 'Diterima unit',
  PROGRESS: 'Perkembangan',
  RESPONDED: 'Dijawab',
  CLOSED: 'Ditutup',
  AUTO_CLOSED: 'Ditutup otomatis',
  REOPENED: 'Dibuka kembali',
  RATED: 'Dinilai',
  INFO_REQUESTED: 'Pertanyaan untuk Anda',
  REPORTER_REPLIED: 'Balasan Anda',
  HELD: 'Ditunda',
  RESUMED: 'Dilanjutkan',
  ARCHIVED: 'Diarsipkan',
  MERGED: 'Digabungkan',
  ATTACHMENT_ADDED: 'Lampiran ditambahkan',
  ATTACHMENT_REMOVED: 'Lampiran dihapus',
};
/** The reporter's word for an enum value, or the value itself for one the map leaves out. */
const said = (words: Partial<Record<string, string>>, value: string) => words[value] ?? value;
const DEADLINE: Record<DeadlineKind, string> = { VERIFY: 'Verifikasi', RESPONSE: 'Tanggapan pertama', FOLLOW_UP: 'Tindak lanjut', SETTLE: 'Penyelesaian' };
const FIELD: Record<string, string> = {
  'input.title': 'Judul',
  'input.description': 'Uraian',
  'input.reporterPhone': 'Kontak',
  'input.reporterEmail': 'E-mail',
  'input.reporterNik': 'NIK',
  'input.rt': 'RT',
  'input.rw': 'RW',
  'input.kelurahanId': 'Kelurahan',
  'input.categoryId': 'Kategori',
  'input.opdId': 'Unit pelayanan',
  'input.latitude': 'Lintang',
  'input.longitude': 'Bujur',
  photos: 'Foto',
  'input.answers': 'Jawaban survei',
  message: 'Pesan',
  reason: 'Alasan',
  score: 'Nilai',
  comment: 'Komentar',
};

/** The server's refusals in Bahasa Indonesia, each naming its field. */
function problemText(r: PublicResult): string {
  const e = r.errors?.[0];
  const code = e?.extensions?.code;
  if (code === 'NOT_FOUND') return 'Kode pelacakan atau kode akses tidak cocok. Periksa kembali kedua kode.';
  if (code === 'RATE_LIMITED') return `Terlalu banyak permintaan dari alamat Anda. Coba lagi dalam ${Number(e?.extensions?.retryAfterSeconds ?? 60)} detik.`;
  if (code === 'INVALID_TRANSITION') return 'Tindakan ini tidak dapat dilakukan pada status pengaduan sekarang.';
  if (code === 'CONFLICT') return 'Jawaban ini sudah Anda nilai.';
  if (code === 'BAD_USER_INPUT') {
    const problems = e?.extensions?.problems ?? [];
    return problems.map((p) => `${FIELD[p.field] ?? p.field}: ${indonesian(p.message)}`).join('; ') || 'Periksa kembali isian Anda.';
  }
  if (code === 'SERVICE_UNAVAILABLE') return 'Layanan sedang sibuk. Isian Anda tidak hilang: coba kirim lagi sebentar lagi.';
  return 'Terjadi kesalahan. Coba lagi.';
}

function indonesian(message: string): string {
  return message
    .replace(/^is required.*/, 'wajib diisi')
    .replace(/.*must be longer than or equal to (\d+) characters/, 'minimal $1 karakter')
    .replace(/.*must be shorter than or equal to (\d+) characters/, 'maksimal $1 karakter')
    .replace(/must be at least (\d+) characters/, 'minimal $1 karakter')
    .replace(/must be at most (\d+) characters/, 'maksimal $1 karakter')
    .replace(/must be a whole number from 1 to 5/, 'pilih 1 sampai 5')
    .replace(/give at least one way to reach the reporter.*/, 'isi minimal satu kontak: telepon, e-mail atau alamat')
    .replace(/must be a phone number/, 'bukan nomor telepon yang benar')
    .replace(/.*must be an email/, 'bukan alamat e-mail yang benar')
    .replace(/NIK must be 16 digits/, 'harus 16 angka')
    .replace(/must be an R[TW] number/, 'harus berupa angka')
    .replace(/.*must be a latitude.*/, 'harus di antara -90 dan 90')
    .replace(/.*must be a longitude.*/, 'harus di antara -180 dan 180')
    .replace(/give both latitude and longitude.*/, 'isi lintang dan bujur, atau kosongkan keduanya');
}

/** A refusal of this server's own services (not through GraphQL), in the shape problemText reads. */
const refusalOf = (err: AppError): PublicResult => ({ errors: [{ message: err.message, extensions: err.extensions as Refusal['extensions'] }] });

const PHOTO_TYPES = 'image/jpeg,image/png,image/webp,image/gif';

/** The photo input of the report and reply forms; a browser cannot be given the files back, so after a refusal it asks for them again. */
function photoInput(id: string, site: SiteOptions, again: boolean): string {
  const mb = Math.floor(site.attachments.limits.maxFileBytes / 1024 / 1024);
  return `<label for="${id}">Foto (opsional, paling banyak ${site.maxPhotos})</label><input type="file" id="${id}" name="photos" accept="${PHOTO_TYPES}" multiple aria-describedby="${id}-hint">
<p class="hint" id="${id}-hint">${again ? '<strong>Pilih lagi foto Anda: foto tidak ikut tersimpan saat isian dikembalikan.</strong> ' : ''}JPEG, PNG, WebP atau GIF, paling besar ${mb} MB per foto. Foto hanya dilihat petugas yang menangani pengaduan, tidak ditampilkan di halaman publik; lokasi GPS dan data kamera di dalam foto dihapus.</p>`;
}

const VIEW = `trackingCode title status category currentUnit answer rating submittedAt respondedAt canRate
  deadlines { kind dueAt done overdue paused } pause { kind reason since until } timeline { type message unit at }
  attachments { fileName kind size url thumbnailUrl }`;
const TRACK = `query($tc: String!, $ac: String!) { trackComplaint(trackingCode: $tc, accessCode: $ac) {
  ${VIEW} mergedInto { trackingCode status currentUnit answer respondedAt timeline { type message unit at } } } }`;
const REPLY = `mutation($tc: String!, $ac: String!, $m: String!) { replyToComplaint(trackingCode: $tc, accessCode: $ac, message: $m) { status } }`;
const RATE = `mutation($tc: String!, $ac: String!, $s: Int!, $c: String) { rateComplaint(trackingCode: $tc, accessCode: $ac, score: $s, comment: $c) { rating } }`;
const RENEW = `mutation($tc: String!) { renewAccessCode(trackingCode: $tc) }`;
const REOPEN = `mutation($tc: String!, $ac: String!, $r: String!) { reopenComplaint(trackingCode: $tc, accessCode: $ac, reason: $r) }`;
const SUBMIT = `mutation($input: ComplaintInput!, $key: String) { submitComplaint(input: $input, idempotencyKey: $key) { trackingCode accessCode } }`;

const PROGRAMS = `{ publicPrograms { code name description eligibility benefits contact ownerOpd { name } } }`;
const WEEKDAYS = ['', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu', 'Minggu'];

const SURVEY = `mutation($input: SurveyResponseInput!) { submitSurveyResponse(input: $input) }`;
const GRADES = ['Tidak baik', 'Kurang baik', 'Baik', 'Sangat baik'];

function surveyForm(units: Choice[], v: Record<string, string> = {}, problem = ''): string {
  const options = units.map((u) => `<option value="${u.id}"${String(u.id) === v.opdId ? ' selected' : ''}>${esc(u.name)}</option>`).join('');
  const element = (name: string, i: number) =>
    `<fieldset class="card"><legend><strong>U${i + 1}. ${esc(name)}</strong></legend>${GRADES.map(
      (g, j) =>
        `<div class="check"><input type="radio" id="u${i}-${j + 1}" name="u${i}" value="${j + 1}" required${v[`u${i}`] === String(j + 1) ? ' checked' : ''}><label for="u${i}-${j + 1}" style="margin:0;font-weight:400">${j + 1} · ${g}</label></div>`,
    ).join('')}</fieldset>`;
  return page(
    'Survei kepuasan',
    `<h1>Survei kepuasan masyarakat</h1>${problem ? `<div class="error" role="alert">${esc(problem)}</div>` : ''}
<form method="post" action="/survei"><div class="card"><label for="opdId">Unit pelayanan yang Anda nilai</label><select id="opdId" name="opdId" required><option value="">— pilih —</option>${options}</select></div>
${IKM_ELEMENTS.map(element).join('')}<div class="card"><label for="comment">Saran (opsional)</label><textarea id="comment" name="comment" maxlength="2000">${esc(v.comment)}</textarea></div>
<button type="submit">Kirim survei</button></form>`,
  );
}

/** The pages anyone may find (the sitemap); Lacak's answers come only from a form post. */
export const PUBLIC_PAGES = ['/', '/lapor', '/lacak', '/daftar', '/statistik', '/survei', '/program', '/pos-layanan', '/standar-pelayanan'];

const STANDARD_WORDS: Record<(typeof PUBLIC_COMPONENTS)[number], string> = {
  requirements: 'Persyaratan',
  procedure: 'Sistem, mekanisme dan prosedur',
  timeLimit: 'Jangka waktu penyelesaian',
  fee: 'Biaya/tarif',
  product: 'Produk pelayanan',
  complaintHandling: 'Penanganan pengaduan, saran dan masukan',
};

const str = (v: unknown) => (typeof v === 'string' ? v : '');

function codesForm(tc = '', problem = ''): string {
  return `<h1>Lacak pengaduan</h1>${problem ? `<div class="error" role="alert">${esc(problem)}</div>` : ''}
<form method="post" action="/lacak" class="card">
<label for="tc">Kode pelacakan</label><input type="text" id="tc" name="tc" value="${esc(tc)}" autocomplete="off" required placeholder="MGL-2612-00001">
<label for="ac">Kode akses</label><input type="text" id="ac" name="ac" autocomplete="off" required>
<p class="hint">Kedua kode diberikan saat laporan Anda diterima.</p><button type="submit">Lihat perkembangan</button></form>
<h2>Lupa kode akses?</h2><form method="post" action="/lacak/kode-baru" class="card">
<label for="rtc">Kode pelacakan pengaduan yang kode aksesnya hilang</label><input type="text" id="rtc" name="tc" value="${esc(tc)}" autocomplete="off" required>
<p class="hint">Kode akses baru dikirim ke telepon (WhatsApp/SMS) atau e-mail yang Anda cantumkan saat melapor; kode yang lama tidak berlaku lagi.</p>
<button type="submit">Kirim kode akses baru</button></form>`;
}

function timeline(entries: Entry[]): string {
  return `<ol class="timeline">${[...entries]
    .reverse()
    .map(
      (e) =>
        `<li><strong>${esc(said(EVENT, e.type))}</strong>${e.unit ? ` · ${esc(e.unit)}` : ''}<div class="when">${esc(wibText(e.at))}</div>${e.message ? `<div>${esc(e.message)}</div>` : ''}</li>`,
    )
    .join('')}</ol>`;
}

/** The reporter's page: status, deadlines as dates, the public timeline, and what they may do now. */
function statusPage(c: Tracked, tc: string, ac: string, site: SiteOptions, notice = '', problem = '', draft: Draft = { m: '', photosAgain: false }): string {
  const hidden = `<input type="hidden" name="tc" value="${esc(tc)}"><input type="hidden" name="ac" value="${esc(ac)}">`;
  const ended = ['CLOSED', 'REJECTED', 'ARCHIVED', 'MERGED'].includes(c.status);
  const parts = [
    `<h1>${esc(c.title)}</h1>`,
    notice ? `<div class="ok" role="status">${esc(notice)}</div>` : '',
    problem ? `<div class="error" role="alert">${esc(problem)}</div>` : '',
    `<div class="card"><dl><dt>Kode</dt><dd>${esc(c.trackingCode)}</dd><dt>Status</dt><dd data-status="${esc(c.status)}"><strong>${esc(said(STATUS, c.status))}</strong></dd>
<dt>Kategori</dt><dd>${esc(c.category ?? '—')}</dd><dt>Unit penanganan</dt><dd>${esc(c.currentUnit ?? '—')}</dd><dt>Diterima</dt><dd>${esc(wibText(c.submittedAt))}</dd></dl></div>`,
  ];
  if (c.pause) {
    parts.push(
      `<div class="notice" data-pause="${esc(c.pause.kind)}"><strong>${c.pause.kind === 'AWAITING_REPORTER' ? 'Petugas menunggu informasi dari Anda' : 'Penanganan ditunda'}</strong><div>${esc(c.pause.reason)}</div>${
        c.pause.until ? `<div class="hint">Penanganan berlanjut paling lambat ${esc(wibText(c.pause.until))}.</div>` : ''
      }</div>`,
    );
  }
  if (c.answer) parts.push(`<h2>Jawaban</h2><div class="card" data-answer>${esc(c.answer)}<div class="hint">${esc(wibText(c.respondedAt))}</div></div>`);
  if (c.mergedInto) {
    const m = c.mergedInto;
    parts.push(
      `<h2>Ditangani bersama pengaduan ${esc(m.trackingCode)}</h2><div class="card" data-merged><dl><dt>Status</dt><dd>${esc(said(STATUS, m.status))}</dd><dt>Unit</dt><dd>${esc(m.currentUnit ?? '—')}</dd></dl>${
        m.answer ? `<h2>Jawaban</h2><div>${esc(m.answer)}</div>` : ''
      }${timeline(m.timeline)}</div>`,
    );
  }
  if (c.deadlines.length) {
    parts.push(
      `<h2>Batas waktu</h2><div class="card"><dl>${c.deadlines
        .map(
          (d) =>
            `<dt>${esc(said(DEADLINE, d.kind))}</dt><dd>${esc(wibText(d.dueAt))}${d.done ? ' · selesai' : d.paused ? ' · dihentikan sementara' : d.overdue ? ' · terlambat' : ''}</dd>`,
        )
        .join('')}</dl></div>`,
    );
  }
  if (c.attachments.length) {
    // Links signed for this page; the thumbnails are small JPEGs the server made, never the original.
    parts.push(
      `<h2>Foto dan dokumen</h2><div class="card"><ul class="files">${c.attachments
        .map(
          (a) =>
            `<li><a href="${esc(a.url)}">${a.thumbnailUrl ? `<img src="${esc(a.thumbnailUrl)}" alt="${esc(a.fileName)}" width="160" loading="lazy"><br>` : ''}${esc(a.fileName)}</a> <span class="hint">(${Math.max(1, Math.round(a.size / 1024))} KB)</span></li>`,
        )
        .join('')}</ul></div>`,
    );
  }
  parts.push(`<h2>Riwayat</h2><div class="card">${timeline(c.timeline)}</div>`);
  if (!ended) {
    parts.push(`<h2>${c.pause?.kind === 'AWAITING_REPORTER' ? 'Jawab pertanyaan petugas' : 'Tambah informasi'}</h2>
<form method="post" action="/lacak/balas" class="card" enctype="multipart/form-data">${hidden}<label for="m">Pesan Anda</label><textarea id="m" name="m" required minlength="3" maxlength="2000">${esc(draft.m)}</textarea>
${photoInput('mp', site, draft.photosAgain)}<button type="submit">Kirim</button></form>`);
  }
  if (c.canRate) {
    parts.push(`<h2>Nilai penanganan</h2><form method="post" action="/lacak/nilai" class="card">${hidden}
<label for="s">Nilai (1 = sangat kurang, 5 = sangat baik)</label><select id="s" name="s" required>${[5, 4, 3, 2, 1].map((n) => `<option value="${n}">${n}</option>`).join('')}</select>
<label for="c">Komentar (opsional)</label><textarea id="c" name="c" maxlength="2000"></textarea><button type="submit">Kirim nilai</button></form>`);
  }
  if (c.status === 'RESPONDED') {
    parts.push(`<h2>Belum selesai?</h2><form method="post" action="/lacak/buka" class="card">${hidden}
<label for="r">Alasan membuka kembali</label><textarea id="r" name="r" required minlength="3" maxlength="2000"></textarea><button type="submit">Buka kembali</button></form>`);
  }
  return page(`Pengaduan ${c.trackingCode}`, parts.join('\n'));
}

interface Counts {
  name: string | null;
  total: number;
  answered: number;
  overdue: number;
}

/** Public counts: never confidential complaints, nor spam or merged duplicates. */
function publicCounts(db: DataSource, name: string, join: string): Promise<Counts[]> {
  return db.query(
    `SELECT ${name} AS name, count(*)::int AS total,
            count(*) FILTER (WHERE c.status IN ('RESPONDED','CLOSED'))::int AS answered,
            count(*) FILTER (WHERE c."dueAt" < now())::int AS overdue
       FROM complaint c ${join}
      WHERE NOT c.confidential AND c.status NOT IN ('ARCHIVED','MERGED') AND c."createdAt" >= now() - interval '365 days'
      GROUP BY 1 ORDER BY 2 DESC, 1`,
  );
}

/** The console's tooltip, word for word (admin/src/i18n/id.ts onTime.definition): one definition everywhere. */
const ON_TIME_WORDS =
  'Tepat waktu: dari pengaduan yang diteruskan ke unit pada periode ini dan tanggapan pertamanya sudah jatuh tempo (sudah ditanggapi atau batas waktunya lewat), bagian yang ditanggapi pertama kali (diterima, progres publik, atau jawaban) paling lambat pada batas waktu yang ditetapkan saat diteruskan. Setiap penerusan dihitung pada unit yang menerimanya.';

interface Ranked {
  name: string;
  due: number;
  inTime: number;
  pct: number | null;
}

/**
 * This quarter's on-time first responses per unit (the dashboard's and the report's one
 * definition, reports/on-time.ts), over complaints that are not confidential, worst first.
 */
async function quarterRanking(db: DataSource, now = new Date()): Promise<{ label: string; rows: Ranked[] }> {
  const label = wibQuarter(now);
  const { from, to } = parsePeriod(label);
  const params: unknown[] = [];
  const sql = onTimeByOpdSql(params, from, to, now, 'NOT c.confidential');
  const rows: { opd: number; due: number; in_time: number; name: string }[] = await db.query(
    `SELECT t.*, o.name FROM (${sql}) t JOIN opd o ON o.id = t.opd WHERE t.due > 0`,
    params,
  );
  const ranked = rows.map((r) => ({ name: r.name, ...onTimeFigure(r.in_time, r.due) }));
  ranked.sort((a, b) => (a.pct ?? 101) - (b.pct ?? 101) || b.due - a.due || a.name.localeCompare(b.name));
  return { label, rows: ranked };
}

function rankingTable({ label, rows }: { label: string; rows: Ranked[] }): string {
  return `<div class="card"><p>Triwulan ${esc(label.replace('-Q', ' ke-').split(' ').reverse().join(', tahun '))}. ${ON_TIME_WORDS}</p>
<table style="width:100%;border-collapse:collapse"><thead><tr><th scope="col" style="text-align:left">Unit</th><th scope="col">Tepat waktu</th><th scope="col">Terlambat</th></tr></thead><tbody>${rows
    .map(
      (r) =>
        `<tr data-on-time="${esc(r.name)}"><th scope="row" style="text-align:left;font-weight:400">${esc(r.name)}</th><td style="text-align:right">${r.inTime} dari ${r.due} (${esc(r.pct?.toFixed(0) ?? '—')}%)</td><td style="text-align:right">${r.due - r.inTime}</td></tr>`,
    )
    .join('')}</tbody></table></div>`;
}

/** Each unit's IKM over every survey sheet it received (as the report computes it). */
async function publishedIkm(db: DataSource) {
  const [byOpd, units] = await Promise.all([
    ikmByOpd((sql, params) => db.query(sql, params)),
    db.query(`SELECT id, code, name FROM opd`) as Promise<{ id: number; code: string; name: string }[]>,
  ]);
  return units
    .filter((u) => byOpd.has(u.id))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((u) => ({ code: u.code, name: u.name, ...byOpd.get(u.id)! }));
}

function ikmTable(rows: Awaited<ReturnType<typeof publishedIkm>>): string {
  return `<div class="card"><table style="width:100%;border-collapse:collapse"><thead><tr><th scope="col" style="text-align:left">Unit</th><th scope="col">IKM</th><th scope="col">Mutu</th><th scope="col">Responden</th></tr></thead><tbody>${rows
    .map(
      (u) =>
        `<tr data-ikm="${esc(u.code)}"><th scope="row" style="text-align:left;font-weight:400">${esc(u.name)}</th><td style="text-align:right">${esc(u.ikm?.toFixed(2).replace('.', ','))}</td><td>${esc(`${u.grade ?? ''} (${u.gradeLabel ?? ''})`)}</td><td style="text-align:right">${u.responses}</td></tr>`,
    )
    .join('')}</tbody></table><p class="hint">Dari <a href="/survei">survei kepuasan</a>; IKM = indeks × 25.</p></div>`;
}

function countTable(rows: Counts[], label: string, none: string): string {
  return `<div class="card"><table style="width:100%;border-collapse:collapse"><thead><tr><th scope="col" style="text-align:left">${label}</th><th scope="col">Masuk</th><th scope="col">Dijawab</th><th scope="col">Terlambat</th></tr></thead><tbody>${rows
    .map(
      (r) =>
        `<tr><th scope="row" style="text-align:left;font-weight:400">${esc(r.name ?? none)}</th><td style="text-align:right">${r.total}</td><td style="text-align:right">${r.answered}</td><td style="text-align:right">${r.overdue}</td></tr>`,
    )
    .join('')}</tbody></table></div>`;
}

interface Choice {
  id: number;
  name: string;
}

function reportForm(kelurahan: Choice[], categories: Choice[], site: SiteOptions, v: Record<string, string> = {}, problem = '', photosAgain = false): string {
  const options = (list: Choice[], selected: string) =>
    `<option value="">— pilih —</option>${list.map((o) => `<option value="${o.id}"${String(o.id) === selected ? ' selected' : ''}>${esc(o.name)}</option>`).join('')}`;
  const text = (id: string, label: string, type = 'text', extra = '') =>
    `<label for="${id}">${label}</label><input type="${type}" id="${id}" name="${id}" value="${esc(v[id])}" ${extra}>`;
  const checked = (id: string) => (v[id] ? ' checked' : '');
  return page(
    'Lapor',
    `<h1>Sampaikan pengaduan</h1>${problem ? `<div class="error" role="alert">${esc(problem)}</div>` : ''}
<form method="post" action="/lapor" class="card" enctype="multipart/form-data"><input type="hidden" name="key" value="${esc(v.key || crypto.randomUUID())}">
${text('title', 'Apa yang terjadi? (judul singkat)', 'text', 'required minlength="5" maxlength="200"')}
<label for="description">Uraian</label><textarea id="description" name="description" required minlength="10" maxlength="10000">${esc(v.description)}</textarea>
<label for="categoryId">Kategori</label><select id="categoryId" name="categoryId">${options(categories, v.categoryId ?? '')}</select>
<label for="kelurahanId">Kelurahan</label><select id="kelurahanId" name="kelurahanId">${options(kelurahan, v.kelurahanId ?? '')}</select>
${text('rt', 'RT', 'text', 'inputmode="numeric" maxlength="3"')}${text('rw', 'RW', 'text', 'inputmode="numeric" maxlength="3"')}${text('address', 'Lokasi / alamat kejadian')}
${locationFields(v, site.map)}${photoInput('photos', site, photosAgain)}
<h2>Kontak untuk kabar perkembangan</h2>${text('reporterName', 'Nama')}${text('reporterPhone', 'Telepon / WhatsApp', 'tel')}${text('reporterEmail', 'E-mail', 'email')}
<p class="hint">Isi minimal satu kontak (telepon, e-mail atau alamat).</p>${text('reporterAddress', 'Alamat Anda')}
<div class="check"><input type="checkbox" id="anonymous" name="anonymous" value="1"${checked('anonymous')}><label for="anonymous" style="margin:0;font-weight:400"><strong>Anonim</strong>: identitas Anda hanya diketahui admin penerima, tidak oleh unit yang menangani.</label></div>
<div class="check"><input type="checkbox" id="confidential" name="confidential" value="1"${checked('confidential')}><label for="confidential" style="margin:0;font-weight:400"><strong>Rahasia</strong>: isi pengaduan tidak ditampilkan di daftar atau statistik publik.</label></div>
<div class="check"><input type="checkbox" id="noUpdates" name="noUpdates" value="1"${checked('noUpdates')}><label for="noUpdates" style="margin:0;font-weight:400">Jangan kirimi saya kabar perkembangan (tanda terima dengan kode tetap dikirim ke kontak Anda).</label></div>
<div class="hp" aria-hidden="true"><label for="website">Jangan diisi</label><input type="text" id="website" name="website" tabindex="-1" autocomplete="off"></div>
${site.captcha ? captchaWidget(site.captcha) : ''}<button type="submit">Kirim pengaduan</button></form>`,
    `<script src="${LAPOR_SCRIPT.path}" defer></script>${site.captcha ? captchaScript(site.captcha) : ''}`,
  );
}

/** What the report and reply forms offer beyond text (Config.citizenSite), and the service that keeps the reporter's photos. */
export interface SiteOptions {
  attachments: AttachmentService;
  captcha: CaptchaConfig | null;
  map: MapConfig | null;
  maxPhotos: number;
  /** Photos cost CPU to read: each post carrying some also counts against the public submission limit (per address). */
  photoLimit: RateLimit;
  log: { warn(detail: object, message: string): void; error(detail: object, message: string): void };
}

/** What the reporter typed in the reply form, given back after a refusal. */
interface Draft {
  m: string;
  photosAgain: boolean;
}

export interface PageGuard {
  pageLimit: RateLimit;
  addressOf: (req: http.IncomingMessage) => string;
  /** Statistics are aggregates over a year: a minute-old figure is fine, a query per view is not. */
  statisticsSeconds: number;
  /** The message channels configured (configuredChannels): the receipt says where the codes also went. */
  channels: string[];
}

/** The pages that query the database on every view; the forms and static files are not counted. */
const READING_PAGES = ['/statistik', '/daftar', '/program', '/pos-layanan', '/standar-pelayanan', '/survei', '/lapor'];

/** One value computed at most once per `ms`; concurrent callers share the computation, a failure is not kept. */
export function shortLived<T>(ms: number, compute: () => Promise<T>): () => Promise<T> {
  let held: { at: number; value: Promise<T> } | null = null;
  return () => {
    if (held && Date.now() - held.at < ms) return held.value;
    const value = compute();
    const entry = { at: Date.now(), value };
    held = entry;
    value.catch(() => {
      if (held === entry) held = null;
    });
    return value;
  };
}

function receipt(
  trackingCode: string,
  accessCode: string,
  sentTo: string[] = [],
  photos: { added: number; problem: string } = { added: 0, problem: '' },
): string {
  const copies = sentTo.length ? ` Kedua kode juga kami kirim ke ${sentTo.join(' dan ')} yang Anda isi.` : '';
  const attached = photos.added ? ` ${photos.added} foto terlampir (hanya untuk petugas).` : '';
  // The report stands; the photos did not make it, and the reporter is told so, with a way to send them.
  const lost = photos.problem
    ? `<div class="notice" role="alert" data-photos-lost>Laporan Anda tercatat, tetapi fotonya tidak tersimpan: ${esc(photos.problem)} Kirim fotonya lewat halaman <a href="/lacak">Lacak</a> (Tambah informasi) dengan kedua kode di bawah.</div>`
    : '';
  return page(
    'Laporan diterima',
    `<h1>Laporan Anda diterima</h1>${lost}<div class="ok" role="status">Simpan kedua kode ini: keduanya diperlukan untuk melacak, membalas dan menilai pengaduan Anda.${esc(copies)}${esc(attached)}</div>
<div class="card"><dl><dt>Kode pelacakan</dt><dd><span class="code" data-tracking-code>${esc(trackingCode)}</span></dd><dt>Kode akses</dt><dd><span class="code" data-access-code>${esc(accessCode)}</span></dd></dl>
<p>Admin pengaduan memverifikasi laporan paling lambat 3 hari kerja, lalu meneruskannya ke unit yang berwenang. Perkembangan dan batas waktunya tampil di halaman <a href="/lacak">Lacak</a>.</p></div>`,
  );
}

/**
 * The citizen's pages (Lapor, Lacak): server-rendered HTML in Bahasa Indonesia that works without
 * scripts (Lapor adds one small one: location.ts). Every action goes through the public GraphQL
 * operations, so the same rules and rate limits apply; only the reporter's photos, which GraphQL
 * does not carry, go to the attachment service directly, with the codes. The access code travels
 * only in form posts, never in a URL.
 */
export function citizenSite(db: DataSource, run: PublicRunner, guard: PageGuard, site: SiteOptions): express.Router {
  const router = express.Router();
  router.get(
    LAPOR_SCRIPT.path,
    (_req, res) => void res.type('text/javascript').set('Cache-Control', 'public, max-age=31536000, immutable').send(LAPOR_SCRIPT.body),
  );
  const form = express.urlencoded({ extended: false, limit: '64kb' });
  const send = (res: express.Response, html: string, status = 200) => void res.status(status).type('html').set('Cache-Control', 'no-store').send(html);
  router.get(
    READING_PAGES,
    (req, res, next) =>
      void guard.pageLimit.take(guard.addressOf(req)).then((wait) => {
        if (wait == null) return next();
        res.set('Retry-After', String(wait));
        send(res, page('Terlalu banyak permintaan', `<h1>Terlalu banyak permintaan</h1><p>Silakan coba lagi dalam ${wait} detik.</p>`), 429);
      }, next),
  );
  const statistics = shortLived(guard.statisticsSeconds * 1000, () =>
    Promise.all([
      Promise.resolve(new Date()),
      publicCounts(db, 'cat.name', 'LEFT JOIN category cat ON cat.id = c."categoryId"'),
      publicCounts(db, 'o.name', 'LEFT JOIN opd o ON o.id = c."currentOpdId"'),
      publishedIkm(db),
      quarterRanking(db),
    ]),
  );
  const choices = async () => ({
    kelurahan: (await db.query(`SELECT id, name FROM opd WHERE kind = 'KELURAHAN' AND active ORDER BY name`)) as Choice[],
    categories: (await db.query(`SELECT id, name FROM category WHERE active ORDER BY name`)) as Choice[],
  });

  router.get('/sitemap.xml', (req, res) => {
    const base = `${req.protocol}://${req.get('host') ?? 'localhost'}`;
    const urls = PUBLIC_PAGES.map((p) => `<url><loc>${esc(base + p)}</loc></url>`).join('');
    res.type('application/xml').send(`<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls}</urlset>`);
  });
  router.get(
    '/robots.txt',
    (req, res) =>
      void res
        .type('text/plain')
        .send(`User-agent: *\nDisallow: /admin/\nDisallow: /graphql\nSitemap: ${req.protocol}://${req.get('host') ?? 'localhost'}/sitemap.xml\n`),
  );

  router.get('/lacak', (_req, res) => send(res, page('Lacak', codesForm())));

  const track = async (req: express.Request, res: express.Response, notice = '', problem = '', draft?: Draft, status = 200) => {
    const tc = str(req.body.tc).trim();
    const ac = str(req.body.ac).trim();
    const r = await run(req, TRACK, { tc, ac });
    const tracked = r.data?.trackComplaint as Tracked | undefined;
    if (!tracked) return send(res, page('Lacak', codesForm(tc, problemText(r))), r.errors?.[0]?.extensions?.code === 'RATE_LIMITED' ? 429 : 404);
    send(res, statusPage(tracked, tc, ac, site, notice, problem, draft), status);
  };

  const photoLimits = () => ({ fileBytes: site.attachments.limits.maxFileBytes, files: site.maxPhotos });
  const tooLarge = () =>
    `Foto: kiriman terlalu besar; paling banyak ${site.maxPhotos} foto, masing-masing ${Math.floor(site.attachments.limits.maxFileBytes / 1024 / 1024)} MB.`;
  /** The post's photos, read before anything is recorded; a refusal names the field and the file. */
  const readPhotos = async (req: express.Request, posted: Posted): Promise<{ photos: ReporterPhoto[] } | { problem: string; status: number }> => {
    if (!posted.files.length && !posted.tooManyFiles) return { photos: [] };
    const wait = await site.photoLimit.take(`photos:${guard.addressOf(req)}`);
    if (wait != null) return { problem: `Terlalu banyak kiriman foto dari alamat Anda. Coba lagi dalam ${wait} detik.`, status: 429 };
    if (posted.tooManyFiles) return { problem: `Foto: paling banyak ${site.maxPhotos} foto sekali kirim.`, status: 400 };
    try {
      return { photos: await site.attachments.readReporterPhotos(posted.files, site.maxPhotos) };
    } catch (err) {
      if (err instanceof AppError) return { problem: problemText(refusalOf(err)), status: 400 };
      throw err;
    }
  };
  /** After the report or reply was recorded: its photos join it; a failure is reported, never swallowed. */
  const keepPhotos = async (tc: string, ac: string, photos: ReporterPhoto[]): Promise<{ added: number; problem: string }> => {
    if (!photos.length) return { added: 0, problem: '' };
    try {
      return { added: await site.attachments.attachByReporter(tc, ac, photos), problem: '' };
    } catch (err) {
      if (err instanceof AppError && err.extensions.code === 'BAD_USER_INPUT') return { added: 0, problem: problemText(refusalOf(err)) };
      site.log.error({ err }, 'the photos of a citizen were not kept');
      return { added: 0, problem: 'penyimpanan foto sedang bermasalah.' };
    }
  };
  router.post('/lacak', form, (req, res, next) => void track(req, res).catch(next));

  const action = (query: string, variables: (body: Record<string, unknown>) => Record<string, unknown>, done: string) =>
    [
      form,
      (req: express.Request, res: express.Response, next: express.NextFunction) =>
        void (async () => {
          const r = await run(req, query, { tc: str(req.body.tc).trim(), ac: str(req.body.ac).trim(), ...variables(req.body) });
          await (r.errors?.length ? track(req, res, '', problemText(r)) : track(req, res, done));
        })().catch(next),
    ] as const;
  router.post(
    '/lacak/kode-baru',
    form,
    (req, res, next) =>
      void run(req, RENEW, { tc: str(req.body.tc).trim() }).then((r) => {
        if (r.errors?.length)
          return send(res, page('Lacak', codesForm(str(req.body.tc).trim(), problemText(r))), r.errors[0].extensions?.code === 'RATE_LIMITED' ? 429 : 400);
        send(
          res,
          page(
            'Kode akses baru',
            `<h1>Kode akses baru</h1><div class="ok" role="status">Bila pengaduan ini mencantumkan nomor telepon atau e-mail, kode akses baru sudah dikirim ke sana. Kode akses yang lama tidak berlaku lagi.</div><p><a href="/lacak">Kembali ke Lacak</a></p>`,
          ),
        );
      }, next),
  );
  router.post(
    '/lacak/balas',
    form,
    (req, res, next) =>
      void (async () => {
        const posted = await readPost(req, 'photos', photoLimits());
        req.body = posted.fields;
        const [tc, ac, m] = [str(posted.fields.tc).trim(), str(posted.fields.ac).trim(), str(posted.fields.m)];
        const draft = { m, photosAgain: posted.files.length > 0 || posted.tooManyFiles };
        if (posted.tooLarge) return track(req, res, '', tooLarge(), draft, 413);
        const read = await readPhotos(req, posted);
        if ('problem' in read) return track(req, res, '', read.problem, draft, read.status);
        const r = await run(req, REPLY, { tc, ac, m });
        if (r.errors?.length) return track(req, res, '', problemText(r), draft, r.errors[0].extensions?.code === 'RATE_LIMITED' ? 429 : 400);
        const kept = await keepPhotos(tc, ac, read.photos);
        if (kept.problem)
          return track(req, res, 'Pesan Anda terkirim ke petugas.', `Foto tidak tersimpan: ${kept.problem} Kirim fotonya lagi bersama pesan singkat.`);
        await track(req, res, `Pesan Anda terkirim ke petugas.${kept.added ? ` ${kept.added} foto terlampir (hanya untuk petugas).` : ''}`);
      })().catch(next),
  );
  router.post('/lacak/nilai', ...action(RATE, (b) => ({ s: Number(b.s), c: str(b.c) || null }), 'Terima kasih atas penilaian Anda.'));
  router.post('/lacak/buka', ...action(REOPEN, (b) => ({ r: str(b.r) }), 'Pengaduan dibuka kembali dan diteruskan ke unit penanganan.'));

  router.get(
    '/program',
    (req, res, next) =>
      void run(req, PROGRAMS, {})
        .then((r) => {
          const list = (r.data?.publicPrograms ?? []) as {
            code: string;
            name: string;
            description: string;
            eligibility: string;
            benefits: string;
            contact: string;
            ownerOpd: { name: string } | null;
          }[];
          send(
            res,
            page(
              'Program',
              `<h1>Program layanan</h1>${list
                .map(
                  (p) => `<section class="card" data-program="${esc(p.code)}"><h2>${esc(p.name)}</h2><p>${esc(p.description)}</p><dl>
<dt>Siapa yang berhak</dt><dd>${esc(p.eligibility)}</dd><dt>Manfaat</dt><dd>${esc(p.benefits)}</dd><dt>Pengelola</dt><dd>${esc(p.ownerOpd?.name ?? '—')}</dd><dt>Kontak</dt><dd>${esc(p.contact)}</dd></dl>
<p><a href="/lapor">Sampaikan pengaduan tentang program ini</a></p></section>`,
                )
                .join('')}`,
            ),
          );
        })
        .catch(next),
  );

  router.get(
    '/pos-layanan',
    (_req, res, next) =>
      void db
        .query(
          `SELECT p.code, p.name, p.rw, p.address, p.schedule, k.name AS kelurahan FROM service_post p JOIN opd k ON k.id = p."kelurahanId" WHERE p.active ORDER BY k.name, p.rw`,
        )
        .then(
          (
            posts: {
              code: string;
              name: string;
              rw: string;
              address: string;
              schedule: { weekday: number; opensAt: string; closesAt: string }[];
              kelurahan: string;
            }[],
          ) => {
            const now = new Date();
            send(
              res,
              page(
                'Pos layanan',
                `<h1>Pos layanan RW</h1><p>Petugas pos mencatat pengaduan warga secara langsung. Jam buka dalam WIB.</p>${posts
                  .map((p) => {
                    const open = nextOpening(p.schedule, now);
                    const hours = [...p.schedule]
                      .sort((a, b) => a.weekday - b.weekday || a.opensAt.localeCompare(b.opensAt))
                      .map((s) => `${WEEKDAYS[s.weekday]} ${s.opensAt.replace(':', '.')}–${s.closesAt.replace(':', '.')}`)
                      .join(', ');
                    return `<section class="card" data-post="${esc(p.code)}"><h2>${esc(p.name)}</h2><dl><dt>Kelurahan</dt><dd>${esc(p.kelurahan)}, RW ${esc(p.rw)}</dd>
<dt>Alamat</dt><dd>${esc(p.address)}</dd><dt>Jam buka</dt><dd>${esc(hours || '—')}</dd><dt>Sekarang</dt><dd data-open="${open.openNow}">${
                      open.openNow ? '<strong>Buka</strong>' : `Tutup${open.at ? ` · buka lagi ${esc(wibText(open.at))}` : ''}`
                    }</dd></dl></section>`;
                  })
                  .join('')}`,
              ),
            );
          },
        )
        .catch(next),
  );

  router.get('/', (_req, res) =>
    send(
      res,
      page(
        'Beranda',
        `<h1>Pengaduan pelayanan publik</h1><p>Sampaikan keluhan, aspirasi atau permintaan informasi tentang layanan Pemerintah Kota. Admin memverifikasi laporan Anda dan meneruskannya ke unit yang berwenang menjawab, dengan batas waktu yang dapat Anda pantau.</p>
<div class="card"><h2><a href="/lapor">Lapor</a></h2><p>Sampaikan pengaduan; Anda menerima kode pelacakan dan kode akses.</p></div>
<div class="card"><h2><a href="/lacak">Lacak</a></h2><p>Lihat perkembangan, jawab pertanyaan petugas, beri nilai.</p></div>
<div class="card"><h2><a href="/statistik">Statistik</a></h2><p>Berapa pengaduan yang sudah dijawab, per unit dan per kategori.</p></div>
<div class="card"><h2><a href="/program">Program</a> · <a href="/pos-layanan">Pos layanan</a></h2><p>Program bantuan dan pos layanan RW terdekat.</p></div>`,
      ),
    ),
  );

  router.get(
    '/statistik',
    (_req, res, next) =>
      void statistics()
        .then(([at, byCategory, byUnit, ikm, ranking]) =>
          send(
            res,
            page(
              'Statistik',
              `<h1>Statistik pengaduan</h1><p>365 hari terakhir, keadaan <span data-as-of>${esc(wibText(at))}</span>. Pengaduan yang dirahasiakan pelapornya tidak dihitung di sini.</p>
<h2>Per kategori</h2>${countTable(byCategory, 'Kategori', 'Tanpa kategori')}<h2>Per unit penanganan</h2>${countTable(byUnit, 'Unit', 'Belum diteruskan')}
<h2>Kepatuhan menanggapi</h2>${rankingTable(ranking)}<h2>Indeks Kepuasan Masyarakat (IKM)</h2>${ikmTable(ikm)}`,
            ),
          ),
        )
        .catch(next),
  );

  const PER_PAGE = 20;
  router.get(
    '/daftar',
    (req, res, next) =>
      void (async () => {
        const pageNo = Math.min(500, Math.max(1, Number.parseInt(str(req.query.hal), 10) || 1));
        // Never confidential ones, nor spam or merged duplicates; nothing of the reporter, nothing internal.
        const rows: {
          trackingCode: string;
          title: string;
          status: string;
          category: string | null;
          kelurahan: string | null;
          unit: string | null;
          createdAt: string;
        }[] = await db.query(
          `SELECT c."trackingCode", c.title, c.status, cat.name AS category, k.name AS kelurahan, o.name AS unit, c."createdAt"
             FROM complaint c LEFT JOIN category cat ON cat.id = c."categoryId" LEFT JOIN opd k ON k.id = c."kelurahanId" LEFT JOIN opd o ON o.id = c."currentOpdId"
            WHERE NOT c.confidential AND c.status NOT IN ('ARCHIVED','MERGED')
            ORDER BY c."createdAt" DESC, c.id DESC LIMIT ${PER_PAGE + 1} OFFSET $1`,
          [(pageNo - 1) * PER_PAGE],
        );
        const more = rows.length > PER_PAGE;
        send(
          res,
          page(
            'Daftar pengaduan',
            `<h1>Daftar pengaduan</h1><p>Pengaduan yang dirahasiakan pelapornya tidak ditampilkan.</p>${rows
              .slice(0, PER_PAGE)
              .map(
                (c) =>
                  `<div class="card" data-listed="${esc(c.trackingCode)}"><strong>${esc(c.title)}</strong><dl><dt>Kode</dt><dd>${esc(c.trackingCode)}</dd><dt>Status</dt><dd>${esc(said(STATUS, c.status))}</dd>
<dt>Kategori</dt><dd>${esc(c.category ?? '—')}</dd><dt>Kelurahan</dt><dd>${esc(c.kelurahan ?? '—')}</dd><dt>Unit</dt><dd>${esc(c.unit ?? '—')}</dd><dt>Diterima</dt><dd>${esc(wibText(c.createdAt, false))}</dd></dl></div>`,
              )
              .join(
                '',
              )}<nav aria-label="Halaman">${pageNo > 1 ? `<a href="/daftar?hal=${pageNo - 1}">« Sebelumnya</a> ` : ''}${more ? `<a href="/daftar?hal=${pageNo + 1}">Berikutnya »</a>` : ''}</nav>`,
          ),
        );
      })().catch(next),
  );

  router.get(
    '/standar-pelayanan',
    (_req, res, next) =>
      void db
        .query(`SELECT s.*, o.name AS "opdName" FROM service_standard s JOIN opd o ON o.id = s."opdId" WHERE s.active ORDER BY o.name, s."serviceName"`)
        .then((rows: (Record<(typeof PUBLIC_COMPONENTS)[number], string> & { serviceName: string; opdName: string })[]) =>
          send(
            res,
            page(
              'Standar pelayanan',
              `<h1>Standar pelayanan</h1><p>Komponen standar pelayanan yang dipublikasikan setiap unit (PermenPAN-RB 15/2014).</p>${
                rows.length ? '' : '<p>Belum ada standar pelayanan yang dipublikasikan.</p>'
              }${rows
                .map(
                  (s) =>
                    `<section class="card" data-standard="${esc(s.serviceName)}"><h2>${esc(s.serviceName)}</h2><p class="hint">${esc(s.opdName)}</p><dl>${PUBLIC_COMPONENTS.map(
                      (k) => `<dt>${STANDARD_WORDS[k]}</dt><dd style="white-space:pre-wrap">${esc(s[k])}</dd>`,
                    ).join('')}</dl></section>`,
                )
                .join('')}`,
            ),
          ),
        )
        .catch(next),
  );

  const units = async () =>
    (await db.query(`SELECT id, name FROM opd WHERE active AND kind IN ('OPD','UPT','PUSKESMAS','KECAMATAN','KELURAHAN','BUMD') ORDER BY name`)) as Choice[];
  router.get('/survei', (_req, res, next) => void units().then((list) => send(res, surveyForm(list)), next));
  router.post(
    '/survei',
    form,
    (req, res, next) =>
      void (async () => {
        const v = Object.fromEntries(Object.entries(req.body as Record<string, unknown>).map(([k, x]) => [k, str(x)]));
        const answers = IKM_ELEMENTS.map((_e, i) => Number(v[`u${i}`]));
        const r = await run(req, SURVEY, { input: { opdId: v.opdId, answers, comment: v.comment || null } });
        if (r.errors?.length) return send(res, surveyForm(await units(), v, problemText(r)), r.errors[0].extensions?.code === 'RATE_LIMITED' ? 429 : 400);
        send(
          res,
          page(
            'Terima kasih',
            `<h1>Terima kasih</h1><div class="ok" role="status">Penilaian Anda tercatat dan dihitung dalam Indeks Kepuasan Masyarakat unit ini.</div>`,
          ),
        );
      })().catch(next),
  );

  router.get('/lapor', (_req, res, next) => void choices().then(({ kelurahan, categories }) => send(res, reportForm(kelurahan, categories, site)), next));
  router.post(
    '/lapor',
    form,
    (req, res, next) =>
      void (async () => {
        const posted = await readPost(req, 'photos', photoLimits());
        const v = posted.fields;
        const { kelurahan, categories } = await choices();
        const refuse = (problem: string, status = 400) =>
          send(res, reportForm(kelurahan, categories, site, v, problem, posted.files.length > 0 || posted.tooManyFiles), status);
        // A bot fills every field; a person never sees this one. It is told nothing different.
        if (v.website) return send(res, receipt('—', '—'));
        if (posted.tooLarge) return refuse(tooLarge(), 413);
        if (site.captcha) {
          const verdict = await verifyCaptcha(site.captcha, str(v[site.captcha.responseField]), guard.addressOf(req), (detail) =>
            site.log.warn(detail, 'CAPTCHA not passed'),
          );
          if (verdict === 'refused') return refuse('Pemeriksaan CAPTCHA: belum berhasil. Selesaikan pemeriksaannya, lalu kirim lagi.');
          if (verdict === 'unreachable') {
            return refuse('Pemeriksaan CAPTCHA: layanan pemeriksanya tidak dapat dihubungi. Isian Anda tidak hilang: coba kirim lagi sebentar lagi.', 503);
          }
        }
        const point = parsePoint(v);
        if (point.problem) return refuse(point.problem);
        const read = await readPhotos(req, posted);
        if ('problem' in read) return refuse(read.problem, read.status);
        const input = {
          title: str(v.title),
          description: str(v.description),
          categoryId: v.categoryId || null,
          kelurahanId: v.kelurahanId || null,
          rt: v.rt || null,
          rw: v.rw || null,
          address: v.address || null,
          latitude: point.latitude,
          longitude: point.longitude,
          reporterName: v.reporterName || null,
          reporterPhone: v.reporterPhone || null,
          reporterEmail: v.reporterEmail || null,
          reporterAddress: v.reporterAddress || null,
          anonymous: !!v.anonymous,
          confidential: !!v.confidential,
          notifyReporter: !v.noUpdates,
        };
        const r = await run(req, SUBMIT, { input, key: /^[A-Za-z0-9-]{8,100}$/.test(str(v.key)) ? `web-${v.key}` : null });
        if (r.errors?.length) return refuse(problemText(r), r.errors[0].extensions?.code === 'RATE_LIMITED' ? 429 : 400);
        const codes = r.data?.submitComplaint as { trackingCode: string; accessCode: string };
        const phone = guard.channels.includes('WHATSAPP') ? 'WhatsApp' : guard.channels.includes('SMS') ? 'SMS' : null;
        const sentTo = [...(v.reporterEmail && guard.channels.includes('EMAIL') ? ['e-mail'] : []), ...(v.reporterPhone && phone ? [phone] : [])];
        send(res, receipt(codes.trackingCode, codes.accessCode, sentTo, await keepPhotos(codes.trackingCode, codes.accessCode, read.photos)));
      })().catch(next),
  );
  return router;
}
