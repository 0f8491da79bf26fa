import { AppError } from '../../core/errors';
import { NotificationTemplate as N } from './notification.enums';

/** Who reads a template's messages: staff in the console (and their channels), or the reporter. */
export enum TemplateAudience {
  STAFF = 'STAFF',
  REPORTER = 'REPORTER',
}

/**
 * Every placeholder a template may name, `{kode}` in its text. `identity`: the reporter's own
 * (only reporter templates may name it); `secret`: written as a secret (secretIn), so only in
 * a body, which the outbox masks and blanks once delivered.
 */
const PLACEHOLDER_DEFS = {
  kode: { sample: 'MGL-2612-00042' },
  judul: { sample: 'Lampu jalan padam di Jalan Ikhlas' },
  tautan: { sample: 'https://lapor.magelangkota.go.id/lacak?kode=MGL-2612-00042' },
  pesan: { sample: 'Petugas sudah meninjau lokasi; perbaikan dijadwalkan minggu ini.' },
  batas: { sample: '8 Desember 2026 16.00 WIB' },
  jenis_batas: { sample: 'tanggapan' },
  instruksi: { sample: 'Cek lokasi bersama lurah setempat.' },
  alasan: { sample: 'Bukan wewenang unit ini.' },
  nilai: { sample: '2' },
  komentar: { sample: 'Lampu menyala dua hari lalu padam lagi.' },
  unit: { sample: 'Dinas Sosial' },
  forum: { sample: 'Rapat koordinasi banjir Kali Manggis' },
  waktu: { sample: '9 Desember 2026 09.00 WIB' },
  tempat: { sample: 'Ruang Rapat Bappeda' },
  jumlah: { sample: '2' },
  tanggal: { sample: '7 Desember 2026' },
  jumlah_terbuka: { sample: '5' },
  jumlah_terlambat: { sample: '1' },
  daftar: {
    sample:
      '- MGL-2612-00042 "Lampu jalan padam di Jalan Ikhlas", batas 8 Desember 2026 16.00 WIB\n- MGL-2612-00057 "Saluran tersumbat di RW 03", batas 10 Desember 2026 23.59 WIB',
  },
  kode_pelapor: { sample: 'MGL-2612-00057' },
  nama_pelapor: { sample: 'Siti Aminah', identity: true },
  kode_akses: { sample: 'K7QX2M9PRD', identity: true, secret: true },
} satisfies Record<string, PlaceholderMeta>;

interface PlaceholderMeta {
  sample: string;
  identity?: boolean;
  secret?: boolean;
}
export type PlaceholderName = keyof typeof PLACEHOLDER_DEFS;
export const PLACEHOLDERS: Readonly<Record<PlaceholderName, PlaceholderMeta>> = PLACEHOLDER_DEFS;
export type TemplateValues = Partial<Record<PlaceholderName, string | null | undefined>>;

export interface TemplateDefinition {
  audience: TemplateAudience;
  /** The placeholders its text may name; values for any other are never passed to it. */
  placeholders: readonly PlaceholderName[];
  /** Placeholders an edited text must keep (in the body). */
  required?: readonly PlaceholderName[];
  subject: string;
  body: string;
}

const REPORTER: readonly PlaceholderName[] = ['kode', 'judul', 'tautan', 'nama_pelapor'];
const STAFF: readonly PlaceholderName[] = ['kode', 'judul'];
const GREETING = 'Yth. Bapak/Ibu,\n\n';
const FOLLOW = '\n\nIkuti perkembangannya di: {tautan}';

/**
 * The built-in texts (the superadmin may override each one's subject and body). A line whose
 * placeholder has no value is left out, so "Instruksi: {instruksi}" disappears without one.
 */
