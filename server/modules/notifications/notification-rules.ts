import type { EntityManager } from 'typeorm';
import { ComplaintEventType as T } from '../complaints/complaint.enums';
import { fromWib, wibText, wibWallClock } from '../../core/wib';
import { NotificationChannel, NotificationTemplate } from './notification.enums';
import { NO_OVERRIDES, render, type EditableTemplate, type TemplateOverrides, type TemplateValues } from './notification-templates';

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
  /** Only ever in the reporter's own messages ({nama_pelapor}). */
  reporterName?: string | null;
  /** The reporter asked for no messages (the receipt and a requested access code still go). */
  notifyReporter?: boolean;
}

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
 * Who is told what about one batch of a complaint's events (issue #18, section 3), in the
 * texts of notification-templates.ts (or the superadmin's, `overrides`). Staff messages name
 * the complaint by code and title only: never the reporter, so an anonymous reporter stays
 * anonymous to the unit. Messages to the reporter carry only what the tracking page shows
 * (public texts), never internal notes or staff names.
 */
export function notificationsFor(
  c: ComplaintLike,
  events: readonly EventLike[],
  options: NoticeOptions,
  overrides: TemplateOverrides = NO_OVERRIDES,
  unitName: (opdId: number) => string | null = () => null,
): NotificationSpec[] {
  const code = c.trackingCode;
  const link = options.trackingUrl.replaceAll('{kode}', encodeURIComponent(code));
  const out: NotificationSpec[] = [];
  const staff = (e: EventLike, template: EditableTemplate, audience: Audience, values: TemplateValues = {}) =>
    out.push({
      eventType: e.type,
      channel: NotificationChannel.IN_CONSOLE,
      template,
      audience,
      ...render(template, { kode: code, judul: c.title, ...values }, overrides),
    });
  const reporterChannels = (): [NotificationChannel, string][] => [
    ...(options.email && c.reporterEmail ? [[NotificationChannel.EMAIL, c.reporterEmail] as [NotificationChannel, string]] : []),
    ...(options.phone && c.reporterPhone ? [[options.phone, c.reporterPhone] as [NotificationChannel, string]] : []),
  ];
  const reporter = (e: EventLike, template: EditableTemplate, values: TemplateValues = {}, always = false) => {
    if (!always && c.notifyReporter === false) return;
    const channels = reporterChannels();
    if (!channels.length) return;
    const text = render(template, { kode: code, judul: c.title, tautan: link, nama_pelapor: c.reporterName, ...values }, overrides);
    for (const [channel, address] of channels) {
      const audience: Audience = { kind: 'REPORTER', address };
      out.push({ eventType: e.type, channel, template, audience, ...text, quiet: !always });
    }
  };
  const holder: Audience =
    c.currentOpdId != null && AT_UNIT.has(c.status ?? '') ? { kind: 'UNIT_HEADS', opdId: c.currentOpdId } : { kind: 'INTAKE_ADMINS', opdId: c.intakeOpdId };
  for (const e of events) {
    const said = e.public ? e.message : null;
    switch (e.type) {
      case T.SUBMITTED:
        reporter(e, NotificationTemplate.RECEIVED_TO_REPORTER, { kode_akses: e.secret ? secretIn(e.secret) : null }, true);
        break;
      case T.VERIFIED:
        reporter(e, NotificationTemplate.VERIFIED_TO_REPORTER, { pesan: said });
        break;
      case T.FORWARDED: {
        if (e.toOpdId == null) break;
        staff(
          e,
          NotificationTemplate.FORWARDED_TO_UNIT,
          { kind: 'UNIT_HEADS', opdId: e.toOpdId },
          {
            batas: wibText(e.data?.responseDueAt as string | undefined),
            instruksi: e.internalNote,
          },
        );
        reporter(e, NotificationTemplate.FORWARDED_TO_REPORTER, { pesan: said ?? 'diteruskan ke unit yang berwenang.' });
        break;
      }
      case T.ESCALATED:
        if (e.toOpdId == null) break;
        staff(
          e,
          NotificationTemplate.ESCALATED_TO_UNIT,
          { kind: 'UNIT_HEADS', opdId: e.toOpdId },
          { unit: c.currentOpdId != null ? unitName(c.currentOpdId) : null },
        );
        break;
      case T.OVERDUE:
        staff(e, NotificationTemplate.OVERDUE_TO_UNIT, holder);
        break;
      case T.ASSIGNED: {
        const userId = Number(e.data?.assigneeId);
        if (!Number.isInteger(userId)) break;
        staff(e, NotificationTemplate.ASSIGNED_TO_STAFF, { kind: 'USER', userId });
        break;
      }
      case T.RETURNED:
        staff(e, NotificationTemplate.RETURNED_TO_INTAKE, { kind: 'INTAKE_ADMINS', opdId: c.intakeOpdId }, { alasan: e.message });
        break;
      case T.PROGRESS:
        if (said) reporter(e, NotificationTemplate.PROGRESS_TO_REPORTER, { pesan: said });
        break;
      case T.INFO_REQUESTED:
        reporter(e, NotificationTemplate.QUESTION_TO_REPORTER, { pesan: said ?? e.message });
        break;
      case T.REPORTER_REPLIED:
        staff(e, NotificationTemplate.REPLIED_TO_STAFF, c.assigneeId != null && AT_UNIT.has(c.status ?? '') ? { kind: 'USER', userId: c.assigneeId } : holder, {
          pesan: e.message,
        });
        break;
      case T.RATED: {
        const rating = Number(e.data?.rating);
        if (rating <= LOW_RATING) {
          staff(e, NotificationTemplate.RATED_LOW_TO_INTAKE, { kind: 'INTAKE_ADMINS', opdId: c.intakeOpdId }, { nilai: String(rating), komentar: e.message });
        }
        break;
      }
      case T.REOPENED: {
        const unit = e.toOpdId ?? c.currentOpdId;
        if (unit != null) staff(e, NotificationTemplate.REOPENED_TO_UNIT, { kind: 'UNIT_HEADS', opdId: unit }, { alasan: e.message });
        staff(e, NotificationTemplate.REOPENED_TO_UNIT, { kind: 'INTAKE_ADMINS', opdId: c.intakeOpdId }, { alasan: e.message });
        break;
      }
      case T.RESPONDED: {
        staff(e, NotificationTemplate.ANSWERED_TO_INTAKE, { kind: 'INTAKE_ADMINS', opdId: c.intakeOpdId });
        // A merged duplicate's reporter follows the original: told of the answer like its own reporter.
        const followers = render(
          NotificationTemplate.ANSWERED_TO_FOLLOWER,
          { kode_pelapor: FOLLOWER_CODE, kode: code, judul: c.title, pesan: e.message, tautan: options.trackingUrl.replaceAll('{kode}', FOLLOWER_CODE) },
          overrides,
        );
        for (const channel of [options.email ? NotificationChannel.EMAIL : null, options.phone ?? null]) {
          if (!channel) continue;
          out.push({
            eventType: e.type,
            channel,
            template: NotificationTemplate.ANSWERED_TO_FOLLOWER,
            audience: { kind: 'FOLLOWERS' },
            ...followers,
            quiet: true,
          });
        }
        reporter(e, NotificationTemplate.ANSWERED_TO_REPORTER, { pesan: e.message });
        break;
      }
      case T.ACCESS_CODE_RENEWED:
        if (!e.secret) break;
        reporter(e, NotificationTemplate.ACCESS_CODE_TO_REPORTER, { kode_akses: secretIn(e.secret) }, true);
        break;
      case T.CLOSED:
      case T.AUTO_CLOSED:
        reporter(e, NotificationTemplate.CLOSED_TO_REPORTER, { pesan: said });
        break;
      default:
        break;
    }
  }
  return out;
}

/**
 * The channels besides the console a staff member's message also goes by (SQL, `u` an
 * app_user row): each one they chose, or the superadmin's defaults while they never chose
 * (notifyBy NULL), that is configured (`configured`, a text[] parameter) and reaches them.
 * Read in the statement that writes the message, so a change of either counts at once.
 */
export function staffChannelsSql(u: string, configured: string): string {
  const chosen = `coalesce(${u}."notifyBy", (SELECT s."defaultStaffChannels" FROM notification_settings s WHERE s.id = 1), '{}')`;
  return `ARRAY(SELECT x FROM unnest(${chosen}) x WHERE x = ANY(${configured}::text[]) AND CASE WHEN x = 'EMAIL' THEN ${u}.email ELSE ${u}.phone END IS NOT NULL)`;
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
  const staffAlso = staffChannelsSql('r', p(staffChannels));
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

/** A staff message no complaint event causes: a desk invitation, a deadline reminder, a daily digest. */
export interface StaffNotice {
  template: NotificationTemplate;
  audience: { kind: 'UNIT_HEADS'; opdId: number } | { kind: 'USER'; userId: number };
  /** Names the message; with the channel and the recipient it is the row's dedupe key, so a notice written twice is written once. */
  key: string;
  complaintId?: number | null;
  deskId?: number | null;
  subject: string;
  body: string;
}

/**
 * Writes staff notices (and each recipient's other channels, as outboxSteps does) once:
 * a notice whose dedupe key exists is skipped, and ON CONFLICT settles two processes writing
 * the same one at once. Returns how many rows were written.
 */
export async function writeStaffNotices(
  q: Pick<EntityManager, 'query'>,
  notices: readonly StaffNotice[],
  at: Date,
  staffChannels: readonly NotificationChannel[],
  actorId: number | null = null,
): Promise<number> {
  if (!notices.length) return 0;
  const params: unknown[] = [];
  const p = (v: unknown) => `$${params.push(v)}`;
  const rows = notices.map((n) => {
    const a = n.audience;
    return `(${p(n.template)}::text, ${p(a.kind)}::text, ${p(a.kind === 'UNIT_HEADS' ? a.opdId : null)}::int, ${p(a.kind === 'USER' ? a.userId : null)}::int, ${p(n.key)}::text, ${p(n.complaintId ?? null)}::int, ${p(n.deskId ?? null)}::int, ${p(n.subject)}::text, ${p(n.body)}::text)`;
  });
  const when = `${p(at)}::timestamptz`;
  const written = await q.query<{ id: number }[]>(
    `INSERT INTO notification (channel, status, template, "recipientUserId", "complaintId", "deskId", "dedupeKey", subject, body, attempts, "nextAttemptAt", "sentAt", "createdAt", "updatedAt")
     SELECT ch.channel, CASE WHEN ch.channel = 'IN_CONSOLE' THEN 'SENT' ELSE 'PENDING' END, s.template, r.id, s.complaint_id, s.desk_id, k.key, s.subject, s.body, 0,
            CASE WHEN ch.channel <> 'IN_CONSOLE' THEN ${when} END, CASE WHEN ch.channel = 'IN_CONSOLE' THEN ${when} END, ${when}, ${when}
       FROM (VALUES ${rows.join(', ')}) AS s(template, audience, opd_id, user_id, key, complaint_id, desk_id, subject, body)
       JOIN LATERAL (
         SELECT u.id, u."notifyBy", u.email, u.phone FROM app_user u
          WHERE u.active AND u.id IS DISTINCT FROM ${p(actorId)}::int
            AND ((s.audience = 'UNIT_HEADS' AND u."opdId" = s.opd_id AND u.role = 'UNIT_HEAD') OR (s.audience = 'USER' AND u.id = s.user_id))) r ON true
       CROSS JOIN LATERAL unnest(ARRAY['IN_CONSOLE'] || ${staffChannelsSql('r', p(staffChannels))}) AS ch(channel)
       CROSS JOIN LATERAL (SELECT concat_ws(':', s.key, ch.channel, r.id) AS key) k
      -- Skipped before it is tried: a conflict would still use up a value of the id sequence.
      WHERE NOT EXISTS (SELECT 1 FROM notification x WHERE x."dedupeKey" = k.key)
     ON CONFLICT ("dedupeKey") DO NOTHING
     RETURNING id`,
    params,
  );
  return written.length;
}
