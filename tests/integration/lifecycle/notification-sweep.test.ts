import { startApp, type RunningApp } from '../../../server/app/bootstrap';
import { fromWib, wibDate, wibText } from '../../../server/core/wib';
import { sweepOnce } from '../../../server/modules/complaints/complaint.sweep';
import { EmailChannel } from '../../../server/modules/notifications/notification-channels';
import { NotificationDispatcher } from '../../../server/modules/notifications/notification.dispatcher';
import { NotificationSweep } from '../../../server/modules/notifications/notification.sweep';
import { addWorkingDays, isWorkingDay } from '../../../server/modules/sla/working-calendar';
import { startLocalSmtp, type LocalSmtp } from '../../support/local-smtp';
import { expectError, Lab } from './helpers';

/**
 * Staff notices no complaint change causes (issue #18, section 3): a unit invited to a forum
 * desk, the H-1 reminder before a deadline and the daily digest. Reminders and digests come from
 * the deadline sweep; each is written once however many processes sweep, whether they take
 * turns (the sweep's advisory lock) or write at the same moment (the dedupe key).
 */
let lab: Lab;
let other: RunningApp;
let smtp: LocalSmtp;
const HOUR = 3_600_000;
const DIGEST_HOUR = 7;

beforeAll(async () => {
  smtp = await startLocalSmtp();
  lab = await Lab.start({
    notifications: {
      smtp: smtp.config(),
      trackingUrl: 'https://lapor.uji.test/lacak?kode={kode}',
      dispatchIntervalMs: 0,
      maxAttempts: 3,
      backoffMs: 0,
      batchSize: 10,
      quietHours: null,
      digestHour: DIGEST_HOUR,
    },
  });
  // A second server process on the same database.
  other = await startApp({ ...lab.t.app.config, port: 0, seedDemo: false });
}, 60_000);
afterAll(async () => {
  await other?.stop();
  await lab?.stop();
  await smtp?.stop();
});

async function drain(): Promise<void> {
  for (let i = 0; i < 20; i++) {
    const r = await lab.services.dispatcher.dispatchOnce();
    if (r.sent + r.failed + r.dead === 0) return;
  }
}

interface Row {
  template: string;
  channel: string;
  status: string;
  recipient: string;
  subject: string;
  body: string;
  complaintId: number | null;
  deskId: number | null;
  dedupeKey: string;
}

async function rows(where: string, params: unknown[]): Promise<Row[]> {
  return lab.t.app.db.query(
    `SELECT n.template, n.channel, n.status, u.username AS recipient, n.subject, n.body, n."complaintId", n."deskId", n."dedupeKey"
       FROM notification n JOIN app_user u ON u.id = n."recipientUserId" WHERE ${where} ORDER BY u.username, n.channel <> 'IN_CONSOLE', n.id`,
    params,
  );
}

async function heads(opdCode: string): Promise<string[]> {
  const found: { username: string }[] = await lab.t.app.db.query(
    `SELECT username FROM app_user WHERE "opdId" = $1 AND role = 'UNIT_HEAD' AND active ORDER BY username`,
    [Number(lab.opd[opdCode])],
  );
  return found.map((r) => r.username);
}

const CHANNELS = `mutation($c: [NotificationChannel!]) { setMyNotificationChannels(channels: $c) { chosen } }`;

/** Both processes sweep at once, each with its service clock at `now` (one may find the other holding the sweep's lock). */
async function sweepBoth(now: Date): Promise<void> {
  const results = await Promise.all(
    [lab.t.app, other].map((app) =>
      sweepOnce(
        app.db,
        app.services.org,
        app.services.complaints.withClock(() => now),
        app.services.notificationSweep,
      ),
    ),
  );
  expect(results.some((r) => r.ran)).toBe(true);
}

/** Gives a forwarded complaint a response deadline at `due` (the running one). */
async function dueAt(id: string, due: Date): Promise<void> {
  await lab.t.app.db.query(`UPDATE complaint SET "responseDueAt" = $2, "dueAt" = $2, "followUpDueAt" = NULL, "overdueNotified" = false WHERE id = $1`, [
    Number(id),
    due,
  ]);
}

