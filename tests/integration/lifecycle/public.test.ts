import { codeOf, complaintInput, expectError, Lab, unique } from './helpers';

let lab: Lab;
beforeAll(async () => {
  lab = await Lab.start({ trustProxy: ['loopback'] });
});
afterAll(() => lab?.stop());

const SUBMIT = `mutation($input: ComplaintInput!, $key: String) {
  submitComplaint(input: $input, idempotencyKey: $key) { trackingCode accessCode replayed complaint { id } } }`;
const TRACK = `query($tc: String!, $ac: String!) { trackComplaint(trackingCode: $tc, accessCode: $ac) {
  trackingCode type title status progressStage category currentUnit answer rating submittedAt respondedAt
  timeline { type status stage unit message at } } }`;
const RATE = `mutation($tc: String!, $ac: String!, $score: Int!, $comment: String) {
  rateComplaint(trackingCode: $tc, accessCode: $ac, score: $score, comment: $comment) { status rating timeline { type } } }`;

async function rowOf(trackingCode: string) {
  const rows = await lab.t.app.db.query('SELECT * FROM complaint WHERE "trackingCode" = $1', [trackingCode]);
  expect(rows).toHaveLength(1);
  return rows[0];
}

/** A raw POST, to present another client address (this server trusts X-Forwarded-For from loopback: TRUST_PROXY). */
async function postFrom(address: string, query: string, variables: Record<string, unknown>) {
  const res = await fetch(`${lab.t.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as any;
}

test('a citizen submits without an account: tracking code and access code, no complaint; intake is the kecamatan', async () => {
  const r = await lab.gql(null, SUBMIT, { input: complaintInput({ kelurahanId: lab.opd['KEL-MAGERSARI'] }) });
  expect(r.errors).toBeUndefined();
  const s = r.data.submitComplaint;
  expect(s.trackingCode).toMatch(/^MGL-\d{4}-\d{5}$/);
  expect(s.accessCode).toMatch(/^[A-Z2-9]{10}$/);
  expect(s).toMatchObject({ replayed: false, complaint: null });
  const row = await rowOf(s.trackingCode);
  expect(row).toMatchObject({ channel: 'WEB', status: 'SUBMITTED', intakeOpdId: Number(lab.opd['KEC-SELATAN']), recordedById: null, currentOpdId: null });
  // Only a hash of the access code is stored.
  expect(JSON.stringify(row)).not.toContain(s.accessCode);
  // The kecamatan's admin has it in its inbox; the other kecamatan does not see it.
  const selatan = await lab.ok('admin.selatan', '{ myInbox(perPage: 100) { items { trackingCode } } }');
  expect(selatan.myInbox.items.map((c: any) => c.trackingCode)).toContain(s.trackingCode);
  expect((await lab.list('admin.tengah', { q: s.trackingCode })).total).toBe(0);
  const [ev] = await lab.events(String(row.id), 'type actorId actorKind');
  expect(ev).toEqual({ type: 'SUBMITTED', actorId: null, actorKind: 'CITIZEN' });

  // Without a kelurahan it is verified centrally (the city's complaint desk at Diskominsta); a channel the public cannot use is refused.
  const central = await lab.submit(null, { title: 'Pertanyaan umum layanan kota' });
  expect((await rowOf(central.trackingCode)).intakeOpdId).toBe(Number(lab.opd.DISKOMINSTA));
  expectError(await lab.gql(null, SUBMIT, { input: complaintInput({ channel: 'SERVICE_POST' }) }), 'BAD_USER_INPUT', ['input.channel']);
});

test('input errors name the field', async () => {
  expectError(await lab.gql(null, SUBMIT, { input: complaintInput({ reporterPhone: null }) }), 'BAD_USER_INPUT', ['input.reporterPhone']);
  expectError(await lab.gql(null, SUBMIT, { input: complaintInput({ reporterNik: '12345' }) }), 'BAD_USER_INPUT', ['input.reporterNik']);
  expectError(await lab.gql(null, SUBMIT, { input: complaintInput({ reporterNik: '33710A0101010001' }) }), 'BAD_USER_INPUT', ['input.reporterNik']);
  expectError(await lab.gql(null, SUBMIT, { input: complaintInput(), key: 'short' }), 'BAD_USER_INPUT', ['idempotencyKey']);
  expectError(await lab.gql(null, SUBMIT, { input: complaintInput({ kelurahanId: lab.opd.DINSOS }) }), 'BAD_USER_INPUT', ['input.kelurahanId']);
  // An e-mail or an address alone is enough to reach the reporter.
  const byMail = await lab.gql(null, SUBMIT, { input: complaintInput({ reporterPhone: null, reporterEmail: 'warga@example.id' }) });
  expect(byMail.errors).toBeUndefined();
});

test('idempotencyKey: retries, even 10 at once, give one complaint with the same codes', async () => {
  const key = unique('idem');
  const input = complaintInput({ kelurahanId: lab.opd['KEL-CACABAN'], title: 'Jalan berlubang di RW 03' });
  const first = (await lab.gql(null, SUBMIT, { input, key })).data.submitComplaint;
  const second = (await lab.gql(null, SUBMIT, { input, key })).data.submitComplaint;
  expect(second).toEqual({ ...first, replayed: true });
  await rowOf(first.trackingCode);

  const key2 = unique('idem');
  const input2 = complaintInput({ kelurahanId: lab.opd['KEL-CACABAN'], title: 'Pohon tumbang menutup jalan' });
  const all = await Promise.all(Array.from({ length: 10 }, () => lab.gql(null, SUBMIT, { input: input2, key: key2 })));
  expect(all.map((r) => r.errors)).toEqual(Array(10).fill(undefined));
  const results = all.map((r) => r.data.submitComplaint);
  expect(new Set(results.map((r) => r.trackingCode)).size).toBe(1);
  expect(new Set(results.map((r) => r.accessCode)).size).toBe(1);
  expect(results.filter((r) => !r.replayed)).toHaveLength(1);
  const [{ n }] = await lab.t.app.db.query('SELECT count(*)::int AS n FROM complaint WHERE "idempotencyKey" = $1', [key2]);
  expect(n).toBe(1);
  const row = await rowOf(results[0].trackingCode);
  const [{ e }] = await lab.t.app.db.query('SELECT count(*)::int AS e FROM complaint_event WHERE "complaintId" = $1', [row.id]);
  expect(e).toBe(1);
  // The access code it returned works.
  const tracked = await lab.gql(null, TRACK, { tc: results[0].trackingCode, ac: results[0].accessCode });
  expect(tracked.data.trackComplaint.title).toBe('Pohon tumbang menutup jalan');

  // The same key with other data is a conflict, not a second complaint.
  const clash = await lab.gql(null, SUBMIT, { input: { ...input2, title: 'Pohon tumbang di jalan lain' }, key: key2 });
  expectError(clash, 'CONFLICT');
  const [{ n2 }] = await lab.t.app.db.query('SELECT count(*)::int AS n2 FROM complaint WHERE "idempotencyKey" = $1', [key2]);
  expect(n2).toBe(1);
});

test('trackComplaint shows the public timeline only: no internal notes, no staff, no reporter identity', async () => {
  const reporter = {
    reporterName: 'Bambang Sulistyo Nugroho',
    reporterPhone: '081398765432',
    reporterNik: '3371031204850002',
    reporterEmail: 'bambang.sn@example.id',
    reporterAddress: 'Jl. Pahlawan Gang Mawar 17',
    kelurahanId: lab.opd['KEL-CACABAN'],
    categoryId: lab.category.BANSOS,
  };
  const s = await lab.submit(null, { ...reporter, title: 'BPNT tidak masuk ke KKS' });
  const { id } = await rowOf(s.trackingCode);
  const cid = String(id);
  const secretNote = 'Catatan internal: rekening pelapor diblokir bank';
  const privateProgress = 'Koordinasi internal dengan Himbara sebelum kunjungan';
  await lab.must('admin.tengah', 'verifyComplaint', { id: cid });
  await lab.must('admin.tengah', 'forwardComplaint', { id: cid, opdId: lab.opd.DINSOS });
  await lab.must('kepala.dinsos', 'acceptComplaint', { id: cid });
  await lab.must('kepala.dinsos', 'assignComplaint', { id: cid, userId: lab.user['staf.dinsos'].id });
  await lab.must('staf.dinsos', 'addInternalNote', { id: cid, note: secretNote });
  await lab.must('staf.dinsos', 'addProgress', { id: cid, stage: 'IN_WORK', note: privateProgress, public: false });
  await lab.must('kepala.dinsos', 'addProgress', { id: cid, stage: 'FIELD_CHECK', note: 'Petugas mengunjungi rumah pelapor', public: true });
  await lab.must('kepala.dinsos', 'respondToComplaint', { id: cid, answer: 'Saldo BPNT sudah masuk ke KKS pelapor.' });

  // Staff see everything, so the checks below could fail.
  const staffView = JSON.stringify(await lab.complaint('admin.tengah', cid, 'reporterName reporterNik events { type message actor { name } }'));
  for (const s2 of [reporter.reporterName, reporter.reporterNik, secretNote, privateProgress, lab.user['staf.dinsos'].name]) expect(staffView).toContain(s2);

  const r = await lab.gql(null, TRACK, { tc: s.trackingCode, ac: s.accessCode });
  expect(r.errors).toBeUndefined();
  const pub = r.data.trackComplaint;
  expect(pub).toMatchObject({
    status: 'RESPONDED',
    answer: 'Saldo BPNT sudah masuk ke KKS pelapor.',
    currentUnit: lab.opdName.DINSOS,
    category: expect.any(String),
  });
  expect(pub.timeline.map((e: any) => e.type)).toEqual(['SUBMITTED', 'VERIFIED', 'FORWARDED', 'ACCEPTED', 'PROGRESS', 'RESPONDED']);
  expect(pub.timeline.find((e: any) => e.type === 'FORWARDED').unit).toBe(lab.opdName.DINSOS);
  const json = JSON.stringify(r);
  const forbidden = [
    reporter.reporterName,
    'Bambang',
    reporter.reporterPhone,
    reporter.reporterNik,
    reporter.reporterEmail,
    reporter.reporterAddress,
    secretNote,
    privateProgress,
    'INTERNAL_NOTE',
    'ASSIGNED',
    'Ditugaskan',
    ...['staf.dinsos', 'kepala.dinsos', 'admin.tengah'].flatMap((u) => [u, lab.user[u].name]),
  ];
  for (const word of forbidden) expect({ word, found: json.includes(word) }).toEqual({ word, found: false });

  // Wrong codes reveal nothing.
  for (const [tc, ac] of [
    [s.trackingCode, 'ZZZZZZZZZZ'],
    ['MGL-0000-99999', s.accessCode],
    [s.trackingCode, ''],
  ]) {
    const bad = await lab.gql(null, TRACK, { tc, ac });
    expect(codeOf(bad)).toBe('NOT_FOUND');
    expect(bad.data).toBeNull();
  }

  // Rating: 1–5 only.
  for (const score of [0, 6, -1]) {
    expectError(await lab.gql(null, RATE, { tc: s.trackingCode, ac: s.accessCode, score }), 'BAD_USER_INPUT', ['score']);
  }
  expect(codeOf(await lab.gql(null, RATE, { tc: s.trackingCode, ac: 'ZZZZZZZZZZ', score: 5 }))).toBe('NOT_FOUND');
  const rated = await lab.gql(null, RATE, { tc: s.trackingCode, ac: s.accessCode, score: 4, comment: 'Cepat ditangani' });
  expect(rated.errors).toBeUndefined();
  expect(rated.data.rateComplaint).toMatchObject({ status: 'RESPONDED', rating: 4 });
  expect(rated.data.rateComplaint.timeline.map((e: any) => e.type).pop()).toBe('RATED');
  const stored = await lab.complaint('admin.tengah', cid, 'rating ratingComment');
  expect(stored).toEqual({ rating: 4, ratingComment: 'Cepat ditangani' });
  // Once per answer: a second rating of the same answer is refused and changes nothing.
  expect(codeOf(await lab.gql(null, RATE, { tc: s.trackingCode, ac: s.accessCode, score: 5 }))).toBe('CONFLICT');
  expect(await lab.complaint('admin.tengah', cid, 'rating')).toEqual({ rating: 4 });
});

test('public submission is RATE_LIMITED after the limit; staff and other addresses are not', async () => {
  const limit = lab.services.limits.publicSubmit.limit;
  expect(limit).toBeGreaterThan(0);
  // Refused by the service after the limiter counted it: cheap, and counts all the same.
  const noContact = { input: complaintInput({ reporterPhone: null }) };
  const codes: string[] = [];
  for (let i = 0; i < limit + 3; i++) {
    const r = await postFrom('203.0.113.7', SUBMIT, noContact);
    codes.push(r.errors?.[0]?.extensions?.code ?? 'OK');
  }
  expect(codes.slice(0, limit).every((c) => c === 'BAD_USER_INPUT')).toBe(true);
  expect(codes.slice(limit)).toEqual(['RATE_LIMITED', 'RATE_LIMITED', 'RATE_LIMITED']);
  const limited = await postFrom('203.0.113.7', SUBMIT, { input: complaintInput() });
  expect(limited.errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
  expect(limited.data).toBeNull();

  // Another address still gets through; staff are not limited.
  const other = await postFrom('203.0.113.8', SUBMIT, { input: complaintInput() });
  expect(other.errors).toBeUndefined();
  const staff = await lab.submitRaw('admin.tengah');
  expect(staff.errors).toBeUndefined();
});

test('the reporter’s replies are RATE_LIMITED per address like the other public calls', async () => {
  const limit = lab.services.limits.publicRead.limit;
  const REPLY = 'mutation($m: String!) { replyToComplaint(trackingCode: "MGL-0000-00000", accessCode: "ZZZZZZZZZZ", message: $m) { status } }';
  // Counted before the codes are checked: a guesser pays for every try.
  const codes = await Promise.all(Array.from({ length: limit + 2 }, () => postFrom('203.0.113.21', REPLY, { m: 'Tambahan informasi' })));
  const byCode = codes.map((r) => r.errors?.[0]?.extensions?.code).reduce<Record<string, number>>((n, c) => ({ ...n, [c]: (n[c] ?? 0) + 1 }), {});
  expect(byCode).toEqual({ NOT_FOUND: limit, RATE_LIMITED: 2 });
  expect(codeOf(await postFrom('203.0.113.22', REPLY, { m: 'Tambahan informasi' }))).toBe('NOT_FOUND');
});
