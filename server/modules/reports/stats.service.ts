import type { DataSource } from 'typeorm';
import type { Viewer } from '../../auth/viewer';
import type { ComplaintPolicy } from '../complaints/complaint.policy';
import type { OrgDirectory } from '../opds/org-directory';
import { onTimeByOpdSql, onTimeFigure, type OnTimeFigure } from './on-time';

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

const MEASURES = `
  count(*)::int AS total,
  count(*) FILTER (WHERE c.status NOT IN ('CLOSED','REJECTED','RESPONDED','ARCHIVED','MERGED'))::int AS open,
  count(*) FILTER (WHERE c."dueAt" < now())::int AS overdue,
  count(*) FILTER (WHERE c."respondedAt" IS NOT NULL)::int AS responded,
  count(*) FILTER (WHERE c."firstResponseAt" IS NOT NULL AND c."firstResponseAt" <= c."responseDueAt")::int AS "respondedInTime",
  count(*) FILTER (WHERE c."firstResponseAt" IS NOT NULL)::int AS "firstResponded",
  round(avg(c.rating), 2)::float AS "averageRating"`;

/** Dashboard figures for the viewer's scope: one grouped pass over complaints per dimension. */
export class ComplaintStatsService {
  constructor(
    private readonly db: DataSource,
    private readonly org: OrgDirectory,
    private readonly policy: ComplaintPolicy,
  ) {}

  async stats(viewer: Viewer, from: Date | null, to: Date | null, only: StatsScope = {}): Promise<ComplaintStatsResult> {
    await this.org.ready();
    const params: unknown[] = [];
    const where: string[] = [];
    const scope = this.policy.scopeSql(viewer, params);
    if (scope) where.push(scope);
    if (from) {
      params.push(from);
      where.push(`c."createdAt" >= $${params.length}`);
    }
    if (to) {
      params.push(to);
      where.push(`c."createdAt" < $${params.length}`);
    }
    for (const [column, value] of [
      ['programId', only.programId],
      ['servicePostId', only.servicePostId],
      ['categoryId', only.categoryId],
    ] as const) {
      if (value == null) continue;
      params.push(value);
      where.push(`c."${column}" = $${params.length}`);
    }
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const scoped = only.programId != null || only.servicePostId != null || only.categoryId != null;
    // GROUPING SETS: every dimension in a single scan of the scoped rows.
    const grouped: Promise<(StatsRow & { dim: string })[]> = this.db.query(
      `SELECT CASE
                WHEN GROUPING(c.status) = 0 THEN 'status'
                WHEN GROUPING(c.channel) = 0 THEN 'channel'
                WHEN GROUPING(c."currentOpdId") = 0 THEN 'opd'
                WHEN GROUPING(c."programId") = 0 THEN 'program'
                WHEN GROUPING(c."categoryId") = 0 THEN 'category'
                ELSE 'total' END AS dim,
              coalesce(c.status, c.channel, c."currentOpdId"::text, c."programId"::text, c."categoryId"::text) AS key,
              ${MEASURES}
         FROM complaint c ${filter}
        GROUP BY GROUPING SETS ((c.status), (c.channel), (c."currentOpdId"), (c."programId"), (c."categoryId"), ())`,
      params,
    );
    const [rows, onTime] = await Promise.all([grouped, scoped ? null : this.onTime(viewer, from, to)]);
    const pick = (dim: string) =>
      rows
        .filter((r) => r.dim === dim)
        .map(({ dim: _d, ...r }) => r)
        .sort((a, b) => b.total - a.total);
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

  /**
   * "Tepat waktu" as the compliance report counts it (./on-time.ts), over the forwards begun in
   * [from, to) of the complaints the viewer may see: a unit the viewer sees whole gets the
   * report's figure.
   */
  async onTime(viewer: Viewer, from: Date | null, to: Date | null, asOf = new Date()): Promise<OnTimeSummary> {
    await this.org.ready();
    const params: unknown[] = [];
    const scope = this.policy.scopeSql(viewer, params);
    const rows: { opd: number; due: number; in_time: number }[] = await this.db.query(onTimeByOpdSql(params, from, to, asOf, scope), params);
    const byOpd = rows
      .map((r) => ({ opdId: Number(r.opd), ...onTimeFigure(r.in_time, r.due) }))
      .sort((a, b) => (b.pct ?? -1) - (a.pct ?? -1) || b.due - a.due || a.opdId - b.opdId);
    const sum = (k: 'due' | 'inTime') => byOpd.reduce((n, r) => n + r[k], 0);
    return { total: onTimeFigure(sum('inTime'), sum('due')), byOpd };
  }
}
