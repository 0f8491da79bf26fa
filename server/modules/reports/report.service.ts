import type { DataSource } from 'typeorm';
import { AppError } from '../../core/errors';
import { ROLE_ROW_SCOPE, RowScope } from '../../auth/permissions';
import type { Viewer } from '../../auth/viewer';
import type { OrgDirectory } from '../opds/org-directory';
import { toCsv } from '../../../common/csv';
import { computeIkm, ikmByOpd, type IkmResult } from './ikm';
import { fromWib } from '../../core/wib';
import { ON_TIME_IN_TIME_SQL, onTimeDueSql, onTimeFigure } from './on-time';
import { edgeSql, tallyRowsSql, wholeWibDays } from './complaint-tally';

export interface Period {
  from: Date;
  to: Date;
}

export interface OpdComplianceRow {
  opdId: number;
  rank: number;
  /** Complaints taken in at this Opd (intake). */
  taken: number;
  /** Complaints forwarded to this Opd. */
  received: number;
  /** Forwards made by this Opd (to a unit, or onward). */
  forwarded: number;
  responded: number;
  /** Forwards whose deadline passed or that got a first response. */
  due: number;
  respondedInTime: number;
  respondedInTimePct: number | null;
  medianHoursToFirstResponse: number | null;
  p90HoursToFirstResponse: number | null;
  overdueNow: number;
  /** Returned as "bukan wewenang" (misrouted). */
  returns: number;
  averageRating: number | null;
  ikm: number | null;
  ikmGrade: string | null;
}

export interface OfficerRow {
  userId: number;
  recorded: number;
  verified: number;
  forwarded: number;
  forwardedOnTime: number;
}

/** What a unit head or staff member did on complaints in the period. */
export interface StaffRow {
  userId: number;
  /** Answers the reporter sees (RESPONDED). */
  answers: number;
  progressNotes: number;
  /** Distinct complaints answered or noted. */
  complaints: number;
  /** From the forward that brought the complaint to the unit to the answer. */
  medianHoursToAnswer: number | null;
  averageHoursToAnswer: number | null;
}

/** Parses "2026-Q3" or "2026-07" or "2026" into a WIB period [from, to). */
export function parsePeriod(label: string): Period {
  const wib = (y: number, m: number) => fromWib(y, m);
  let m = /^(\d{4})-Q([1-4])$/.exec(label);
  if (m) {
    const y = Number(m[1]);
    const q = Number(m[2]);
    return { from: wib(y, (q - 1) * 3), to: wib(y, q * 3) };
  }
  m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(label);
  if (m) return { from: wib(Number(m[1]), Number(m[2]) - 1), to: wib(Number(m[1]), Number(m[2])) };
  m = /^(\d{4})$/.exec(label);
  if (m) return { from: wib(Number(m[1]), 0), to: wib(Number(m[1]) + 1, 0) };
  throw AppError.field('period', 'use YYYY, YYYY-MM or YYYY-Qn (e.g. 2026-Q3), in WIB');
}

/**
 * The episodes begun in [$1, $2) summed per receiving Opd, as of $3 (complaint_handling, kept
 * by the event writes): the heaviest read of the compliance report.
 */
export const EPISODES_BY_OPD_SQL = `SELECT h."opdId" AS opd, count(DISTINCT h."complaintId")::int AS received, count(h."respondedAt")::int AS responded,
        count(*) FILTER (WHERE ${onTimeDueSql('$3')})::int AS due,
        count(*) FILTER (WHERE ${ON_TIME_IN_TIME_SQL})::int AS in_time,
        -- Hours from whole milliseconds (timestamps are stored to the millisecond), not from interval arithmetic.
        percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY (extract(epoch FROM h."firstResponseAt") * 1000 - extract(epoch FROM h."startedAt") * 1000)::float8 / 3600000) AS hours,
        sum(h.rating)::int AS rating_sum, count(h.rating)::int AS rated
   FROM complaint_handling h
  WHERE h."startedAt" >= $1 AND h."startedAt" < $2
  GROUP BY h."opdId"`;

