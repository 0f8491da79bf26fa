import { replayMismatches } from '../../../server/modules/complaints/complaint-replay';
import { sweepOnce } from '../../../server/modules/complaints/complaint.sweep';
import { C, Lab, codeOf, expectError } from './helpers';

/**
 * What the citizen reads is written for the citizen (instructions stay internal, staff progress
 * is published by the head, drafts and templates), and the dialogue with the reporter: a
 * question pauses the deadlines until the reply, a hold (Tunda) until resumed; archive; one
 * rating per answer.
 */
let lab: Lab;
beforeAll(async () => {
  lab = await Lab.start();
}, 60_000);
afterAll(() => lab?.stop());

const TRACK = `query($tc: String!, $ac: String!) { trackComplaint(trackingCode: $tc, accessCode: $ac) {
  status timeline { type message } pause { kind reason since until } canRate deadlines { kind paused overdue } } }`;
const REPLY = `mutation($tc: String!, $ac: String!, $m: String!) { replyToComplaint(trackingCode: $tc, accessCode: $ac, message: $m) {
  status pause { kind } timeline { type message } } }`;
const RATE = `mutation($tc: String!, $ac: String!, $s: Int!) { rateComplaint(trackingCode: $tc, accessCode: $ac, score: $s) { rating canRate } }`;
const P = `${C} followUpDueAt settleDueAt pausedAt pauseKind pauseReason pauseUntil answerDraft answerDraftBy { name } deadlines { kind dueAt paused }`;

/** A complaint submitted by the public (so its tracking and access codes are known), verified and forwarded to DINSOS. */
async function citizenCase(title: string) {
  // A resident of Cacaban: verified at Kecamatan Magelang Tengah (admin.tengah).
  const s = await lab.submit(null, { title, reporterName: 'Siti Aminah', reporterPhone: '081234567890', kelurahanId: lab.opd['KEL-CACABAN'] });
  const [{ id }] = await lab.t.app.db.query('SELECT id FROM complaint WHERE "trackingCode" = $1', [s.trackingCode]);
  const cid = String(id);
  const track = async () => (await lab.ok(null, TRACK, { tc: s.trackingCode, ac: s.accessCode })).trackComplaint;
  const reply = (m: string) => lab.gql(null, REPLY, { tc: s.trackingCode, ac: s.accessCode, m });
  return { id: cid, tc: s.trackingCode, ac: s.accessCode, track, reply };
}

async function forwardedCase(title: string) {
  const k = await citizenCase(title);
  const admin = 'admin.tengah';
  await lab.must(admin, 'verifyComplaint', { id: k.id });
  await lab.must(admin, 'forwardComplaint', { id: k.id, opdId: lab.opd.DINSOS });
  return { ...k, admin };
}

describe('instructions stay internal, messages reach the reporter', () => {
  test('verify, forward and close: the note is internal, the public message is what the tracking page shows', async () => {
    const k = await citizenCase('Lampu jalan padam di Jl. Pahlawan');
    const admin = 'admin.tengah';
    await lab.must(admin, 'verifyComplaint', { id: k.id, note: 'Sudah dicek ke RT: benar padam 3 tiang', publicMessage: 'Laporan Anda sudah kami periksa.' });
    await lab.must(admin, 'forwardComplaint', { id: k.id, opdId: lab.opd.DINSOS, note: 'Mohon koordinasi dengan PLN, prioritas tinggi' });
    const events = await lab.events(k.id, 'type message internalNote public');
    expect(events.find((e) => e.type === 'VERIFIED')).toMatchObject({
      public: true,
      message: 'Laporan Anda sudah kami periksa.',
      internalNote: 'Sudah dicek ke RT: benar padam 3 tiang',
    });
    const fwd = events.find((e) => e.type === 'FORWARDED');
    expect(fwd.internalNote).toBe('Mohon koordinasi dengan PLN, prioritas tinggi');
    expect(fwd.message).toMatch(/^Diteruskan ke /);

    await lab.must('kepala.dinsos', 'respondToComplaint', { id: k.id, answer: 'Lampu sudah diganti oleh petugas hari ini.' });
    await lab.must(admin, 'closeComplaint', { id: k.id, note: 'Dikonfirmasi warga lewat telepon', publicMessage: 'Terima kasih, pengaduan selesai.' });

    const page = JSON.stringify(await k.track());
    for (const secret of ['Sudah dicek ke RT', 'Mohon koordinasi dengan PLN', 'Dikonfirmasi warga lewat telepon']) expect(page).not.toContain(secret);
    for (const shown of ['Laporan Anda sudah kami periksa.', 'Terima kasih, pengaduan selesai.', 'Diteruskan ke ']) expect(page).toContain(shown);
  });

  test('a public message that is too short is refused, naming the field; nothing changes', async () => {
    const { complaint } = await lab.submit('admin.tengah');
    expectError(await lab.act('admin.tengah', 'verifyComplaint', { id: complaint.id, publicMessage: 'ok' }), 'BAD_USER_INPUT', ['publicMessage']);
    expect((await lab.complaint('admin.tengah', complaint.id)).status).toBe('SUBMITTED');
  });
});

