import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { NotificationSweep } from '../notifications/notification.sweep';
import type { OrgDirectory } from '../opds/org-directory';
import { foldTally } from '../reports/complaint-tally';
import { Complaint } from './complaint.entity';
import { ComplaintStatus, PauseKind } from './complaint.enums';
import type { ComplaintService } from './complaint.service';

/** Any constant shared by all processes: only the holder of this advisory lock sweeps. */
const SWEEP_LOCK = 724_001;
const BATCH = 500;

export interface SweepResult {
  ran: boolean;
  overdue: number;
  autoClosed: number;
  /** Waits for the reporter that ran past their limit: the deadlines run again. */
  resumed: number;
  /** H-1 reminders written (rows, one per head and channel). */
  reminded: number;
  /** Daily digests written (rows, one per head and channel). */
  digests: number;
}

/**
 * Marks passed deadlines (OVERDUE + ESCALATED to the parent unit), auto-closes answered complaints, ends waits for the reporter
 * past their limit, reminds units of deadlines due within a working day and writes the daily digests (`notices`), folds the dashboard's tally.
 */
export async function sweepOnce(db: DataSource, org: OrgDirectory, complaints: ComplaintService, notices?: NotificationSweep): Promise<SweepResult> {
  // The service's clock: markOverdue and autoClose check what is due against the same time.
  const now = complaints.clock();
  const runner = db.createQueryRunner();
  await runner.connect();
  try {
    const [{ locked }] = await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [SWEEP_LOCK]);
    if (!locked) return { ran: false, overdue: 0, autoClosed: 0, resumed: 0, reminded: 0, digests: 0 };
    try {
      await org.ready();
      const late = await db
        .getRepository(Complaint)
        .createQueryBuilder('c')
        .where('c.dueAt < :now AND NOT c.overdueNotified AND c.status IN (:...open)', {
          now,
          open: [ComplaintStatus.SUBMITTED, ComplaintStatus.VERIFIED, ComplaintStatus.FORWARDED, ComplaintStatus.IN_PROGRESS],
        })
        .orderBy('c.dueAt')
        .limit(BATCH)
        .getMany();
      let overdue = 0;
      for (const c of late) {
        // Changed meanwhile: the next sweep looks again.
        if (
          await complaints.markOverdue(c).then(
            () => true,
            () => false,
          )
        )
          overdue += 1;
      }
      const answered = await db
        .getRepository(Complaint)
        .createQueryBuilder('c')
        .where('c.status = :s AND c.autoCloseAt < :now', { s: ComplaintStatus.RESPONDED, now })
        .limit(BATCH)
        .getMany();
      let autoClosed = 0;
      for (const c of answered) {
        if (
          await complaints.autoClose(c).then(
            () => true,
            () => false,
          )
        )
          autoClosed += 1;
      }
      const unanswered = await db
        .getRepository(Complaint)
        .createQueryBuilder('c')
        .where('c.pauseKind = :k AND c.pauseUntil < :now', { k: PauseKind.AWAITING_REPORTER, now })
        .limit(BATCH)
        .getMany();
      let resumed = 0;
      for (const c of unanswered)
        if (
          await complaints.resumeUnanswered(c).then(
            () => true,
            () => false,
          )
        )
          resumed += 1;
      const { reminded, digests } = notices ? await notices.run(now) : { reminded: 0, digests: 0 };
      // The dashboard's tally: the day's deltas the changes wrote, folded into one row per group.
      await foldTally(runner);
      return { ran: true, overdue, autoClosed, resumed, reminded, digests };
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [SWEEP_LOCK]);
    }
  } finally {
    await runner.release();
  }
}

export function startSweeper(run: () => Promise<SweepResult>, intervalMs: number, log: Logger): () => void {
  if (intervalMs <= 0) return () => undefined;
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    run()
      .then((r) => r.overdue + r.autoClosed + r.resumed + r.reminded + r.digests > 0 && log.info(r, 'deadline sweep'))
      .catch((err) => log.error({ err }, 'deadline sweep failed'))
      .finally(() => (running = false));
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
