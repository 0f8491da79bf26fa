import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { WIB_OFFSET_MS } from '../../core/wib';
import type { TallyScope } from '../complaints/complaint.policy';

const MEASURES = ['total', 'open', 'responded', '"respondedInTime"', '"firstResponded"', '"ratingSum"', '"ratingCount"'];
const SUMS = MEASURES.map((m) => `sum(${m})::int`).join(', ');
const NONZERO = MEASURES.map((m) => `sum(${m}) <> 0`).join(' OR ');
const COLUMNS = `scope, "opdIds", dim, key, ${MEASURES.join(', ')}`;

/**
 * Folds the deltas of every day that has some into one row per group (complaint-tally.entity.ts),
 * and adds the same deltas to their months' rows (complaint_tally_month), in one statement: the
 * sums, and so every figure, stay what they were in every snapshot, and a month's rows stay the
 * sum of its folded days. Rows committed meanwhile are not in this statement's snapshot and wait
 * for the next fold; a fold running beside it deletes only what this one did not.
 */
export const FOLD_TALLY_SQL = `
WITH days AS (SELECT DISTINCT day FROM complaint_tally WHERE NOT compact),
gone AS (DELETE FROM complaint_tally t USING days WHERE t.day = days.day RETURNING t.*),
months AS (SELECT DISTINCT date_trunc('month', day)::date AS month FROM gone WHERE NOT compact),
gone_months AS (DELETE FROM complaint_tally_month m USING months WHERE m.month = months.month RETURNING m.*),
folded AS (
  INSERT INTO complaint_tally (day, ${COLUMNS}, compact)
  SELECT day, scope, "opdIds", dim, key, ${SUMS}, true FROM gone GROUP BY day, scope, "opdIds", dim, key HAVING ${NONZERO})
INSERT INTO complaint_tally_month (month, ${COLUMNS})
SELECT month, scope, "opdIds", dim, key, ${SUMS}
  FROM (SELECT month, ${COLUMNS} FROM gone_months
        UNION ALL
        SELECT date_trunc('month', day)::date, ${COLUMNS} FROM gone WHERE NOT compact) x
 GROUP BY month, scope, "opdIds", dim, key HAVING ${NONZERO}`;

export async function foldTally(db: DataSource | EntityManager | QueryRunner): Promise<void> {
  await db.query(FOLD_TALLY_SQL);
}

/** The tally anew from the complaints and their episodes: after a bulk load that bypassed the triggers (session_replication_role = replica). */
export async function rebuildTally(db: { query(sql: string): Promise<unknown> }): Promise<void> {
  await db.query('SELECT complaint_tally_rebuild()');
}

export interface WholeDays {
  /** First whole WIB day (YYYY-MM-DD) and the instant it starts; null: from the beginning. */
  first: string | null;
  firstAt: Date | null;
  /** The WIB day after the last whole one, and the instant it starts; null: to the end. */
  end: string | null;
  endAt: Date | null;
}

const DAY_MS = 86_400_000;

/** The whole WIB days inside [from, to); null when there is none (the tally would add nothing). */
export function wholeWibDays(from: Date | null, to: Date | null): WholeDays | null {
  const first = from ? Math.ceil((from.getTime() + WIB_OFFSET_MS) / DAY_MS) : null;
  const end = to ? Math.floor((to.getTime() + WIB_OFFSET_MS) / DAY_MS) : null;
  if (first != null && end != null && first >= end) return null;
  const date = (d: number) => new Date(d * DAY_MS).toISOString().slice(0, 10);
  const at = (d: number) => new Date(d * DAY_MS - WIB_OFFSET_MS);
  return {
    first: first == null ? null : date(first),
    firstAt: first == null || at(first).getTime() === from!.getTime() ? null : at(first),
    end: end == null ? null : date(end),
    endAt: end == null || at(end).getTime() === to!.getTime() ? null : at(end),
  };
}

/** Whether `column` falls in the part days at either end of the whole days (SQL; `false` when there are none). */
export function edgeSql(column: string, days: WholeDays, params: unknown[]): string {
  const edges: string[] = [];
  if (days.firstAt) edges.push(`${column} < $${params.push(days.firstAt)}`);
  if (days.endAt) edges.push(`${column} >= $${params.push(days.endAt)}`);
  return edges.length ? `(${edges.join(' OR ')})` : 'false';
}

/** The first day of the month after the one `day` is in, or `day` itself when it starts a month. */
function monthOnOrAfter(day: string): string {
  if (day.endsWith('-01')) return day;
  const [y, m] = day.split('-').map(Number);
  return `${m === 12 ? y + 1 : y}-${String((m % 12) + 1).padStart(2, '0')}-01`;
}

/**
 * The tally's rows (opdIds, dim, key and the seven measures) counting for `scope` over whole WIB days
 * `days`, restricted to `dims`: the months lying whole inside from their month rows, the days
 * around them from the folded day rows, and every delta not yet folded. A year is twelve rows
 * per group; the figures are those of the day rows, and so of the complaints, in the same
 * snapshot.
 */
export function tallyRowsSql(scope: TallyScope, days: Pick<WholeDays, 'first' | 'end'>, dims: readonly string[], params: unknown[]): string {
  const p = (v: unknown) => `$${params.push(v)}`;
  const who = [`scope = ${p(scope.scope)}`, `dim = ANY(${p(dims)}::varchar[])`];
  if (scope.opdIds) who.push(`"opdIds" && ${p(scope.opdIds)}::int[]`);
  const span = (col: string, from: string | null, to: string | null) => [
    ...(from ? [`${col} >= ${p(from)}::date`] : []),
    ...(to ? [`${col} < ${p(to)}::date`] : []),
  ];
  // Whole months inside the days: from the first month start on or after `first` to the one on or before `end`.
  const mFirst = days.first ? monthOnOrAfter(days.first) : null;
  const mEnd = days.end ? `${days.end.slice(0, 8)}01` : null;
  const months = mFirst == null || mEnd == null || mFirst < mEnd;
  const select = `"opdIds", dim, key, ${MEASURES.join(', ')}`;
  const parts = [`SELECT ${select} FROM complaint_tally WHERE ${[...who, 'NOT compact', ...span('day', days.first, days.end)].join(' AND ')}`];
  if (months) {
    parts.push(`SELECT ${select} FROM complaint_tally_month WHERE ${[...who, ...span('month', mFirst, mEnd)].join(' AND ')}`);
    if (days.first && mFirst !== days.first)
      parts.push(`SELECT ${select} FROM complaint_tally WHERE ${[...who, 'compact', ...span('day', days.first, mFirst)].join(' AND ')}`);
    if (days.end && mEnd !== days.end)
      parts.push(`SELECT ${select} FROM complaint_tally WHERE ${[...who, 'compact', ...span('day', mEnd, days.end)].join(' AND ')}`);
  } else {
    parts.push(`SELECT ${select} FROM complaint_tally WHERE ${[...who, 'compact', ...span('day', days.first, days.end)].join(' AND ')}`);
  }
  return parts.join('\nUNION ALL\n');
}
