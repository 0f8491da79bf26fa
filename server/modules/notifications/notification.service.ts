import type { EntityManager } from 'typeorm';
import type { NotificationsConfig } from '../../config';
import { Role } from '../../auth/roles';
import type { Context } from '../../core/context';
import { escapeLike } from '../../core/crud';
import { AppError, parseId } from '../../core/errors';
import { fetchPage, SortOrder, type ListArgs, type Page } from '../../core/paging';
import { Notification } from './notification.entity';
import { NotificationChannel, NotificationStatus } from './notification.enums';
import type { NotificationFilter } from './notification.inputs';

const SORTABLE = { createdAt: 'n.createdAt', status: 'n.status', channel: 'n.channel', attempts: 'n.attempts', nextAttemptAt: 'n.nextAttemptAt' };

function me(ctx: Context): number {
  if (!ctx.viewer) throw AppError.unauthenticated();
  return ctx.viewer.userId;
}

/** The viewer's notification centre: their console messages, newest first. */
export function myNotifications(ctx: Context, unreadOnly: boolean, args: ListArgs): Promise<Page<Notification>> {
  const qb = ctx.db
    .getRepository(Notification)
    .createQueryBuilder('n')
    .where('n.recipientUserId = :me AND n.channel = :channel', { me: me(ctx), channel: NotificationChannel.IN_CONSOLE });
  if (unreadOnly) qb.andWhere('n.readAt IS NULL');
  return fetchPage(qb, { ...args, sortField: 'createdAt', sortOrder: SortOrder.DESC }, { createdAt: 'n.createdAt' });
}

export async function unreadNotificationCount(ctx: Context): Promise<number> {
  const [{ n }] = await ctx.db.query(`SELECT count(*)::int AS n FROM notification WHERE "recipientUserId" = $1 AND channel = $2 AND "readAt" IS NULL`, [
    me(ctx),
    NotificationChannel.IN_CONSOLE,
  ]);
  return n;
}

/** Marks the viewer's own notifications read (all of them without `ids`); how many changed. */
export async function markNotificationsRead(ctx: Context, ids: readonly string[] | null | undefined): Promise<number> {
  const params: unknown[] = [me(ctx), new Date()];
  let only = '';
  if (ids) {
    params.push(ids.map((id, i) => parseId(id, `ids.${i}`)));
    only = ' AND id = ANY($3::int[])';
  }
  const [, count] = await ctx.db.query(`UPDATE notification SET "readAt" = $2 WHERE "recipientUserId" = $1 AND "readAt" IS NULL${only}`, params);
  return count;
}

/** Every notification on every channel (the superadmin follows deliveries). */
export function listNotifications(ctx: Context, filter: NotificationFilter | null | undefined, args: ListArgs): Promise<Page<Notification>> {
  const qb = ctx.db.getRepository(Notification).createQueryBuilder('n');
  const f = filter ?? {};
  if (f.ids) qb.andWhere('n.id = ANY(:ids)', { ids: f.ids.map((id, i) => parseId(id, `filter.ids.${i}`)) });
  if (f.q) qb.andWhere('n.subject ILIKE :q', { q: `%${escapeLike(f.q)}%` });
  if (f.status?.length) qb.andWhere('n.status IN (:...status)', { status: f.status });
  if (f.channel) qb.andWhere('n.channel = :channel', { channel: f.channel });
  if (f.complaintId) qb.andWhere('n.complaintId = :complaintId', { complaintId: parseId(f.complaintId, 'filter.complaintId') });
  return fetchPage(qb, { ...args, sortField: args.sortField ?? 'createdAt', sortOrder: args.sortOrder ?? SortOrder.DESC }, SORTABLE);
}

