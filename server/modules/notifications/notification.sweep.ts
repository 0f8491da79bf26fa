import type { DataSource } from 'typeorm';
import { wibDate, wibText, wibWallClock } from '../../core/wib';
import { DEADLINE_WORDS, DeadlineKind, runningDeadlineKind } from '../complaints/complaint-deadlines';
import type { Complaint } from '../complaints/complaint.entity';
import { ComplaintStatus } from '../complaints/complaint.enums';
import type { SlaService } from '../sla/sla.service';
import { addWorkingDays, isWorkingDay, type HolidayCalendar } from '../sla/working-calendar';
import { writeStaffNotices, type StaffNotice } from './notification-rules';
import { readOverrides } from './notification-template.service';
import { render } from './notification-templates';
import { NotificationChannel, NotificationTemplate } from './notification.enums';

export interface NotificationSweepOptions {
  /** The channels besides the console this server has configured. */
  staffChannels: readonly NotificationChannel[];
  /** NOTIFY_DIGEST_HOUR: the WIB hour from which each working day's digests are written; null: none. */
  digestHour: number | null;
  /** Complaints read per page when looking for deadlines to remind of (500). */
  pageSize?: number;
}

const BATCH = 500;
/** Complaints a digest lists by name; the rest are counted. */
export const DIGEST_LISTED = 20;

type Candidate = Pick<
  Complaint,
  | 'id'
  | 'trackingCode'
  | 'title'
  | 'status'
  | 'currentOpdId'
  | 'dueAt'
  | 'verifyDueAt'
  | 'responseDueAt'
  | 'followUpDueAt'
  | 'settleDueAt'
  | 'pausedAt'
  | 'firstResponseAt'
> & { arrivedAt: Date | null };

/**
 * When a running deadline is due within the next working day (H-1), and it was not already so
 * when it was set: a unit forwarded a complaint with a 1×24-hour response deadline was told the
 * deadline with the forward, and is not reminded of it the same day.
 */
export function dueForReminder(c: Candidate, now: Date, cal: HolidayCalendar): boolean {
  if (!c.dueAt || c.dueAt <= now || c.dueAt > addWorkingDays(now, 1, cal)) return false;
  const kind = runningDeadlineKind(c);
  const setAt = kind === DeadlineKind.FOLLOW_UP ? c.firstResponseAt : kind === DeadlineKind.RESPONSE ? c.arrivedAt : null;
  return !setAt || c.dueAt > addWorkingDays(setAt, 1, cal);
}

/**
 * What the deadline sweep (complaint.sweep.ts) writes besides changes to complaints: H-1
 * reminders to the heads of the unit holding a complaint, and the daily digests unit heads
 * asked for. Each is a notice with a dedupe key (writeStaffNotices), so it is written once per
 * complaint and deadline, or per head and day, however many processes sweep.
 */
export class NotificationSweep {
  constructor(
    private readonly db: DataSource,
    private readonly sla: SlaService,
    private readonly unitName: (opdId: number) => string | null,
    private readonly options: NotificationSweepOptions,
  ) {}

  async run(now: Date): Promise<{ reminded: number; digests: number }> {
    const cal = await this.sla.holidays();
    return { reminded: await this.remindDeadlines(now, cal), digests: await this.writeDigests(now, cal) };
  }

  /** Every complaint due within the next working day, a page at a time: those already reminded are skipped by their key. */
  async remindDeadlines(now: Date, cal: HolidayCalendar): Promise<number> {
    const page = this.options.pageSize ?? BATCH;
    let written = 0;
    let after: { dueAt: Date; id: number } | null = null;
    for (;;) {
      const rows: Candidate[] = await this.db.query(
        `SELECT c.id, c."trackingCode", c.title, c.status, c."currentOpdId", c."dueAt", c."verifyDueAt", c."responseDueAt", c."followUpDueAt", c."settleDueAt",
                c."pausedAt", c."firstResponseAt",
                (SELECT max(h."startedAt") FROM complaint_handling h WHERE h."complaintId" = c.id AND h."opdId" = c."currentOpdId") AS "arrivedAt"
           FROM complaint c
          WHERE c."dueAt" > $1 AND c."dueAt" <= $2 AND c.status = ANY($3::varchar[]) AND c."currentOpdId" IS NOT NULL
            AND ($4::timestamptz IS NULL OR (c."dueAt", c.id) > ($4::timestamptz, $5::int))
          ORDER BY c."dueAt", c.id LIMIT $6`,
        [now, addWorkingDays(now, 1, cal), [ComplaintStatus.FORWARDED, ComplaintStatus.IN_PROGRESS], after?.dueAt ?? null, after?.id ?? null, page],
      );
      written += await this.remind(
        rows.filter((c) => dueForReminder(c, now, cal)),
        now,
      );
      if (rows.length < page) return written;
      const last = rows[rows.length - 1];
      after = { dueAt: last.dueAt!, id: last.id };
    }
  }

