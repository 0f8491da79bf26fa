import { ComplaintEventType as T } from '../complaints/complaint.enums';
import { wibText } from '../../core/wib';
import { NotificationChannel, NotificationTemplate } from './notification.enums';

/** Who is told; staff are resolved to active accounts in SQL, at the moment of the change. */
export type Audience =
  | { kind: 'UNIT_HEADS'; opdId: number }
  | { kind: 'INTAKE_ADMINS'; opdId: number }
  | { kind: 'USER'; userId: number }
  | { kind: 'REPORTER'; address: string }
  /** The reporters of reports merged into this one (with an e-mail), resolved in SQL; FOLLOWER_CODE stands for each one's own tracking code. */
  | { kind: 'FOLLOWERS' };

/** In a message to FOLLOWERS: replaced by each follower's own tracking code, whose page shows this complaint. */
export const FOLLOWER_CODE = '{kode_pelapor}';

export interface NotificationSpec {
  /** The event of the batch that causes it. */
  eventType: T;
  channel: NotificationChannel;
  template: NotificationTemplate;
  audience: Audience;
  subject: string;
  body: string;
}

export interface NoticeOptions {
  /** E-mail is written only when an SMTP server is configured: a channel without configuration is off. */
  email: boolean;
  /** The public tracking page, `{kode}` standing for the tracking code. */
  trackingUrl: string;
}

interface EventLike {
  type: T;
  toOpdId?: number | null;
  message?: string | null;
  internalNote?: string | null;
  data?: Record<string, unknown> | null;
}

interface ComplaintLike {
  trackingCode: string;
  title: string;
  intakeOpdId: number;
  reporterEmail: string | null;
}

const lines = (...parts: (string | null | false | undefined)[]) => parts.filter(Boolean).join('\n');

/**
 * Who is told what about one batch of a complaint's events (the first set of issue #18).
 * Staff messages name the complaint by code and title only: never the reporter, so an
 * anonymous reporter stays anonymous to the unit. Messages to the reporter carry only what
 * the tracking page shows (public texts), never internal notes or staff names.
 */
export function notificationsFor(c: ComplaintLike, events: readonly EventLike[], options: NoticeOptions): NotificationSpec[] {
  const code = c.trackingCode;
  const about = `${code} "${c.title}"`;
  const link = options.trackingUrl.replaceAll('{kode}', encodeURIComponent(code));
  const out: NotificationSpec[] = [];
  const staff = (e: EventLike, template: NotificationTemplate, audience: Audience, subject: string, body: string) =>
    out.push({ eventType: e.type, channel: NotificationChannel.IN_CONSOLE, template, audience, subject: `[${code}] ${subject}`, body });
  const reporter = (e: EventLike, template: NotificationTemplate, subject: string, body: string) => {
    if (options.email && c.reporterEmail) {
      const audience: Audience = { kind: 'REPORTER', address: c.reporterEmail };
      out.push({ eventType: e.type, channel: NotificationChannel.EMAIL, template, audience, subject: `[${code}] ${subject}`, body });
    }
  };
  for (const e of events) {
    switch (e.type) {
      case T.SUBMITTED:
        reporter(
          e,
          NotificationTemplate.RECEIVED_TO_REPORTER,
          'Pengaduan Anda telah diterima',
          lines(
            'Yth. Bapak/Ibu,',
            '',
            `Pengaduan Anda "${c.title}" telah kami terima dengan nomor pelacakan ${code}.`,
            `Ikuti perkembangannya di: ${link}`,
            '',
            'Simpan nomor pelacakan dan kode akses yang Anda terima saat melapor.',
          ),
        );
        break;
      case T.FORWARDED: {
        if (e.toOpdId == null) break;
        const due = wibText(e.data?.responseDueAt as string | undefined);
        staff(
          e,
          NotificationTemplate.FORWARDED_TO_UNIT,
          { kind: 'UNIT_HEADS', opdId: e.toOpdId },
          'Pengaduan diteruskan ke unit Anda',
          lines(`Pengaduan ${about} diteruskan ke unit Anda.`, due && `Batas tanggapan: ${due}.`, e.internalNote && `Instruksi: ${e.internalNote}`),
        );
        break;
      }
      case T.ESCALATED:
        if (e.toOpdId == null) break;
        staff(
          e,
          NotificationTemplate.ESCALATED_TO_UNIT,
          { kind: 'UNIT_HEADS', opdId: e.toOpdId },
          'Pengaduan terlambat dieskalasi ke unit Anda',
          lines(`Pengaduan ${about} melewati batas waktu dan dieskalasi ke unit Anda.`, 'Anda dapat mengingatkan unit, meneruskan ulang, atau mengambil alih.'),
        );
        break;
      case T.ASSIGNED: {
        const userId = Number(e.data?.assigneeId);
        if (!Number.isInteger(userId)) break;
        staff(
          e,
          NotificationTemplate.ASSIGNED_TO_STAFF,
          { kind: 'USER', userId },
          'Pengaduan ditugaskan kepada Anda',
          `Pengaduan ${about} ditugaskan kepada Anda.`,
        );
        break;
      }
      case T.RETURNED:
        staff(
          e,
          NotificationTemplate.RETURNED_TO_INTAKE,
          { kind: 'INTAKE_ADMINS', opdId: c.intakeOpdId },
          'Pengaduan dikembalikan: bukan wewenang unit',
          lines(`Pengaduan ${about} dikembalikan ke admin pengaduan.`, e.message && `Alasan: ${e.message}`),
        );
        break;
      case T.RESPONDED:
        staff(
          e,
          NotificationTemplate.ANSWERED_TO_INTAKE,
          { kind: 'INTAKE_ADMINS', opdId: c.intakeOpdId },
          'Pengaduan telah dijawab',
          `Pengaduan ${about} telah dijawab oleh unit. Periksa jawabannya dan tutup pengaduan bila sudah selesai.`,
        );
        // A merged duplicate's reporter follows the original: told of the answer like its own reporter.
        if (options.email) {
          out.push({
            eventType: e.type,
            channel: NotificationChannel.EMAIL,
            template: NotificationTemplate.ANSWERED_TO_REPORTER,
            audience: { kind: 'FOLLOWERS' },
            subject: `[${FOLLOWER_CODE}] Pengaduan Anda telah dijawab`,
            body: lines(
              'Yth. Bapak/Ibu,',
              '',
              `Pengaduan Anda ${FOLLOWER_CODE} ditangani bersama pengaduan ${code} "${c.title}", yang telah dijawab:`,
              '',
              e.message ?? '',
              '',
              `Lihat jawabannya di: ${options.trackingUrl.replaceAll('{kode}', FOLLOWER_CODE)}`,
            ),
          });
        }
        reporter(
          e,
          NotificationTemplate.ANSWERED_TO_REPORTER,
          'Pengaduan Anda telah dijawab',
          lines(
            'Yth. Bapak/Ibu,',
            '',
            `Pengaduan Anda ${code} "${c.title}" telah dijawab:`,
            '',
            e.message ?? '',
            '',
            `Lihat jawaban dan beri penilaian di: ${link}`,
          ),
        );
        break;
      default:
        break;
    }
  }
  return out;
}

