import { EVENT, expectError, Lab } from './helpers';

let lab: Lab;
beforeAll(async () => {
  lab = await Lab.start();
});
afterAll(() => lab?.stop());

const ev = (e: any) => ({ type: e.type, fromStatus: e.fromStatus, toStatus: e.toStatus, fromOpdId: e.fromOpdId, toOpdId: e.toOpdId, public: e.public });

function wibYymm(d: Date): string {
  const wib = new Date(d.getTime() + 7 * 3600_000);
  return `${String(wib.getUTCFullYear()).slice(2)}${String(wib.getUTCMonth() + 1).padStart(2, '0')}`;
}

test('the tokens the helpers sign carry what a real login gives', async () => {
  const ME = '{ me { username role opd { code } permissions } }';
  const real = await lab.t.ok(ME, {}, await lab.t.login('kepala.dinsos'));
  expect(await lab.ok('kepala.dinsos', ME)).toEqual(real);
  expect(real.me.permissions).toContain('COMPLAINT_RESPOND');
});

test('a complaint goes from the console to CLOSED, every step on the timeline', async () => {
  const { opd, user } = lab;
  const before = new Date();
  const sub = await lab.submit('admin.tengah', {
    channel: 'CALL_CENTER',
    categoryId: lab.category.BANSOS,
    programId: lab.program.PKH,
    kelurahanId: opd['KEL-CACABAN'],
    rt: '02',
    rw: '03',
  });
  const c0 = sub.complaint;
  expect(c0.status).toBe('SUBMITTED');
  expect(c0.channel).toBe('CALL_CENTER');
  expect(c0.trackingCode).toMatch(/^MGL-\d{4}-\d{5}$/);
  expect(c0.trackingCode.slice(4, 8)).toBe(wibYymm(before));
  expect(sub.trackingCode).toBe(c0.trackingCode);
  expect(sub.accessCode).toMatch(/^[A-Z2-9]{10}$/);
  expect(c0.intakeOpdId).toBe(opd['KEC-TENGAH']);
  expect(c0.currentOpdId).toBeNull();
  expect(c0.verifyDueAt).not.toBeNull();
  expect(new Date(c0.verifyDueAt).getTime()).toBeGreaterThan(before.getTime());
  expect(c0.dueAt).toBe(c0.verifyDueAt);
  expect(c0.version).toBe(1);
  const id = c0.id;

  const c1 = await lab.must('admin.tengah', 'verifyComplaint', { id, note: 'Data lengkap', version: 1 });
  expect(c1).toMatchObject({ status: 'VERIFIED', version: 2 });
  expect(c1.availableActions).toEqual(expect.arrayContaining(['FORWARD', 'REJECT']));

  const c2 = await lab.must('admin.tengah', 'forwardComplaint', { id, opdId: opd.DINSOS, version: 2 });
  expect(c2).toMatchObject({ status: 'FORWARDED', currentOpdId: opd.DINSOS, version: 3 });
  expect(c2.responseDueAt).not.toBeNull();
  expect(c2.dueAt).toBe(c2.responseDueAt);

  const c3 = await lab.must('kepala.dinsos', 'acceptComplaint', { id });
  expect(c3).toMatchObject({ status: 'IN_PROGRESS', progressStage: 'VERIFICATION' });
  expect(c3.firstResponseAt).not.toBeNull();

  const c4 = await lab.must('kepala.dinsos', 'assignComplaint', { id, userId: user['staf.dinsos'].id });
  expect(c4).toMatchObject({ status: 'IN_PROGRESS', assigneeId: user['staf.dinsos'].id });

  // A staff member's progress is internal until the head publishes it.
  const c5 = await lab.must('staf.dinsos', 'addProgress', { id, stage: 'FIELD_CHECK', note: 'Survei ke rumah pelapor hari Kamis' });
  expect(c5).toMatchObject({ status: 'IN_PROGRESS', progressStage: 'FIELD_CHECK' });
  const staffNote = (await lab.events(id)).at(-1)!;
  expect(staffNote).toMatchObject({ type: 'PROGRESS', public: false });
  await lab.must('kepala.dinsos', 'publishProgress', { id, eventId: staffNote.id });
  expect((await lab.events(id)).at(-1)).toMatchObject({ type: 'PROGRESS', public: true, message: 'Survei ke rumah pelapor hari Kamis' });
  const c6 = await lab.must('staf.dinsos', 'addInternalNote', { id, note: 'Nama ada di DTKS, cek rekening KKS' });
  expect(c6.status).toBe('IN_PROGRESS');
  // Staff draft, never answer.
  expect(c6.availableActions).not.toContain('RESPOND');

  const c7 = await lab.must('kepala.dinsos', 'respondToComplaint', { id, answer: 'Bantuan PKH tahap 3 sudah dicairkan ke rekening KKS.' });
  expect(c7).toMatchObject({ status: 'RESPONDED', answer: 'Bantuan PKH tahap 3 sudah dicairkan ke rekening KKS.' });
  expect(c7.respondedAt).not.toBeNull();
  expect(c7.autoCloseAt).not.toBeNull();
  expect(c7.firstResponseAt).toBe(c3.firstResponseAt);

  const c8 = await lab.must('admin.tengah', 'closeComplaint', { id });
  expect(c8.status).toBe('CLOSED');
  expect(c8.closedAt).not.toBeNull();
  // A closed complaint offers the admin nothing but an internal note and its files (a misfiled KTP can still be deleted).
  expect(c8.availableActions).toEqual(['NOTE', 'ATTACH']);

  const events = await lab.events(id, `${EVENT} actor { username }`);
  const D = opd.DINSOS;
  expect(events.map(ev)).toEqual([
    { type: 'SUBMITTED', fromStatus: null, toStatus: 'SUBMITTED', fromOpdId: null, toOpdId: opd['KEC-TENGAH'], public: true },
    { type: 'VERIFIED', fromStatus: 'SUBMITTED', toStatus: 'VERIFIED', fromOpdId: null, toOpdId: null, public: true },
    { type: 'FORWARDED', fromStatus: 'VERIFIED', toStatus: 'FORWARDED', fromOpdId: null, toOpdId: D, public: true },
    { type: 'ACCEPTED', fromStatus: 'FORWARDED', toStatus: 'IN_PROGRESS', fromOpdId: null, toOpdId: null, public: true },
    { type: 'ASSIGNED', fromStatus: 'IN_PROGRESS', toStatus: 'IN_PROGRESS', fromOpdId: null, toOpdId: null, public: false },
    { type: 'PROGRESS', fromStatus: 'IN_PROGRESS', toStatus: 'IN_PROGRESS', fromOpdId: null, toOpdId: null, public: false },
    { type: 'PROGRESS', fromStatus: 'IN_PROGRESS', toStatus: 'IN_PROGRESS', fromOpdId: null, toOpdId: null, public: true },
    { type: 'INTERNAL_NOTE', fromStatus: 'IN_PROGRESS', toStatus: 'IN_PROGRESS', fromOpdId: null, toOpdId: null, public: false },
    { type: 'RESPONDED', fromStatus: 'IN_PROGRESS', toStatus: 'RESPONDED', fromOpdId: null, toOpdId: null, public: true },
    { type: 'CLOSED', fromStatus: 'RESPONDED', toStatus: 'CLOSED', fromOpdId: null, toOpdId: null, public: true },
  ]);
  expect(events.map((e: any) => e.actor?.username)).toEqual([
    'admin.tengah',
    'admin.tengah',
    'admin.tengah',
    'kepala.dinsos',
    'kepala.dinsos',
    'staf.dinsos',
    'kepala.dinsos',
    'staf.dinsos',
    'kepala.dinsos',
    'admin.tengah',
  ]);
  // The verification note is for staff: internal, no message to the reporter.
  expect(events[1].message).toBeNull();
  expect((await lab.events(id, 'internalNote'))[1].internalNote).toBe('Data lengkap');
  expect(events[5].stage).toBe('FIELD_CHECK');
  expect(events[8].message).toBe('Bantuan PKH tahap 3 sudah dicairkan ke rekening KKS.');
  // Ids ascend, and the row points at the last one.
  expect(events.map((e: any) => Number(e.id))).toEqual([...events.map((e: any) => Number(e.id))].sort((a, b) => a - b));
  const final = await lab.complaint('admin.tengah', id, 'lastEventId version');
  expect(final).toEqual({ lastEventId: events[events.length - 1].id, version: 10 });
});