describe('staff progress is internal until the head publishes it', () => {
  test('staff write internal progress; asking for public is refused; the head publishes it (once), which is the first response', async () => {
    const k = await forwardedCase('Bantuan PKH belum cair');
    expectError(await lab.act('staf.dinsos', 'addProgress', { id: k.id, stage: 'FIELD_CHECK', note: 'Cek data DTKS', public: true }), 'BAD_USER_INPUT', [
      'public',
    ]);
    const c = await lab.must('staf.dinsos', 'addProgress', { id: k.id, stage: 'FIELD_CHECK', note: 'Data DTKS sudah dicek, pelapor terdaftar' }, P);
    expect(c.firstResponseAt).toBeNull();
    expect(c.followUpDueAt).toBeNull();
    expect(c.availableActions).not.toContain('PUBLISH');
    const note = (await lab.events(k.id)).at(-1);
    expect(note).toMatchObject({ type: 'PROGRESS', public: false });
    expect(JSON.stringify(await k.track())).not.toContain('Data DTKS');

    // Staff may not publish their own note; the head may, edited.
    expect(codeOf(await lab.act('staf.dinsos', 'publishProgress', { id: k.id, eventId: note.id }))).toBe('FORBIDDEN');
    const published = await lab.must('kepala.dinsos', 'publishProgress', { id: k.id, eventId: note.id, message: 'Data Anda sudah kami periksa di DTKS.' }, P);
    expect(published.firstResponseAt).not.toBeNull();
    expect(published.followUpDueAt).not.toBeNull();
    const last = (await lab.events(k.id, 'type public message publishedFrom')).at(-1);
    expect(last).toEqual({ type: 'PROGRESS', public: true, message: 'Data Anda sudah kami periksa di DTKS.', publishedFrom: note.id });
    expect(JSON.stringify(await k.track())).toContain('Data Anda sudah kami periksa di DTKS.');

    expectError(await lab.act('kepala.dinsos', 'publishProgress', { id: k.id, eventId: note.id }), 'BAD_USER_INPUT', ['eventId']);
    const publicOne = (await lab.events(k.id)).at(-1);
    expectError(await lab.act('kepala.dinsos', 'publishProgress', { id: k.id, eventId: publicOne.id }), 'BAD_USER_INPUT', ['eventId']);
  });
});

