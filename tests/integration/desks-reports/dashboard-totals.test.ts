import { ComplaintPolicy } from '../../../server/modules/complaints/complaint.policy';
import { foldTally } from '../../../server/modules/reports/complaint-tally';
import { onTimeByOpdSql } from '../../../server/modules/reports/on-time';
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
type Period = { from: string | null; to: string | null };

const DAY = 86_400_000;
const HOUR = 3_600_000;
const WIB = 7 * HOUR;
const wibMidnight = (t: number) => Math.floor((t + WIB) / DAY) * DAY - WIB;
const now = Date.now();
/** The instant the WIB calendar month `k` months from this one begins (17:00 UTC the day before). */
const wibMonth = (k: number) => {
  const d = new Date(now + WIB);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + k, 1) - WIB;
};
const iso = (t: number) => new Date(t).toISOString();
const PERIODS: Record<string, Period> = {
  'all time': { from: null, to: null },
  // Whole WIB days: from the tally alone (plus the overdue count).
  'last 30 whole days': { from: iso(wibMidnight(now) - 29 * DAY), to: iso(wibMidnight(now) + DAY) },
  // Part days at both ends: those from the complaints themselves.
  'odd hours': { from: iso(wibMidnight(now) - 12 * DAY + 5 * HOUR + 13 * 60_000), to: iso(now - 3 * DAY + 1234) },
  // A whole WIB month: its month rows (and the deltas not yet folded).
  'last calendar month': { from: iso(wibMonth(-1)), to: iso(wibMonth(0)) },
  // Days of one month, a whole month, days of the next.
  'across months': { from: iso(wibMonth(-2) + 19 * DAY), to: iso(wibMonth(0) + 9 * DAY) },
  // All of it: part days, days, whole months, days, part days.
  'across months, odd hours': { from: iso(wibMonth(-3) + 20 * DAY + 5 * HOUR + 13 * 60_000), to: iso(wibMonth(-1) + 4 * DAY + 17 * HOUR + 1234) },
};

/** What the list says for the same viewer, period and one more filter. */
async function listed(who: string, period: Period, filter: Record<string, unknown>): Promise<number> {
  const range = {
    ...(period.from ? { createdFrom: period.from } : {}),
    ...(period.to ? { createdTo: new Date(new Date(period.to).getTime() - 1).toISOString() } : {}),
  };
  return (await lab.list(who, { ...range, ...filter }, { perPage: 1 })).total;
}

