import { ComplaintEventType as T } from '../complaints/complaint.enums';
import { fromWib, wibText, wibWallClock } from '../../core/wib';
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
  /** A message to a citizen that waits for the morning when written at night (quietUntil). */
  quiet?: boolean;
}

export interface NoticeOptions {
  /** E-mail is written only when an SMTP server is configured: a channel without configuration is off. */
  email: boolean;
  /** The channel for a reporter's phone: WhatsApp when configured, else SMS when configured, else none. */
  phone?: NotificationChannel.WHATSAPP | NotificationChannel.SMS | null;
  /** The public tracking page, `{kode}` standing for the tracking code. */
  trackingUrl: string;
  /** No messages to citizens in these hours (the receipt and a requested access code excepted); null: any time. */
  quietHours?: QuietHours | null;
  /** The channels staff may have chosen besides the console: those configured. */
  staffChannels?: NotificationChannel[];
}

interface EventLike {
  type: T;
  public?: boolean;
  toOpdId?: number | null;
  message?: string | null;
  internalNote?: string | null;
  data?: Record<string, unknown> | null;
  /** A new access code: in the message to the reporter only. */
  secret?: string;
}

interface ComplaintLike {
  trackingCode: string;
  title: string;
  status?: string;
  intakeOpdId: number;
  currentOpdId?: number | null;
  assigneeId?: number | null;
  reporterEmail: string | null;
  reporterPhone?: string | null;
  /** The reporter asked for no messages (the receipt and a requested access code still go). */
  notifyReporter?: boolean;
}

const lines = (...parts: (string | null | false | undefined)[]) => parts.filter(Boolean).join('\n');

/**
 * Marks a secret (an access code) in a message body: the adapters send it without the marks,
 * and once delivered it is blanked in the outbox, which never shows it (maskedBody).
 */
export const secretIn = (value: string) => `\u27e6${value}\u27e7`;
export const SECRET_PATTERN = '\u27e6[^\u27e7]*\u27e7';
export const sendable = (body: string) => body.replace(new RegExp(SECRET_PATTERN, 'g'), (m) => m.slice(1, -1));
export const maskedBody = (body: string) => body.replace(new RegExp(SECRET_PATTERN, 'g'), '••••••••••');

/** A rating at or below this is "low": the intake looks at what went wrong. */
export const LOW_RATING = 2;

const AT_UNIT = new Set(['FORWARDED', 'IN_PROGRESS']);

/** Hours (WIB, 0–23) in which no message goes to a citizen: from `from` until `to` the next morning. */
export interface QuietHours {
  from: number;
  to: number;
}

/** The regulation-free default the issue asks for: nothing to citizens from 21:00 to 06:00 WIB. */
export const DEFAULT_QUIET_HOURS: QuietHours = { from: 21, to: 6 };

/** When a message to a citizen written at `at` may go: the end of the quiet hours it falls in, or null (now). */
export function quietUntil(at: Date, quiet: QuietHours | null = DEFAULT_QUIET_HOURS): Date | null {
  if (!quiet) return null;
  const wib = wibWallClock(at);
  const hour = wib.getUTCHours();
  const inQuiet = quiet.from > quiet.to ? hour >= quiet.from || hour < quiet.to : hour >= quiet.from && hour < quiet.to;
  if (!inQuiet) return null;
  const day = quiet.from > quiet.to && hour >= quiet.from ? wib.getUTCDate() + 1 : wib.getUTCDate();
  return fromWib(wib.getUTCFullYear(), wib.getUTCMonth(), day, quiet.to * 60);
}