test('a staff member given the publish permission writes public progress at once, on the same session; taken away, refused again', async () => {
  const k = await forwardedCase('Izin publikasi progres staf');
  const UPDATE = `mutation($id: ID!, $input: UserInput!) { updateUser(id: $id, input: $input) { mayPublish } }`;
  const [u] = await lab.t.app.db.query('SELECT username, name, role, "opdId", active FROM app_user WHERE username = $1', ['staf.dinsos']);
  const input = (mayPublish: boolean, role = u.role) => ({ username: u.username, name: u.name, role, opdId: String(u.opdId), active: u.active, mayPublish });
  const progress = () => lab.act('staf.dinsos', 'addProgress', { id: k.id, stage: 'IN_WORK', note: 'Petugas sudah ke lokasi', public: true });
  // A console left open over WebSocket since before the change gets the same answers as fresh HTTP requests.
  const socket = lab.t.ws(await lab.token('staf.dinsos'));
  const overSocket = () =>
    new Promise<any>((resolve, reject) => {
      let result: any;
      socket.subscribe(
        {
          query: `mutation($id: ID!) { addProgress(id: $id, stage: IN_WORK, note: "Dicek lewat konsol yang terbuka", public: true) { id } }`,
          variables: { id: k.id },
        },
        { next: (r) => (result = r), error: reject, complete: () => resolve(result) },
      );
    });
  expect(codeOf(await progress())).toBe('BAD_USER_INPUT');
  expect(codeOf(await overSocket())).toBe('BAD_USER_INPUT');
  await lab.ok('superadmin', UPDATE, { id: lab.user['staf.dinsos'].id, input: input(true) });
  const granted = await progress();
  expect(granted.errors).toBeUndefined();
  expect((await lab.events(k.id)).at(-1)).toMatchObject({ type: 'PROGRESS', public: true });
  expect((await overSocket()).errors).toBeUndefined();
  await lab.ok('superadmin', UPDATE, { id: lab.user['staf.dinsos'].id, input: input(false) });
  expect(codeOf(await progress())).toBe('BAD_USER_INPUT');
  expect(codeOf(await overSocket())).toBe('BAD_USER_INPUT');
  // Only staff are given it.
  const [h] = await lab.t.app.db.query('SELECT username, name, role, "opdId", active FROM app_user WHERE username = $1', ['kepala.dinsos']);
  expectError(
    await lab.gql('superadmin', UPDATE, {
      id: lab.user['kepala.dinsos'].id,
      input: { username: h.username, name: h.name, role: h.role, opdId: String(h.opdId), active: h.active, mayPublish: true },
    }),
    'BAD_USER_INPUT',
    ['input.mayPublish'],
  );
});

describe('answer drafts and templates', () => {
  test('staff draft, the head sends the draft (or edits it); nobody else answers; the reporter never sees a draft', async () => {
    const k = await forwardedCase('Kartu KIS belum aktif');
    const draft = 'Kartu KIS Bapak/Ibu sudah kami aktifkan kembali mulai hari ini.';
    const d = await lab.must('staf.dinsos', 'draftAnswer', { id: k.id, answer: draft }, P);
    expect(d).toMatchObject({ status: 'FORWARDED', answerDraft: draft, answerDraftBy: { name: expect.any(String) } });
    expect(d.availableActions).not.toContain('RESPOND');
    expect(JSON.stringify(await k.track())).not.toContain('sudah kami aktifkan');
    // The central rule is unchanged: staff and admins cannot send it.
    for (const who of ['staf.dinsos', k.admin]) expect(codeOf(await lab.act(who, 'respondToComplaint', { id: k.id }))).toBe('FORBIDDEN');

    const sent = await lab.must('kepala.dinsos', 'respondToComplaint', { id: k.id }, P);
    expect(sent).toMatchObject({ status: 'RESPONDED', answer: draft, answerDraft: null });
    expect((await k.track()).timeline.at(-1)).toEqual({ type: 'RESPONDED', message: draft });
  });

  test('answering without an answer and without a draft names the field', async () => {
    const k = await forwardedCase('Jalan berlubang di depan SD');
    expectError(await lab.act('kepala.dinsos', 'respondToComplaint', { id: k.id }), 'BAD_USER_INPUT', ['answer']);
  });

  test('templates of the unit and the category, filled for the complaint; an anonymous reporter is never named', async () => {
    const CREATE = `mutation($input: ResponseTemplateInput!) { createResponseTemplate(input: $input) { id opdId } }`;
    const body = 'Yth. {pelapor}, pengaduan {kode} ("{judul}") telah ditindaklanjuti oleh {unit}. Terima kasih.';
    await lab.ok('kepala.dinsos', CREATE, { input: { title: 'Salam penutup', body, opdId: lab.opd.DINSOS } });
    // A head keeps only their own unit's templates; city-wide ones are the superadmin's.
    expectError(await lab.gql('kepala.dinsos', CREATE, { input: { title: 'Lain', body, opdId: lab.opd.DISPERKIM } }), 'BAD_USER_INPUT', ['input.opdId']);
    expectError(await lab.gql('kepala.dinsos', CREATE, { input: { title: 'Kota', body } }), 'BAD_USER_INPUT', ['input.opdId']);
    expect(codeOf(await lab.gql('admin.tengah', CREATE, { input: { title: 'Admin', body, opdId: lab.opd.DINSOS } }))).toBe('FORBIDDEN');
    await lab.ok('superadmin', CREATE, { input: { title: 'Umum', body: 'Yth. {pelapor}, terima kasih atas laporan {kode}.' } });

    const k = await forwardedCase('Pendataan lansia');
    const filled = (await lab.complaint('kepala.dinsos', k.id, 'responseTemplates { title text }')).responseTemplates;
    // The unit's own before the city-wide ones (the seed adds its own to both).
    const mine = filled.filter((t: any) => ['Salam penutup', 'Umum'].includes(t.title));
    expect(mine.map((t: any) => t.title)).toEqual(['Salam penutup', 'Umum']);
    expect(filled.map((t: any) => t.title)).toContain('Jawaban umum: sudah ditindaklanjuti');
    expect(mine[0].text).toBe(`Yth. Siti Aminah, pengaduan ${k.tc} ("Pendataan lansia") telah ditindaklanjuti oleh Dinas Sosial. Terima kasih.`);
    // Admins neither answer nor draft: no templates offered.
    expect((await lab.complaint(k.admin, k.id, 'responseTemplates { id }')).responseTemplates).toEqual([]);

    const anon = await lab.submit('admin.tengah', { title: 'Pungli di loket', anonymous: true, reporterName: 'Rahasia Sekali' });
    await lab.must('admin.tengah', 'verifyComplaint', { id: anon.complaint.id });
    await lab.must('admin.tengah', 'forwardComplaint', { id: anon.complaint.id, opdId: lab.opd.DINSOS });
    const texts = (await lab.complaint('kepala.dinsos', anon.complaint.id, 'responseTemplates { text }')).responseTemplates.map((t: any) => t.text);
    expect(texts.join(' ')).not.toContain('Rahasia Sekali');
    for (const t of texts) expect(t).toMatch(/^Yth\. Bapak\/Ibu,/);
  });
});

