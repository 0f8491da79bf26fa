import { replayMismatches } from '../../../server/modules/complaints/complaint-replay';
import { C, Lab, codeOf, expectError } from './helpers';

/**
 * Likely duplicates (similar words by trigram similarity, or the same category in the same
 * kelurahan or nearby, recent, in the viewer's scope) while recording and verifying; merging
 * links both timelines and the duplicate's reporter follows the original.
 */
let lab: Lab;
beforeAll(async () => {
  lab = await Lab.start();
}, 60_000);
afterAll(() => lab?.stop());

const SIMILAR = `query($input: DuplicateProbeInput!) { similarComplaints(input: $input) { score reasons distanceMeters complaint { id trackingCode title } } }`;
const TRACK = `query($tc: String!, $ac: String!) { trackComplaint(trackingCode: $tc, accessCode: $ac) {
  status timeline { type message } mergedInto { trackingCode status answer timeline { type } } } }`;

// Alun-alun Kota Magelang; 0.001° of latitude is about 111 m.
const LAT = -7.4797;
const LON = 110.2177;

let road: any;
beforeAll(async () => {
  road = await lab.submit('admin.tengah', {
    title: 'Jalan berlubang di Jl. Ikhlas depan SD Cacaban 3',
    description: 'Lubang besar di tengah jalan, sudah ada pengendara motor yang jatuh.',
    categoryId: lab.category['JALAN-DRAINASE'],
    kelurahanId: lab.opd['KEL-CACABAN'],
    latitude: LAT,
    longitude: LON,
  });
});

const probe = (over: Record<string, unknown>) => lab.ok('admin.tengah', SIMILAR, { input: { title: 'x', description: '', ...over } });

test('while recording: a similar title is suggested, with its reasons', async () => {
  const { similarComplaints } = await probe({ title: 'Jalan berlubang di depan SD Cacaban 3', categoryId: lab.category['JALAN-DRAINASE'] });
  expect(similarComplaints[0].complaint.id).toBe(road.complaint.id);
  expect(similarComplaints[0].reasons).toEqual(expect.arrayContaining(['SIMILAR_TEXT', 'SAME_CATEGORY']));
  expect(similarComplaints[0].score).toBeGreaterThan(0.5);
});

test('the same category in the same kelurahan or within 300 m is suggested even in other words; far away it is not', async () => {
  const sameKel = await probe({ title: 'Aspal rusak parah', categoryId: lab.category['JALAN-DRAINASE'], kelurahanId: lab.opd['KEL-CACABAN'] });
  expect(sameKel.similarComplaints.map((c: any) => c.complaint.id)).toContain(road.complaint.id);
  expect(sameKel.similarComplaints.find((c: any) => c.complaint.id === road.complaint.id).reasons).toEqual(['SAME_CATEGORY', 'SAME_KELURAHAN']);

  const near = await probe({ title: 'Aspal rusak parah', categoryId: lab.category['JALAN-DRAINASE'], latitude: LAT + 0.001, longitude: LON });
  const hit = near.similarComplaints.find((c: any) => c.complaint.id === road.complaint.id);
  expect(hit.reasons).toEqual(['SAME_CATEGORY', 'NEARBY']);
  expect(hit.distanceMeters).toBeGreaterThan(100);
  expect(hit.distanceMeters).toBeLessThan(120);

  const far = await probe({ title: 'Aspal rusak parah', categoryId: lab.category['JALAN-DRAINASE'], latitude: LAT + 0.02, longitude: LON });
  expect(far.similarComplaints.map((c: any) => c.complaint.id)).not.toContain(road.complaint.id);
  const otherTopic = await probe({ title: 'Pendaftaran KIP untuk anak sekolah', categoryId: lab.category.BANSOS, kelurahanId: lab.opd['KEL-CACABAN'] });
  expect(otherTopic.similarComplaints.map((c: any) => c.complaint.id)).not.toContain(road.complaint.id);
});

test('suggestions stay in the viewer’s scope; a bad probe names its field', async () => {
  const other = await lab.ok('admin.selatan', SIMILAR, { input: { title: 'Jalan berlubang di Jl. Ikhlas depan SD Cacaban 3' } });
  expect(other.similarComplaints.map((c: any) => c.complaint.id)).not.toContain(road.complaint.id);
  expectError(await lab.gql('admin.tengah', SIMILAR, { input: { title: 'Jalan rusak', latitude: 123 } }), 'BAD_USER_INPUT', ['input.latitude']);
  expect(codeOf(await lab.gql('kepala.dinsos', SIMILAR, { input: { title: 'Jalan berlubang' } }))).toBe('FORBIDDEN');
});

test('while verifying: the complaint lists its likely duplicates for those who verify', async () => {
  const again = await lab.submit('admin.tengah', {
    title: 'Jalan Ikhlas berlubang dekat SD Cacaban 3',
    categoryId: lab.category['JALAN-DRAINASE'],
    kelurahanId: lab.opd['KEL-CACABAN'],
  });
  const seen = await lab.complaint('admin.tengah', again.complaint.id, 'possibleDuplicates { reasons complaint { id } }');
  expect(seen.possibleDuplicates[0].complaint.id).toBe(road.complaint.id);
  expect(seen.possibleDuplicates.map((d: any) => d.complaint.id)).not.toContain(again.complaint.id);
  expect((await lab.complaint('walikota', again.complaint.id, 'possibleDuplicates { score }')).possibleDuplicates).toEqual([]);
});