test('a unit invited to a forum desk: its heads are told in the console and by the channel they chose, with the desk, naming complaints by code and title only', async () => {
  await lab.ok('kepala.disperkim', CHANNELS, { c: ['EMAIL'] });
  try {
    const a = await lab.forwarded('DINSOS', { title: 'Banjir di Kampung Cacaban', anonymous: true, reporterName: 'Rahasia Widyaningsih' });
    const b = await lab.forwarded('DINSOS', { title: 'Saluran tersumbat di RW 03' });
    const { conveneDesk: desk } = await lab.ok('kepala.dinsos', `mutation($i: DeskInput!) { conveneDesk(input: $i) { id } }`, {
      i: {
        title: 'Forum penanganan banjir Cacaban',
        complaintIds: [a.id, b.id],
        participantOpdIds: [lab.opd.DISPERKIM],
        scheduledAt: '2026-12-09T02:00:00Z',
        place: 'Ruang Rapat Bappeda',
      },
    });
    const invited = await rows(`n."deskId" = $1`, [Number(desk.id)]);
    expect(invited.map((r) => [r.template, r.recipient, r.channel, r.status, r.complaintId])).toEqual(
      (await heads('DISPERKIM')).flatMap((h) => [
        ['DESK_INVITATION_TO_UNIT', h, 'IN_CONSOLE', 'SENT', null],
        ...(h === 'kepala.disperkim' ? [['DESK_INVITATION_TO_UNIT', h, 'EMAIL', 'PENDING', null]] : []),
      ]),
    );
    const [invitation] = invited;
    expect(invitation.subject).toBe('Undangan forum: Forum penanganan banjir Cacaban');
    expect(invitation.body).toBe(
      [
        `Unit Anda diundang ke forum "Forum penanganan banjir Cacaban" yang diadakan oleh ${lab.opdName.DINSOS}.`,
        'Waktu: 9 Desember 2026 09.00 WIB',
        'Tempat: Ruang Rapat Bappeda',
        '',
        'Pengaduan yang dibahas (2):',
        `- ${a.trackingCode} "Banjir di Kampung Cacaban"`,
        `- ${b.trackingCode} "Saluran tersumbat di RW 03"`,
      ].join('\n'),
    );
    expect(invited.map((r) => r.body).join()).not.toContain('Widyaningsih');
    // Written by the transaction that convened the desk.
    const [{ same }] = await lab.t.app.db.query(
      `SELECT bool_and(n.xmin::text = d.xmin::text) AS same FROM notification n JOIN desk d ON d.id = n."deskId" WHERE d.id = $1`,
      [Number(desk.id)],
    );
    expect(same).toBe(true);
    // The centre links it to the desk.
    const mine = (await lab.ok('kepala.disperkim', `{ myNotifications(perPage: 5) { items { template deskId complaintId } } }`)).myNotifications.items;
    expect(mine[0]).toEqual({ template: 'DESK_INVITATION_TO_UNIT', deskId: desk.id, complaintId: null });
    smtp.received = [];
    await drain();
    expect(smtp.received.map((m) => [m.to, m.subject])).toEqual([[['kepala.disperkim@magelangkota.go.id'], 'Undangan forum: Forum penanganan banjir Cacaban']]);
  } finally {
    await lab.ok('kepala.disperkim', CHANNELS, { c: null });
  }
});

