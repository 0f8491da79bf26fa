import crypto from 'node:crypto';
import { ApiScope } from '../../auth/permissions';
import type { Context } from '../../core/context';
import { AppError, parseId } from '../../core/errors';
import { checkPaging, type ListArgs, type Page } from '../../core/paging';
import { ApiClient } from '../api-clients/api-client.entity';
import { Notification } from '../notifications/notification.entity';
import { NotificationChannel } from '../notifications/notification.enums';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import { WebhookEvent } from './webhook.enums';

const MAX_ENDPOINTS_PER_APP = 10;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** HTTPS only; plain HTTP to this machine only in test and development mode (a local receiver). */
export function checkWebhookUrl(raw: string, mode: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw AppError.field('url', 'must be an absolute URL such as https://app.example.id/lapor-webhook');
  }
  const local = url.protocol === 'http:' && LOOPBACK.has(url.hostname) && (mode === 'test' || mode === 'development');
  if (url.protocol !== 'https:' && !local) throw AppError.field('url', 'must use https://');
  if (url.username || url.password) throw AppError.field('url', 'must not carry a user name or password');
  if (url.href.length > 500) throw AppError.field('url', 'must be at most 500 characters');
  return url.href;
}

const newSecret = () => `whsec_${crypto.randomBytes(32).toString('base64url')}`;

/** Who may change an endpoint: the app that owns it (its key), or staff managing apps (owner null). */
async function endpointOf(ctx: Context, id: string, owner: number | null): Promise<WebhookEndpoint> {
  const endpoint = await ctx.db.getRepository(WebhookEndpoint).findOneBy({ id: parseId(id) });
  if (!endpoint || (owner != null && endpoint.apiClientId !== owner)) throw AppError.notFound('Webhook endpoint', id);
  return endpoint;
}

export async function registerWebhook(
  ctx: Context,
  client: ApiClient,
  url: string,
  events: WebhookEvent[],
  allComplaints: boolean,
): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
  const href = checkWebhookUrl(url, ctx.services.config.mode);
  if (!events.length) throw AppError.field('events', 'choose at least one event');
  if (allComplaints && !client.scopes.includes(ApiScope.PUBLIC_READ)) {
    throw AppError.field('allComplaints', 'following every complaint needs the public:read scope; without it, only your own submissions');
  }
  const repo = ctx.db.getRepository(WebhookEndpoint);
  if ((await repo.countBy({ apiClientId: client.id })) >= MAX_ENDPOINTS_PER_APP) {
    throw AppError.field('url', `an app may register at most ${MAX_ENDPOINTS_PER_APP} endpoints; delete one first`);
  }
  const secret = newSecret();
  const endpoint = await repo.save(repo.create({ apiClientId: client.id, url: href, events: [...new Set(events)], allComplaints, secret }));
  return { endpoint, secret };
}

export function webhooksOf(ctx: Context, apiClientId: number): Promise<WebhookEndpoint[]> {
  return ctx.db.getRepository(WebhookEndpoint).find({ where: { apiClientId }, order: { id: 'ASC' } });
}

export async function deleteWebhook(ctx: Context, id: string, owner: number): Promise<WebhookEndpoint> {
  const endpoint = await endpointOf(ctx, id, owner);
  // Its delivery log (outbox rows) stays; queued deliveries are given up when next tried.
  await ctx.db.getRepository(WebhookEndpoint).delete({ id: endpoint.id });
  return endpoint;
}

export async function rotateWebhookSecret(ctx: Context, id: string, owner: number): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
  const endpoint = await endpointOf(ctx, id, owner);
  endpoint.secret = newSecret();
  await ctx.db.getRepository(WebhookEndpoint).save(endpoint);
  return { endpoint, secret: endpoint.secret };
}

/** Staff switch an endpoint on again (after the app fixed it) or off. */
export async function setWebhookActive(ctx: Context, id: string, active: boolean): Promise<WebhookEndpoint> {
  const endpoint = await endpointOf(ctx, id, null);
  Object.assign(
    endpoint,
    active
      ? { active, consecutiveFailures: 0, disabledAt: null, disabledReason: null }
      : { active, disabledAt: new Date(), disabledReason: 'disabled by an administrator' },
  );
  return ctx.db.getRepository(WebhookEndpoint).save(endpoint);
}

/** The delivery log of one endpoint, newest first: the outbox rows sent (or still to send) to it. */
export async function webhookDeliveries(ctx: Context, id: string, owner: number | null, args: ListArgs): Promise<Page<Notification>> {
  const endpoint = await endpointOf(ctx, id, owner);
  const { offset, limit } = checkPaging(args);
  const [items, total] = await ctx.db.getRepository(Notification).findAndCount({
    where: { channel: NotificationChannel.WEBHOOK, recipientAddress: String(endpoint.id) },
    order: { id: 'DESC' },
    skip: offset,
    take: limit,
  });
  return { items, total };
}