describe('a question to the reporter pauses the deadlines until the reply', () => {
  test('asked, the deadlines pause (shown to the reporter); the reply resumes them, moved on by the time paused', async () => {
    const k = await forwardedCase('Sampah menumpuk di TPS Kwayuhan');
    const before = await lab.complaint('kepala.dinsos', k.id, P);
    const asked = await lab.must('kepala.dinsos', 'askReporter', { id: k.id, question: 'Mohon kirim alamat lengkap TPS yang dimaksud.' }, P);
    expect(asked).toMatchObject({ pauseKind: 'AWAITING_REPORTER', dueAt: null, overdue: false });
    expect(asked.deadlines.filter((d: any) => d.kind !== 'VERIFY').every((d: any) => d.paused)).toBe(true);
    const tracked = await k.track();
    expect(tracked.pause).toMatchObject({ kind: 'AWAITING_REPORTER', reason: 'Mohon kirim alamat lengkap TPS yang dimaksud.' });
    expect(new Date(tracked.pause.until).getTime()).toBeGreaterThan(Date.now() + 9 * 86_400_000);
    // Asking again while waiting is refused.
    expect(codeOf(await lab.act('kepala.dinsos', 'askReporter', { id: k.id, question: 'Pertanyaan kedua untuk pelapor?' }))).toBe('CONFLICT');

    const r = await k.reply('TPS di belakang pasar Kwayuhan, RT 02 RW 05.');
    expect(r.errors).toBeUndefined();
    expect(r.data.replyToComplaint.pause).toBeNull();
    expect(r.data.replyToComplaint.timeline.at(-1)).toEqual({ type: 'REPORTER_REPLIED', message: 'TPS di belakang pasar Kwayuhan, RT 02 RW 05.' });
    const after = await lab.complaint('kepala.dinsos', k.id, P);
    const replied = (await lab.events(k.id)).at(-1);
    const paused = new Date(replied.createdAt).getTime() - new Date(asked.pausedAt).getTime();
    expect(after.pausedAt).toBeNull();
    expect(new Date(after.responseDueAt).getTime()).toBe(new Date(before.responseDueAt).getTime() + paused);
    expect(new Date(after.settleDueAt).getTime()).toBe(new Date(before.settleDueAt).getTime() + paused);
    expect(after.dueAt).not.toBeNull();
  });

  test('without a reply the sweep resumes handling once the limit passes', async () => {
    const k = await forwardedCase('Saluran air tersumbat');
    const asked = await lab.must('kepala.dinsos', 'askReporter', { id: k.id, question: 'Di titik mana saluran tersumbat?' }, P);
    const later = lab.services.complaints.withClock(() => new Date(new Date(asked.pauseUntil).getTime() + 60_000));
    const swept = await sweepOnce(lab.t.app.db, lab.services.org, later);
    expect(swept.resumed).toBeGreaterThanOrEqual(1);
    const c = await lab.complaint('kepala.dinsos', k.id, P);
    expect(c.pauseKind).toBeNull();
    expect((await lab.events(k.id, 'type actorKind public')).at(-1)).toEqual({ type: 'RESUMED', actorKind: 'SYSTEM', public: true });
  });

  test('the reporter may add information any time before closure; not after', async () => {
    const k = await forwardedCase('Pohon tumbang');
    const r = await k.reply('Tambahan: pohon menutup separuh jalan.');
    expect(r.errors).toBeUndefined();
    expect((await lab.events(k.id, 'type public actorKind message')).at(-1)).toEqual({
      type: 'REPORTER_REPLIED',
      public: true,
      actorKind: 'CITIZEN',
      message: 'Tambahan: pohon menutup separuh jalan.',
    });
    expectError(await k.reply('x'), 'BAD_USER_INPUT', ['message']);
    expect(codeOf(await lab.gql(null, REPLY, { tc: k.tc, ac: 'ZZZZZZZZZZ', m: 'Tebakan kode akses' }))).toBe('NOT_FOUND');
    await lab.must('kepala.dinsos', 'respondToComplaint', { id: k.id, answer: 'Pohon sudah dipotong oleh DLH.' });
    await lab.must(k.admin, 'closeComplaint', { id: k.id });
    expect(codeOf(await k.reply('Terima kasih banyak.'))).toBe('INVALID_TRANSITION');
  });
});

