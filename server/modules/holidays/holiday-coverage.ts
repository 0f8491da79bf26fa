import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { wibDate } from '../../core/wib';

/** Deadlines reach weeks ahead (settlement: 60 days), so the calendar must know at least as far. */
export const MIN_COVERAGE_DAYS = 60;
const DAY_MS = 86_400_000;

export interface HolidayCoverageResult {
  /**
   * 31 December of the latest year with any holiday entered: the SKB 3 Menteri sets a whole
   * year at once, so a year with holidays is taken as complete. Null when there are none.
   */
  coveredUntil: string | null;
  /** Days after today (WIB) up to coveredUntil; 0 when it has passed or there is none. */
  daysAhead: number;
  sufficient: boolean;
  minimumDays: number;
}

export async function holidayCoverage(db: DataSource, today: string = wibDate()): Promise<HolidayCoverageResult> {
  const [{ year }] = await db.query(`SELECT max(extract(year FROM date))::int AS year FROM holiday`);
  const coveredUntil = year == null ? null : `${year}-12-31`;
  const daysAhead = coveredUntil ? Math.max(0, Math.round((Date.parse(coveredUntil) - Date.parse(today)) / DAY_MS)) : 0;
  return { coveredUntil, daysAhead, sufficient: daysAhead >= MIN_COVERAGE_DAYS, minimumDays: MIN_COVERAGE_DAYS };
}

/** Logs a warning when the calendar is short; returns whether it was. */
export async function warnIfCoverageShort(db: DataSource, log: Pick<Logger, 'warn'>, today?: string): Promise<boolean> {
  const c = await holidayCoverage(db, today);
  if (c.sufficient) return false;
  log.warn(
    { coveredUntil: c.coveredUntil, daysAhead: c.daysAhead, minimumDays: c.minimumDays },
    'holiday calendar too short: enter the next year’s holidays and cuti bersama (SKB 3 Menteri), or working-day deadlines will ignore them',
  );
  return true;
}

/** Checks at start and once a day. */
export function startCoverageWatch(db: DataSource, log: Logger, intervalMs = DAY_MS): () => void {
  const check = () => void warnIfCoverageShort(db, log).catch((err) => log.error({ err }, 'holiday coverage check failed'));
  check();
  const timer = setInterval(check, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
