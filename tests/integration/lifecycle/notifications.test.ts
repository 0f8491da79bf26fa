import { Opd } from '../../../server/modules/opds/opd.entity';
import { EmailChannel, type ChannelAdapter } from '../../../server/modules/notifications/notification-channels';
import { NotificationChannel } from '../../../server/modules/notifications/notification.enums';
import { NotificationDispatcher } from '../../../server/modules/notifications/notification.dispatcher';
import { startLocalSmtp, type LocalSmtp } from '../../support/local-smtp';
import { codeOf, expectError, Lab, waitFor } from './helpers';

let lab: Lab;
let smtp: LocalSmtp;
const TRACKING = 'https://lapor.uji.test/lacak?kode={kode}';

beforeAll(async () => {
  smtp = await startLocalSmtp();
  lab = await Lab.start({
    // Quiet hours (tested in phone-notifications.test.ts) would hold reporters' mail by the time of day the suite runs.
    notifications: { smtp: smtp.config(), trackingUrl: TRACKING, dispatchIntervalMs: 0, maxAttempts: 3, backoffMs: 0, batchSize: 10, quietHours: null },
  });
});
afterAll(async () => {
  await lab?.stop();
  await smtp?.stop();
});
beforeEach(async () => {
  smtp.failNext = 0;
  smtp.delayMs = 0;
  // What an earlier test left due is sent now, out of this test's count.
  await drain();
  smtp.received = [];
});

interface Row {
  id: number;
  channel: string;
  status: string;
  template: string;
  recipient: string | null;
  recipientAddress: string | null;
  eventType: string;
  sameTransaction: boolean;
  subject: string;
  body: string;
  attempts: number;
  lastError: string | null;
}

/** A complaint's outbox, oldest first, with the event each row came with and whether both were written by one transaction. */
async function outbox(complaintId: string | number): Promise<Row[]> {
  return lab.t.app.db.query(
    `SELECT n.id, n.channel, n.status, n.template, u.username AS recipient, n."recipientAddress", e.type AS "eventType",
            n.xmin::text = e.xmin::text AS "sameTransaction", n.subject, n.body, n.attempts, n."lastError"
       FROM notification n JOIN complaint_event e ON e.id = n."eventId" LEFT JOIN app_user u ON u.id = n."recipientUserId"
      WHERE n."complaintId" = $1 ORDER BY n."eventId", u.username, n.id`,
    [Number(complaintId)],
  );
}

async function usernames(opdCode: string, role: string): Promise<string[]> {
  const rows: { username: string }[] = await lab.t.app.db.query(`SELECT username FROM app_user WHERE "opdId" = $1 AND role = $2 AND active ORDER BY username`, [
    Number(lab.opd[opdCode]),
    role,
  ]);
  return rows.map((r) => r.username);
}

/** Runs the app's dispatcher until nothing is due. */
async function drain(): Promise<void> {
  for (let i = 0; i < 20; i++) {
    const r = await lab.services.dispatcher.dispatchOnce();
    if (r.sent + r.failed + r.dead === 0) return;
  }
}