export const TEMPLATES: Readonly<Record<Exclude<N, N.WEBHOOK_EVENT>, TemplateDefinition>> = {
  [N.FORWARDED_TO_UNIT]: {
    audience: TemplateAudience.STAFF,
    placeholders: [...STAFF, 'batas', 'instruksi'],
    subject: '[{kode}] Pengaduan diteruskan ke unit Anda',
    body: 'Pengaduan {kode} "{judul}" diteruskan ke unit Anda.\nBatas tanggapan: {batas}.\nInstruksi: {instruksi}',
  },
  [N.ESCALATED_TO_UNIT]: {
    audience: TemplateAudience.STAFF,
    placeholders: [...STAFF, 'unit'],
    subject: '[{kode}] Pengaduan terlambat dieskalasi ke unit Anda',
    body: 'Pengaduan {kode} "{judul}" melewati batas waktu dan dieskalasi ke unit Anda.\nAnda dapat mengingatkan unit, meneruskan ulang, atau mengambil alih.',
  },
  [N.ASSIGNED_TO_STAFF]: {
    audience: TemplateAudience.STAFF,
    placeholders: STAFF,
    subject: '[{kode}] Pengaduan ditugaskan kepada Anda',
    body: 'Pengaduan {kode} "{judul}" ditugaskan kepada Anda.',
  },
  [N.RETURNED_TO_INTAKE]: {
    audience: TemplateAudience.STAFF,
    placeholders: [...STAFF, 'alasan'],
    subject: '[{kode}] Pengaduan dikembalikan: bukan wewenang unit',
    body: 'Pengaduan {kode} "{judul}" dikembalikan ke admin pengaduan.\nAlasan: {alasan}',
  },
  [N.ANSWERED_TO_INTAKE]: {
    audience: TemplateAudience.STAFF,
    placeholders: STAFF,
    subject: '[{kode}] Pengaduan telah dijawab',
    body: 'Pengaduan {kode} "{judul}" telah dijawab oleh unit. Periksa jawabannya dan tutup pengaduan bila sudah selesai.',
  },
  [N.RATED_LOW_TO_INTAKE]: {
    audience: TemplateAudience.STAFF,
    placeholders: [...STAFF, 'nilai', 'komentar'],
    subject: '[{kode}] Penilaian rendah ({nilai}/5)',
    body: 'Pelapor menilai penanganan pengaduan {kode} "{judul}" dengan {nilai} dari 5.\nKomentar: {komentar}',
  },
  [N.REOPENED_TO_UNIT]: {
    audience: TemplateAudience.STAFF,
    placeholders: [...STAFF, 'alasan'],
    subject: '[{kode}] Pengaduan dibuka kembali',
    body: 'Pengaduan {kode} "{judul}" dibuka kembali oleh pelapor.\nAlasan: {alasan}',
  },
  [N.REPLIED_TO_STAFF]: {
    audience: TemplateAudience.STAFF,
    placeholders: [...STAFF, 'pesan'],
    subject: '[{kode}] Pelapor membalas',
    body: 'Pelapor pengaduan {kode} "{judul}" menambahkan informasi:\n{pesan}',
  },
  [N.OVERDUE_TO_UNIT]: {
    audience: TemplateAudience.STAFF,
    placeholders: STAFF,
    subject: '[{kode}] Pengaduan melewati batas waktu',
    body: 'Pengaduan {kode} "{judul}" melewati batas waktu. Segera tindak lanjuti.',
  },
  [N.DESK_INVITATION_TO_UNIT]: {
    audience: TemplateAudience.STAFF,
    placeholders: ['forum', 'unit', 'waktu', 'tempat', 'jumlah', 'daftar'],
    subject: 'Undangan forum: {forum}',
    body: 'Unit Anda diundang ke forum "{forum}" yang diadakan oleh {unit}.\nWaktu: {waktu}\nTempat: {tempat}\n\nPengaduan yang dibahas ({jumlah}):\n{daftar}',
  },
  [N.DEADLINE_REMINDER_TO_UNIT]: {
    audience: TemplateAudience.STAFF,
    placeholders: [...STAFF, 'batas', 'jenis_batas'],
    subject: '[{kode}] Pengingat: batas {jenis_batas} hampir tiba',
    body: 'Pengaduan {kode} "{judul}" harus ditindaklanjuti paling lambat {batas} (batas {jenis_batas}).\nSegera tanggapi agar tidak melewati batas waktu.',
  },
  [N.DAILY_DIGEST_TO_UNIT]: {
    audience: TemplateAudience.STAFF,
    placeholders: ['unit', 'tanggal', 'jumlah_terbuka', 'jumlah_terlambat', 'daftar'],
    required: ['daftar'],
    subject: 'Ringkasan harian {tanggal}: {jumlah_terbuka} pengaduan terbuka, {jumlah_terlambat} terlambat',
    body: 'Pengaduan terbuka di {unit} per {tanggal}: {jumlah_terbuka}, {jumlah_terlambat} di antaranya melewati batas waktu.\n\n{daftar}',
  },
  [N.RECEIVED_TO_REPORTER]: {
    audience: TemplateAudience.REPORTER,
    placeholders: [...REPORTER, 'kode_akses'],
    required: ['kode_akses'],
    subject: '[{kode}] Pengaduan Anda telah diterima',
    body:
      GREETING +
      'Pengaduan Anda "{judul}" telah kami terima dengan nomor pelacakan {kode}.\nKode akses: {kode_akses}\nIkuti perkembangannya di: {tautan}\n\n' +
      'Simpan nomor pelacakan dan kode akses: keduanya diperlukan untuk melacak, membalas dan menilai pengaduan Anda.',
  },
  [N.VERIFIED_TO_REPORTER]: {
    audience: TemplateAudience.REPORTER,
    placeholders: [...REPORTER, 'pesan'],
    subject: '[{kode}] Pengaduan Anda telah diverifikasi',
    body: `${GREETING}Pengaduan Anda {kode} telah diverifikasi.\n{pesan}${FOLLOW}`,
  },
  [N.FORWARDED_TO_REPORTER]: {
    audience: TemplateAudience.REPORTER,
    placeholders: [...REPORTER, 'pesan'],
    subject: '[{kode}] Pengaduan Anda diteruskan',
    body: `${GREETING}Pengaduan Anda {kode}: {pesan}${FOLLOW}`,
  },
  [N.PROGRESS_TO_REPORTER]: {
    audience: TemplateAudience.REPORTER,
    placeholders: [...REPORTER, 'pesan'],
    subject: '[{kode}] Perkembangan pengaduan Anda',
    body: `${GREETING}Perkembangan pengaduan Anda {kode}:\n\n{pesan}${FOLLOW}`,
  },
  [N.QUESTION_TO_REPORTER]: {
    audience: TemplateAudience.REPORTER,
    placeholders: [...REPORTER, 'pesan'],
    subject: '[{kode}] Petugas memerlukan informasi dari Anda',
    body: `${GREETING}Untuk menindaklanjuti pengaduan Anda {kode}, petugas bertanya:\n\n{pesan}\n\nBalas melalui halaman pelacakan dengan nomor pelacakan dan kode akses Anda.${FOLLOW}`,
  },
  [N.ANSWERED_TO_REPORTER]: {
    audience: TemplateAudience.REPORTER,
    placeholders: [...REPORTER, 'pesan'],
    subject: '[{kode}] Pengaduan Anda telah dijawab',
    body: `${GREETING}Pengaduan Anda {kode} "{judul}" telah dijawab:\n\n{pesan}\n\nLihat jawaban dan beri penilaian di: {tautan}`,
  },
  // Another reporter's message: never the original reporter's name.
  [N.ANSWERED_TO_FOLLOWER]: {
    audience: TemplateAudience.REPORTER,
    placeholders: ['kode_pelapor', 'kode', 'judul', 'pesan', 'tautan'],
    subject: '[{kode_pelapor}] Pengaduan Anda telah dijawab',
    body: `${GREETING}Pengaduan Anda {kode_pelapor} ditangani bersama pengaduan {kode} "{judul}", yang telah dijawab:\n\n{pesan}\n\nLihat jawabannya di: {tautan}`,
  },
  [N.CLOSED_TO_REPORTER]: {
    audience: TemplateAudience.REPORTER,
    placeholders: [...REPORTER, 'pesan'],
    subject: '[{kode}] Pengaduan Anda telah selesai',
    body: `${GREETING}Pengaduan Anda {kode} telah ditutup.\n{pesan}${FOLLOW}`,
  },
  [N.ACCESS_CODE_TO_REPORTER]: {
    audience: TemplateAudience.REPORTER,
    placeholders: [...REPORTER, 'kode_akses'],
    required: ['kode_akses'],
    subject: '[{kode}] Kode akses baru',
    body:
      GREETING +
      'Kode akses baru untuk pengaduan {kode}: {kode_akses}\nKode akses yang lama tidak berlaku lagi. Bila Anda tidak memintanya, abaikan pesan ini.\n\n' +
      'Lacak pengaduan Anda di: {tautan}',
  },
};