  private async remind(due: Candidate[], now: Date): Promise<number> {
    if (!due.length) return 0;
    return this.db.transaction(async (tx) => {
      const overrides = await readOverrides(tx);
      const notices: StaffNotice[] = due.map((c) => ({
        template: NotificationTemplate.DEADLINE_REMINDER_TO_UNIT,
        audience: { kind: 'UNIT_HEADS', opdId: c.currentOpdId! },
        // The deadline itself names the reminder: a deadline moved (a pause, a new forward) is a new one.
        key: `remind:${c.id}:${c.dueAt!.getTime()}`,
        complaintId: c.id,
        ...render(
          NotificationTemplate.DEADLINE_REMINDER_TO_UNIT,
          { kode: c.trackingCode, judul: c.title, batas: wibText(c.dueAt), jenis_batas: DEADLINE_WORDS[runningDeadlineKind(c)] },
          overrides,
        ),
      }));
      return writeStaffNotices(tx, notices, now, this.options.staffChannels);
    });
  }

  /** From the digest hour of each working day, once per head who asked: their unit's open complaints, the overdue ones counted. */
  async writeDigests(now: Date, cal: HolidayCalendar): Promise<number> {
    const hour = this.options.digestHour;
    const day = wibDate(now);
    if (hour == null || wibWallClock(now).getUTCHours() < hour || !isWorkingDay(day, cal)) return 0;
    const heads: { id: number; opdId: number }[] = await this.db.query(
      `SELECT u.id, u."opdId" FROM app_user u
        WHERE u.active AND u.role = 'UNIT_HEAD' AND u."dailyDigest"
          AND NOT EXISTS (SELECT 1 FROM notification n WHERE n."dedupeKey" = concat_ws(':', 'digest', $1::text, 'IN_CONSOLE', u.id))
        ORDER BY u.id LIMIT ${BATCH}`,
      [day],
    );
    if (!heads.length) return 0;
    const units = [...new Set(heads.map((h) => h.opdId))];
    const open: { opdId: number; trackingCode: string; title: string; dueAt: Date | null; total: number; overdue: number }[] = await this.db.query(
      `SELECT x.* FROM (
         SELECT c."currentOpdId" AS "opdId", c."trackingCode", c.title, c."dueAt",
                count(*) OVER w AS total, count(*) FILTER (WHERE c."dueAt" < $3) OVER w AS overdue,
                row_number() OVER (w ORDER BY c."dueAt" NULLS LAST, c.id) AS n
           FROM complaint c
          WHERE c."currentOpdId" = ANY($1::int[]) AND c.status = ANY($2::varchar[])
         WINDOW w AS (PARTITION BY c."currentOpdId")) x
        WHERE x.n <= $4 ORDER BY x."opdId", x.n`,
      [units, [ComplaintStatus.FORWARDED, ComplaintStatus.IN_PROGRESS], now, DIGEST_LISTED],
    );
    return this.db.transaction(async (tx) => {
      const overrides = await readOverrides(tx);
      const notices: StaffNotice[] = heads.map((h) => {
        const mine = open.filter((c) => c.opdId === h.opdId);
        const total = Number(mine[0]?.total ?? 0);
        const lines = mine.map((c) => {
          const late = c.dueAt && new Date(c.dueAt) < now;
          return `- ${c.trackingCode} "${c.title}", ${c.dueAt ? `batas ${wibText(c.dueAt)}${late ? ' (terlambat)' : ''}` : 'ditunda'}`;
        });
        if (total > DIGEST_LISTED) lines.push(`… dan ${total - DIGEST_LISTED} lainnya`);
        return {
          template: NotificationTemplate.DAILY_DIGEST_TO_UNIT,
          audience: { kind: 'USER', userId: h.id },
          key: `digest:${day}`,
          ...render(
            NotificationTemplate.DAILY_DIGEST_TO_UNIT,
            {
              unit: this.unitName(h.opdId),
              tanggal: wibText(now, false),
              jumlah_terbuka: String(total),
              jumlah_terlambat: String(Number(mine[0]?.overdue ?? 0)),
              daftar: lines.join('\n'),
            },
            overrides,
          ),
        };
      });
      return writeStaffNotices(tx, notices, now, this.options.staffChannels);
    });
  }
}
