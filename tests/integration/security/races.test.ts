import { replayMismatches } from '../../../server/modules/complaints/complaint-replay';
import { Lab, codeOf } from '../lifecycle/helpers';

let lab: Lab;
beforeAll(async () => {
  lab = await Lab.start({ sweepIntervalMs: 0 });
});
afterAll(() => lab.stop());

test('100 concurrent conflicting transitions on one complaint: exactly one wins, the log stays consistent', async () => {
  const c = await lab.forwarded('DINSOS');
  const calls = Array.from({ length: 100 }, (_, i) => {
    const kind = i % 3;
    if (kind === 0) return lab.act('kepala.dinsos', 'forwardComplaint', { id: c.id, opdId: lab.opd['DINSOS-LINJAMSOS'], version: c.version });
    if (kind === 1) return lab.act('kepala.dinsos', 'returnComplaint', { id: c.id, reason: 'Bukan kewenangan kami', version: c.version });
    return lab.act('kepala.dinsos', 'forwardComplaint', { id: c.id, opdId: lab.opd['DINSOS-REHSOS'], version: c.version });
  });
  const results = await Promise.all(calls);
  const codes = results.map((r) => (r.errors?.length ? codeOf(r) : 'OK'));
  const tally = codes.reduce<Record<string, number>>((t, k) => ({ ...t, [k!]: (t[k!] ?? 0) + 1 }), {});
  console.log(`races: ${JSON.stringify(tally)}`);
  expect(tally.OK).toBe(1);
  expect(codes.every((k) => k === 'OK' || k === 'CONFLICT' || k === 'INVALID_TRANSITION')).toBe(true);
  const { row, events } = await lab.stored(c.id);
  expect(row.version).toBe(c.version + 1);
  expect(events.filter((e) => ['FORWARDED', 'RETURNED'].includes(e.type))).toHaveLength(2);
  expect(replayMismatches(row, events)).toEqual([]);
});