export type EditableTemplate = keyof typeof TEMPLATES;
export const EDITABLE_TEMPLATES = Object.keys(TEMPLATES) as EditableTemplate[];

export function isEditable(t: N): t is EditableTemplate {
  return Object.hasOwn(TEMPLATES, t);
}

export interface TemplateText {
  subject: string;
  body: string;
}

/** The superadmin's texts that replace the built-in ones (notification_template_override). */
export type TemplateOverrides = ReadonlyMap<N, TemplateText>;
export const NO_OVERRIDES: TemplateOverrides = new Map();

export const SUBJECT_MAX = 200;
export const BODY_MAX = 5000;
/** The outbox's column. */
const STORED_SUBJECT_MAX = 300;

const PLACEHOLDER = /\{([^{}\n]*)\}/g;

function fill(line: string, values: TemplateValues): string {
  return line.replace(PLACEHOLDER, (all, name: string) => (Object.hasOwn(PLACEHOLDERS, name) ? (values[name as PlaceholderName] ?? '') : all));
}

const blank = (v: string | null | undefined) => v == null || v.trim() === '';

/**
 * A template's text with its values: a line naming a placeholder without a value is left out
 * (and the blank lines that leaves doubled), in one pass, so a value that reads like a
 * placeholder (a title "{kode}") stays as written.
 */