/**
 * The compliance report leaders announce each quarter (Central Java) and officer
 * appreciation (Madiun). Counted over handling episodes (complaint_handling, derived from the
 * timeline): each forward opens one at its Opd, which ends at the next forward or return; its
 * first response is the first ACCEPTED, public PROGRESS or RESPONDED inside it, on time when not
 * later than the deadline the forward set (working days, holidays, as the deadlines use).
 */
export class ReportService {
  constructor(
    private readonly db: DataSource,
    private readonly org: OrgDirectory,
    /** Reports scan whole periods, so they may run longer than the server's statement_timeout. */
    private readonly statementTimeoutMs = 120_000,
  ) {}

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private query(sql: string, params: unknown[]): Promise<any> {
    return this.db.transaction(async (tx) => {
      // A quarter's episodes sorted per Opd (distinct complaints, percentiles) in memory rather than on disk.
      await tx.query(`SET LOCAL statement_timeout = ${Math.trunc(this.statementTimeoutMs)}; SET LOCAL work_mem = '32MB'`);
      return tx.query(sql, params);
    });
  }

  /**
   * Complaints taken in per intake Opd in [from, to): the whole WIB days from the tally's intake
   * rows (a quarter is three month rows per Opd), the part days at either end counted.
   */
  private async taken(from: Date, to: Date): Promise<Map<number, number>> {
    const params: unknown[] = [];
    const days = wholeWibDays(from, to);
    const parts: string[] = [];
    if (days) parts.push(`SELECT t."opdIds"[1] AS opd, t.total AS n FROM (${tallyRowsSql({ scope: 'I', opdIds: null }, days, ['total'], params)}) t`);
    const edge = days ? edgeSql('c."createdAt"', days, params) : 'true';
    if (edge !== 'false') {
      parts.push(`SELECT c."intakeOpdId", 1 FROM complaint c WHERE c."createdAt" >= $${params.push(from)} AND c."createdAt" < $${params.push(to)} AND ${edge}`);
    }
    const rows: { opd: number; n: number }[] = await this.query(
      `SELECT opd, sum(n)::int AS n FROM (${parts.join(' UNION ALL ')}) x GROUP BY opd HAVING sum(n) <> 0`,
      params,
    );
    return new Map(rows.map((r) => [Number(r.opd), Number(r.n)]));
  }

  private visibleOpds(viewer: Viewer): (id: number) => boolean {
    if (ROLE_ROW_SCOPE[viewer.role] === RowScope.ALL) return () => true;
    return (id) => this.org.isWithin(id, viewer.opdId);
  }