/**
 * Who is told what about one batch of a complaint's events (issue #18, section 3).
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
  const reporterChannels = (): [NotificationChannel, string][] => [
    ...(options.email && c.reporterEmail ? [[NotificationChannel.EMAIL, c.reporterEmail] as [NotificationChannel, string]] : []),
    ...(options.phone && c.reporterPhone ? [[options.phone, c.reporterPhone] as [NotificationChannel, string]] : []),
  ];
  const reporter = (e: EventLike, template: NotificationTemplate, subject: string, body: string, always = false) => {
    if (!always && c.notifyReporter === false) return;
    for (const [channel, address] of reporterChannels()) {
      const audience: Audience = { kind: 'REPORTER', address };
      out.push({ eventType: e.type, channel, template, audience, subject: `[${code}] ${subject}`, body, quiet: !always });
    }
  };
  const toReporter = (e: EventLike, template: NotificationTemplate, subject: string, ...text: (string | null | false | undefined)[]) =>
    reporter(e, template, subject, lines('Yth. Bapak/Ibu,', '', ...text, '', `Ikuti perkembangannya di: ${link}`));
  const holder: Audience =
    c.currentOpdId != null && AT_UNIT.has(c.status ?? '') ? { kind: 'UNIT_HEADS', opdId: c.currentOpdId } : { kind: 'INTAKE_ADMINS', opdId: c.intakeOpdId };
  for (const e of events) {
    const said = e.public ? e.message : null;
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
            e.secret && `Kode akses: ${secretIn(e.secret)}`,
            `Ikuti perkembangannya di: ${link}`,
            '',
            'Simpan nomor pelacakan dan kode akses: keduanya diperlukan untuk melacak, membalas dan menilai pengaduan Anda.',
          ),
          true,
        );
        break;
      case T.VERIFIED:
        toReporter(e, NotificationTemplate.VERIFIED_TO_REPORTER, 'Pengaduan Anda telah diverifikasi', `Pengaduan Anda ${code} telah diverifikasi.`, said);
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
        toReporter(
          e,
          NotificationTemplate.FORWARDED_TO_REPORTER,
          'Pengaduan Anda diteruskan',
          `Pengaduan Anda ${code}: ${said ?? 'diteruskan ke unit yang berwenang.'}`,
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
      case T.OVERDUE:
        staff(
          e,
          NotificationTemplate.OVERDUE_TO_UNIT,
          holder,
          'Pengaduan melewati batas waktu',
          `Pengaduan ${about} melewati batas waktu. Segera tindak lanjuti.`,
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
      case T.PROGRESS:
        if (said) toReporter(e, NotificationTemplate.PROGRESS_TO_REPORTER, 'Perkembangan pengaduan Anda', `Perkembangan pengaduan Anda ${code}:`, '', said);
        break;
      case T.INFO_REQUESTED:
        toReporter(
          e,
          NotificationTemplate.QUESTION_TO_REPORTER,
          'Petugas memerlukan informasi dari Anda',
          `Untuk menindaklanjuti pengaduan Anda ${code}, petugas bertanya:`,
          '',
          said ?? e.message,
          '',
          'Balas melalui halaman pelacakan dengan nomor pelacakan dan kode akses Anda.',
        );
        break;
      case T.REPORTER_REPLIED:
        staff(
          e,
          NotificationTemplate.REPLIED_TO_STAFF,
          c.assigneeId != null && AT_UNIT.has(c.status ?? '') ? { kind: 'USER', userId: c.assigneeId } : holder,
          'Pelapor membalas',
          lines(`Pelapor pengaduan ${about} menambahkan informasi:`, e.message),
        );
        break;
      case T.RATED: {
        const rating = Number(e.data?.rating);
        if (rating <= LOW_RATING) {
          staff(
            e,
            NotificationTemplate.RATED_LOW_TO_INTAKE,
            { kind: 'INTAKE_ADMINS', opdId: c.intakeOpdId },
            `Penilaian rendah (${rating}/5)`,
            lines(`Pelapor menilai penanganan pengaduan ${about} dengan ${rating} dari 5.`, e.message && `Komentar: ${e.message}`),
          );
        }
        break;
      }
      case T.REOPENED: {
        const unit = e.toOpdId ?? c.currentOpdId;
        const body = lines(`Pengaduan ${about} dibuka kembali oleh pelapor.`, e.message && `Alasan: ${e.message}`);
        if (unit != null) staff(e, NotificationTemplate.REOPENED_TO_UNIT, { kind: 'UNIT_HEADS', opdId: unit }, 'Pengaduan dibuka kembali', body);
        staff(e, NotificationTemplate.REOPENED_TO_UNIT, { kind: 'INTAKE_ADMINS', opdId: c.intakeOpdId }, 'Pengaduan dibuka kembali', body);
        break;
      }
      case T.RESPONDED:
        staff(
          e,
          NotificationTemplate.ANSWERED_TO_INTAKE,
          { kind: 'INTAKE_ADMINS', opdId: c.intakeOpdId },
          'Pengaduan telah dijawab',
          `Pengaduan ${about} telah dijawab oleh unit. Periksa jawabannya dan tutup pengaduan bila sudah selesai.`,
        );
        // A merged duplicate's reporter follows the original: told of the answer like its own reporter.
        for (const channel of [options.email ? NotificationChannel.EMAIL : null, options.phone ?? null]) {
          if (!channel) continue;
          out.push({
            eventType: e.type,
            channel,
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
            quiet: true,
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
      case T.ACCESS_CODE_RENEWED:
        if (!e.secret) break;
        reporter(
          e,
          NotificationTemplate.ACCESS_CODE_TO_REPORTER,
          'Kode akses baru',
          lines(
            'Yth. Bapak/Ibu,',
            '',
            `Kode akses baru untuk pengaduan ${code}: ${secretIn(e.secret)}`,
            'Kode akses yang lama tidak berlaku lagi. Bila Anda tidak memintanya, abaikan pesan ini.',
            '',
            `Lacak pengaduan Anda di: ${link}`,
          ),
          true,
        );
        break;
      case T.CLOSED:
      case T.AUTO_CLOSED:
        toReporter(e, NotificationTemplate.CLOSED_TO_REPORTER, 'Pengaduan Anda telah selesai', `Pengaduan Anda ${code} telah ditutup.`, said);
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
export function outboxSteps(
  specs: readonly NotificationSpec[],
  actorId: number | null,
  at: Date,
  p: (v: unknown) => string,
  quietHours: QuietHours | null = DEFAULT_QUIET_HOURS,
  staffChannels: readonly NotificationChannel[] = [],
): string[] {
  if (specs.length === 0) return [];
  const morning = quietUntil(at, quietHours);
  const rows = specs.map((s) => {
    const a = s.audience;
    const opdId = a.kind === 'UNIT_HEADS' || a.kind === 'INTAKE_ADMINS' ? a.opdId : null;
    return `(${p(s.eventType)}::text, ${p(s.channel)}::text, ${p(s.template)}::text, ${p(a.kind)}::text, ${p(opdId)}::int, ${p(a.kind === 'USER' ? a.userId : null)}::int, ${p(a.kind === 'REPORTER' ? a.address : null)}::text, ${p(s.subject)}::text, ${p(s.body)}::text, ${p(s.quiet ? morning : null)}::timestamptz)`;
  });
  const when = `${p(at)}::timestamptz`;
  const followerAddress = `CASE WHEN s.channel = 'EMAIL' THEN d."reporterEmail" ELSE d."reporterPhone" END`;
  // A staff member's message also goes by each channel they chose that is on and reaches them.
  const staffAlso = `ARRAY(SELECT x FROM unnest(r."notifyBy") x WHERE x = ANY(${p(staffChannels)}::text[]) AND CASE WHEN x = 'EMAIL' THEN r.email ELSE r.phone END IS NOT NULL)`;
  return [
    `outbox AS (INSERT INTO notification (channel, status, template, "recipientUserId", "recipientAddress", "complaintId", "eventId", "dedupeKey", subject, body, attempts, "nextAttemptAt", "sentAt", "createdAt", "updatedAt")
       SELECT ch.channel, CASE WHEN ch.channel = 'IN_CONSOLE' THEN 'SENT' ELSE 'PENDING' END, s.template, r.id, coalesce(s.address, f.address), e."complaintId", e.id,
              concat_ws(':', 'n', e.id, s.template, ch.channel, coalesce(r.id::text, 'reporter' || coalesce(':' || f.id, ''))),
              replace(s.subject, '${FOLLOWER_CODE}', coalesce(f."trackingCode", '')), replace(s.body, '${FOLLOWER_CODE}', coalesce(f."trackingCode", '')), 0,
              CASE WHEN ch.channel <> 'IN_CONSOLE' THEN coalesce(s.not_before, ${when}) END, CASE WHEN ch.channel = 'IN_CONSOLE' THEN ${when} END, ${when}, ${when}
         FROM (VALUES ${rows.join(', ')}) AS s(event_type, channel, template, audience, opd_id, user_id, address, subject, body, not_before)
         CROSS JOIN LATERAL (SELECT min(ev.id) AS id, min(ev."complaintId") AS "complaintId" FROM ev WHERE ev.type::text = s.event_type) e
         LEFT JOIN LATERAL (
           SELECT u.id, u."notifyBy", u.email, u.phone FROM app_user u
            WHERE u.active AND u.id IS DISTINCT FROM ${p(actorId)}::int
              AND ((s.audience = 'UNIT_HEADS' AND u."opdId" = s.opd_id AND u.role = 'UNIT_HEAD')
                OR (s.audience = 'INTAKE_ADMINS' AND u."opdId" = s.opd_id AND u.role = 'ADMIN')
                OR (s.audience = 'USER' AND u.id = s.user_id))) r ON s.audience NOT IN ('REPORTER', 'FOLLOWERS')
         LEFT JOIN LATERAL (
           SELECT d.id, ${followerAddress} AS address, d."trackingCode" FROM complaint d
            WHERE d."duplicateOfId" = e."complaintId" AND d.status = 'MERGED' AND d."notifyReporter" AND ${followerAddress} IS NOT NULL) f ON s.audience = 'FOLLOWERS'
         CROSS JOIN LATERAL unnest(CASE WHEN r.id IS NULL THEN ARRAY[s.channel] ELSE ARRAY[s.channel] || ${staffAlso} END) AS ch(channel)
        WHERE e.id IS NOT NULL AND (s.audience = 'REPORTER' OR r.id IS NOT NULL OR f.id IS NOT NULL))`,
  ];
}