test('"bukan wewenang": a unit returns the complaint, the admin forwards it elsewhere', async () => {
  const { opd } = lab;
  const c = await lab.forwarded('DINSOS', { title: 'Atap rumah roboh perlu RTLH' });
  const accepted = await lab.must('kepala.dinsos', 'acceptComplaint', { id: c.id });
  expect(accepted.status).toBe('IN_PROGRESS');

  const back = await lab.must('kepala.dinsos', 'returnComplaint', { id: c.id, reason: 'Bukan wewenang Dinsos: urusan RTLH di Disperkim' });
  expect(back).toMatchObject({ status: 'VERIFIED', currentOpdId: null, progressStage: null, assigneeId: null });
  expect(back.dueAt).not.toBeNull();
  // The unit no longer holds it: it cannot answer it nor pass it on; the admin forwards it again.
  expectError(await lab.act('kepala.dinsos', 'respondToComplaint', { id: c.id, answer: 'Jawaban yang tidak boleh masuk.' }), 'INVALID_TRANSITION');
  expectError(await lab.act('kepala.dinsos', 'forwardComplaint', { id: c.id, opdId: opd.DISPERKIM }), 'FORBIDDEN');
  const adminView = await lab.complaint('admin.tengah', c.id);
  expect(adminView.availableActions).toEqual(expect.arrayContaining(['FORWARD', 'REJECT']));

  const again = await lab.must('admin.tengah', 'forwardComplaint', { id: c.id, opdId: opd.DISPERKIM });
  expect(again).toMatchObject({ status: 'FORWARDED', currentOpdId: opd.DISPERKIM });
  const answered = await lab.must('kepala.disperkim', 'respondToComplaint', { id: c.id, answer: 'Rumah masuk daftar survei RTLH tahun ini.' });
  expect(answered.status).toBe('RESPONDED');

  const events = (await lab.events(c.id)).map(ev);
  expect(events.map((e) => e.type)).toEqual(['SUBMITTED', 'VERIFIED', 'FORWARDED', 'ACCEPTED', 'RETURNED', 'FORWARDED', 'ACCEPTED', 'RESPONDED']);
  expect(events[4]).toEqual({
    type: 'RETURNED',
    fromStatus: 'IN_PROGRESS',
    toStatus: 'VERIFIED',
    fromOpdId: opd.DINSOS,
    toOpdId: opd['KEC-TENGAH'],
    public: false,
  });
  expect(events[5]).toEqual({ type: 'FORWARDED', fromStatus: 'VERIFIED', toStatus: 'FORWARDED', fromOpdId: null, toOpdId: opd.DISPERKIM, public: true });
  // Responding to a FORWARDED complaint accepts it first: two legal steps on the timeline.
  expect(events[6]).toEqual({ type: 'ACCEPTED', fromStatus: 'FORWARDED', toStatus: 'IN_PROGRESS', fromOpdId: null, toOpdId: null, public: true });
  expect(events[7]).toEqual({ type: 'RESPONDED', fromStatus: 'IN_PROGRESS', toStatus: 'RESPONDED', fromOpdId: null, toOpdId: null, public: true });
});