  async compliance(viewer: Viewer, period: Period, asOf = new Date()): Promise<OpdComplianceRow[]> {
    await this.org.ready();
    const { from, to } = period;
    type Handling = {
      opd: number;
      received: number;
      responded: number;
      due: number;
      in_time: number;
      hours: [number | null, number | null] | null;
      rating_sum: number | null;
      rated: number;
    };
    const counts = async (sql: string) =>
      new Map<number, number>(((await this.query(sql, [from, to])) as { opd: number; n: number }[]).map((r) => [Number(r.opd), Number(r.n)]));
    // Independent reads of a heavy report, side by side on the pool.
    const [handled, taken, forwarded, returns, overdueRows, ikms] = await Promise.all([
      this.query(EPISODES_BY_OPD_SQL, [from, to, asOf]) as Promise<Handling[]>,
      this.taken(from, to),
      counts(`SELECT "fromOpdId" AS opd, count(*)::int AS n FROM complaint_handling WHERE "startedAt" >= $1 AND "startedAt" < $2 GROUP BY 1`),
      counts(
        `SELECT "fromOpdId" AS opd, count(*)::int AS n FROM complaint_event WHERE type = 'RETURNED' AND "createdAt" >= $1 AND "createdAt" < $2 GROUP BY 1`,
      ),
      this.query(`SELECT coalesce("currentOpdId", "intakeOpdId") AS opd, count(*)::int AS n FROM complaint WHERE "dueAt" < $1 GROUP BY 1`, [asOf]) as Promise<
        { opd: number; n: number }[]
      >,
      ikmByOpd((sql, params) => this.query(sql, params), { from, to }),
    ]);
    const overdue = new Map(overdueRows.map((r) => [Number(r.opd), Number(r.n)]));

    const byOpd = new Map(handled.map((h) => [Number(h.opd), h]));
    const round2 = (x: number | null | undefined) => (x == null ? null : Math.round(x * 100) / 100);
    const opdIds = new Set<number>([...byOpd.keys(), ...taken.keys(), ...forwarded.keys(), ...returns.keys(), ...overdue.keys(), ...ikms.keys()]);
    const visible = this.visibleOpds(viewer);
    const rows: OpdComplianceRow[] = [...opdIds].filter(visible).map((opdId) => {
      const h = byOpd.get(opdId);
      const due = h?.due ?? 0;
      const inTime = h?.in_time ?? 0;
      const ikm = ikms.get(opdId);
      return {
        opdId,
        rank: 0,
        taken: taken.get(opdId) ?? 0,
        received: h?.received ?? 0,
        forwarded: forwarded.get(opdId) ?? 0,
        responded: h?.responded ?? 0,
        due,
        respondedInTime: inTime,
        respondedInTimePct: onTimeFigure(inTime, due).pct,
        medianHoursToFirstResponse: round2(h?.hours?.[0]),
        p90HoursToFirstResponse: round2(h?.hours?.[1]),
        overdueNow: overdue.get(opdId) ?? 0,
        returns: returns.get(opdId) ?? 0,
        averageRating: h?.rated ? round2(h.rating_sum! / h.rated) : null,
        ikm: ikm?.ikm ?? null,
        ikmGrade: ikm?.grade ?? null,
      };
    });
    rows.sort(
      (a, b) =>
        (b.respondedInTimePct ?? -1) - (a.respondedInTimePct ?? -1) ||
        (a.medianHoursToFirstResponse ?? Infinity) - (b.medianHoursToFirstResponse ?? Infinity) ||
        b.received - a.received ||
        a.opdId - b.opdId,
    );
    rows.forEach((r, i) => (r.rank = i + 1));
    return rows;
  }

  async officers(viewer: Viewer, period: Period): Promise<OfficerRow[]> {
    await this.org.ready();
    const rows: { userId: number; recorded: number; verified: number; forwarded: number; forwardedOnTime: number; opdId: number }[] = await this.query(
      `WITH acts AS (
         SELECT "recordedById" AS "userId", 1 AS recorded, 0 AS verified, 0 AS forwarded, 0 AS on_time
           FROM complaint WHERE "recordedById" IS NOT NULL AND "createdAt" >= $1 AND "createdAt" < $2
         UNION ALL
         SELECT "actorId", 0, 1, 0, 0
           FROM complaint_event
          WHERE type = 'VERIFIED' AND "actorId" IS NOT NULL AND "fromOpdId" IS NULL AND "createdAt" >= $1 AND "createdAt" < $2
         UNION ALL
         -- Forwards from the intake, on time when not after the verification deadline.
         SELECT "forwardedById", 0, 0, 1, ("startedAt" <= "intakeDueAt")::int
           FROM complaint_handling
          WHERE "fromIntake" AND "forwardedById" IS NOT NULL AND "startedAt" >= $1 AND "startedAt" < $2
       )
       SELECT a."userId", u."opdId", sum(recorded)::int AS recorded, sum(verified)::int AS verified,
              sum(forwarded)::int AS forwarded, sum(on_time)::int AS "forwardedOnTime"
         FROM acts a JOIN app_user u ON u.id = a."userId"
        GROUP BY a."userId", u."opdId"
        ORDER BY sum(recorded) + sum(verified) + sum(forwarded) DESC, a."userId"`,
      [period.from, period.to],
    );
    const visible = this.visibleOpds(viewer);
    return rows.filter((r) => visible(r.opdId)).map(({ opdId: _o, ...r }) => ({ ...r, userId: Number(r.userId) }));
  }

