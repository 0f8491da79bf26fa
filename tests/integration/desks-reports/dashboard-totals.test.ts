import { foldTally } from '../../../server/modules/reports/complaint-tally';
import { seedDemoComplaints } from '../../../server/seed/demo-complaints';
import { Lab } from '../lifecycle/helpers';

let lab: Lab;
beforeAll(async () => {
  lab = await Lab.start({ sweepIntervalMs: 0 });
  // The demo volume, written through the service like every change (each writes its tally deltas).
  await seedDemoComplaints(lab.services, lab.t.app.db, 240);
}, 120_000);
afterAll(() => lab.stop());

const MEASURES = 'key total open overdue responded respondedInTime firstResponded averageRating';
const STATS = `query($from: DateTimeISO, $to: DateTimeISO) { complaintStats(from: $from, to: $to) {
  totals { ${MEASURES} } byStatus { ${MEASURES} } byChannel { ${MEASURES} } byOpd { ${MEASURES} } byProgram { ${MEASURES} } byCategory { ${MEASURES} } } }`;
const OPEN = ['SUBMITTED', 'VERIFIED', 'FORWARDED', 'IN_PROGRESS'];
const ROLES = ['walikota', 'admin.tengah', 'kepala.dinsos', 'kepala.disperkim', 'petugas.rw'];

type Bucket = { key: string | null; total: number; open: number; overdue: number };
type Stats = Record<'totals', Bucket> & Record<'byStatus' | 'byChannel' | 'byOpd' | 'byProgram' | 'byCategory', Bucket[]>;

const DAY = 86_400_000;
const wibMidnight = (t: number) => Math.floor((t + 7 * 3_600_000) / DAY) * DAY - 7 * 3_600_000;
const now = Date.now();
const PERIODS: Record<string, { from: string | null; to: string | null }> = {
  'all time': { from: null, to: null },
  // Whole WIB days: from the tally alone (plus the overdue count).
  'last 30 whole days': { from: new Date(wibMidnight(now) - 29 * DAY).toISOString(), to: new Date(wibMidnight(now) + DAY).toISOString() },
  // Part days at both ends: those from the complaints themselves.
  'odd hours': { from: new Date(wibMidnight(now) - 12 * DAY + 5 * 3_600_000 + 13 * 60_000).toISOString(), to: new Date(now - 3 * DAY + 1234).toISOString() },
};

/** What the list says for the same viewer, period and one more filter. */
async function listed(who: string, period: { from: string | null; to: string | null }, filter: Record<string, unknown>): Promise<number> {
  const range = {
    ...(period.from ? { createdFrom: period.from } : {}),
    ...(period.to ? { createdTo: new Date(new Date(period.to).getTime() - 1).toISOString() } : {}),
  };
  return (await lab.list(who, { ...range, ...filter }, { perPage: 1 })).total;
}

test('the dashboard’s figures are the list totals, for every role and period, before and after the tally is folded', async () => {
  const leaves: { id: string }[] = await lab.t.app.db.query(
    `SELECT o.id::text AS id FROM opd o WHERE NOT EXISTS (SELECT 1 FROM opd k WHERE k."parentId" = o.id)`,
  );
  const leaf = new Set(leaves.map((o) => o.id));
  let compared = 0;
  const before: Record<string, Stats> = {};
  for (const who of ROLES) {
    for (const [name, period] of Object.entries(PERIODS)) {
      const s: Stats = (await lab.ok(who, STATS, period)).complaintStats;
      before[`${who} ${name}`] = s;
      const expectSame = async (what: string, figure: number, filter: Record<string, unknown>) => {
        compared += 1;
        expect({ who, name, what, figure }).toEqual({ who, name, what, figure: await listed(who, period, filter) });
      };
      await expectSame('total', s.totals.total, {});
      await expectSame('open', s.totals.open, { status: OPEN });
      await expectSame('overdue', s.totals.overdue, { overdue: true });
      for (const b of s.byStatus) await expectSame(`status ${b.key}`, b.total, { status: [b.key] });
      for (const b of s.byChannel) await expectSame(`channel ${b.key}`, b.total, { channel: b.key });
      for (const b of s.byCategory) if (b.key) await expectSame(`category ${b.key}`, b.total, { categoryId: b.key });
      for (const b of s.byProgram) if (b.key) await expectSame(`program ${b.key}`, b.total, { programId: b.key });
      // The list's Opd filter takes the Opd's subtree; the dashboard's key is the Opd itself.
      for (const b of s.byOpd) if (b.key && leaf.has(b.key)) await expectSame(`opd ${b.key}`, b.total, { currentOpdId: b.key, overdue: null });
      for (const dim of ['byStatus', 'byChannel', 'byOpd', 'byProgram', 'byCategory'] as const) {
        expect({ who, name, dim, sum: s[dim].reduce((n, b) => n + b.total, 0) }).toEqual({ who, name, dim, sum: s.totals.total });
      }
    }
  }
  expect(before['walikota all time'].totals.total).toBe(240);
  expect(compared).toBeGreaterThan(300);

  // Folding the deltas the changes wrote changes no figure.
  const [{ deltas }] = await lab.t.app.db.query(`SELECT count(*)::int AS deltas FROM complaint_tally WHERE NOT compact`);
  expect(deltas).toBeGreaterThan(0);
  await foldTally(lab.t.app.db);
  const [{ left }] = await lab.t.app.db.query(`SELECT count(*)::int AS left FROM complaint_tally WHERE NOT compact`);
  expect(left).toBe(0);
  for (const who of ROLES) {
    for (const [name, period] of Object.entries(PERIODS)) {
      expect({ who, name, stats: (await lab.ok(who, STATS, period)).complaintStats }).toEqual({ who, name, stats: before[`${who} ${name}`] });
    }
  }
  // And the tally is exactly what it is rebuilt to from the complaints.
  const sums = `SELECT day, scope, "opdIds", dim, key, sum(total)::int AS total, sum(open)::int AS open, sum(responded)::int AS responded,
                  sum("respondedInTime")::int AS rit, sum("firstResponded")::int AS fr, sum("ratingSum")::int AS rs, sum("ratingCount")::int AS rc
             FROM complaint_tally GROUP BY 1, 2, 3, 4, 5 HAVING sum(total) <> 0 ORDER BY 1, 2, 3, 4, 5`;
  const kept = await lab.t.app.db.query(sums);
  await lab.t.app.db.query('SELECT complaint_tally_rebuild()');
  expect(await lab.t.app.db.query(sums)).toEqual(kept);
}, 120_000);