test('merging links both ways; the duplicate’s reporter follows the original’s progress and answer', async () => {
  const original = await lab.submit(null, { title: 'Saluran air mampet di RW 03 Cacaban', kelurahanId: lab.opd['KEL-CACABAN'] });
  const dup = await lab.submit(null, { title: 'Got mampet RW 03 Cacaban', kelurahanId: lab.opd['KEL-CACABAN'], reporterName: 'Budi' });
  const [o] = await lab.t.app.db.query('SELECT id FROM complaint WHERE "trackingCode" = $1', [original.trackingCode]);
  const [d] = await lab.t.app.db.query('SELECT id FROM complaint WHERE "trackingCode" = $1', [dup.trackingCode]);
  const oid = String(o.id);
  const did = String(d.id);

  expect(codeOf(await lab.act('kepala.dinsos', 'mergeComplaint', { id: did, intoId: oid }))).toBe('FORBIDDEN');
  expectError(await lab.act('admin.tengah', 'mergeComplaint', { id: did, intoId: did }), 'BAD_USER_INPUT', ['intoId']);
  const merged = await lab.must(
    'admin.tengah',
    'mergeComplaint',
    { id: did, intoId: oid, reason: 'Lokasi dan keluhan sama' },
    `${C} duplicateOf: duplicateOfId`,
  );
  expect(merged).toMatchObject({ status: 'MERGED', duplicateOf: oid, dueAt: null });
  expect((await lab.events(did, 'type public message internalNote')).at(-1)).toEqual({
    type: 'MERGED',
    public: true,
    message: `Laporan ini sama dengan pengaduan ${original.trackingCode}; perkembangan dan jawabannya tampil di halaman ini`,
    internalNote: 'Lokasi dan keluhan sama',
  });
  expect((await lab.events(oid, 'type public message')).at(-1)).toEqual({
    type: 'DUPLICATE_ADDED',
    public: false,
    message: `Laporan ${dup.trackingCode} digabungkan ke pengaduan ini`,
  });
  expect((await lab.complaint('admin.tengah', oid, 'duplicates { id }')).duplicates).toEqual([{ id: did }]);
  for (const cid of [did, oid]) {
    const { row, events } = await lab.stored(cid);
    expect(replayMismatches(row, events)).toEqual([]);
  }
  // A merged report is never a merge target, nor merged again.
  const third = await lab.submit('admin.tengah', { title: 'Got mampet lagi di RW 03' });
  expectError(await lab.act('admin.tengah', 'mergeComplaint', { id: third.complaint.id, intoId: did }), 'BAD_USER_INPUT', ['intoId']);
  expect(codeOf(await lab.act('admin.tengah', 'mergeComplaint', { id: did, intoId: third.complaint.id }))).toBe('INVALID_TRANSITION');

  await lab.must('admin.tengah', 'verifyComplaint', { id: oid });
  await lab.must('admin.tengah', 'forwardComplaint', { id: oid, opdId: lab.opd.DINSOS });
  await lab.must('kepala.dinsos', 'respondToComplaint', { id: oid, answer: 'Saluran sudah dibersihkan oleh petugas DPUPR.' });
  const tracked = (await lab.ok(null, TRACK, { tc: dup.trackingCode, ac: dup.accessCode })).trackComplaint;
  expect(tracked.status).toBe('MERGED');
  expect(tracked.mergedInto).toMatchObject({
    trackingCode: original.trackingCode,
    status: 'RESPONDED',
    answer: 'Saluran sudah dibersihkan oleh petugas DPUPR.',
  });
  expect(tracked.mergedInto.timeline.map((e: any) => e.type)).not.toContain('DUPLICATE_ADDED');
  expect(JSON.stringify(tracked)).not.toContain('Lokasi dan keluhan sama');
  // The original's reporter learns nothing of the duplicate.
  expect((await lab.ok(null, TRACK, { tc: original.trackingCode, ac: original.accessCode })).trackComplaint.mergedInto).toBeNull();
});

test('two admins merging a pair each way at once: one merge wins, the other is refused by name; never a cycle or a chain', async () => {
  for (let round = 0; round < 4; round++) {
    const a = (await lab.submit('admin.tengah', { title: `Sampah menumpuk di pasar, putaran ${round}` })).complaint.id;
    const b = (await lab.submit('admin.tengah', { title: `Tumpukan sampah pasar, putaran ${round}` })).complaint.id;
    const [ab, ba] = await Promise.all([
      lab.act('admin.tengah', 'mergeComplaint', { id: a, intoId: b }),
      lab.act('admin.tengah', 'mergeComplaint', { id: b, intoId: a }),
    ]);
    const outcomes = [ab, ba].map((r) => (r.errors ? codeOf(r) : 'OK')).sort();
    expect(outcomes).toEqual(['BAD_USER_INPUT', 'OK']);
    const rows = await lab.t.app.db.query(`SELECT id, "duplicateOfId", status FROM complaint WHERE id = ANY($1) ORDER BY id`, [[a, b]]);
    expect(rows.filter((r: any) => r.duplicateOfId != null)).toHaveLength(1);
    expect(rows.filter((r: any) => r.status === 'MERGED')).toHaveLength(1);
  }
  // A complaint others follow is not merged away (their reporters would lose the answer); the other way round is offered.
  const followed = (await lab.submit('admin.tengah', { title: 'Lampu PJU mati di Jl. Tidar' })).complaint.id;
  const follower = (await lab.submit('admin.tengah', { title: 'PJU padam Jl. Tidar' })).complaint.id;
  const target = (await lab.submit('admin.tengah', { title: 'Penerangan jalan Tidar mati' })).complaint.id;
  await lab.must('admin.tengah', 'mergeComplaint', { id: follower, intoId: followed });
  expectError(await lab.act('admin.tengah', 'mergeComplaint', { id: followed, intoId: target }), 'BAD_USER_INPUT', ['id']);
  await lab.must('admin.tengah', 'mergeComplaint', { id: target, intoId: followed });
});