  async staff(viewer: Viewer, period: Period): Promise<StaffRow[]> {
    await this.org.ready();
    const rows: (StaffRow & { opdId: number })[] = await this.query(
      // One pass over the period's acts: each answer with the episode it falls in (the latest forward before it).
      `SELECT a."actorId" AS "userId", u."opdId",
              count(*) FILTER (WHERE a.type = 'RESPONDED')::int AS answers,
              count(*) FILTER (WHERE a.type = 'PROGRESS')::int AS "progressNotes",
              count(DISTINCT a."complaintId")::int AS complaints,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY h.hours) AS "medianHoursToAnswer", avg(h.hours) AS "averageHoursToAnswer"
         FROM complaint_event a
         JOIN app_user u ON u.id = a."actorId"
         LEFT JOIN LATERAL (
           SELECT (extract(epoch FROM a."createdAt") * 1000 - extract(epoch FROM w."startedAt") * 1000)::float8 / 3600000 AS hours
             FROM complaint_handling w
            WHERE a.type = 'RESPONDED' AND w."complaintId" = a."complaintId" AND w."startedAt" <= a."createdAt"
            ORDER BY w."startedAt" DESC LIMIT 1) h ON true
        WHERE a.type IN ('RESPONDED', 'PROGRESS') AND a."actorId" IS NOT NULL AND a."actorRole" IN ('UNIT_HEAD', 'UNIT_STAFF')
          AND a."createdAt" >= $1 AND a."createdAt" < $2
        GROUP BY a."actorId", u."opdId"
        ORDER BY count(*) DESC, a."actorId"`,
      [period.from, period.to],
    );
    const visible = this.visibleOpds(viewer);
    const round2 = (x: number | null) => (x == null ? null : Math.round(Number(x) * 100) / 100);
    return rows
      .filter((r) => visible(r.opdId))
      .map(({ opdId: _o, ...r }) => ({
        ...r,
        userId: Number(r.userId),
        medianHoursToAnswer: round2(r.medianHoursToAnswer),
        averageHoursToAnswer: round2(r.averageHoursToAnswer),
      }));
  }

  async complianceCsv(viewer: Viewer, period: Period): Promise<string> {
    const rows = await this.compliance(viewer, period);
    return toCsv(
      [
        'rank',
        'opd_code',
        'opd_name',
        'taken',
        'received',
        'forwarded',
        'responded',
        'due',
        'responded_in_time',
        'responded_in_time_pct',
        'median_hours_to_first_response',
        'p90_hours_to_first_response',
        'overdue_now',
        'returns',
        'average_rating',
        'ikm',
        'ikm_grade',
      ],
      rows.map((r) => {
        const opd = this.org.get(r.opdId);
        return [
          r.rank,
          opd?.code,
          opd?.name,
          r.taken,
          r.received,
          r.forwarded,
          r.responded,
          r.due,
          r.respondedInTime,
          r.respondedInTimePct,
          r.medianHoursToFirstResponse,
          r.p90HoursToFirstResponse,
          r.overdueNow,
          r.returns,
          r.averageRating,
          r.ikm,
          r.ikmGrade,
        ];
      }),
    );
  }

  async ikm(opdId: number, period: Period | null): Promise<IkmResult> {
    const byOpd = await ikmByOpd((sql, params) => this.query(sql, params), { opdId, from: period?.from, to: period?.to });
    return byOpd.get(opdId) ?? computeIkm([]);
  }
}
