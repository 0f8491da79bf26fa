import { C, Lab } from './helpers';

/**
 * A deadline runs until the complaint is settled: verification, the unit's first response
 * ("1×24 jam" on working days), the follow-up after it and the overall settlement limit;
 * reopening starts new ones; a forward inside one unit keeps its clock.
 */
let lab: Lab;
beforeAll(async () => {
  lab = await Lab.start();
}, 60_000);
afterAll(() => lab?.stop());

const D = `${C} followUpDueAt settleDueAt deadlines { kind dueAt done overdue }`;
const wib = (date: string, time: string) => new Date(`${date}T${time}:00+07:00`).toISOString();
const endOfWib = (date: string) => new Date(`${date}T23:59:59.999+07:00`).toISOString();
const kinds = (c: any) => c.deadlines.map((d: any) => `${d.kind}:${d.done ? 'done' : 'running'}`);

/** Submits, verifies and forwards to DINSOS through the service, at the WIB time given. */
async function forwardedAt(date: string, time: string) {
  const svc = lab.services.complaints.withClock(() => new Date(wib(date, time)));
  const c = await lab.submitDirect('admin.tengah', { title: `Tenggat ${date} ${time}` }, svc);
  const ctx = await lab.ctx('admin.tengah');
  await svc.verify(ctx, String(c.id), null);
  await svc.forward(ctx, String(c.id), null, lab.opd.DINSOS);
  return lab.complaint('superadmin', String(c.id), D);
}

test('"1×24 jam" counts working days only: a Friday 10:00 forward is due Monday 10:00', async () => {
  const c = await forwardedAt('2026-11-27', '10:00');
  expect(c.responseDueAt).toBe(wib('2026-11-30', '10:00'));
  expect(c.dueAt).toBe(wib('2026-11-30', '10:00'));
});

test('across Nyepi, Idulfitri and cuti bersama a Tuesday 09:00 forward is due the next Wednesday 09:00', async () => {
  const c = await forwardedAt('2026-03-17', '09:00');
  expect(c.responseDueAt).toBe(wib('2026-03-25', '09:00'));
  // Verification: 3 working days from Tuesday 17 March are 25, 26 and 27 March.
  expect(c.verifyDueAt).toBe(endOfWib('2026-03-27'));
  // Settlement: 60 days from receipt.
  expect(c.settleDueAt).toBe(wib('2026-05-16', '09:00'));
});

test('the first response starts the follow-up deadline; later progress does not move it; the answer ends them all', async () => {
  const c = await lab.forwarded('DINSOS', { title: 'Bantuan pangan belum diterima' });
  const forwarded = await lab.complaint('kepala.dinsos', c.id, D);
  expect(kinds(forwarded)).toEqual(['VERIFY:done', 'RESPONSE:running', 'SETTLE:running']);
  expect(forwarded.followUpDueAt).toBeNull();
  const settle = new Date(forwarded.settleDueAt).getTime() - new Date(forwarded.createdAt).getTime();
  expect(settle).toBe(60 * 86_400_000);

  const accepted = await lab.must('kepala.dinsos', 'acceptComplaint', { id: c.id }, D);
  expect(kinds(accepted)).toEqual(['VERIFY:done', 'RESPONSE:done', 'FOLLOW_UP:running', 'SETTLE:running']);
  expect(accepted.followUpDueAt).not.toBeNull();
  // Still a deadline running after the first response (before, nothing fell due again).
  expect(accepted.dueAt).toBe(accepted.followUpDueAt);
  // End of the 5th working day after the acceptance.
  expect(new Date(accepted.followUpDueAt).getTime()).toBeGreaterThan(Date.now() + 5 * 86_400_000);
  expect(new Date(accepted.followUpDueAt).toISOString().slice(11)).toBe('16:59:59.999Z');

  const progressed = await lab.must('kepala.dinsos', 'addProgress', { id: c.id, stage: 'FIELD_CHECK', note: 'Petugas survei ke rumah pelapor' }, D);
  expect(progressed.followUpDueAt).toBe(accepted.followUpDueAt);
  expect(progressed.dueAt).toBe(accepted.dueAt);

  const answered = await lab.must('kepala.dinsos', 'respondToComplaint', { id: c.id, answer: 'Bantuan sudah dicairkan melalui rekening KKS.' }, D);
  expect(answered.dueAt).toBeNull();
  expect(answered.overdue).toBe(false);
  expect(answered.deadlines.every((d: any) => d.done)).toBe(true);
});

test('a passed follow-up deadline is marked overdue and named so on the timeline', async () => {
  const c = await lab.forwarded('DINSOS', { title: 'Lampu jalan mati berminggu-minggu' });
  await lab.must('kepala.dinsos', 'acceptComplaint', { id: c.id });
  // The follow-up deadline passes: a week after the acceptance, on the service's clock.
  const later = lab.services.complaints.withClock(() => new Date(Date.now() + 30 * 86_400_000));
  const { row } = await lab.stored(c.id);
  await later.markOverdue(row);
  const events = await lab.events(c.id, 'type message');
  expect(events.find((e) => e.type === 'OVERDUE')?.message).toBe('Melewati batas waktu tindak lanjut');
});