test('record → forward → answer → close writes exactly the expected notifications, each with its event in one transaction; e-mail reaches the reporter with the tracking link', async () => {
  const { complaint, trackingCode } = await lab.submit('admin.tengah', { reporterEmail: 'warga@contoh.id' });
  await lab.must('admin.tengah', 'verifyComplaint', { id: complaint.id });
  await lab.must('admin.tengah', 'forwardComplaint', { id: complaint.id, opdId: lab.opd.DINSOS, note: 'Instruksi internal: cek data DTKS' });
  await lab.must('kepala.dinsos', 'respondToComplaint', { id: complaint.id, answer: 'Bantuan sudah dicairkan melalui rekening KKS.' });
  await lab.must('admin.tengah', 'closeComplaint', { id: complaint.id });

  const heads = await usernames('DINSOS', 'UNIT_HEAD');
  const admins = await usernames('KEC-TENGAH', 'ADMIN');
  expect(heads).toContain('kepala.dinsos');
  expect(admins).toContain('admin.tengah');
  const rows = await outbox(complaint.id);
  // The reporter hears of each public step; nobody is told of their own action.
  expect(rows.map((r) => [r.eventType, r.template, r.channel, r.recipient ?? r.recipientAddress, r.status].join(' ')).sort()).toEqual(
    [
      ['SUBMITTED', 'RECEIVED_TO_REPORTER', 'EMAIL', 'warga@contoh.id', 'PENDING'],
      ['VERIFIED', 'VERIFIED_TO_REPORTER', 'EMAIL', 'warga@contoh.id', 'PENDING'],
      ...heads.map((h) => ['FORWARDED', 'FORWARDED_TO_UNIT', 'IN_CONSOLE', h, 'SENT']),
      ['FORWARDED', 'FORWARDED_TO_REPORTER', 'EMAIL', 'warga@contoh.id', 'PENDING'],
      ...admins.map((a) => ['RESPONDED', 'ANSWERED_TO_INTAKE', 'IN_CONSOLE', a, 'SENT']),
      ['RESPONDED', 'ANSWERED_TO_REPORTER', 'EMAIL', 'warga@contoh.id', 'PENDING'],
      ['CLOSED', 'CLOSED_TO_REPORTER', 'EMAIL', 'warga@contoh.id', 'PENDING'],
    ]
      .map((r) => r.join(' '))
      .sort(),
  );
  expect(rows.every((r) => r.sameTransaction)).toBe(true);
  const toUnit = rows.find((r) => r.template === 'FORWARDED_TO_UNIT')!;
  expect(toUnit.subject).toBe(`[${trackingCode}] Pengaduan diteruskan ke unit Anda`);
  expect(toUnit.body).toContain('Instruksi: Instruksi internal: cek data DTKS');

  await drain();
  const link = `https://lapor.uji.test/lacak?kode=${trackingCode}`;
  expect(smtp.received.map((m) => [m.to, m.subject])).toEqual(
    ['telah diterima', 'telah diverifikasi', 'diteruskan', 'telah dijawab', 'telah selesai'].map((s) => [
      ['warga@contoh.id'],
      `[${trackingCode}] Pengaduan Anda ${s}`,
    ]),
  );
  for (const m of smtp.received) {
    expect(m.body).toContain(link);
    // Nothing internal reaches the reporter: neither the instruction to the unit nor who answered.
    expect(m.body).not.toContain('DTKS');
    expect(m.body).not.toContain(lab.user['kepala.dinsos'].name);
  }
  expect(smtp.received[3].body).toContain('Bantuan sudah dicairkan melalui rekening KKS.');
  // The provider's dedupe key is the outbox row's.
  const keys: { dedupeKey: string }[] = await lab.t.app.db.query(
    `SELECT "dedupeKey" FROM notification WHERE "complaintId" = $1 AND channel = 'EMAIL' ORDER BY id`,
    [Number(complaint.id)],
  );
  expect(smtp.received.map((m) => m.messageId)).toEqual(keys.map((k) => `<${k.dedupeKey}@uji.test>`));
  expect((await outbox(complaint.id)).map((r) => r.status)).toEqual(rows.map(() => 'SENT'));
});

test('assigning tells the staff member; returning tells the intake admins', async () => {
  const c = await lab.forwarded('DINSOS');
  await lab.must('kepala.dinsos', 'assignComplaint', { id: c.id, userId: lab.user['staf.dinsos'].id });
  await lab.must('kepala.dinsos', 'returnComplaint', { id: c.id, reason: 'Bukan wewenang Dinas Sosial' });
  const rows = (await outbox(c.id)).filter((r) => r.eventType !== 'FORWARDED');
  expect(rows.map((r) => [r.template, r.recipient])).toEqual([
    ['ASSIGNED_TO_STAFF', 'staf.dinsos'],
    ...(await usernames('KEC-TENGAH', 'ADMIN')).map((a) => ['RETURNED_TO_INTAKE', a]),
  ]);
  expect(rows[1].body).toContain('Alasan: Bukan wewenang Dinas Sosial');
  // The head who acted is not told of the assignment they made.
  expect(rows.some((r) => r.recipient === 'kepala.dinsos')).toBe(false);
});

