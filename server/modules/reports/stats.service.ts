import type { DataSource } from 'typeorm';
import type { Viewer } from '../../auth/viewer';
import type { ComplaintPolicy, TallyScope } from '../complaints/complaint.policy';
import { edgeSql, tallyRowsSql, wholeWibDays, type WholeDays } from './complaint-tally';
import type { OrgDirectory } from '../opds/org-directory';
import { ON_TIME_IN_TIME_SQL, onTimeByOpdSql, onTimeDueSql, onTimeFigure, type OnTimeFigure } from './on-time';

export interface StatsRow {
  key: string | null;
  total: number;
  open: number;
  overdue: number;
  responded: number;
  respondedInTime: number;
  firstResponded: number;
  averageRating: number | null;
}

export interface StatsScope {
  programId?: number | null;
  servicePostId?: number | null;
  categoryId?: number | null;
}

export interface ComplaintStatsResult {
  totals: StatsRow;
  byStatus: StatsRow[];
  byChannel: StatsRow[];
  byOpd: StatsRow[];
  byProgram: StatsRow[];
  byCategory: StatsRow[];
  /** Null for a programme, post or category: the deadline is a unit's, not theirs. */
  onTime: OnTimeSummary | null;
}

export interface OnTimeSummary {
  /** Summed over the Opds complaints were forwarded to. */
  total: OnTimeFigure;
  byOpd: (OnTimeFigure & { opdId: number })[];
}

// The measures, one definition each; the tally (migration 1796701100000) counts the same ones but `overdue`.
const OPEN = `c.status NOT IN ('CLOSED','REJECTED','RESPONDED','ARCHIVED','MERGED')`;
const OVERDUE = `c."dueAt" < now()`;
const RESPONDED = `c."respondedAt" IS NOT NULL`;
const IN_TIME = `c."firstResponseAt" <= c."responseDueAt"`;
const FIRST_RESPONDED = `c."firstResponseAt" IS NOT NULL`;
const MEASURES = `
  count(*)::int AS total,
  count(*) FILTER (WHERE ${OPEN})::int AS open,
  count(*) FILTER (WHERE ${OVERDUE})::int AS overdue,
  count(*) FILTER (WHERE ${RESPONDED})::int AS responded,
  count(*) FILTER (WHERE ${IN_TIME})::int AS "respondedInTime",
  count(*) FILTER (WHERE ${FIRST_RESPONDED})::int AS "firstResponded",
  round(avg(c.rating), 2)::float AS "averageRating"`;
// GROUPING SETS: every dimension in a single scan of the scoped rows.
const GROUPS = `GROUPING SETS ((c.status), (c.channel), (c."currentOpdId"), (c."programId"), (c."categoryId"), ())`;
const DIM = `CASE WHEN GROUPING(c.status) = 0 THEN 'status' WHEN GROUPING(c.channel) = 0 THEN 'channel' WHEN GROUPING(c."currentOpdId") = 0 THEN 'opd'
                  WHEN GROUPING(c."programId") = 0 THEN 'program' WHEN GROUPING(c."categoryId") = 0 THEN 'category' ELSE 'total' END AS dim`;
const KEY = `coalesce(c.status, c.channel, c."currentOpdId"::text, c."programId"::text, c."categoryId"::text) AS key`;
/** The tally's dimensions of complaints (its `onTime` rows count episodes). */
const COMPLAINT_DIMS = ['total', 'status', 'channel', 'opd', 'program', 'category'];

/** Dashboard figures for the viewer's scope: one grouped pass over complaints per dimension. */
export class ComplaintStatsService {
  constructor(
    private readonly db: DataSource,
    private readonly org: OrgDirectory,
    private readonly policy: ComplaintPolicy,
  ) {}