test('H-1: the unit’s heads are reminded once, one working day before the deadline, with two processes sweeping at once or in turn', async () => {
  const cal = await lab.services.sla.holidays();
  const now = new Date();
  const c = await lab.forwarded('DINSOS', { title: 'Lampu jalan padam di Jalan Ikhlas' });
  const c2 = await lab.forwarded('DINSOS', { title: 'Jalan berlubang di Jalan Pahlawan' });
  // Due in the afternoon of the third working day from now; the day before it (H-1) starts the reminders.
  const due = new Date(addWorkingDays(now, 3, cal).getTime() - 8 * HOUR);
  const dayBefore = new Date(addWorkingDays(now, 2, cal).getTime() - 6 * HOUR);
  await dueAt(c.id, due);
  const reminders = (id: string) => rows(`n."complaintId" = $1 AND n.template = 'DEADLINE_REMINDER_TO_UNIT'`, [Number(id)]);

  await sweepBoth(new Date(now.getTime() + 60_000));
  expect(await reminders(c.id)).toEqual([]);

  // Both processes at once.
  await sweepBoth(dayBefore);
  const unitHeads = await heads('DINSOS');
  const first = await reminders(c.id);
  expect(first.map((r) => [r.recipient, r.channel])).toEqual(unitHeads.map((h) => [h, 'IN_CONSOLE']));
  expect(first[0].subject).toBe(`[${c.trackingCode}] Pengingat: batas tanggapan hampir tiba`);
  expect(first[0].body).toBe(
    `Pengaduan ${c.trackingCode} "Lampu jalan padam di Jalan Ikhlas" harus ditindaklanjuti paling lambat ${wibText(due)} (batas tanggapan).\nSegera tanggapi agar tidak melewati batas waktu.`,
  );
  // In turn, later that day and the next morning: nothing new.
  await sweepOnce(
    lab.t.app.db,
    lab.services.org,
    lab.services.complaints.withClock(() => new Date(dayBefore.getTime() + HOUR)),
    lab.services.notificationSweep,
  );
  await sweepOnce(
    other.db,
    other.services.org,
    other.services.complaints.withClock(() => new Date(due.getTime() - HOUR)),
    other.services.notificationSweep,
  );
  expect(await reminders(c.id)).toEqual(first);

  // Without the lock (two writers at the very same moment), the dedupe key still writes it once.
  await dueAt(c2.id, new Date(due.getTime() + HOUR));
  const [x, y] = await Promise.all([lab.t.app, other].map((app) => app.services.notificationSweep.remindDeadlines(dayBefore, cal)));
  expect(x + y).toBe(unitHeads.length);
  expect((await reminders(c2.id)).map((r) => r.recipient)).toEqual(unitHeads);
  expect(await reminders(c.id)).toEqual(first);

  // A deadline moved (a new date) is a new deadline, reminded once again, in the text the superadmin edited meanwhile.
  const EDIT = `mutation($i: NotificationTemplateInput!) { updateNotificationTemplate(template: DEADLINE_REMINDER_TO_UNIT, input: $i) { customized } }`;
  await lab.ok('superadmin', EDIT, { i: { subject: '[{kode}] Besok batas {jenis_batas}', body: 'Ingat: {kode} paling lambat {batas}.' } });
  try {
    await dueAt(c.id, new Date(due.getTime() + 2 * HOUR));
    await other.services.notificationSweep.remindDeadlines(dayBefore, cal);
    await lab.services.notificationSweep.remindDeadlines(dayBefore, cal);
    const again = (await reminders(c.id)).filter((r) => !first.some((f) => f.dedupeKey === r.dedupeKey));
    expect(again.map((r) => [r.recipient, r.subject, r.body])).toEqual(
      unitHeads.map((h) => [
        h,
        `[${c.trackingCode}] Besok batas tanggapan`,
        `Ingat: ${c.trackingCode} paling lambat ${wibText(new Date(due.getTime() + 2 * HOUR))}.`,
      ]),
    );
  } finally {
    await lab.ok('superadmin', `mutation { resetNotificationTemplate(template: DEADLINE_REMINDER_TO_UNIT) { customized } }`);
  }
});