test('a unit head forwards on to its division; the division head answers', async () => {
  const { opd } = lab;
  const c = await lab.forwarded('DINSOS');
  const on = await lab.must('kepala.dinsos', 'forwardComplaint', { id: c.id, opdId: opd['DINSOS-LINJAMSOS'], note: 'Ditangani Bidang Linjamsos' });
  expect(on).toMatchObject({ status: 'FORWARDED', currentOpdId: opd['DINSOS-LINJAMSOS'] });
  const events = (await lab.events(c.id)).map(ev);
  expect(events[events.length - 1]).toEqual({
    type: 'FORWARDED',
    fromStatus: 'FORWARDED',
    toStatus: 'FORWARDED',
    fromOpdId: opd.DINSOS,
    toOpdId: opd['DINSOS-LINJAMSOS'],
    public: true,
  });
  // The admin may no longer move it: the unit has it.
  expectError(await lab.act('admin.tengah', 'forwardComplaint', { id: c.id, opdId: opd.DISPERKIM }), 'FORBIDDEN');
  const head = await lab.complaint('kepala.dinsos-linjamsos', c.id);
  expect(head.availableActions).toEqual(expect.arrayContaining(['RESPOND', 'ACCEPT', 'RETURN', 'FORWARD']));
  const done = await lab.must('kepala.dinsos-linjamsos', 'respondToComplaint', { id: c.id, answer: 'Kepesertaan PBI-JK sudah diaktifkan kembali.' });
  expect(done.status).toBe('RESPONDED');
});

