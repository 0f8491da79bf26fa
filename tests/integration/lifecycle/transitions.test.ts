import { replayMismatches } from '../../../server/modules/complaints/complaint-replay';
import { codeOf, expectError, Lab } from './helpers';

let lab: Lab;
beforeAll(async () => {
  lab = await Lab.start();
});
afterAll(() => lab?.stop());

const ANSWER = 'Bantuan sudah dicairkan melalui rekening KKS bulan ini.';

test('refused transitions carry INVALID_TRANSITION and change nothing', async () => {
  const { complaint: s } = await lab.submit('admin.tengah');
  expectError(await lab.act('admin.tengah', 'closeComplaint', { id: s.id }), 'INVALID_TRANSITION');
  expectError(await lab.act('admin.tengah', 'forwardComplaint', { id: s.id, opdId: lab.opd.DINSOS }), 'INVALID_TRANSITION');

  const v = await lab.must('admin.tengah', 'verifyComplaint', { id: s.id });
  const again = await lab.act('admin.tengah', 'verifyComplaint', { id: s.id });
  expectError(again, 'INVALID_TRANSITION');
  expect(again.errors![0].message).toMatch(/VERIFIED/);
  expect(await lab.complaint('admin.tengah', s.id, 'status version')).toEqual({ status: 'VERIFIED', version: v.version });

  const f = await lab.must('admin.tengah', 'forwardComplaint', { id: s.id, opdId: lab.opd.DINSOS });
  expectError(await lab.act('admin.tengah', 'rejectComplaint', { id: s.id, reason: 'Terlambat ditolak' }), 'INVALID_TRANSITION');
  expectError(await lab.act('admin.tengah', 'closeComplaint', { id: s.id }), 'INVALID_TRANSITION');
  await lab.must('kepala.dinsos', 'acceptComplaint', { id: s.id });
  expectError(await lab.act('kepala.dinsos', 'acceptComplaint', { id: s.id }), 'INVALID_TRANSITION');

  // Returned, then rejected: the unit that handled it still sees it, but cannot answer a REJECTED complaint.
  await lab.must('kepala.dinsos', 'returnComplaint', { id: s.id, reason: 'Bukan wewenang' });
  const rejected = await lab.must('admin.tengah', 'rejectComplaint', { id: s.id, reason: 'Laporan tidak lengkap' });
  expect(rejected.status).toBe('REJECTED');
  expect(await lab.complaint('kepala.dinsos', s.id, 'status')).toEqual({ status: 'REJECTED' });
  expectError(await lab.act('kepala.dinsos', 'respondToComplaint', { id: s.id, answer: ANSWER }), 'INVALID_TRANSITION');
  const reopen = await lab.gql('admin.tengah', 'mutation($id: ID!) { reopenComplaint(id: $id, reason: "Dibuka lagi") }', { id: s.id });
  expect(codeOf(reopen)).toBe('INVALID_TRANSITION');
  expect(f.version).toBeLessThan(rejected.version);

  // The citizen cannot rate what is not answered yet.
  const pub = await lab.submit(null, { kelurahanId: lab.opd['KEL-CACABAN'] });
  const rate = await lab.gql(null, 'mutation($tc: String!, $ac: String!) { rateComplaint(trackingCode: $tc, accessCode: $ac, score: 5) { rating } }', {
    tc: pub.trackingCode,
    ac: pub.accessCode,
  });
  expect(codeOf(rate)).toBe('INVALID_TRANSITION');
});

