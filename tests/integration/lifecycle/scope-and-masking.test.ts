import { C, expectError, IDENTITY, Lab } from './helpers';

let lab: Lab;
beforeAll(async () => {
  lab = await Lab.start();
});
afterAll(() => lab?.stop());

const ids = async (username: string, filter: Record<string, unknown> = {}) => (await lab.list(username, filter, { perPage: 1000 })).items.map((c) => c.id);

test('an admin sees and changes only its own intake', async () => {
  const { complaint: x } = await lab.submit('admin.tengah', { title: 'Drainase tersumbat di Tengah' });
  expect(await lab.complaint('admin.tengah', x.id, 'id')).toEqual({ id: x.id });
  expect(await lab.complaint('admin.selatan', x.id, 'id')).toBeNull();
  expect(await ids('admin.selatan')).not.toContain(x.id);
  expect((await lab.list('admin.selatan', { q: x.trackingCode })).total).toBe(0);
  expect(await ids('admin.tengah')).toContain(x.id);

  expectError(await lab.act('admin.selatan', 'verifyComplaint', { id: x.id }), 'FORBIDDEN');
  expectError(await lab.act('admin.selatan', 'rejectComplaint', { id: x.id, reason: 'Bukan wilayah kami' }), 'FORBIDDEN');
  expectError(await lab.act('admin.selatan', 'addInternalNote', { id: x.id, note: 'mengintip' }), 'FORBIDDEN');
  expectError(await lab.act('admin.utara', 'verifyComplaint', { id: x.id }), 'FORBIDDEN');
  expectError(await lab.act('admin.puskesmas', 'verifyComplaint', { id: x.id }), 'FORBIDDEN');
  expect(await lab.complaint('admin.tengah', x.id, 'status version')).toEqual({ status: 'SUBMITTED', version: 1 });
  // A refusal for a complaint out of scope reveals nothing about it.
  const r = await lab.act('admin.selatan', 'verifyComplaint', { id: x.id, version: 7 });
  expect(r.errors![0].extensions!.code).toBe('FORBIDDEN');
  expect(r.errors![0].message).not.toMatch(/version|SUBMITTED/);
});

test('an officer sees only what it recorded', async () => {
  const { complaint: mine } = await lab.submit('petugas.rw', { title: 'Posyandu RW 03 butuh timbangan' });
  expect(mine.channel).toBe('SERVICE_POST');
  expect(mine.intakeOpdId).toBe(lab.opd['KEL-CACABAN']);
  const { complaint: theirs } = await lab.submit('admin.tengah', { kelurahanId: lab.opd['KEL-CACABAN'] });
  const seen = await ids('petugas.rw');
  expect(seen).toContain(mine.id);
  expect(seen).not.toContain(theirs.id);
  const [{ n }] = await lab.t.app.db.query('SELECT count(*)::int AS n FROM complaint WHERE "recordedById" = $1', [Number(lab.user['petugas.rw'].id)]);
  expect(seen).toHaveLength(n);
  expect(await lab.complaint('petugas.rw', theirs.id, 'id')).toBeNull();
  // The kecamatan admin above the kelurahan sees (and verifies) the officer's intake.
  expect(await ids('admin.tengah')).toEqual(expect.arrayContaining([mine.id, theirs.id]));
  expect((await lab.must('admin.tengah', 'verifyComplaint', { id: mine.id })).status).toBe('VERIFIED');
  // Officers record; they do not verify.
  expectError(await lab.act('petugas.rw', 'verifyComplaint', { id: theirs.id }), 'FORBIDDEN');
});

test('units see what is or was forwarded to them; leaders see everything', async () => {
  const c = await lab.verified({ title: 'Atap rumah bocor, minta bantuan RTLH' });
  expect(await lab.complaint('kepala.dinsos', c.id, 'id')).toBeNull();
  expect(await lab.complaint('kepala.disperkim', c.id, 'id')).toBeNull();
  expectError(await lab.act('kepala.dinsos', 'acceptComplaint', { id: c.id }), 'FORBIDDEN');

  await lab.must('admin.tengah', 'forwardComplaint', { id: c.id, opdId: lab.opd.DINSOS });
  expect(await ids('kepala.dinsos')).toContain(c.id);
  expect(await ids('staf.dinsos')).toContain(c.id);
  expect(await ids('kepala.dinsos-linjamsos')).not.toContain(c.id);
  expect(await lab.complaint('kepala.disperkim', c.id, 'id')).toBeNull();
  expect(await ids('kepala.disperkim')).not.toContain(c.id);
  expectError(await lab.act('kepala.disperkim', 'acceptComplaint', { id: c.id }), 'FORBIDDEN');

  await lab.must('kepala.dinsos', 'forwardComplaint', { id: c.id, opdId: lab.opd.DISPERKIM, note: 'Urusan RTLH' });
  // Previously handled: DINSOS still reads it, but no longer acts on it.
  expect(await lab.complaint('kepala.dinsos', c.id, 'id currentOpdId')).toEqual({ id: c.id, currentOpdId: lab.opd.DISPERKIM });
  expect(await ids('kepala.dinsos')).toContain(c.id);
  expect(await ids('kepala.dinsos', { currentOpdId: lab.opd.DISPERKIM })).toContain(c.id);
  expect((await lab.complaint('kepala.dinsos', c.id)).availableActions).toEqual([]);
  expectError(await lab.act('kepala.dinsos', 'acceptComplaint', { id: c.id }), 'FORBIDDEN');
  expect(await ids('kepala.disperkim')).toContain(c.id);
  expect((await lab.must('kepala.disperkim', 'acceptComplaint', { id: c.id })).status).toBe('IN_PROGRESS');

  const [{ n }] = await lab.t.app.db.query('SELECT count(*)::int AS n FROM complaint');
  expect((await lab.list('walikota')).total).toBe(n);
  expect((await lab.list('superadmin')).total).toBe(n);
  expect(await lab.complaint('walikota', c.id, 'id')).toEqual({ id: c.id });
  // Leaders read; they change nothing.
  expectError(await lab.act('walikota', 'addInternalNote', { id: c.id, note: 'Mohon dipercepat' }), 'FORBIDDEN');
});