test('the head above the division (kepala.dinsos) may answer too; a division head may not answer for its parent', async () => {
  const { opd } = lab;
  const atParent = await lab.forwarded('DINSOS');
  expectError(
    await lab.act('kepala.dinsos-linjamsos', 'respondToComplaint', { id: atParent.id, answer: 'Bidang tidak boleh menjawab untuk dinas.' }),
    'FORBIDDEN',
  );
  await lab.must('kepala.dinsos', 'forwardComplaint', { id: atParent.id, opdId: opd['DINSOS-LINJAMSOS'] });
  await lab.must('kepala.dinsos-linjamsos', 'acceptComplaint', { id: atParent.id });
  const done = await lab.must('kepala.dinsos', 'respondToComplaint', { id: atParent.id, answer: 'Dijawab langsung oleh Kepala Dinas Sosial.' });
  expect(done.status).toBe('RESPONDED');
  const last = (await lab.events(atParent.id, `${EVENT} actor { username }`)).pop();
  expect(last).toMatchObject({ type: 'RESPONDED', actor: { username: 'kepala.dinsos' } });
});

test('reject as a duplicate', async () => {
  const first = await lab.submit('admin.tengah', { title: 'Lampu jalan mati di Jl. Tidar' });
  const second = await lab.submit('admin.tengah', { title: 'Lampu jalan mati di Jalan Tidar' });
  expectError(
    await lab.act('admin.tengah', 'rejectComplaint', { id: second.complaint.id, reason: 'Ganda', duplicateOf: second.complaint.id }),
    'BAD_USER_INPUT',
    ['duplicateOf'],
  );
  expectError(await lab.act('admin.tengah', 'rejectComplaint', { id: second.complaint.id, reason: 'Ganda', duplicateOf: '999999' }), 'BAD_USER_INPUT', [
    'duplicateOf',
  ]);
  const rejected = await lab.must('admin.tengah', 'rejectComplaint', {
    id: second.complaint.id,
    reason: 'Sama dengan laporan sebelumnya',
    duplicateOf: first.complaint.id,
  });
  expect(rejected).toMatchObject({ status: 'REJECTED', duplicateOfId: first.complaint.id, rejectReason: 'Sama dengan laporan sebelumnya', dueAt: null });
  expect(rejected.closedAt).not.toBeNull();
  expect(rejected.availableActions).toEqual(['NOTE', 'ATTACH']);
  const last = (await lab.events(second.complaint.id)).pop();
  expect(last).toMatchObject({ type: 'REJECTED', fromStatus: 'SUBMITTED', toStatus: 'REJECTED', public: true, message: 'Sama dengan laporan sebelumnya' });
});