export function renderText(text: string, values: TemplateValues): string {
  const kept = text
    .split('\n')
    .filter((line) => ![...line.matchAll(PLACEHOLDER)].some(([, name]) => Object.hasOwn(PLACEHOLDERS, name) && blank(values[name as PlaceholderName])))
    .map((line) => fill(line, values));
  const out: string[] = [];
  for (const line of kept) if (line.trim() !== '' || (out.length > 0 && out[out.length - 1].trim() !== '')) out.push(line);
  while (out.length && out[out.length - 1].trim() === '') out.pop();
  return out.join('\n');
}

/** The text a template has now: the superadmin's, else the built-in one. */
export function textOf(template: EditableTemplate, overrides: TemplateOverrides = NO_OVERRIDES): TemplateText {
  const own = overrides.get(template);
  return own ?? { subject: TEMPLATES[template].subject, body: TEMPLATES[template].body };
}

/**
 * One message of `template`. Only the template's own placeholders receive values, so a staff
 * template can never be given the reporter's identity, whatever its caller passes.
 */
export function render(template: EditableTemplate, values: TemplateValues, overrides: TemplateOverrides = NO_OVERRIDES): TemplateText {
  const def = TEMPLATES[template];
  const own: TemplateValues = {};
  for (const name of def.placeholders) own[name] = values[name];
  const text = textOf(template, overrides);
  // A subject is one line: a missing value leaves a gap, not an empty subject.
  const subject = fill(text.subject, own).replace(/\s+/g, ' ').trim().slice(0, STORED_SUBJECT_MAX);
  return { subject, body: renderText(text.body, own) };
}

/** Example values for the preview: each placeholder's own, the link to this server's tracking page (a follower's, their own code's). */
export function sampleValues(trackingUrl: string, template?: EditableTemplate): Record<PlaceholderName, string> {
  const out = Object.fromEntries(Object.entries(PLACEHOLDERS).map(([k, v]) => [k, v.sample])) as Record<PlaceholderName, string>;
  const code = template === N.ANSWERED_TO_FOLLOWER ? out.kode_pelapor : out.kode;
  if (trackingUrl) out.tautan = trackingUrl.replaceAll('{kode}', code);
  return out;
}

/**
 * An edited text as the superadmin sent it, checked: lengths, only the template's own
 * placeholders (a staff template has none of the reporter's identity), the required ones in
 * the body, a secret never in the subject. Each refusal names its field.
 */
export function checkedText(template: EditableTemplate, input: TemplateText, field = 'input'): TemplateText {
  const def = TEMPLATES[template];
  const subject = input.subject.replace(/\r\n?/g, '\n').trim();
  const body = input.body
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+$/gm, '')
    .trim();
  const check = (name: 'subject' | 'body', value: string, max: number) => {
    const f = `${field}.${name}`;
    if (!value) throw AppError.field(f, 'is required');
    if (value.length > max) throw AppError.field(f, `must be at most ${max} characters`);
    if (/[\u27e6\u27e7]/.test(value)) throw AppError.field(f, 'must not contain the characters ⟦ ⟧ (they mark secrets)');
    for (const [, name] of value.matchAll(PLACEHOLDER)) {
      if (!Object.hasOwn(PLACEHOLDERS, name))
        throw AppError.field(f, `unknown placeholder {${name}}; use one of ${def.placeholders.map((p) => `{${p}}`).join(', ')}`);
      if (!def.placeholders.includes(name as PlaceholderName)) {
        throw AppError.field(
          f,
          `{${name}} is not available in this template${PLACEHOLDERS[name as PlaceholderName].identity && def.audience === TemplateAudience.STAFF ? ' (staff messages never carry the reporter’s identity)' : ''}; use one of ${def.placeholders.map((p) => `{${p}}`).join(', ')}`,
        );
      }
    }
  };
  check('subject', subject, SUBJECT_MAX);
  check('body', body, BODY_MAX);
  if (subject.includes('\n')) throw AppError.field(`${field}.subject`, 'must be one line');
  for (const name of def.placeholders) {
    if (PLACEHOLDERS[name].secret && subject.includes(`{${name}}`)) {
      throw AppError.field(`${field}.subject`, `{${name}} is a secret and goes in the body only`);
    }
  }
  for (const name of def.required ?? []) {
    if (!body.includes(`{${name}}`)) throw AppError.field(`${field}.body`, `must keep {${name}}`);
  }
  return { subject, body };
}