test('a stale version is refused with CONFLICT', async () => {
  const { complaint: s } = await lab.submit('admin.tengah');
  expect(s.version).toBe(1);
  const v = await lab.must('admin.tengah', 'verifyComplaint', { id: s.id, version: 1 });
  expect(v.version).toBe(2);
  // REJECT is a legal transition from VERIFIED, but the caller looked at version 1.
  const stale = await lab.act('admin.tengah', 'rejectComplaint', { id: s.id, reason: 'Ganda', version: 1 });
  expectError(stale, 'CONFLICT');
  expect(stale.errors![0].message).toMatch(/version/);
  expectError(await lab.act('admin.tengah', 'rejectComplaint', { id: s.id, reason: 'Ganda', version: 99 }), 'CONFLICT');
  expect(await lab.complaint('admin.tengah', s.id, 'status version')).toEqual({ status: 'VERIFIED', version: 2 });

  const f = await lab.must('admin.tengah', 'forwardComplaint', { id: s.id, opdId: lab.opd.DINSOS, version: 2 });
  expectError(await lab.act('kepala.dinsos', 'acceptComplaint', { id: s.id, version: 2 }), 'CONFLICT');
  expectError(await lab.act('kepala.dinsos', 'respondToComplaint', { id: s.id, answer: ANSWER, version: 2 }), 'CONFLICT');
  // The admin acting on its stale view (it still shows VERIFIED) is told to reload, too.
  expectError(await lab.act('admin.tengah', 'forwardComplaint', { id: s.id, opdId: lab.opd.DISPERKIM, version: 2 }), 'CONFLICT');
  const ok = await lab.must('kepala.dinsos', 'respondToComplaint', { id: s.id, answer: ANSWER, version: f.version });
  expect(ok).toMatchObject({ status: 'RESPONDED', version: f.version + 1 });
  expect((await lab.events(s.id)).map((e) => e.type)).toEqual(['SUBMITTED', 'VERIFIED', 'FORWARDED', 'ACCEPTED', 'RESPONDED']);
});

async function race(id: string, calls: (() => Promise<any>)[]) {
  const results = await Promise.all(calls.map((call) => call()));
  const codes = results.map((r) => (r.errors?.length ? String(r.errors[0].extensions?.code) : 'OK'));
  const tally: Record<string, number> = {};
  for (const c of codes) tally[c] = (tally[c] ?? 0) + 1;
  const winners = results.filter((r) => !r.errors?.length);
  return { tally, winners, codes };
}

async function expectReplays(id: string) {
  const { row, events } = await lab.stored(id);
  expect(replayMismatches(row, events)).toEqual([]);
  return { row, events };
}

test('20 concurrent forward/reject calls on one VERIFIED complaint: exactly one wins', async () => {
  const c = await lab.verified();
  const targets = ['DINSOS', 'DISPERKIM', 'DPUPR', 'DINKES', 'DISNAKER'];
  const calls = Array.from({ length: 20 }, (_, i) =>
    i % 2 === 0
      ? () => lab.act('admin.tengah', 'forwardComplaint', { id: c.id, opdId: lab.opd[targets[(i / 2) % targets.length]], version: c.version })
      : () => lab.act('admin.tengah', 'rejectComplaint', { id: c.id, reason: `Ditolak ${i}`, version: c.version }),
  );
  const { tally, winners, codes } = await race(c.id, calls);
  console.log('concurrent forward/reject outcomes:', tally);
  expect(winners).toHaveLength(1);
  expect(codes.filter((x) => x !== 'OK').every((x) => x === 'CONFLICT' || x === 'INVALID_TRANSITION')).toBe(true);

  const { row, events } = await expectReplays(c.id);
  const won = Object.values(winners[0].data)[0] as any;
  expect(row.version).toBe(c.version + 1);
  expect(row.status).toBe(won.status);
  expect(events.map((e) => e.type)).toEqual(['SUBMITTED', 'VERIFIED', won.status === 'FORWARDED' ? 'FORWARDED' : 'REJECTED']);
});

test('20 concurrent rejects without a version: one REJECTED event, the rest refused', async () => {
  const c = await lab.verified();
  const calls = Array.from({ length: 20 }, (_, i) => () => lab.act('admin.tengah', 'rejectComplaint', { id: c.id, reason: `Ditolak ${i}` }));
  const { tally, winners, codes } = await race(c.id, calls);
  console.log('concurrent reject outcomes:', tally);
  expect(winners).toHaveLength(1);
  expect(codes.filter((x) => x !== 'OK').every((x) => x === 'CONFLICT' || x === 'INVALID_TRANSITION')).toBe(true);
  const { row, events } = await expectReplays(c.id);
  expect(row.rejectReason).toBe((Object.values(winners[0].data)[0] as any).rejectReason);
  expect(events.filter((e) => e.type === 'REJECTED')).toHaveLength(1);
});