test('a change that rolls back writes no notification', async () => {
  const c = await lab.verified({ reporterEmail: 'batal@contoh.id' });
  const dinsos = await lab.t.app.db.getRepository(Opd).findOneByOrFail({ id: Number(lab.opd.DINSOS) });
  const stored = (await lab.stored(c.id)).row;
  const viewer = await lab.viewer('admin.tengah');
  let inside = 0;
  await expect(
    lab.t.app.db.transaction(async (tx) => {
      await lab.services.complaints.forwardByDesk(
        viewer,
        stored,
        dinsos,
        { deskId: 0, deskTitle: 'Uji', solution: 'Uji', responseDueAt: null, dueDate: null, field: 'x' },
        tx,
      );
      [{ n: inside }] = await tx.query(`SELECT count(*)::int AS n FROM notification WHERE "complaintId" = $1 AND template = 'FORWARDED_TO_UNIT'`, [c.id]);
      throw new Error('undo');
    }),
  ).rejects.toThrow('undo');
  expect(inside).toBeGreaterThan(0);
  expect((await outbox(c.id)).map((r) => r.eventType)).toEqual(['SUBMITTED', 'VERIFIED']);
});

test('two dispatchers at once deliver every e-mail exactly once (SKIP LOCKED)', async () => {
  const codes: string[] = [];
  for (let i = 0; i < 8; i++) codes.push((await lab.submit('admin.tengah', { reporterEmail: `warga${i}@contoh.id` })).trackingCode);
  smtp.delayMs = 40;
  const make = () =>
    new NotificationDispatcher(lab.t.app.db, [new EmailChannel(smtp.config())], { batchSize: 3, maxAttempts: 3, backoffMs: 0 }, lab.services.log);
  const dispatchers = [make(), make()];
  const handled = [0, 0];
  await Promise.all(
    dispatchers.map(async (d, i) => {
      for (;;) {
        const r = await d.dispatchOnce();
        if (r.sent + r.failed + r.dead === 0) return;
        handled[i] += r.sent;
      }
    }),
  );
  await Promise.all(dispatchers.map((d) => d.stop()));
  // Both took part, and together sent each message once (earlier tests' messages are already sent).
  expect(handled.every((n) => n > 0)).toBe(true);
  expect(handled[0] + handled[1]).toBe(8);
  const subjects = smtp.received.map((m) => m.subject).sort();
  expect(subjects).toEqual(codes.map((c) => `[${c}] Pengaduan Anda telah diterima`).sort());
  expect(new Set(smtp.received.map((m) => m.messageId)).size).toBe(8);
});

test('while a backlog lasts, a process sends several batches at once, each message once; stop waits for every batch in flight', async () => {
  for (let i = 0; i < 12; i++) await lab.submit('admin.tengah', { reporterEmail: `antre${i}@contoh.id` });
  let sending = 0;
  let most = 0;
  const sentTo: string[] = [];
  const slow: ChannelAdapter = {
    channel: NotificationChannel.EMAIL,
    send: async (m) => {
      most = Math.max(most, ++sending);
      await new Promise((r) => setTimeout(r, 60));
      sending -= 1;
      sentTo.push(m.to);
    },
  };
  const d = new NotificationDispatcher(lab.t.app.db, [slow], { batchSize: 2, maxAttempts: 3, backoffMs: 0, lanes: 3 }, lab.services.log);
  d.start(20);
  await waitFor(async () => sentTo.length >= 6, 'part of the backlog to be sent', 10_000);
  // Three batches of two side by side at the busiest moment, never more.
  expect(most).toBe(6);
  await d.stop();
  // Stopped only once every batch in flight was sent and recorded; what was not claimed waits, unsent.
  expect(sending).toBe(0);
  const rows: { recipientAddress: string; status: string }[] = await lab.t.app.db.query(
    `SELECT "recipientAddress", status FROM notification WHERE channel = 'EMAIL' AND "recipientAddress" LIKE 'antre%'`,
  );
  expect(rows).toHaveLength(12);
  expect(
    rows
      .filter((r) => r.status === 'SENT')
      .map((r) => r.recipientAddress)
      .sort(),
  ).toEqual([...sentTo].sort());
  expect(new Set(sentTo).size).toBe(sentTo.length);
  expect(rows.filter((r) => r.status === 'PENDING')).toHaveLength(12 - sentTo.length);
});