test('list and inbox totals taken from the tally are the complaints counted', async () => {
  const db = lab.t.app.db;
  const count = async (where: string, params: unknown[] = []) => Number((await db.query(`SELECT count(*) AS n FROM complaint c WHERE ${where}`, params))[0].n);
  const inbox = async (who: string) => (await lab.ok(who, `{ myInbox(perPage: 1) { total } }`)).myInbox.total;
  const tengah: number[] = (await db.query(`SELECT id FROM opd WHERE path LIKE (SELECT path FROM opd WHERE code = 'KEC-TENGAH') || '%'`)).map(
    (r: { id: number }) => r.id,
  );
  expect(await inbox('walikota')).toBe(await count(`c.status NOT IN ('CLOSED','REJECTED','ARCHIVED','MERGED')`));
  expect(await inbox('admin.tengah')).toBe(await count(`c.status IN ('SUBMITTED','VERIFIED','RESPONDED') AND c."intakeOpdId" = ANY($1)`, [tengah]));
  expect((await lab.list('walikota', {}, { perPage: 1 })).total).toBe(await count('true'));
  expect((await lab.list('walikota', { overdue: false }, { perPage: 1 })).total).toBe(await count(`c."dueAt" IS NULL OR c."dueAt" >= now()`));
  expect((await lab.list('walikota', { intakeOpdId: lab.opd['KEC-TENGAH'] }, { perPage: 1 })).total).toBe(await count(`c."intakeOpdId" = ANY($1)`, [tengah]));
  expect((await lab.list('admin.tengah', { status: ['CLOSED'] }, { perPage: 1 })).total).toBe(
    await count(`c.status = 'CLOSED' AND c."intakeOpdId" = ANY($1)`, [tengah]),
  );
});

test('a change moves the dashboard’s figures with the list, in the same transaction', async () => {
  const count = async () => (await lab.ok('walikota', STATS, {})).complaintStats as Stats;
  const s0 = await count();
  const { complaint } = await lab.submit('admin.tengah', {});
  await lab.must('admin.tengah', 'verifyComplaint', { id: complaint.id });
  await lab.must('admin.tengah', 'forwardComplaint', { id: complaint.id, opdId: lab.opd.DINSOS });
  await lab.must('kepala.dinsos', 'respondToComplaint', { id: complaint.id, answer: 'Sudah kami tindak lanjuti bersama pendamping PKH.' });
  const s1 = await count();
  const status = (s: Stats, k: string) => s.byStatus.find((b) => b.key === k)?.total ?? 0;
  expect(s1.totals.total).toBe(s0.totals.total + 1);
  expect(status(s1, 'RESPONDED')).toBe(status(s0, 'RESPONDED') + 1);
  expect(s1.totals.total).toBe((await lab.list('walikota', {}, { perPage: 1 })).total);
  const head = (await lab.ok('kepala.dinsos', STATS, {})).complaintStats as Stats;
  expect(head.totals.total).toBe((await lab.list('kepala.dinsos', {}, { perPage: 1 })).total);
}, 60_000);