test('a busy day: every complaint due within the next working day is reminded in one sweep, however many there are', async () => {
  const cal = await lab.services.sla.holidays();
  // Weeks ahead, so no other complaint of the suite is due in that window.
  const later = new Date(addWorkingDays(new Date(), 40, cal).getTime() + HOUR);
  const due = new Date(addWorkingDays(later, 1, cal).getTime() - HOUR);
  const ids: string[] = [];
  for (let i = 0; i < 5; i++) {
    const c = await lab.forwarded('DINSOS', { title: `Saluran air tersumbat ${i}` });
    await dueAt(c.id, new Date(due.getTime() - i * 60_000));
    ids.push(c.id);
  }
  const small = new NotificationSweep(lab.t.app.db, lab.services.sla, () => 'Dinas Sosial', { staffChannels: [], digestHour: null, pageSize: 2 });
  await small.remindDeadlines(later, cal);
  const unitHeads = await heads('DINSOS');
  for (const id of ids) {
    expect((await rows(`n."complaintId" = $1 AND n.template = 'DEADLINE_REMINDER_TO_UNIT'`, [Number(id)])).map((r) => r.recipient)).toEqual(unitHeads);
  }
});

test('no reminder for a deadline that was already within a working day when it was set (a 1×24-hour response): the forward said it', async () => {
  const cal = await lab.services.sla.holidays();
  const c = await lab.forwarded('DINSOS');
  const [{ startedAt }] = await lab.t.app.db.query(`SELECT "startedAt" FROM complaint_handling WHERE "complaintId" = $1`, [Number(c.id)]);
  const due = new Date(new Date(startedAt).getTime() + 20 * HOUR);
  expect(due <= addWorkingDays(new Date(startedAt), 1, cal)).toBe(true);
  await dueAt(c.id, due);
  await lab.services.notificationSweep.remindDeadlines(new Date(due.getTime() - 2 * HOUR), cal);
  expect(await rows(`n."complaintId" = $1 AND n.template = 'DEADLINE_REMINDER_TO_UNIT'`, [Number(c.id)])).toEqual([]);
});