test('a server refusing twice: retried with backoff and delivered once; the address stays out of the recorded error', async () => {
  const { complaint } = await lab.submit('admin.tengah', { reporterEmail: 'sibuk@contoh.id' });
  smtp.failNext = 2;
  expect(await lab.services.dispatcher.dispatchOnce()).toEqual({ sent: 0, failed: 1, dead: 0 });
  let [row] = await outbox(complaint.id);
  expect([row.status, row.attempts]).toEqual(['FAILED', 1]);
  expect(row.lastError).toContain('451');
  expect(row.lastError).not.toContain('sibuk@contoh.id');
  expect(await lab.services.dispatcher.dispatchOnce()).toEqual({ sent: 0, failed: 1, dead: 0 });
  expect(await lab.services.dispatcher.dispatchOnce()).toEqual({ sent: 1, failed: 0, dead: 0 });
  [row] = await outbox(complaint.id);
  expect([row.status, row.attempts]).toEqual(['SENT', 3]);
  expect(smtp.received.map((m) => m.to)).toEqual([['sibuk@contoh.id']]);
});

test('DEAD after the attempt limit; the superadmin sees it and sends it again', async () => {
  const { complaint } = await lab.submit('admin.tengah', { reporterEmail: 'mati@contoh.id' });
  smtp.failNext = 3;
  await drain();
  const [row] = await outbox(complaint.id);
  expect([row.status, row.attempts]).toEqual(['DEAD', 3]);
  expect(smtp.received).toEqual([]);

  const LIST = `query($filter: NotificationFilter) { notifications(filter: $filter) { total items { id status channel template attempts lastError complaintId subject } } }`;
  const filter = { status: ['FAILED', 'DEAD'], complaintId: complaint.id };
  expect(codeOf(await lab.gql('admin.tengah', LIST, { filter }))).toBe('FORBIDDEN');
  const seen = (await lab.ok('superadmin', LIST, { filter })).notifications;
  expect(seen.items.map((n: any) => [n.id, n.status, n.channel, n.template])).toEqual([[String(row.id), 'DEAD', 'EMAIL', 'RECEIVED_TO_REPORTER']]);
  expect(JSON.stringify(seen)).not.toContain('mati@contoh.id');

  const RETRY = `mutation($ids: [ID!]!) { retryNotifications(ids: $ids) { id status attempts } }`;
  expect(codeOf(await lab.gql('kepala.dinsos', RETRY, { ids: [row.id] }))).toBe('FORBIDDEN');
  const retried = (await lab.ok('superadmin', RETRY, { ids: [row.id] })).retryNotifications;
  expect(retried).toEqual([{ id: String(row.id), status: 'PENDING', attempts: 0 }]);
  await drain();
  expect((await outbox(complaint.id)).map((r) => r.status)).toEqual(['SENT']);
  expect(smtp.received.map((m) => m.to)).toEqual([['mati@contoh.id']]);
  // Only failed and dead messages go back: a sent one is left alone.
  expect((await lab.ok('superadmin', RETRY, { ids: [row.id] })).retryNotifications).toEqual([]);
});

test('an anonymous reporter’s identity never reaches a unit’s notification', async () => {
  const name = 'Rahasia Widyaningsih';
  const c = await lab.forwarded('DINSOS', { anonymous: true, reporterName: name, reporterEmail: 'anonim@contoh.id', reporterPhone: '081299887766' });
  await lab.must('kepala.dinsos', 'assignComplaint', { id: c.id, userId: lab.user['staf.dinsos'].id });
  const staff = (await outbox(c.id)).filter((r) => r.channel === 'IN_CONSOLE');
  expect(staff.map((r) => r.template)).toEqual(expect.arrayContaining(['FORWARDED_TO_UNIT', 'ASSIGNED_TO_STAFF']));
  for (const r of staff) {
    const text = `${r.subject}\n${r.body}`;
    for (const secret of [name, 'Widyaningsih', 'anonim@contoh.id', '081299887766']) expect(text).not.toContain(secret);
  }
  const mine = (await lab.ok('kepala.dinsos', `{ myNotifications(perPage: 50) { items { complaintId subject body } } }`)).myNotifications.items;
  expect(mine.some((n: any) => n.complaintId === c.id)).toBe(true);
  expect(JSON.stringify(mine)).not.toContain('Widyaningsih');
});