/** Every figure of every role and period against the list's totals; the figures, to compare after a fold. */
async function expectListTotals(): Promise<Record<string, Stats>> {
  const leaves: { id: string }[] = await lab.t.app.db.query(
    `SELECT o.id::text AS id FROM opd o WHERE NOT EXISTS (SELECT 1 FROM opd k WHERE k."parentId" = o.id)`,
  );
  const leaf = new Set(leaves.map((o) => o.id));
  let compared = 0;
  const seen: Record<string, Stats> = {};
  for (const who of ROLES) {
    for (const [name, period] of Object.entries(PERIODS)) {
      const s: Stats = (await lab.ok(who, STATS, period)).complaintStats;
      seen[`${who} ${name}`] = s;
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
  expect(compared).toBeGreaterThan(500);
  return seen;
}

async function expectSameFigures(before: Record<string, Stats>): Promise<void> {
  for (const who of ROLES) {
    for (const [name, period] of Object.entries(PERIODS)) {
      expect({ who, name, stats: (await lab.ok(who, STATS, period)).complaintStats }).toEqual({ who, name, stats: before[`${who} ${name}`] });
    }
  }
}

/**
 * The dashboard's on-time figures (from the tally's onTime rows, less the deadlines still
 * ahead) against the episodes counted and joined to their complaints' current scope, now and
 * as of a month later when every deadline set has passed. Returns how many were due in all.
 */
async function expectOnTimeCounted(): Promise<number> {
  const policy = new ComplaintPolicy(lab.services.org);
  let due = 0;
  for (const asOf of [new Date(), new Date(now + 40 * DAY)]) {
    for (const who of ROLES) {
      const viewer = await lab.viewer(who);
      for (const [name, period] of Object.entries(PERIODS)) {
        const from = period.from ? new Date(period.from) : null;
        const to = period.to ? new Date(period.to) : null;
        const served = await lab.services.stats.onTime(viewer, from, to, asOf);
        const params: unknown[] = [];
        const rows: { opd: number; due: number; in_time: number }[] = await lab.t.app.db.query(
          onTimeByOpdSql(params, from, to, asOf, policy.scopeSql(viewer, params)),
          params,
        );
        const counted = rows.map((r) => ({ opdId: Number(r.opd), due: r.due, inTime: r.in_time })).sort((a, b) => a.opdId - b.opdId);
        const got = served.byOpd.map((r) => ({ opdId: r.opdId, due: r.due, inTime: r.inTime })).sort((a, b) => a.opdId - b.opdId);
        expect({ who, name, asOf, byOpd: got }).toEqual({ who, name, asOf, byOpd: counted });
        due += served.total.due;
      }
    }
  }
  return due;
}

const SUMS = `sum(total)::int AS total, sum(open)::int AS open, sum(responded)::int AS responded, sum("respondedInTime")::int AS rit,
              sum("firstResponded")::int AS fr, sum("ratingSum")::int AS rs, sum("ratingCount")::int AS rc`;
const NONZERO = `HAVING sum(total) <> 0 OR sum(open) <> 0 OR sum(responded) <> 0 OR sum("respondedInTime") <> 0 OR sum("firstResponded") <> 0
                        OR sum("ratingSum") <> 0 OR sum("ratingCount") <> 0`;
const DAY_SUMS = `SELECT day::text, scope, "opdIds", dim, key, ${SUMS} FROM complaint_tally GROUP BY 1, 2, 3, 4, 5 ${NONZERO} ORDER BY 1, 2, 3, 4, 5`;
const MONTH_SUMS = `SELECT month::text, scope, "opdIds", dim, key, ${SUMS} FROM complaint_tally_month GROUP BY 1, 2, 3, 4, 5 ${NONZERO} ORDER BY 1, 2, 3, 4, 5`;
/** What the month rows must be: the folded day rows summed per WIB month. */
const FOLDED_BY_MONTH = `SELECT date_trunc('month', day)::date::text AS month, scope, "opdIds", dim, key, ${SUMS}
                           FROM complaint_tally WHERE compact GROUP BY 1, 2, 3, 4, 5 ${NONZERO} ORDER BY 1, 2, 3, 4, 5`;

async function fold(): Promise<void> {
  const db = lab.t.app.db;
  const [{ deltas }] = await db.query(`SELECT count(*)::int AS deltas FROM complaint_tally WHERE NOT compact`);
  expect(deltas).toBeGreaterThan(0);
  await foldTally(db);
  const [{ left }] = await db.query(`SELECT count(*)::int AS left FROM complaint_tally WHERE NOT compact`);
  expect(left).toBe(0);
  expect(await db.query(MONTH_SUMS)).toEqual(await db.query(FOLDED_BY_MONTH));
}

test('the dashboard’s figures are the list totals and the episodes counted, for every role and period, before and after the tally is folded into days and months', async () => {
  const db = lab.t.app.db;
  const before = await expectListTotals();
  expect(before['walikota all time'].totals.total).toBe(240);
  expect(await expectOnTimeCounted()).toBeGreaterThan(0);
  // Episodes not answered yet whose deadline is ahead: due only in the second look, a month on.
  const [{ pending }] = await db.query(`SELECT count(*)::int AS pending FROM complaint_handling WHERE "firstResponseAt" IS NULL AND "dueAt" >= now()`);
  expect(pending).toBeGreaterThan(0);

  // Folding the deltas the changes wrote, into days and months, changes no figure.
  const [{ months }] = await db.query(`SELECT count(*)::int AS months FROM complaint_tally_month`);
  expect(months).toBe(0);
  await fold();
  expect((await db.query(`SELECT count(DISTINCT month)::int AS n FROM complaint_tally_month`))[0].n).toBeGreaterThanOrEqual(3);
  await expectSameFigures(before);
  await expectOnTimeCounted();

  // Changes after the fold land on folded days and months: a unit sends an old complaint on (the
  // episodes follow its new scope), another answers one, and complaints and episodes move to either
  // side of a WIB month's first instant (17:00 UTC the day before), whatever writes them.
  const [old] = await db.query(
    `SELECT id::text FROM complaint WHERE "currentOpdId" = $1 AND status IN ('FORWARDED', 'IN_PROGRESS') AND "createdAt" < $2 ORDER BY id LIMIT 1`,
    [lab.opd.DINSOS, new Date(wibMonth(0))],
  );
  expect(old).toBeDefined();
  await lab.must('kepala.dinsos', 'forwardComplaint', { id: old.id, opdId: lab.opd.DISPERKIM, note: 'Perbaikan jalan, bukan bantuan sosial.' });
  const [open] = await db.query(
    `SELECT c.id::text, u.username FROM complaint c JOIN app_user u ON u."opdId" = c."currentOpdId" AND u.role = 'UNIT_HEAD'
      WHERE c.status IN ('FORWARDED', 'IN_PROGRESS') AND c.id <> $1 AND c."createdAt" < $2 ORDER BY c.id LIMIT 1`,
    [old.id, new Date(wibMonth(0))],
  );
  await lab.must(open.username, 'respondToComplaint', { id: open.id, answer: 'Sudah kami tindak lanjuti di lapangan.' });
  const edge = new Date(wibMonth(-1));
  const moved: { id: number }[] = await db.query(`SELECT id FROM complaint ORDER BY id DESC LIMIT 4`);
  await db.query(`UPDATE complaint SET "createdAt" = $2 WHERE id = ANY($1)`, [moved.slice(0, 2).map((r) => r.id), new Date(edge.getTime() - 1)]);
  await db.query(`UPDATE complaint SET "createdAt" = $2 WHERE id = ANY($1)`, [moved.slice(2).map((r) => r.id), edge]);
  const episodes: { id: number }[] = await db.query(`SELECT id FROM complaint_handling ORDER BY id DESC LIMIT 4`);
  await db.query(`UPDATE complaint_handling SET "startedAt" = $2 WHERE id = ANY($1)`, [episodes.slice(0, 2).map((r) => r.id), new Date(edge.getTime() - 1)]);
  await db.query(`UPDATE complaint_handling SET "startedAt" = $2 WHERE id = ANY($1)`, [episodes.slice(2).map((r) => r.id), edge]);

  const after = await expectListTotals();
  await expectOnTimeCounted();
  await fold();
  await expectSameFigures(after);
  await expectOnTimeCounted();

  // And the tally, days and months, is exactly what it is rebuilt to from the complaints and their episodes.
  const days = await db.query(DAY_SUMS);
  const monthRows = await db.query(MONTH_SUMS);
  expect(days.some((r: { dim: string }) => r.dim === 'onTime')).toBe(true);
  await db.query('SELECT complaint_tally_rebuild()');
  expect(await db.query(DAY_SUMS)).toEqual(days);
  expect(await db.query(MONTH_SUMS)).toEqual(monthRows);
}, 300_000);

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