/**
 * The outbox rows of `specs` as one CTE of the statement whose CTE `ev` inserts the events
 * (ComplaintService.appendEvents), so a change and its notifications commit together. Staff
 * audiences become the active accounts they name, never the one who acted; a console message
 * is delivered by being written, the others wait for the dispatcher.
 */
export function outboxSteps(specs: readonly NotificationSpec[], actorId: number | null, at: Date, p: (v: unknown) => string): string[] {
  if (specs.length === 0) return [];
  const rows = specs.map((s) => {
    const a = s.audience;
    const opdId = a.kind === 'UNIT_HEADS' || a.kind === 'INTAKE_ADMINS' ? a.opdId : null;
    return `(${p(s.eventType)}::text, ${p(s.channel)}::text, ${p(s.template)}::text, ${p(a.kind)}::text, ${p(opdId)}::int, ${p(a.kind === 'USER' ? a.userId : null)}::int, ${p(a.kind === 'REPORTER' ? a.address : null)}::text, ${p(s.subject)}::text, ${p(s.body)}::text)`;
  });
  const when = `${p(at)}::timestamptz`;
  return [
    `outbox AS (INSERT INTO notification (channel, status, template, "recipientUserId", "recipientAddress", "complaintId", "eventId", "dedupeKey", subject, body, attempts, "nextAttemptAt", "sentAt", "createdAt", "updatedAt")
       SELECT s.channel, CASE WHEN s.channel = 'IN_CONSOLE' THEN 'SENT' ELSE 'PENDING' END, s.template, r.id, coalesce(s.address, f."reporterEmail"), e."complaintId", e.id,
              concat_ws(':', 'n', e.id, s.template, s.channel, coalesce(r.id::text, 'reporter' || coalesce(':' || f.id, ''))),
              replace(s.subject, '${FOLLOWER_CODE}', coalesce(f."trackingCode", '')), replace(s.body, '${FOLLOWER_CODE}', coalesce(f."trackingCode", '')), 0,
              CASE WHEN s.channel <> 'IN_CONSOLE' THEN ${when} END, CASE WHEN s.channel = 'IN_CONSOLE' THEN ${when} END, ${when}, ${when}
         FROM (VALUES ${rows.join(', ')}) AS s(event_type, channel, template, audience, opd_id, user_id, address, subject, body)
         CROSS JOIN LATERAL (SELECT min(ev.id) AS id, min(ev."complaintId") AS "complaintId" FROM ev WHERE ev.type::text = s.event_type) e
         LEFT JOIN LATERAL (
           SELECT u.id FROM app_user u
            WHERE u.active AND u.id IS DISTINCT FROM ${p(actorId)}::int
              AND ((s.audience = 'UNIT_HEADS' AND u."opdId" = s.opd_id AND u.role = 'UNIT_HEAD')
                OR (s.audience = 'INTAKE_ADMINS' AND u."opdId" = s.opd_id AND u.role = 'ADMIN')
                OR (s.audience = 'USER' AND u.id = s.user_id))) r ON s.audience NOT IN ('REPORTER', 'FOLLOWERS')
         LEFT JOIN LATERAL (
           SELECT d.id, d."reporterEmail", d."trackingCode" FROM complaint d
            WHERE d."duplicateOfId" = e."complaintId" AND d.status = 'MERGED' AND d."reporterEmail" IS NOT NULL) f ON s.audience = 'FOLLOWERS'
        WHERE e.id IS NOT NULL AND (s.audience = 'REPORTER' OR r.id IS NOT NULL OR f.id IS NOT NULL))`,
  ];
}
