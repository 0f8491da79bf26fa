/**
 * "Tepat waktu", the one definition the dashboard and the compliance report share: among the
 * forwards to a unit begun in a period (handling episodes), those whose first response was due
 * — given already, or its deadline passed — and the share of them whose first response (accepted,
 * public progress or answer) came no later than the deadline the forward set. The dashboard's tally
 * (migration 1796701500000, its onTime rows) spells the same conditions in its trigger;
 * desks-reports/dashboard-totals.test.ts compares its figures with these.
 */

/** SQL over `complaint_handling h`; `asOf` is the placeholder of the instant deadlines are judged at. */
export const onTimeDueSql = (asOf: string) => `(h."firstResponseAt" IS NOT NULL OR h."dueAt" < ${asOf})`;
export const ON_TIME_IN_TIME_SQL = `(h."firstResponseAt" <= h."dueAt")`;

export interface OnTimeFigure {
  /** First responses that were due: given (on time or late) or overdue now. */
  due: number;
  inTime: number;
  /** inTime / due in percent, two decimals; null when nothing was due. */
  pct: number | null;
}

export function onTimeFigure(inTime: number, due: number): OnTimeFigure {
  return { due, inTime, pct: due ? Math.round((inTime / due) * 10000) / 100 : null };
}

/**
 * The figures per receiving Opd for episodes begun in [from, to) (either bound may be open),
 * optionally only of the complaints `scope` (SQL over `complaint c`) admits.
 */
export function onTimeByOpdSql(params: unknown[], from: Date | null, to: Date | null, asOf: Date, scope: string | null): string {
  params.push(asOf);
  const where = [];
  const asOfRef = `$${params.length}`;
  if (from) {
    params.push(from);
    where.push(`h."startedAt" >= $${params.length}`);
  }
  if (to) {
    params.push(to);
    where.push(`h."startedAt" < $${params.length}`);
  }
  if (scope) where.push(scope);
  return `SELECT h."opdId" AS opd,
                 count(*) FILTER (WHERE ${onTimeDueSql(asOfRef)})::int AS due,
                 count(*) FILTER (WHERE ${ON_TIME_IN_TIME_SQL})::int AS in_time
            FROM complaint_handling h ${scope ? 'JOIN complaint c ON c.id = h."complaintId"' : ''}
           ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
           GROUP BY h."opdId"`;
}