test('the notification centre: newest first, unread count, mark read (only one’s own)', async () => {
  await lab.ok('staf.dinsos', `mutation { markNotificationsRead }`);
  const first = await lab.forwarded('DINSOS');
  await lab.must('kepala.dinsos', 'assignComplaint', { id: first.id, userId: lab.user['staf.dinsos'].id });
  const second = await lab.forwarded('DINSOS');
  await lab.must('kepala.dinsos', 'assignComplaint', { id: second.id, userId: lab.user['staf.dinsos'].id });
  const CENTRE = `{ unreadNotificationCount myNotifications(unreadOnly: true) { total items { id complaintId template readAt } } }`;
  const d = await lab.ok('staf.dinsos', CENTRE);
  expect(d.unreadNotificationCount).toBe(2);
  expect(d.myNotifications.items.map((n: any) => [n.complaintId, n.template])).toEqual([
    [second.id, 'ASSIGNED_TO_STAFF'],
    [first.id, 'ASSIGNED_TO_STAFF'],
  ]);
  const [newest] = d.myNotifications.items;
  const MARK = `mutation($ids: [ID!]) { markNotificationsRead(ids: $ids) }`;
  expect((await lab.ok('kepala.dinsos', MARK, { ids: [newest.id] })).markNotificationsRead).toBe(0);
  expect((await lab.ok('staf.dinsos', MARK, { ids: [newest.id] })).markNotificationsRead).toBe(1);
  expect((await lab.ok('staf.dinsos', CENTRE)).unreadNotificationCount).toBe(1);
  expect((await lab.ok('staf.dinsos', MARK, {})).markNotificationsRead).toBe(1);
  expect((await lab.ok('staf.dinsos', CENTRE)).unreadNotificationCount).toBe(0);
  expect(codeOf(await lab.gql(null, `{ unreadNotificationCount }`))).toBe('UNAUTHENTICATED');
});

test('a dispatcher that dies mid-send loses nothing: once its transaction is gone the row is claimed again, with the same dedupe key', async () => {
  const { complaint } = await lab.submit('admin.tengah', { reporterEmail: 'putus@contoh.id' });
  let started!: () => void;
  let finish!: () => void;
  const sending = new Promise<void>((r) => (started = r));
  const hung: ChannelAdapter = {
    channel: NotificationChannel.EMAIL,
    send: () => {
      started();
      return new Promise<void>((r) => (finish = r));
    },
  };
  const dying = new NotificationDispatcher(lab.t.app.db, [hung], { batchSize: 10, maxAttempts: 3, backoffMs: 0 }, lab.services.log);
  const run = dying.dispatchOnce().then(
    () => null,
    (err: Error) => err,
  );
  await sending;
  // Meanwhile another process's dispatcher skips the row it holds.
  expect(await lab.services.dispatcher.dispatchOnce()).toEqual({ sent: 0, failed: 0, dead: 0 });
  // Its process dies: the connection goes and PostgreSQL ends the transaction, releasing the row.
  await lab.t.app.db.query(
    `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND state = 'idle in transaction' AND pid <> pg_backend_pid()`,
  );
  await waitFor(async () => (await lab.services.dispatcher.dispatchOnce()).sent === 1, 'the row to be sent by the surviving dispatcher');
  finish();
  expect(await run).toBeInstanceOf(Error);
  const [row] = await outbox(complaint.id);
  expect([row.status, row.attempts]).toEqual(['SENT', 1]);
  const [{ dedupeKey }] = await lab.t.app.db.query(`SELECT "dedupeKey" FROM notification WHERE id = $1`, [row.id]);
  expect(smtp.received.map((m) => [m.to, m.messageId])).toEqual([[['putus@contoh.id'], `<${dedupeKey}@uji.test>`]]);
});

