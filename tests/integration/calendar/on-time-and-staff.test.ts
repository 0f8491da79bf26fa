import { Lab } from '../lifecycle/helpers';
import { ProgressStage } from '../../../server/modules/complaints/complaint.enums';

let lab: Lab;
beforeAll(async () => {
  lab = await Lab.start();
  await fixture();
});
afterAll(() => lab.stop());

/** An instant in WIB. */
const wib = (s: string) => new Date(`${s}+07:00`);

/**
 * 2026-Q1 with the default policy (first response within 1×24 h on working days).
 * DINSOS: A accepted after 23 h (on time), staff note, answered after 48 h; B first answered after
 * 98 h (late); C never answered, its deadline long past. DISPERKIM: D accepted after 2 h.
 */
async function fixture() {
  let now = wib('2026-01-05T08:00:00');
  const svc = lab.services.complaints.withClock(() => now);
  const as = (u: string) => lab.ctx(u);
  const at = (s: string) => (now = wib(s));
  const forwarded = async (day: string, opd: string) => {
    at(`${day}T08:00:00`);
    const c = await lab.submitDirect('admin.tengah', {}, svc);
    at(`${day}T09:00:00`);
    await svc.verify(await as('admin.tengah'), String(c.id), null);
    at(`${day}T10:00:00`);
    await svc.forward(await as('admin.tengah'), String(c.id), null, lab.opd[opd]);
    return String(c.id);
  };
  const a = await forwarded('2026-02-02', 'DINSOS');
  at('2026-02-03T09:00:00');
  await svc.accept(await as('kepala.dinsos'), a, null);
  await svc.assign(await as('kepala.dinsos'), a, null, lab.user['staf.dinsos'].id);
  at('2026-02-03T11:00:00');
  await svc.addProgress(await as('staf.dinsos'), a, null, ProgressStage.FIELD_CHECK, 'Cek lapangan ke rumah pelapor.', false);
  at('2026-02-04T10:00:00');
  await svc.respond(await as('kepala.dinsos'), a, null, 'Bantuan sudah disalurkan melalui KKS.');
  const b = await forwarded('2026-02-09', 'DINSOS');
  at('2026-02-13T12:00:00');
  await svc.respond(await as('kepala.dinsos'), b, null, 'Sudah kami tindak lanjuti ke lokasi.');
  await forwarded('2026-03-02', 'DINSOS');
  const d = await forwarded('2026-03-03', 'DISPERKIM');
  at('2026-03-03T12:00:00');
  await svc.accept(await as('kepala.disperkim'), d, null);
}

const QUARTER = { from: wib('2026-01-01T00:00:00').toISOString(), to: wib('2026-04-01T00:00:00').toISOString() };

async function bothFigures(username: string) {
  const r = await lab.ok(
    username,
    `query($from: DateTimeISO, $to: DateTimeISO) {
      complianceReport(period: "2026-Q1") { opds { opd { code } due respondedInTime respondedInTimePct } }
      complaintStats(from: $from, to: $to) { onTime { total { due inTime pct } byOpd { opd { code } due inTime pct } } } }`,
    QUARTER,
  );
  const report = Object.fromEntries(
    r.complianceReport.opds.filter((o: any) => o.due > 0).map((o: any) => [o.opd.code, { due: o.due, inTime: o.respondedInTime, pct: o.respondedInTimePct }]),
  );
  const dashboard = Object.fromEntries(r.complaintStats.onTime.byOpd.map((o: any) => [o.opd.code, { due: o.due, inTime: o.inTime, pct: o.pct }]));
  return { report, dashboard, total: r.complaintStats.onTime.total };
}

test('"tepat waktu": the dashboard and the compliance report give the same figure for a unit over a quarter', async () => {
  const leader = await bothFigures('walikota');
  expect(leader.report.DINSOS).toEqual({ due: 3, inTime: 1, pct: 33.33 });
  expect(leader.dashboard.DINSOS).toEqual(leader.report.DINSOS);
  expect(leader.dashboard.DISPERKIM).toEqual({ due: 1, inTime: 1, pct: 100 });
  expect(leader.dashboard).toEqual(leader.report);
  expect(leader.total).toEqual({ due: 4, inTime: 2, pct: 50 });

  // The unit's own head sees the unit whole: the same figure on its dashboard and in its report.
  const head = await bothFigures('kepala.dinsos');
  expect(head.report).toEqual({ DINSOS: { due: 3, inTime: 1, pct: 33.33 } });
  expect(head.dashboard).toEqual(head.report);
});

test('individual performance of unit heads and staff: answers, progress notes, time to answer from the forward, within the report scope', async () => {
  const q = `{ complianceReport(period: "2026-Q1") { staff { user { username } answers progressNotes complaints medianHoursToAnswer averageHoursToAnswer } } }`;
  const leader = (await lab.ok('walikota', q)).complianceReport.staff;
  const line = (rows: any[], u: string) => rows.find((s) => s.user.username === u);
  expect(line(leader, 'kepala.dinsos')).toEqual({
    user: { username: 'kepala.dinsos' },
    answers: 2,
    // Accepting is not a progress note.
    progressNotes: 0,
    complaints: 2,
    medianHoursToAnswer: 73,
    averageHoursToAnswer: 73,
  });
  expect(line(leader, 'staf.dinsos')).toEqual({
    user: { username: 'staf.dinsos' },
    answers: 0,
    progressNotes: 1,
    complaints: 1,
    medianHoursToAnswer: null,
    averageHoursToAnswer: null,
  });
  // The report's scope: a unit head sees the people of its unit, not another unit's.
  const head = (await lab.ok('kepala.disperkim', q)).complianceReport.staff;
  expect(head.map((s: any) => s.user.username)).toEqual([]);
  const dinsos = (await lab.ok('kepala.dinsos', q)).complianceReport.staff;
  expect(dinsos.map((s: any) => s.user.username).sort()).toEqual(['kepala.dinsos', 'staf.dinsos']);
  expect((await lab.gql('staf.dinsos', q)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
});