test('reopen by the admin, and by the reporter with tracking code and access code', async () => {
  const c = await lab.responded();
  const st = await lab.ok('admin.tengah', 'mutation($id: ID!) { reopenComplaint(id: $id, reason: "Pelapor belum menerima bantuan") }', { id: c.id });
  expect(st.reopenComplaint).toBe('IN_PROGRESS');
  const reopened = await lab.complaint('admin.tengah', c.id);
  expect(reopened).toMatchObject({ status: 'IN_PROGRESS', currentOpdId: lab.opd.DINSOS, autoCloseAt: null });
  expect(reopened.dueAt).not.toBeNull();
  const ev1 = (await lab.events(c.id, `${EVENT} actor { username }`)).pop();
  expect(ev1).toMatchObject({ type: 'REOPENED', fromStatus: 'RESPONDED', toStatus: 'IN_PROGRESS', public: true, actor: { username: 'admin.tengah' } });
  // Reopening something not answered is refused.
  const twice = await lab.gql('admin.tengah', 'mutation($id: ID!) { reopenComplaint(id: $id, reason: "lagi") }', { id: c.id });
  expect(twice.errors?.[0]?.extensions?.code).toBe('INVALID_TRANSITION');

  // A resident's own complaint (public WEB submission in Kelurahan Cacaban → Kecamatan Magelang Tengah).
  const pub = await lab.submit(null, { kelurahanId: lab.opd['KEL-CACABAN'], title: 'Saluran air tersumbat' });
  const [{ id }] = await lab.t.app.db.query('SELECT id FROM complaint WHERE "trackingCode" = $1', [pub.trackingCode]);
  await lab.must('admin.tengah', 'verifyComplaint', { id: String(id) });
  await lab.must('admin.tengah', 'forwardComplaint', { id: String(id), opdId: lab.opd.DPUPR });
  await lab.must('kepala.dpupr', 'respondToComplaint', { id: String(id), answer: 'Saluran sudah dibersihkan oleh tim SDA.' });

  const REOPEN = 'mutation($tc: String!, $ac: String!) { reopenComplaint(trackingCode: $tc, accessCode: $ac, reason: "Masih tersumbat") }';
  const wrong = await lab.gql(null, REOPEN, { tc: pub.trackingCode, ac: 'AAAAAAAAAA' });
  expect(wrong.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  const ok = await lab.gql(null, REOPEN, { tc: pub.trackingCode.toLowerCase(), ac: pub.accessCode.toLowerCase() });
  expect(ok.errors).toBeUndefined();
  expect(ok.data.reopenComplaint).toBe('IN_PROGRESS');
  const last = (await lab.events(String(id), `${EVENT} actor { username }`)).pop();
  expect(last).toMatchObject({ type: 'REOPENED', actorId: null, actorKind: 'CITIZEN', actor: null, toStatus: 'IN_PROGRESS', message: 'Masih tersumbat' });
  // Signed-in staff without the permission cannot reopen by id.
  const officer = await lab.gql('kepala.dpupr', 'mutation($id: ID!) { reopenComplaint(id: $id, reason: "coba") }', { id: String(id) });
  expect(officer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
});

test('forwarding needs an active Opd with a unit head', async () => {
  const { opd } = lab;
  const CREATE = 'mutation($input: OpdInput!) { createOpd(input: $input) { id canReceive } }';
  const headless = (
    await lab.ok('superadmin', CREATE, { input: { code: 'DINSOS-UJI', name: 'Bidang Uji Tanpa Kepala', kind: 'BIDANG', parentId: opd.DINSOS } })
  ).createOpd;
  expect(headless.canReceive).toBe(false);
  const inactive = (
    await lab.ok('superadmin', CREATE, { input: { code: 'DINSOS-NONAKTIF', name: 'Bidang Nonaktif', kind: 'BIDANG', parentId: opd.DINSOS, active: false } })
  ).createOpd;

  const c = await lab.verified();
  const r1 = await lab.act('admin.tengah', 'forwardComplaint', { id: c.id, opdId: headless.id });
  expectError(r1, 'BAD_USER_INPUT', ['opdId']);
  expect(r1.errors![0].message).toMatch(/unit head/);
  const r2 = await lab.act('admin.tengah', 'forwardComplaint', { id: c.id, opdId: inactive.id });
  expectError(r2, 'BAD_USER_INPUT', ['opdId']);
  expect(r2.errors![0].message).toMatch(/not active/);
  expectError(await lab.act('admin.tengah', 'forwardComplaint', { id: c.id, opdId: '999999' }), 'BAD_USER_INPUT', ['opdId']);
  // Nothing changed: same version, no FORWARDED event.
  const after = await lab.complaint('admin.tengah', c.id);
  expect(after).toMatchObject({ status: 'VERIFIED', version: c.version, currentOpdId: null });
  expect((await lab.events(c.id)).map((e) => e.type)).toEqual(['SUBMITTED', 'VERIFIED']);

  // The same holds when a unit passes it on.
  const f = await lab.must('admin.tengah', 'forwardComplaint', { id: c.id, opdId: opd.DINSOS });
  expectError(await lab.act('kepala.dinsos', 'forwardComplaint', { id: c.id, opdId: headless.id }), 'BAD_USER_INPUT', ['opdId']);
  expectError(await lab.act('kepala.dinsos', 'forwardComplaint', { id: c.id, opdId: opd.DINSOS }), 'BAD_USER_INPUT', ['opdId']);
  expect((await lab.complaint('kepala.dinsos', c.id)).version).toBe(f.version);
});
