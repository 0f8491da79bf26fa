import { AppError } from '../../server/core/errors';
import {
  checkedText,
  EDITABLE_TEMPLATES,
  PLACEHOLDERS,
  render,
  renderText,
  sampleValues,
  TemplateAudience,
  TEMPLATES,
} from '../../server/modules/notifications/notification-templates';
import { NotificationTemplate as N } from '../../server/modules/notifications/notification.enums';

/** The field a refusal names, or the value when there was none. */
function refusal(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return ((err as AppError).extensions.fields as string[])[0];
  }
}

test('a line whose placeholder has no value is left out; blank lines do not double; values are filled once', () => {
  const text = 'Pengaduan {kode} "{judul}".\nBatas tanggapan: {batas}.\nInstruksi: {instruksi}\n\n{pesan}\n\nSelesai.';
  expect(renderText(text, { kode: 'MGL-1', judul: 'Jalan {kode} rusak', batas: '8 Desember 2026', instruksi: '' })).toBe(
    'Pengaduan MGL-1 "Jalan {kode} rusak".\nBatas tanggapan: 8 Desember 2026.\n\nSelesai.',
  );
  expect(renderText(text, { kode: 'MGL-1', judul: 'X', pesan: 'Isi' })).toBe('Pengaduan MGL-1 "X".\n\nIsi\n\nSelesai.');
});

test('the built-in texts keep their wording and name only their own placeholders; each passes its own check', () => {
  const forward = render(N.FORWARDED_TO_UNIT, { kode: 'MGL-1', judul: 'Jalan rusak', batas: '8 Desember 2026 10.00 WIB', instruksi: null });
  expect(forward).toEqual({
    subject: '[MGL-1] Pengaduan diteruskan ke unit Anda',
    body: 'Pengaduan MGL-1 "Jalan rusak" diteruskan ke unit Anda.\nBatas tanggapan: 8 Desember 2026 10.00 WIB.',
  });
  for (const t of EDITABLE_TEMPLATES) {
    const def = TEMPLATES[t];
    expect(checkedText(t, { subject: def.subject, body: def.body })).toEqual({ subject: def.subject, body: def.body });
    const preview = render(t, sampleValues('https://lapor.example/lacak?kode={kode}', t));
    expect(`${preview.subject}\n${preview.body}`).not.toMatch(/\{[a-z_]+\}/);
  }
});

test('no staff template may name the reporter’s identity or an access code, and none is given it', () => {
  const identity = Object.entries(PLACEHOLDERS)
    .filter(([, p]) => p.identity)
    .map(([name]) => name);
  expect(identity).toEqual(expect.arrayContaining(['nama_pelapor', 'kode_akses']));
  for (const t of EDITABLE_TEMPLATES.filter((x) => TEMPLATES[x].audience === TemplateAudience.STAFF)) {
    for (const name of identity) {
      expect(TEMPLATES[t].placeholders).not.toContain(name);
      expect(refusal(() => checkedText(t, { subject: 'Pesan', body: `Pelapor: {${name}}` }))).toBe('input.body');
    }
  }
  // Even an override that somehow named it would be given nothing.
  const own = new Map([[N.ASSIGNED_TO_STAFF, { subject: 'Tugas {kode}', body: 'Dari {nama_pelapor}\nPengaduan {kode}' }]]);
  expect(render(N.ASSIGNED_TO_STAFF, { kode: 'MGL-1', nama_pelapor: 'Siti Aminah' }, own).body).toBe('Pengaduan MGL-1');
  // A merged duplicate's reporter is another person: their message never names the original's reporter.
  expect(TEMPLATES[N.ANSWERED_TO_FOLLOWER].placeholders).not.toContain('nama_pelapor');
});

test('an edited text: unknown placeholders, a missing access code, a secret in the subject and overlong texts are refused by field', () => {
  const ok = { subject: '[{kode}] Kode akses baru', body: 'Kode akses baru: {kode_akses}\n{tautan}' };
  expect(checkedText(N.ACCESS_CODE_TO_REPORTER, ok)).toEqual(ok);
  expect(refusal(() => checkedText(N.ACCESS_CODE_TO_REPORTER, { ...ok, body: 'Kode baru tersedia di {tautan}' }))).toBe('input.body');
  expect(refusal(() => checkedText(N.RECEIVED_TO_REPORTER, { subject: 'Diterima', body: 'Nomor {kode}' }))).toBe('input.body');
  expect(refusal(() => checkedText(N.ACCESS_CODE_TO_REPORTER, { ...ok, subject: 'Kode {kode_akses}' }))).toBe('input.subject');
  expect(refusal(() => checkedText(N.VERIFIED_TO_REPORTER, { subject: '[{kode}] Terverifikasi', body: 'Halo {nama}' }))).toBe('input.body');
  expect(refusal(() => checkedText(N.VERIFIED_TO_REPORTER, { subject: '[{kode}] {instruksi}', body: 'Halo' }))).toBe('input.subject');
  expect(refusal(() => checkedText(N.VERIFIED_TO_REPORTER, { subject: ' ', body: 'Halo' }))).toBe('input.subject');
  expect(refusal(() => checkedText(N.VERIFIED_TO_REPORTER, { subject: 'S', body: 'x'.repeat(5001) }))).toBe('input.body');
  expect(refusal(() => checkedText(N.VERIFIED_TO_REPORTER, { subject: 'S', body: 'Kode \u27e6palsu\u27e7' }))).toBe('input.body');
  expect(refusal(() => checkedText(N.DAILY_DIGEST_TO_UNIT, { subject: 'Ringkasan', body: 'Ada {jumlah_terbuka} pengaduan.' }))).toBe('input.body');
});
