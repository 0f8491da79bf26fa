const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export type DeadlineTone = 'late' | 'soon' | 'ok';

export interface Countdown {
  /** i18n key under `complaint.deadline`, e.g. `leftHours` or `lateDays`. */
  key: string;
  count: number;
  tone: DeadlineTone;
}

/**
 * "sisa 5 jam" / "terlambat 2 hari": the largest whole unit, so a glance is enough.
 * Days from two days on, hours from one hour on, minutes below that.
 */
export const countdown = (dueAt: string | Date, now: number): Countdown => {
  const diff = new Date(dueAt).getTime() - now;
  const late = diff < 0;
  const abs = Math.abs(diff);
  const [unit, count] =
    abs >= 2 * DAY ? ['Days', Math.floor(abs / DAY)] : abs >= HOUR ? ['Hours', Math.floor(abs / HOUR)] : ['Minutes', Math.max(1, Math.floor(abs / MINUTE))];
  return {
    key: `${late ? 'late' : 'left'}${unit}`,
    count,
    tone: late ? 'late' : diff < DAY ? 'soon' : 'ok',
  };
};

const FINAL = new Set(['RESPONDED', 'CLOSED', 'REJECTED']);

export interface DeadlineRecord {
  kind: string;
  dueAt: string;
  done: boolean;
  overdue: boolean;
}

interface Deadlines {
  status: string;
  dueAt?: string | null;
  verifyDueAt?: string | null;
  responseDueAt?: string | null;
  deadlines?: DeadlineRecord[] | null;
}

/**
 * The deadline to count down: the server's running one (`dueAt`: verification, first response,
 * follow-up, or settlement when that comes first); for complaints from before the follow-up
 * deadline existed, the response deadline. Nothing once answered, closed or rejected.
 */
export const runningDeadline = (c: Deadlines): string | null => (FINAL.has(c.status) ? null : (c.dueAt ?? c.responseDueAt ?? null));

/** Which deadline `runningDeadline` is (DeadlineKind), to label the countdown; null when unknown. */
export const runningKind = (c: Deadlines): string | null => {
  const due = runningDeadline(c);
  if (!due) return null;
  const at = new Date(due).getTime();
  return c.deadlines?.find((d) => !d.done && new Date(d.dueAt).getTime() === at)?.kind ?? null;
};
