import type { DataSource } from 'typeorm';
import { AppError } from '../../app/errors';
import { ROLE_ROW_SCOPE, RowScope } from '../../auth/permissions';
import type { Viewer } from '../../auth/viewer';
import type { OrgDirectory } from '../opds/org-directory';
import { toCsv } from './csv';
import { computeIkm, type IkmResult } from './ikm';

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

/** Parses "2026-Q3" or "2026-07" or "2026" into a WIB period [from, to). */
export function parsePeriod(label: string): Period {
  const wib = (y: number, m: number) => new Date(Date.UTC(y, m, 1) - 7 * 3600_000);
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

function percentile(sorted: number[], p: number): number | null {
  if (!sorted.length) return null;
  const idx = (sorted.length - 1) * p;
  const lo = Math.floor(idx);
  const hi = Math.ceil(idx);
  return Math.round((sorted[lo] + (sorted[hi] - sorted[lo]) * (idx - lo)) * 100) / 100;
}

/**
 * The compliance report leaders announce each quarter (Central Java) and officer
 * appreciation (Madiun). Computed from the timeline: each FORWARDED event opens a handling
 * episode at its Opd, which ends at the next forward or return; its first response is the
 * first ACCEPTED, public PROGRESS or RESPONDED inside it, on time when not later than the
 * deadline the forward set (working days, holidays, as the deadlines use).
 */
export class ReportService {
  constructor(
    private readonly db: DataSource,
    private readonly org: OrgDirectory,
  ) {}

  private visibleOpds(viewer: Viewer): ((id: number) => boolean) {
    if (ROLE_ROW_SCOPE[viewer.role] === RowScope.ALL) return () => true;
    return (id) => this.org.isWithin(id, viewer.opdId);
  }

  async compliance(viewer: Viewer, period: Period, asOf = new Date()): Promise<OpdComplianceRow[]> {
    await this.org.ready();
    const { from, to } = period;
    type Episode = { complaintId: number; opd: number; started: Date; due: Date | null; first_at: Date | null; responded: boolean; rating: number | null };
    const counts = async (sql: string) => new Map<number, number>(((await this.db.query(sql, [from, to])) as { opd: number; n: number }[]).map((r) => [Number(r.opd), Number(r.n)]));
    // Independent reads of a heavy report, side by side on the pool.
    const [episodes, taken, forwarded, returns, overdueRows, sheets] = await Promise.all([
      this.db.query(
        `WITH marks AS (
           SELECT e.id, e."complaintId", e.type, e."toOpdId", e."createdAt", (e.data->>'responseDueAt')::timestamptz AS due,
                  lead(e.id) OVER (PARTITION BY e."complaintId" ORDER BY e.id) AS ended_id
             FROM complaint_event e
            -- An episode of the period ends at a later forward or return, so nothing before the period is needed.
            WHERE e.type IN ('FORWARDED', 'RETURNED') AND e."createdAt" >= $1
              AND e."complaintId" IN (SELECT f."complaintId" FROM complaint_event f WHERE f.type = 'FORWARDED' AND f."createdAt" >= $1 AND f."createdAt" < $2)
         )
         SELECT m."complaintId", m."toOpdId" AS opd, m."createdAt" AS started, m.due, c.rating, w.first_at, w.responded
           FROM marks m JOIN complaint c ON c.id = m."complaintId"
           -- One walk over the episode's entries for both: its first response and whether it was answered.
           CROSS JOIN LATERAL (
             SELECT min(r."createdAt") FILTER (WHERE r.type IN ('ACCEPTED', 'RESPONDED') OR (r.type = 'PROGRESS' AND r.public)) AS first_at,
                    coalesce(bool_or(r.type = 'RESPONDED'), false) AS responded
               FROM complaint_event r
              WHERE r."complaintId" = m."complaintId" AND r.id > m.id AND (m.ended_id IS NULL OR r.id < m.ended_id)
           ) w
          WHERE m.type = 'FORWARDED' AND m."createdAt" >= $1 AND m."createdAt" < $2`,
        [from, to],
      ) as Promise<Episode[]>,
      counts(`SELECT "intakeOpdId" AS opd, count(*)::int AS n FROM complaint WHERE "createdAt" >= $1 AND "createdAt" < $2 GROUP BY 1`),
      // The complaint is read only for forwards from intake (no fromOpdId): a lookup each, not a join over every complaint.
      counts(`SELECT coalesce(e."fromOpdId", (SELECT c."intakeOpdId" FROM complaint c WHERE c.id = e."complaintId")) AS opd, count(*)::int AS n
                FROM complaint_event e WHERE e.type = 'FORWARDED' AND e."createdAt" >= $1 AND e."createdAt" < $2 GROUP BY 1`),
      counts(`SELECT "fromOpdId" AS opd, count(*)::int AS n FROM complaint_event WHERE type = 'RETURNED' AND "createdAt" >= $1 AND "createdAt" < $2 GROUP BY 1`),
      this.db.query(
        `SELECT coalesce("currentOpdId", "intakeOpdId") AS opd, count(*)::int AS n FROM complaint WHERE "dueAt" < $1 GROUP BY 1`,
        [asOf],
      ) as Promise<{ opd: number; n: number }[]>,
      this.db.query(`SELECT "opdId", answers FROM survey_response WHERE "submittedAt" >= $1 AND "submittedAt" < $2`, [from, to]) as Promise<
        { opdId: number; answers: number[] }[]
      >,
    ]);
    const overdue = new Map(overdueRows.map((r) => [Number(r.opd), Number(r.n)]));
    const ikmByOpd = new Map<number, IkmResult>();
    for (const opdId of new Set(sheets.map((s) => s.opdId))) ikmByOpd.set(opdId, computeIkm(sheets.filter((s) => s.opdId === opdId).map((s) => s.answers)));

    const byOpd = new Map<number, Episode[]>();
    for (const e of episodes) {
      const list = byOpd.get(Number(e.opd));
      if (list) list.push(e);
      else byOpd.set(Number(e.opd), [e]);
    }
    const opdIds = new Set<number>([...byOpd.keys(), ...taken.keys(), ...forwarded.keys(), ...returns.keys(), ...overdue.keys(), ...ikmByOpd.keys()]);
    const visible = this.visibleOpds(viewer);
    const rows: OpdComplianceRow[] = [...opdIds].filter(visible).map((opdId) => {
      const eps = byOpd.get(opdId) ?? [];
      const due = eps.filter((e) => e.first_at || (e.due && new Date(e.due) < asOf));
      const inTime = eps.filter((e) => e.first_at && e.due && new Date(e.first_at) <= new Date(e.due));
      const hours = eps
        .filter((e) => e.first_at)
        .map((e) => (new Date(e.first_at!).getTime() - new Date(e.started).getTime()) / 3600_000)
        .sort((a, b) => a - b);
      const rated = eps.filter((e) => e.responded && e.rating != null).map((e) => Number(e.rating));
      const ikm = ikmByOpd.get(opdId);
      return {
        opdId,
        rank: 0,
        taken: taken.get(opdId) ?? 0,
        received: new Set(eps.map((e) => e.complaintId)).size,
        forwarded: forwarded.get(opdId) ?? 0,
        responded: eps.filter((e) => e.responded).length,
        due: due.length,
        respondedInTime: inTime.length,
        respondedInTimePct: due.length ? Math.round((inTime.length / due.length) * 10000) / 100 : null,
        medianHoursToFirstResponse: percentile(hours, 0.5),
        p90HoursToFirstResponse: percentile(hours, 0.9),
        overdueNow: overdue.get(opdId) ?? 0,
        returns: returns.get(opdId) ?? 0,
        averageRating: rated.length ? Math.round((rated.reduce((a, b) => a + b, 0) / rated.length) * 100) / 100 : null,
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
    const rows: { userId: number; recorded: number; verified: number; forwarded: number; forwardedOnTime: number; opdId: number }[] = await this.db.query(
      `WITH acts AS (
         SELECT "recordedById" AS "userId", 1 AS recorded, 0 AS verified, 0 AS forwarded, 0 AS on_time
           FROM complaint WHERE "recordedById" IS NOT NULL AND "createdAt" >= $1 AND "createdAt" < $2
         UNION ALL
         SELECT e."actorId", 0, (e.type = 'VERIFIED')::int, (e.type = 'FORWARDED')::int,
                -- The verification deadline is looked up for forwards only, not joined for every event.
                CASE WHEN e.type = 'FORWARDED' THEN (e."createdAt" <= (SELECT c."verifyDueAt" FROM complaint c WHERE c.id = e."complaintId"))::int ELSE 0 END
           FROM complaint_event e
          WHERE e."actorId" IS NOT NULL AND e.type IN ('VERIFIED', 'FORWARDED') AND e."fromOpdId" IS NULL
            AND e."createdAt" >= $1 AND e."createdAt" < $2
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

  async complianceCsv(viewer: Viewer, period: Period): Promise<string> {
    const rows = await this.compliance(viewer, period);
    return toCsv(
      ['rank', 'opd_code', 'opd_name', 'taken', 'received', 'forwarded', 'responded', 'due', 'responded_in_time', 'responded_in_time_pct',
        'median_hours_to_first_response', 'p90_hours_to_first_response', 'overdue_now', 'returns', 'average_rating', 'ikm', 'ikm_grade'],
      rows.map((r) => {
        const opd = this.org.get(r.opdId);
        return [r.rank, opd?.code, opd?.name, r.taken, r.received, r.forwarded, r.responded, r.due, r.respondedInTime, r.respondedInTimePct,
          r.medianHoursToFirstResponse, r.p90HoursToFirstResponse, r.overdueNow, r.returns, r.averageRating, r.ikm, r.ikmGrade];
      }),
    );
  }

  async ikm(opdId: number, period: Period | null): Promise<IkmResult> {
    const rows: { answers: number[] }[] = await this.db.query(
      `SELECT answers FROM survey_response WHERE "opdId" = $1 ${period ? 'AND "submittedAt" >= $2 AND "submittedAt" < $3' : ''}`,
      period ? [opdId, period.from, period.to] : [opdId],
    );
    return computeIkm(rows.map((r) => r.answers));
  }
}
