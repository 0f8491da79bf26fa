import { ComplaintEventType as T } from '../../server/modules/complaints/complaint.enums';
import { maskedBody, notificationsFor, quietUntil, secretIn, sendable } from '../../server/modules/notifications/notification-rules';
import { NotificationChannel } from '../../server/modules/notifications/notification.enums';

const complaint = { trackingCode: 'MGL-2612-00001', title: 'Jalan berlubang', intakeOpdId: 7, reporterEmail: 'warga@contoh.id' };
const options = { email: true, trackingUrl: 'https://lapor.example/lacak?kode={kode}' };

test('without SMTP no e-mail is planned; the console messages remain', () => {
  const specs = notificationsFor(complaint, [{ type: T.SUBMITTED }, { type: T.RESPONDED, message: 'Sudah diperbaiki.' }], { ...options, email: false });
  expect(specs.map((s) => [s.channel, s.template])).toEqual([['IN_CONSOLE', 'ANSWERED_TO_INTAKE']]);
});

test('no e-mail to a reporter who left none', () => {
  expect(notificationsFor({ ...complaint, reporterEmail: null }, [{ type: T.SUBMITTED }], options)).toEqual([]);
});

test('who is told what', () => {
  const specs = notificationsFor(
    complaint,
    [
      { type: T.FORWARDED, toOpdId: 3, internalNote: 'Cek lokasi', data: { responseDueAt: '2026-12-08T03:00:00.000Z' } },
      { type: T.ESCALATED, toOpdId: 2 },
      { type: T.ASSIGNED, data: { assigneeId: 11 } },
      { type: T.RETURNED, message: 'Bukan wewenang' },
      { type: T.RESPONDED, message: 'Sudah diperbaiki.' },
      { type: T.PROGRESS, message: 'Dalam pengerjaan' },
      { type: T.CLOSED },
    ],
    options,
  );
  const reporter = { kind: 'REPORTER', address: 'warga@contoh.id' };
  expect(specs.map((s) => [s.eventType, s.template, s.audience])).toEqual([
    [T.FORWARDED, 'FORWARDED_TO_UNIT', { kind: 'UNIT_HEADS', opdId: 3 }],
    [T.FORWARDED, 'FORWARDED_TO_REPORTER', reporter],
    [T.ESCALATED, 'ESCALATED_TO_UNIT', { kind: 'UNIT_HEADS', opdId: 2 }],
    [T.ASSIGNED, 'ASSIGNED_TO_STAFF', { kind: 'USER', userId: 11 }],
    [T.RETURNED, 'RETURNED_TO_INTAKE', { kind: 'INTAKE_ADMINS', opdId: 7 }],
    [T.RESPONDED, 'ANSWERED_TO_INTAKE', { kind: 'INTAKE_ADMINS', opdId: 7 }],
    // The reporters of merged duplicates, each told with their own code (resolved in SQL).
    [T.RESPONDED, 'ANSWERED_TO_FOLLOWER', { kind: 'FOLLOWERS' }],
    [T.RESPONDED, 'ANSWERED_TO_REPORTER', reporter],
    // Internal progress tells the reporter nothing; closing does.
    [T.CLOSED, 'CLOSED_TO_REPORTER', reporter],
  ]);
  expect(specs[0].body).toContain('Batas tanggapan: 8 Desember 2026 10.00 WIB.');
  // Without a public message the reporter learns only that it went on, never the instruction.
  expect(specs[1].body).not.toContain('Cek lokasi');
  expect(specs[6].body).toContain('https://lapor.example/lacak?kode={kode_pelapor}');
  expect(specs[7].body).toContain('https://lapor.example/lacak?kode=MGL-2612-00001');
});