test('each server process runs its dispatcher: e-mail goes out without being asked', async () => {
  const own = await Lab.start({
    notifications: { smtp: smtp.config(), trackingUrl: TRACKING, dispatchIntervalMs: 50, maxAttempts: 3, backoffMs: 0, batchSize: 10 },
  });
  try {
    const { trackingCode } = await own.submit('admin.tengah', { reporterEmail: 'otomatis@contoh.id' });
    await waitFor(() => smtp.received.some((m) => m.subject.includes(trackingCode)), 'the dispatcher to send the receipt', 10_000);
  } finally {
    await own.stop();
  }
});

test('a merged duplicate’s reporter is told of the original’s answer, with a link to their own tracking page', async () => {
  const original = await lab.submit('admin.tengah', { title: 'Banjir di gang RT 04', reporterEmail: 'asal@contoh.id' });
  const dup = await lab.submit('admin.tengah', { title: 'Gang RT 04 banjir', reporterEmail: 'pengikut@contoh.id' });
  await lab.must('admin.tengah', 'mergeComplaint', { id: dup.complaint.id, intoId: original.complaint.id });
  await lab.must('admin.tengah', 'verifyComplaint', { id: original.complaint.id });
  await lab.must('admin.tengah', 'forwardComplaint', { id: original.complaint.id, opdId: lab.opd.DINSOS });
  await drain();
  smtp.received = [];
  await lab.must('kepala.dinsos', 'respondToComplaint', { id: original.complaint.id, answer: 'Saluran gang sudah dinormalisasi.' });
  const rows = (await outbox(original.complaint.id)).filter((r) => r.channel === 'EMAIL' && r.eventType === 'RESPONDED');
  expect(rows.map((r) => r.recipientAddress).sort()).toEqual(['asal@contoh.id', 'pengikut@contoh.id']);
  expect(rows.every((r) => r.sameTransaction)).toBe(true);
  await drain();
  const mail = smtp.received.find((m) => m.to.includes('pengikut@contoh.id'))!;
  expect(mail.subject).toBe(`[${dup.trackingCode}] Pengaduan Anda telah dijawab`);
  expect(mail.body).toContain(`Pengaduan Anda ${dup.trackingCode} ditangani bersama pengaduan ${original.trackingCode}`);
  expect(mail.body).toContain('Saluran gang sudah dinormalisasi.');
  expect(mail.body).toContain(TRACKING.replace('{kode}', dup.trackingCode));
});

test('a unit head who chose e-mail gets the forward by e-mail too; a channel that is off or cannot reach them is refused by name', async () => {
  const PREFS = `mutation($c: [NotificationChannel!]!) { setMyNotificationChannels(channels: $c) { available chosen hasEmail hasPhone } }`;
  expect((await lab.ok('kepala.dinsos', `{ myNotificationPreferences { available chosen } }`)).myNotificationPreferences).toEqual({
    available: ['EMAIL'],
    chosen: [],
  });
  for (const bad of [['WHATSAPP'], ['IN_CONSOLE']]) expectError(await lab.gql('kepala.dinsos', PREFS, { c: bad }), 'BAD_USER_INPUT', ['channels']);
  expect((await lab.ok('kepala.dinsos', PREFS, { c: ['EMAIL', 'EMAIL'] })).setMyNotificationChannels).toMatchObject({ chosen: ['EMAIL'], hasEmail: true });
  try {
    const c = await lab.verified({ reporterEmail: null, reporterPhone: '081200000999' });
    await lab.must('admin.tengah', 'forwardComplaint', { id: c.id, opdId: lab.opd.DINSOS });
    const rows = (await outbox(c.id)).filter((r) => r.recipient === 'kepala.dinsos');
    expect(rows.map((r) => [r.template, r.channel, r.status])).toEqual([
      ['FORWARDED_TO_UNIT', 'IN_CONSOLE', 'SENT'],
      ['FORWARDED_TO_UNIT', 'EMAIL', 'PENDING'],
    ]);
    await drain();
    const [{ email }] = await lab.t.app.db.query(`SELECT email FROM app_user WHERE username = 'kepala.dinsos'`);
    expect(smtp.received.filter((m) => m.to.includes(email)).map((m) => m.subject)).toEqual([`[${c.trackingCode}] Pengaduan diteruskan ke unit Anda`]);
  } finally {
    await lab.ok('kepala.dinsos', PREFS, { c: [] });
  }
});
