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

interface Deadlines {
  status: string;
  dueAt?: string | null;
  verifyDueAt?: string | null;
  responseDueAt?: string | null;
}

/**
 * The deadline to count down: the server's running one (`dueAt`: verification, then first
 * response) and, once a unit has accepted (which stops `dueAt`), the response deadline
 * until the complaint is answered. Nothing once answered, closed or rejected.
 */
export const runningDeadline = (c: Deadlines): string | null => (FINAL.has(c.status) ? null : (c.dueAt ?? c.responseDueAt ?? null));

/** Verification ends when the intake verifies, forwards or rejects; the response deadline when answered. */
export const deadlineDone = (c: Deadlines, which: 'verify' | 'response'): boolean => (which === 'verify' ? c.status !== 'SUBMITTED' : FINAL.has(c.status));
