import { C, IDENTITY, Lab, codeOf, expectError } from './helpers';

/**
 * An anonymous report that needs a home visit: the intake opens the reporter's phone and address
 * (only those) to the handling unit, with a reason on the timeline. A report recorded at a service
 * post takes the post's kelurahan and RW, and is marked when recorded outside its opening hours.
 */
let lab: Lab;
beforeAll(async () => {
  lab = await Lab.start();
}, 60_000);
afterAll(() => lab?.stop());

const SEEN = `${IDENTITY} contactVisible`;

test('the intake opens an anonymous reporter’s phone and address to the handling unit; nothing else of the identity', async () => {
  const anon = await lab.submit('admin.tengah', {
    title: 'Rumah tidak layak huni, perlu survei',
    anonymous: true,
    reporterName: 'Nama Dirahasiakan',
    reporterNik: '3371010101010001',
    reporterEmail: 'rahasia@example.id',
    reporterPhone: '081200000111',
    reporterAddress: 'Jl. Beringin 4 RT 02 RW 03',
  });
  const id = anon.complaint.id;
  await lab.must('admin.tengah', 'verifyComplaint', { id });
  await lab.must('admin.tengah', 'forwardComplaint', { id, opdId: lab.opd.DINSOS });
  const hidden = {
    identityVisible: false,
    contactVisible: false,
    reporterName: null,
    reporterNik: null,
    reporterPhone: null,
    reporterEmail: null,
    reporterAddress: null,
  };
  for (const who of ['kepala.dinsos', 'staf.dinsos']) expect(await lab.complaint(who, id, SEEN)).toEqual(hidden);
  const offersReveal = async (complaintId: string) =>
    ((await lab.complaint('admin.tengah', complaintId, 'availableActions')).availableActions as string[]).includes('REVEAL_CONTACT');
  expect(await offersReveal(id)).toBe(true);

  expect(codeOf(await lab.act('kepala.dinsos', 'revealReporterContact', { id, reason: 'Perlu kunjungan rumah' }))).toBe('FORBIDDEN');
  expectError(await lab.act('admin.tengah', 'revealReporterContact', { id, reason: 'cek' }), 'BAD_USER_INPUT', ['reason']);
  await lab.must('admin.tengah', 'revealReporterContact', { id, reason: 'Survei RTLH memerlukan kunjungan ke rumah pelapor' });
  // Open to this unit already: not offered again until the complaint moves on.
  expect(await offersReveal(id)).toBe(false);

  for (const who of ['kepala.dinsos', 'staf.dinsos']) {
    expect(await lab.complaint(who, id, SEEN)).toEqual({
      ...hidden,
      contactVisible: true,
      reporterPhone: '081200000111',
      reporterAddress: 'Jl. Beringin 4 RT 02 RW 03',
    });
  }
  expect((await lab.events(id, 'type public toOpdId internalNote')).at(-1)).toEqual({
    type: 'CONTACT_REVEALED',
    public: false,
    toOpdId: lab.opd.DINSOS,
    internalNote: 'Survei RTLH memerlukan kunjungan ke rumah pelapor',
  });
  // Another unit the complaint moves on to does not inherit the opening.
  await lab.must('kepala.dinsos', 'forwardComplaint', { id, opdId: lab.opd.DISPERKIM });
  expect((await lab.complaint('kepala.disperkim', id, SEEN)).contactVisible).toBe(false);
  await lab.must('admin.tengah', 'revealReporterContact', { id, reason: 'Survei ulang oleh Disperkim' });
  expect((await lab.complaint('kepala.disperkim', id, SEEN)).reporterPhone).toBe('081200000111');

  const named = await lab.forwarded('DINSOS');
  expect(await offersReveal(named.id)).toBe(false);
  expectError(await lab.act('admin.tengah', 'revealReporterContact', { id: named.id, reason: 'Kunjungan rumah' }), 'BAD_USER_INPUT', ['id']);
});

describe('recording at a service post', () => {
  const wib = (date: string, time: string) => new Date(`${date}T${time}:00+07:00`);

  test('the kelurahan and RW come from the officer’s post unless given', async () => {
    const recorded = await lab.submit('petugas.rw', { title: 'Drainase tersumbat di RW 03' });
    const row = await lab.complaint('petugas.rw', recorded.complaint.id, `${C} kelurahanId rw servicePost { code }`);
    expect(row).toMatchObject({ kelurahanId: lab.opd['KEL-CACABAN'], rw: '03', servicePost: { code: 'POS-CACABAN-RW03' } });
    const elsewhere = await lab.submit('petugas.rw', { title: 'Laporan warga RW lain', rw: '07', kelurahanId: lab.opd['KEL-GELANGAN'] });
    expect(await lab.complaint('petugas.rw', elsewhere.complaint.id, 'kelurahanId rw')).toEqual({ kelurahanId: lab.opd['KEL-GELANGAN'], rw: '07' });
  });

  test('recording outside the post’s opening hours is allowed and marked; inside it is not', async () => {
    // POS-CACABAN-RW03 opens Monday and Thursday 09:00–12:00 WIB.
    const open = lab.services.complaints.withClock(() => wib('2026-12-07', '10:00'));
    const closed = lab.services.complaints.withClock(() => wib('2026-12-07', '19:30'));
    const inHours = await lab.submitDirect('petugas.rw', { title: 'Dicatat saat pos buka' }, open);
    const late = await lab.submitDirect('petugas.rw', { title: 'Dicatat malam hari' }, closed);
    expect((await lab.complaint('petugas.rw', String(inHours.id), 'outsideServiceHours')).outsideServiceHours).toBe(false);
    expect((await lab.complaint('petugas.rw', String(late.id), 'outsideServiceHours')).outsideServiceHours).toBe(true);
    expect((await lab.events(String(late.id), 'type internalNote'))[0]).toEqual({ type: 'SUBMITTED', internalNote: 'Dicatat di luar jam layanan pos' });
    // Not a service post: never marked.
    const walkIn = await lab.submitDirect('admin.tengah', { title: 'Datang langsung malam hari' }, closed);
    expect((await lab.complaint('admin.tengah', String(walkIn.id), 'outsideServiceHours')).outsideServiceHours).toBe(false);
  });
});