describe('Tunda (hold) and Arsipkan (archive)', () => {
  test('an intake admin holds with a reason the reporter sees; the unit cannot lift it; a reply does not; the admin resumes', async () => {
    const k = await forwardedCase('Bantuan RTLH');
    const before = await lab.complaint('kepala.dinsos', k.id, P);
    expect(codeOf(await lab.act('kepala.dinsos', 'holdComplaint', { id: k.id, reason: 'Menunggu anggaran perubahan' }))).toBe('FORBIDDEN');
    const held = await lab.must(k.admin, 'holdComplaint', { id: k.id, reason: 'Menunggu hasil verifikasi lapangan dari kelurahan' }, P);
    expect(held).toMatchObject({ pauseKind: 'ON_HOLD', dueAt: null });
    expect((await k.track()).pause).toMatchObject({ kind: 'ON_HOLD', reason: 'Menunggu hasil verifikasi lapangan dari kelurahan' });
    expect(codeOf(await lab.act('kepala.dinsos', 'resumeComplaint', { id: k.id }))).toBe('FORBIDDEN');
    await k.reply('Kapan dilanjutkan?');
    expect((await lab.complaint('kepala.dinsos', k.id, P)).pauseKind).toBe('ON_HOLD');

    const resumed = await lab.must(k.admin, 'resumeComplaint', { id: k.id }, P);
    expect(resumed.pausedAt).toBeNull();
    const last = (await lab.events(k.id)).at(-1);
    expect(last).toMatchObject({ type: 'RESUMED', public: true, message: 'Penanganan dilanjutkan' });
    const paused = new Date(last.createdAt).getTime() - new Date(held.pausedAt).getTime();
    expect(new Date(resumed.responseDueAt).getTime()).toBe(new Date(before.responseDueAt).getTime() + paused);
    expect(codeOf(await lab.act(k.admin, 'resumeComplaint', { id: k.id }))).toBe('CONFLICT');
  });

  test('an action that moves the complaint on ends the pause', async () => {
    const k = await forwardedCase('Izin usaha mikro');
    await lab.must('kepala.dinsos', 'askReporter', { id: k.id, question: 'Apakah usaha sudah memiliki NIB?' });
    const returned = await lab.must('kepala.dinsos', 'returnComplaint', { id: k.id, reason: 'Kewenangan DPMPTSP' }, P);
    expect(returned).toMatchObject({ status: 'VERIFIED', pausedAt: null, pauseKind: null });
    expect(returned.dueAt).not.toBeNull();
    // The timeline says so, as when someone resumes by hand, just before the action that ended it.
    expect((await lab.events(k.id, 'type public message')).slice(-2)).toEqual([
      { type: 'RESUMED', public: true, message: 'Penanganan dilanjutkan' },
      expect.objectContaining({ type: 'RETURNED' }),
    ]);
    const { row, events } = await lab.stored(k.id);
    expect(replayMismatches(row, events)).toEqual([]);
  });

  test('archive keeps a report that needs no action out of the work lists, with its reason internal', async () => {
    const { complaint } = await lab.submit('admin.tengah', { title: 'tes tes tes aplikasi' });
    expect(codeOf(await lab.act('kepala.dinsos', 'archiveComplaint', { id: complaint.id, reason: 'Uji coba' }))).toBe('FORBIDDEN');
    const archived = await lab.must('admin.tengah', 'archiveComplaint', { id: complaint.id, reason: 'Uji coba petugas, bukan pengaduan' });
    expect(archived).toMatchObject({ status: 'ARCHIVED', dueAt: null, availableActions: ['NOTE', 'ATTACH'] });
    const inbox = await lab.ok('admin.tengah', '{ myInbox(perPage: 100) { items { id } } }');
    expect(inbox.myInbox.items.map((i: any) => i.id)).not.toContain(complaint.id);
    expect((await lab.list('admin.tengah', { status: ['ARCHIVED'] })).items.map((i) => i.id)).toContain(complaint.id);
    expect((await lab.events(complaint.id, 'type public message internalNote')).at(-1)).toEqual({
      type: 'ARCHIVED',
      public: true,
      message: 'Laporan diarsipkan karena tidak memerlukan tindak lanjut',
      internalNote: 'Uji coba petugas, bukan pengaduan',
    });
    const forwarded = await lab.forwarded('DINSOS');
    expect(codeOf(await lab.act('admin.tengah', 'archiveComplaint', { id: forwarded.id, reason: 'Salah kirim' }))).toBe('INVALID_TRANSITION');
    // The row still follows from its timeline alone (the audit's replay).
    const { row, events } = await lab.stored(complaint.id);
    expect(replayMismatches(row, events)).toEqual([]);
  });
});

