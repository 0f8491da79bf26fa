import { ComplaintEventType as T } from '../../server/modules/complaints/complaint.enums';
import { notificationsFor } from '../../server/modules/notifications/notification-rules';

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
  expect(specs.map((s) => [s.eventType, s.template, s.audience])).toEqual([
    [T.FORWARDED, 'FORWARDED_TO_UNIT', { kind: 'UNIT_HEADS', opdId: 3 }],
    [T.ESCALATED, 'ESCALATED_TO_UNIT', { kind: 'UNIT_HEADS', opdId: 2 }],
    [T.ASSIGNED, 'ASSIGNED_TO_STAFF', { kind: 'USER', userId: 11 }],
    [T.RETURNED, 'RETURNED_TO_INTAKE', { kind: 'INTAKE_ADMINS', opdId: 7 }],
    [T.RESPONDED, 'ANSWERED_TO_INTAKE', { kind: 'INTAKE_ADMINS', opdId: 7 }],
    // The reporters of merged duplicates, each told with their own code (resolved in SQL).
    [T.RESPONDED, 'ANSWERED_TO_REPORTER', { kind: 'FOLLOWERS' }],
    [T.RESPONDED, 'ANSWERED_TO_REPORTER', { kind: 'REPORTER', address: 'warga@contoh.id' }],
  ]);
  expect(specs[0].body).toContain('Batas tanggapan: 8 Desember 2026 10.00 WIB.');
  expect(specs[5].body).toContain('https://lapor.example/lacak?kode={kode_pelapor}');
  expect(specs[6].body).toContain('https://lapor.example/lacak?kode=MGL-2612-00001');
});