  async stats(viewer: Viewer, from: Date | null, to: Date | null, only: StatsScope = {}): Promise<ComplaintStatsResult> {
    await this.org.ready();
    const scoped = only.programId != null || only.servicePostId != null || only.categoryId != null;
    const params: unknown[] = [];
    const tally = scoped ? null : this.policy.tallyScope(viewer);
    const days = tally ? wholeWibDays(from, to) : null;
    const rows = tally && days ? this.fromTally(viewer, tally, from, to, days, params) : this.live(viewer, from, to, only, params);
    const [grouped, onTime] = await Promise.all([
      this.db.query(rows, params) as Promise<(StatsRow & { dim: string })[]>,
      scoped ? null : this.onTime(viewer, from, to),
    ]);
    const pick = (dim: string) =>
      grouped
        .filter((r) => r.dim === dim)
        .map(({ dim: _d, ...r }) => r)
        .sort((a, b) => b.total - a.total || String(a.key).localeCompare(String(b.key)));
    const empty: StatsRow = { key: null, total: 0, open: 0, overdue: 0, responded: 0, respondedInTime: 0, firstResponded: 0, averageRating: null };
    return {
      totals: pick('total')[0] ?? empty,
      byStatus: pick('status'),
      byChannel: pick('channel'),
      byOpd: pick('opd'),
      byProgram: pick('program'),
      byCategory: pick('category'),
      onTime,
    };
  }

  /** Every dimension in a single grouped scan of the scoped complaints (a programme's, a post's, an officer's). */
  private live(viewer: Viewer, from: Date | null, to: Date | null, only: StatsScope, params: unknown[]): string {
    const where: string[] = [];
    const scope = this.policy.scopeSql(viewer, params);
    if (scope) where.push(scope);
    if (from) where.push(`c."createdAt" >= $${params.push(from)}`);
    if (to) where.push(`c."createdAt" < $${params.push(to)}`);
    for (const [column, value] of [
      ['programId', only.programId],
      ['servicePostId', only.servicePostId],
      ['categoryId', only.categoryId],
    ] as const) {
      if (value != null) where.push(`c."${column}" = $${params.push(value)}`);
    }
    return `SELECT ${DIM}, ${KEY}, ${MEASURES}
              FROM complaint c ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
             GROUP BY ${GROUPS}`;
  }

  /**
   * The whole WIB days of [from, to) from the tally (written with every change, so the same
   * figures as the complaints; whole months from their month rows); the part days at either end
   * and the overdue count (it moves with the clock) from the complaints themselves, in the same
   * statement and snapshot.
   */
  private fromTally(viewer: Viewer, tally: TallyScope, from: Date | null, to: Date | null, days: WholeDays, params: unknown[]): string {
    const rows = tallyRowsSql(tally, days, COMPLAINT_DIMS, params);
    const c: string[] = [];
    const scope = this.policy.scopeSql(viewer, params);
    if (scope) c.push(scope);
    if (from) c.push(`c."createdAt" >= $${params.push(from)}`);
    if (to) c.push(`c."createdAt" < $${params.push(to)}`);
    const edge = edgeSql('c."createdAt"', days, params);
    // Whole days only: the overdue count alone, from the columns the overdue index holds (no heap).
    const live =
      edge === 'false'
        ? `SELECT ${DIM}, ${KEY}, 0, 0, count(*), 0, 0, 0, 0, 0
             FROM complaint c WHERE ${[...c, OVERDUE].join(' AND ')} GROUP BY ${GROUPS}`
        : `SELECT ${DIM}, ${KEY},
                  count(*) FILTER (WHERE ${edge}), count(*) FILTER (WHERE ${edge} AND ${OPEN}), count(*) FILTER (WHERE ${OVERDUE}),
                  count(*) FILTER (WHERE ${edge} AND ${RESPONDED}), count(*) FILTER (WHERE ${edge} AND ${IN_TIME}),
                  count(*) FILTER (WHERE ${edge} AND ${FIRST_RESPONDED}), coalesce(sum(c.rating) FILTER (WHERE ${edge}), 0), count(c.rating) FILTER (WHERE ${edge})
             FROM complaint c
            WHERE ${[...c, `(${OVERDUE} OR ${edge})`].join(' AND ')}
            GROUP BY ${GROUPS}`;
    return `SELECT dim, key, sum(total)::int AS total, sum(open)::int AS open, sum(overdue)::int AS overdue, sum(responded)::int AS responded,
                   sum("respondedInTime")::int AS "respondedInTime", sum("firstResponded")::int AS "firstResponded",
                   round(sum("ratingSum")::numeric / nullif(sum("ratingCount"), 0), 2)::float AS "averageRating"
              FROM (SELECT t.dim, t.key, t.total, t.open, 0 AS overdue, t.responded, t."respondedInTime", t."firstResponded", t."ratingSum", t."ratingCount"
                      FROM (${rows}) t
                    UNION ALL
                    ${live}) x
             GROUP BY dim, key
            HAVING sum(total) <> 0`;
  }