test('a daily digest for the unit heads who asked, from the configured hour of each working day, once per day even with two processes', async () => {
  const cal = await lab.services.sla.holidays();
  const PREFS = `mutation($on: Boolean!) { setMyDailyDigest(enabled: $on) { dailyDigest digestAvailable } }`;
  expectError(await lab.gql('admin.tengah', PREFS, { on: true }), 'BAD_USER_INPUT', ['enabled']);
  expect((await lab.ok('kepala.disperkim', PREFS, { on: true })).setMyDailyDigest).toEqual({ dailyDigest: true, digestAvailable: true });
  await lab.ok('kepala.disperkim', CHANNELS, { c: ['EMAIL'] });
  try {
    // The next working day (today included), in WIB.
    let day = wibDate(new Date());
    while (!isWorkingDay(day, cal)) day = wibDate(new Date(fromWib(...ymd(day)).getTime() + 26 * HOUR));
    const at = (hour: number) => fromWib(...ymd(day), hour * 60);
    const late = await lab.forwarded('DISPERKIM', { title: 'Rumah roboh di Kemirirejo' });
    const fresh = await lab.forwarded('DISPERKIM', { title: 'Talud longsor di Tidar Utara' });
    await dueAt(late.id, new Date(at(DIGEST_HOUR).getTime() - 2 * HOUR));
    await dueAt(fresh.id, new Date(at(DIGEST_HOUR).getTime() + 30 * HOUR));
    const digests = () => rows(`n.template = 'DAILY_DIGEST_TO_UNIT' AND n."dedupeKey" LIKE $1`, [`digest:${day}:%`]);

    expect(await lab.services.notificationSweep.writeDigests(at(DIGEST_HOUR - 1), cal)).toBe(0);
    await sweepBoth(at(DIGEST_HOUR));
    const written = await digests();
    expect(written.map((r) => [r.recipient, r.channel, r.complaintId])).toEqual([
      ['kepala.disperkim', 'IN_CONSOLE', null],
      ['kepala.disperkim', 'EMAIL', null],
    ]);
    const [{ body, subject }] = written;
    // Every open complaint of the unit, the earliest deadline first; the late one marked.
    const open: { trackingCode: string; title: string; dueAt: Date }[] = await lab.t.app.db.query(
      `SELECT "trackingCode", title, "dueAt" FROM complaint WHERE "currentOpdId" = $1 AND status IN ('FORWARDED', 'IN_PROGRESS') ORDER BY "dueAt", id`,
      [Number(lab.opd.DISPERKIM)],
    );
    const overdue = open.filter((o) => o.dueAt < at(DIGEST_HOUR)).length;
    expect(overdue).toBeGreaterThanOrEqual(1);
    expect(subject).toBe(`Ringkasan harian ${wibText(at(DIGEST_HOUR), false)}: ${open.length} pengaduan terbuka, ${overdue} terlambat`);
    expect(body.split('\n')[0]).toBe(
      `Pengaduan terbuka di ${lab.opdName.DISPERKIM} per ${wibText(at(DIGEST_HOUR), false)}: ${open.length}, ${overdue} di antaranya melewati batas waktu.`,
    );
    expect(body).toContain(`- ${late.trackingCode} "Rumah roboh di Kemirirejo", batas ${wibText(new Date(at(DIGEST_HOUR).getTime() - 2 * HOUR))} (terlambat)`);
    expect(body).toContain(`- ${fresh.trackingCode} "Talud longsor di Tidar Utara", batas ${wibText(new Date(at(DIGEST_HOUR).getTime() + 30 * HOUR))}`);
    expect(body).not.toContain(`Tidar Utara", batas ${wibText(new Date(at(DIGEST_HOUR).getTime() + 30 * HOUR))} (terlambat)`);

    // Later that day, by either process, in turn or at once: nothing more.
    await sweepBoth(at(15));
    const [x, y] = await Promise.all([lab.t.app, other].map((app) => app.services.notificationSweep.writeDigests(at(16), cal)));
    expect(x + y).toBe(0);
    expect(await digests()).toEqual(written);
    smtp.received = [];
    // Due from the digest's hour, which may be a later day than the test's: a dispatcher whose clock is then.
    const dispatcher = new NotificationDispatcher(
      lab.t.app.db,
      [new EmailChannel(smtp.config())],
      { batchSize: 10, maxAttempts: 3, backoffMs: 0 },
      lab.services.log,
      () => at(23),
    );
    await dispatcher.dispatchOnce();
    await dispatcher.stop();
    expect(smtp.received.filter((m) => m.subject.startsWith('Ringkasan harian')).map((m) => m.to)).toEqual([['kepala.disperkim@magelangkota.go.id']]);
  } finally {
    await lab.ok('kepala.disperkim', PREFS, { on: false });
    await lab.ok('kepala.disperkim', CHANNELS, { c: null });
  }
});

test('two unlocked writers of the same day’s digests at the very same moment write each once', async () => {
  const cal = await lab.services.sla.holidays();
  const PREFS = `mutation($on: Boolean!) { setMyDailyDigest(enabled: $on) { dailyDigest } }`;
  await lab.ok('kepala.dinsos', PREFS, { on: true });
  try {
    // A working day of its own, far from the other tests' days.
    let day = '2027-03-01';
    while (!isWorkingDay(day, cal)) day = wibDate(new Date(fromWib(...ymd(day)).getTime() + 26 * HOUR));
    const noon = fromWib(...ymd(day), 12 * 60);
    const results = await Promise.all([lab.t.app, other, lab.t.app, other].map((app) => app.services.notificationSweep.writeDigests(noon, cal)));
    expect(results.reduce((a, b) => a + b, 0)).toBe(1);
    expect((await rows(`n.template = 'DAILY_DIGEST_TO_UNIT' AND n."dedupeKey" LIKE $1`, [`digest:${day}:%`])).map((r) => r.recipient)).toEqual([
      'kepala.dinsos',
    ]);
  } finally {
    await lab.ok('kepala.dinsos', PREFS, { on: false });
  }
});

function ymd(day: string): [number, number, number] {
  const [y, m, d] = day.split('-').map(Number);
  return [y, m - 1, d];
}