/** Failed or dead messages go back to the dispatcher at once, with a fresh count of attempts. */
export async function retryNotifications(ctx: Context, ids: readonly string[]): Promise<Notification[]> {
  const keys = ids.map((id, i) => parseId(id, `ids.${i}`));
  const [rows] = await ctx.db.query(
    `UPDATE notification SET status = $2, attempts = 0, "nextAttemptAt" = $3, "updatedAt" = $3
      WHERE id = ANY($1::int[]) AND status IN ($4, $5) RETURNING id`,
    [keys, NotificationStatus.PENDING, new Date(), NotificationStatus.FAILED, NotificationStatus.DEAD],
  );
  const changed = (rows as { id: number }[]).map((r) => r.id);
  return changed.length ? ctx.db.getRepository(Notification).find({ where: changed.map((id) => ({ id })), order: { id: 'ASC' } }) : [];
}

/** The channels besides the console this server has configured (each one without configuration is off). */
export function configuredChannels(n: NotificationsConfig): NotificationChannel[] {
  return [...(n.smtp ? [NotificationChannel.EMAIL] : []), ...(n.whatsapp ? [NotificationChannel.WHATSAPP] : []), ...(n.sms ? [NotificationChannel.SMS] : [])];
}

/** The channels besides the console of staff who never chose their own (the superadmin's choice). */
export async function defaultStaffChannels(q: Pick<EntityManager, 'query'>): Promise<NotificationChannel[]> {
  const [row] = await q.query<{ defaultStaffChannels: string[] }[]>(`SELECT "defaultStaffChannels" FROM notification_settings WHERE id = 1`);
  return (row?.defaultStaffChannels ?? []) as NotificationChannel[];
}

export async function myNotificationPreferences(ctx: Context) {
  const [u] = await ctx.db.query(
    `SELECT "notifyBy", "dailyDigest", role, email IS NOT NULL AS "hasEmail", phone IS NOT NULL AS "hasPhone" FROM app_user WHERE id = $1`,
    [me(ctx)],
  );
  const defaults = await defaultStaffChannels(ctx.db);
  const usesDefault = u?.notifyBy == null;
  return {
    available: configuredChannels(ctx.services.config.notifications),
    chosen: (usesDefault ? defaults : u.notifyBy) as NotificationChannel[],
    usesDefault,
    defaults,
    hasEmail: !!u?.hasEmail,
    hasPhone: !!u?.hasPhone,
    digestAvailable: u?.role === Role.UNIT_HEAD,
    dailyDigest: u?.role === Role.UNIT_HEAD && !!u?.dailyDigest,
  };
}

/**
 * A staff member chooses where their notifications also go; each channel must be on and reach
 * them. Null: back to the superadmin's defaults, as for someone who never chose.
 */
export async function setMyNotificationChannels(ctx: Context, channels: NotificationChannel[] | null) {
  const current = await myNotificationPreferences(ctx);
  const chosen = channels ? [...new Set(channels)] : null;
  for (const c of chosen ?? []) {
    if (c === NotificationChannel.IN_CONSOLE) throw AppError.field('channels', 'the console always receives them; choose e-mail, WhatsApp or SMS');
    if (!current.available.includes(c)) throw AppError.field('channels', `${c} is not configured on this server`);
    if (c === NotificationChannel.EMAIL && !current.hasEmail)
      throw AppError.field('channels', 'your account has no e-mail address; ask an administrator to add it');
    if (c !== NotificationChannel.EMAIL && !current.hasPhone)
      throw AppError.field('channels', 'your account has no phone number; ask an administrator to add it');
  }
  await ctx.db.query(`UPDATE app_user SET "notifyBy" = $2 WHERE id = $1`, [me(ctx), chosen]);
  return { ...current, chosen: chosen ?? current.defaults, usesDefault: chosen == null };
}

/** A unit head asks for (or stops) the daily digest of their unit's open and overdue complaints. */
export async function setMyDailyDigest(ctx: Context, enabled: boolean) {
  const current = await myNotificationPreferences(ctx);
  if (enabled && !current.digestAvailable) throw AppError.field('enabled', 'the daily digest is for unit heads');
  await ctx.db.query(`UPDATE app_user SET "dailyDigest" = $2 WHERE id = $1`, [me(ctx), enabled]);
  return { ...current, dailyDigest: enabled };
}