test('reopening starts a new response deadline and a new settlement limit, shown to the reporter', async () => {
  const { complaint, trackingCode, accessCode } = await lab.submitDirectResult('admin.tengah', { title: 'Jalan berlubang di depan sekolah' });
  const id = String(complaint.id);
  const before = (await lab.stored(id)).row;
  await lab.must('admin.tengah', 'verifyComplaint', { id });
  await lab.must('admin.tengah', 'forwardComplaint', { id, opdId: lab.opd.DINSOS });
  await lab.must('kepala.dinsos', 'respondToComplaint', { id, answer: 'Perbaikan dijadwalkan minggu depan oleh DPUPR.' });

  const reopenedAt = Date.now();
  const r = await lab.ok(null, `mutation($t: String!, $a: String!) { reopenComplaint(trackingCode: $t, accessCode: $a, reason: "Belum diperbaiki") }`, {
    t: trackingCode,
    a: accessCode,
  });
  expect(r.reopenComplaint).toBe('IN_PROGRESS');
  const reopened = await lab.complaint('superadmin', id, D);
  expect(new Date(reopened.settleDueAt).getTime()).toBeGreaterThan(new Date(before.settleDueAt!).getTime());
  expect(new Date(reopened.settleDueAt).getTime() - reopenedAt).toBeGreaterThan(59 * 86_400_000);
  expect(reopened.followUpDueAt).toBeNull();
  expect(kinds(reopened)).toEqual(['VERIFY:done', 'RESPONSE:running', 'SETTLE:running']);
  expect(reopened.dueAt).toBe(reopened.responseDueAt);

  const tracked = await lab.ok(
    null,
    `query($t: String!, $a: String!) { trackComplaint(trackingCode: $t, accessCode: $a) { status deadlines { kind dueAt done overdue } } }`,
    { t: trackingCode, a: accessCode },
  );
  expect(tracked.trackComplaint.deadlines).toEqual(reopened.deadlines);
});

test('a forward inside one unit (to its bidang) keeps the unit’s clock; a forward to another unit restarts it', async () => {
  const c = await lab.forwarded('DINSOS', { title: 'Data DTKS keluarga tidak muncul' });
  const accepted = await lab.must('kepala.dinsos', 'acceptComplaint', { id: c.id }, D);
  const inside = await lab.must('kepala.dinsos', 'forwardComplaint', { id: c.id, opdId: lab.opd['DINSOS-LINJAMSOS'] }, D);
  expect(inside.status).toBe('FORWARDED');
  expect(inside.responseDueAt).toBe(accepted.responseDueAt);
  expect(inside.followUpDueAt).toBe(accepted.followUpDueAt);
  expect(inside.dueAt).toBe(accepted.dueAt);

  const elsewhere = await lab.must('kepala.dinsos', 'forwardComplaint', { id: c.id, opdId: lab.opd.DISPERKIM }, D);
  expect(new Date(elsewhere.responseDueAt).getTime()).toBeGreaterThan(new Date(accepted.responseDueAt).getTime());
  expect(elsewhere.followUpDueAt).toBeNull();
  expect(elsewhere.dueAt).toBe(elsewhere.responseDueAt);
  expect(kinds(elsewhere)).toEqual(['VERIFY:done', 'RESPONSE:running', 'SETTLE:running']);
});

test('SLA policies state each unit explicitly; the older units are saved as what they meant', async () => {
  const su = 'superadmin';
  const made = await lab.ok(
    su,
    `mutation { createSlaPolicy(input: { code: "LAMA-${Date.now() % 100000}", name: "Kebijakan lama", calendar: CALENDAR_HOURS,
       verifyWithin: 2, verifyUnit: DAYS, respondWithin: 24, respondUnit: HOURS }) {
       verifyUnit respondUnit followUpWithin followUpUnit settleWithin settleUnit } }`,
  );
  expect(made.createSlaPolicy).toEqual({
    verifyUnit: 'CALENDAR_DAYS',
    respondUnit: 'CLOCK_HOURS',
    followUpWithin: 5,
    followUpUnit: 'WORKING_DAYS',
    settleWithin: 60,
    settleUnit: 'CALENDAR_DAYS',
  });
  const seeded = await lab.ok(su, `{ slaPolicies(filter: { q: "STANDAR" }) { items { code respondWithin respondUnit followUpWithin followUpUnit } } }`);
  expect(seeded.slaPolicies.items.find((p: any) => p.code === 'STANDAR')).toEqual({
    code: 'STANDAR',
    respondWithin: 24,
    respondUnit: 'WORKING_HOURS',
    followUpWithin: 5,
    followUpUnit: 'WORKING_DAYS',
  });
});