  /**
   * "Tepat waktu" as the compliance report counts it (./on-time.ts), over the forwards begun in
   * [from, to) of the complaints the viewer may see: a unit the viewer sees whole gets the
   * report's figure. Whole WIB days from the tally's `onTime` rows, where an episode without a
   * first response counts as due when its deadline is set: those whose deadline is still ahead
   * are taken off again, and the part days at either end counted, from the episodes in the
   * same statement.
   */
  async onTime(viewer: Viewer, from: Date | null, to: Date | null, asOf = new Date()): Promise<OnTimeSummary> {
    await this.org.ready();
    const params: unknown[] = [];
    const tally = this.policy.tallyScope(viewer);
    const days = tally ? wholeWibDays(from, to) : null;
    const sql = tally && days ? this.onTimeFromTally(viewer, tally, from, to, days, asOf, params) : this.onTimeLive(viewer, from, to, asOf, params);
    const rows: { opd: number; due: number; in_time: number }[] = await this.db.query(sql, params);
    const byOpd = rows
      .map((r) => ({ opdId: Number(r.opd), ...onTimeFigure(r.in_time, r.due) }))
      .sort((a, b) => (b.pct ?? -1) - (a.pct ?? -1) || b.due - a.due || a.opdId - b.opdId);
    const sum = (k: 'due' | 'inTime') => byOpd.reduce((n, r) => n + r[k], 0);
    return { total: onTimeFigure(sum('inTime'), sum('due')), byOpd };
  }

  private onTimeLive(viewer: Viewer, from: Date | null, to: Date | null, asOf: Date, params: unknown[]): string {
    return onTimeByOpdSql(params, from, to, asOf, this.policy.scopeSql(viewer, params));
  }

  private onTimeFromTally(viewer: Viewer, tally: TallyScope, from: Date | null, to: Date | null, days: WholeDays, asOf: Date, params: unknown[]): string {
    const rows = tallyRowsSql(tally, days, ['onTime'], params);
    const asOfRef = `$${params.push(asOf)}`;
    // The episodes carry their complaint's scope (complaint-handling.entity.ts): no join.
    const scope = this.policy.scopeSql(viewer, params, 'h');
    const within = (start: Date | null, end: Date | null) => [
      ...(scope ? [scope] : []),
      ...(start ? [`h."startedAt" >= $${params.push(start)}`] : []),
      ...(end ? [`h."startedAt" < $${params.push(end)}`] : []),
    ];
    const live: string[] = [
      // Counted as due by the tally, not due yet: the deadline is ahead.
      `SELECT h."opdId"::varchar AS key, 0 AS total, -1 AS due, 0 AS in_time FROM complaint_handling h
        WHERE ${[...within(days.firstAt ?? from, days.endAt ?? to), `h."firstResponseAt" IS NULL`, `h."dueAt" >= ${asOfRef}`].join(' AND ')}`,
    ];
    const edges: [Date | null, Date | null][] = [];
    if (days.firstAt) edges.push([from, days.firstAt]);
    if (days.endAt) edges.push([days.endAt, to]);
    for (const [start, end] of edges) {
      live.push(`SELECT h."opdId"::varchar, 1, (${onTimeDueSql(asOfRef)})::int, coalesce(${ON_TIME_IN_TIME_SQL}, false)::int FROM complaint_handling h
                  WHERE ${within(start, end).join(' AND ')}`);
    }
    return `SELECT key::int AS opd, sum(due)::int AS due, sum(in_time)::int AS in_time
              FROM (SELECT key, total, "firstResponded" + open AS due, "respondedInTime" AS in_time FROM (${rows}) t
                    UNION ALL ${live.join(' UNION ALL ')}) x
             GROUP BY key
            HAVING sum(total) <> 0`;
  }
}