describe('identity of an anonymous reporter', () => {
  const reporter = {
    reporterName: 'Suryani Lestari',
    reporterNik: '3371036507900003',
    reporterPhone: '085712345678',
    reporterEmail: 'suryani@example.id',
    reporterAddress: 'Jl. Cempaka 5 RT 02 RW 03',
  };
  const visible = { identityVisible: true, ...reporter };
  const masked = { identityVisible: false, reporterName: null, reporterNik: null, reporterPhone: null, reporterEmail: null, reporterAddress: null };
  const INTAKE_SIDE = ['petugas.rw', 'admin.tengah'];
  const OTHERS = ['kepala.dinsos', 'staf.dinsos', 'walikota', 'superadmin'];
  let anon: any;

  beforeAll(async () => {
    const { complaint } = await lab.submit('petugas.rw', { ...reporter, anonymous: true, title: 'Pungutan liar di layanan KTP' }, undefined);
    await lab.must('admin.tengah', 'verifyComplaint', { id: complaint.id });
    await lab.must('admin.tengah', 'forwardComplaint', { id: complaint.id, opdId: lab.opd.DINSOS });
    await lab.must('kepala.dinsos', 'assignComplaint', { id: complaint.id, userId: lab.user['staf.dinsos'].id });
    anon = complaint;
  });

  test('in complaint(id) and in the complaints list', async () => {
    for (const who of [...INTAKE_SIDE, ...OTHERS]) {
      const one = await lab.complaint(who, anon.id, IDENTITY);
      const listed = (await lab.list(who, { ids: [anon.id] }, {}, IDENTITY)).items;
      const expected = INTAKE_SIDE.includes(who) ? visible : masked;
      expect({ who, one, listed }).toEqual({ who, one: expected, listed: [expected] });
    }
    // Another kecamatan's admin does not even see it.
    expect(await lab.complaint('admin.selatan', anon.id, IDENTITY)).toBeNull();
  });

  test('in complaintChanged payloads', async () => {
    const subs = new Map<string, Awaited<ReturnType<Lab['subscribe']>>>();
    for (const who of [...INTAKE_SIDE, ...OTHERS, 'admin.selatan']) subs.set(who, await lab.subscribe(who, { filter: { complaintId: anon.id } }));
    await lab.must('kepala.dinsos', 'addProgress', { id: anon.id, stage: 'FIELD_CHECK', note: 'Klarifikasi ke loket', public: true });
    for (const who of [...INTAKE_SIDE, ...OTHERS]) {
      const sub = subs.get(who)!;
      await sub.waitFor((s) => s.changes.length >= 1, `${who} to receive the change`);
      const { complaint, event } = sub.changes[0];
      const { id: _id, status: _s, version: _v, currentOpdId: _o, ...identity } = complaint;
      expect({ who, type: event.type, identity }).toEqual({ who, type: 'PROGRESS', identity: INTAKE_SIDE.includes(who) ? visible : masked });
    }
    // Out of scope: nothing, not even masked. (Every in-scope subscriber got it, so the feed has delivered.)
    expect(subs.get('admin.selatan')!.changes).toEqual([]);
    for (const s of subs.values()) s.stop();
  });

  test('a non-anonymous reporter is visible to the unit', async () => {
    const c = await lab.forwarded('DINSOS', { ...reporter, anonymous: false }, 'petugas.rw');
    for (const who of ['kepala.dinsos', 'staf.dinsos', 'walikota', 'admin.tengah', 'petugas.rw']) {
      expect({ who, c: await lab.complaint(who, c.id, IDENTITY) }).toEqual({ who, c: visible });
    }
    expect((await lab.list('kepala.dinsos', { ids: [c.id] }, {}, `${C} ${IDENTITY}`)).items[0]).toMatchObject(visible);
  });
});