test('a rating once per answer: again after a reopening is answered, never after closure', async () => {
  const k = await forwardedCase('Air PDAM keruh');
  await lab.must('kepala.dinsos', 'respondToComplaint', { id: k.id, answer: 'Pipa sudah dibersihkan petugas PDAM.' });
  expect((await k.track()).canRate).toBe(true);
  expect((await lab.ok(null, RATE, { tc: k.tc, ac: k.ac, s: 2 })).rateComplaint).toEqual({ rating: 2, canRate: false });
  expect(codeOf(await lab.gql(null, RATE, { tc: k.tc, ac: k.ac, s: 5 }))).toBe('CONFLICT');
  await lab.ok(null, 'mutation($tc: String!, $ac: String!) { reopenComplaint(trackingCode: $tc, accessCode: $ac, reason: "Masih keruh") }', {
    tc: k.tc,
    ac: k.ac,
  });
  await lab.must('kepala.dinsos', 'respondToComplaint', { id: k.id, answer: 'Filter di rumah pompa sudah diganti.' });
  expect((await lab.ok(null, RATE, { tc: k.tc, ac: k.ac, s: 4 })).rateComplaint).toEqual({ rating: 4, canRate: false });
  await lab.must(k.admin, 'closeComplaint', { id: k.id });
  expect((await k.track()).canRate).toBe(false);
  expect(codeOf(await lab.gql(null, RATE, { tc: k.tc, ac: k.ac, s: 5 }))).toBe('INVALID_TRANSITION');
});