test('a phone gets the configured phone channel; public progress, a question and the end reach the reporter; opting out keeps only the receipt', () => {
  const withPhone = { ...complaint, reporterEmail: null, reporterPhone: '0812-3456-7890', status: 'IN_PROGRESS', currentOpdId: 3 };
  const phone = { ...options, email: false, phone: NotificationChannel.WHATSAPP as const };
  const events = [
    { type: T.SUBMITTED, public: true, secret: 'ABCDEFGHJK' },
    { type: T.PROGRESS, public: true, message: 'Petugas sudah ke lokasi' },
    { type: T.PROGRESS, public: false, message: 'Catatan internal staf' },
    { type: T.INFO_REQUESTED, public: true, message: 'Di RT berapa tepatnya?' },
    { type: T.AUTO_CLOSED, public: true, message: 'Ditutup otomatis' },
  ];
  const specs = notificationsFor(withPhone, events, phone);
  expect(specs.map((s) => [s.channel, s.template, s.quiet])).toEqual([
    ['WHATSAPP', 'RECEIVED_TO_REPORTER', false],
    ['WHATSAPP', 'PROGRESS_TO_REPORTER', true],
    ['WHATSAPP', 'QUESTION_TO_REPORTER', true],
    ['WHATSAPP', 'CLOSED_TO_REPORTER', true],
  ]);
  expect(specs[0].body).toContain(`Kode akses: ${secretIn('ABCDEFGHJK')}`);
  expect(sendable(specs[0].body)).toContain('Kode akses: ABCDEFGHJK');
  expect(maskedBody(specs[0].body)).not.toContain('ABCDEFGHJK');
  expect(specs.map((s) => s.body).join()).not.toContain('Catatan internal staf');
  expect(notificationsFor({ ...withPhone, notifyReporter: false }, events, phone).map((s) => s.template)).toEqual(['RECEIVED_TO_REPORTER']);
});

test('staff hear of replies, low ratings, reopenings and overdue complaints', () => {
  const atUnit = { ...complaint, status: 'IN_PROGRESS', currentOpdId: 3, assigneeId: 11 };
  const specs = notificationsFor(
    atUnit,
    [
      { type: T.REPORTER_REPLIED, public: true, message: 'RT 02' },
      { type: T.RATED, public: true, data: { rating: 2 } },
      { type: T.RATED, public: true, data: { rating: 4 } },
      { type: T.OVERDUE, public: false },
    ],
    { ...options, email: false },
  );
  expect(specs.map((s) => [s.template, s.audience])).toEqual([
    ['REPLIED_TO_STAFF', { kind: 'USER', userId: 11 }],
    ['RATED_LOW_TO_INTAKE', { kind: 'INTAKE_ADMINS', opdId: 7 }],
    ['OVERDUE_TO_UNIT', { kind: 'UNIT_HEADS', opdId: 3 }],
  ]);
  const reopened = notificationsFor({ ...complaint, status: 'RESPONDED', currentOpdId: 3 }, [{ type: T.REOPENED, public: true, toOpdId: 3 }], options);
  expect(reopened.map((s) => s.audience)).toEqual([
    { kind: 'UNIT_HEADS', opdId: 3 },
    { kind: 'INTAKE_ADMINS', opdId: 7 },
  ]);
});

test('quiet hours: citizens are not messaged from 21:00 to 06:00 WIB; what is written then waits for 06:00', () => {
  const at = (iso: string) => new Date(iso);
  expect(quietUntil(at('2026-12-07T13:59:00Z'))).toBeNull(); // 20:59 WIB
  expect(quietUntil(at('2026-12-07T14:00:00Z'))?.toISOString()).toBe('2026-12-07T23:00:00.000Z'); // 21:00 → 06:00 next day
  expect(quietUntil(at('2026-12-07T20:30:00Z'))?.toISOString()).toBe('2026-12-07T23:00:00.000Z'); // 03:30 → 06:00 same day
  expect(quietUntil(at('2026-12-07T23:00:00Z'))).toBeNull(); // 06:00
  expect(quietUntil(at('2026-12-31T16:00:00Z'))?.toISOString()).toBe('2026-12-31T23:00:00.000Z'); // 23:00 on new year's eve
  expect(quietUntil(at('2026-12-07T20:30:00Z'), null)).toBeNull();
  expect(quietUntil(at('2026-12-07T06:00:00Z'), { from: 12, to: 14 })?.toISOString()).toBe('2026-12-07T07:00:00.000Z'); // 13:00 → 14:00
});
