import crypto from 'node:crypto';
import type pg from 'pg';
import type { DataSource } from 'typeorm';
import { ApiScope } from '../../auth/permissions';
import type { Context } from '../../core/context';
import { AppError, parseId } from '../../core/errors';
import { RateLimit } from '../../core/rate-limit';
import { actorOf, auditedCreate, auditedUpdate } from '../audit/audit.trail';
import { Channel } from '../complaints/complaint.enums';
import { ApiClient } from './api-client.entity';

const EXTERNAL_CHANNELS = [Channel.EXTERNAL_APP, Channel.SP4N_LAPOR, Channel.CALL_CENTER, Channel.SMS, Channel.WHATSAPP, Channel.SOCIAL_MEDIA, Channel.WEB];
const CACHE_MS = 30_000;
const KEY_FORMAT = /^[a-z0-9]{8}\.[A-Za-z0-9_-]{20,100}$/;
export const DEFAULT_SCOPES = [ApiScope.COMPLAINTS_SUBMIT, ApiScope.PUBLIC_READ];

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
const sameHash = (stored: string | null, key: string) => !!stored && crypto.timingSafeEqual(Buffer.from(stored), Buffer.from(sha256(key)));

function newKey(): { prefix: string; key: string } {
  const prefix = crypto.randomBytes(6).toString('hex').slice(0, 8);
  return { prefix, key: `${prefix}.${crypto.randomBytes(24).toString('base64url')}` };
}

/** Recognises `x-api-key: <prefix>.<secret>` (the current key, or the previous one within its grace period); only hashes are stored. */
export class ApiClientDirectory {
  private cache = new Map<string, { at: number; client: ApiClient | null }>();
  private limits = new Map<number, RateLimit>();

  constructor(
    private readonly db: DataSource,
    private readonly pool?: pg.Pool,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async resolve(header: unknown): Promise<ApiClient | null> {
    if (typeof header !== 'string' || !KEY_FORMAT.test(header)) {
      if (header) throw AppError.unauthenticated('Invalid API key.');
      return null;
    }
    const hit = this.cache.get(header);
    let client: ApiClient | null;
    if (hit && Date.now() - hit.at < CACHE_MS) client = hit.client;
    else {
      const [prefix] = header.split('.');
      const row = await this.db
        .getRepository(ApiClient)
        .createQueryBuilder('a')
        .where('a.active AND (a."keyPrefix" = :prefix OR a."previousKeyPrefix" = :prefix)', { prefix })
        .getOne();
      const current = !!row && row.keyPrefix === prefix && sameHash(row.keyHash, header);
      const previous = !!row && row.previousKeyPrefix === prefix && sameHash(row.previousKeyHash, header);
      client = current || previous ? row : null;
      if (this.cache.size > 1000) this.cache.clear();
      this.cache.set(header, { at: Date.now(), client });
    }
    if (!client) throw AppError.unauthenticated('Invalid API key.');
    const now = this.clock();
    if (client.expiresAt && client.expiresAt <= now) throw AppError.unauthenticated('This API key has expired; ask the administrator to rotate it.');
    if (!header.startsWith(`${client.keyPrefix}.`) && (!client.previousKeyValidUntil || client.previousKeyValidUntil <= now)) {
      throw AppError.unauthenticated('This API key was replaced by a newer one; use the new key.');
    }
    return client;
  }

  /** Counts one request against the key's own limit; RATE_LIMITED beyond it. */
  async charge(client: ApiClient): Promise<void> {
    if (!this.pool) return;
    const points = client.rateLimitPerMinute;
    let limit = this.limits.get(points);
    if (!limit) this.limits.set(points, (limit = new RateLimit(this.pool, { name: `api-key-${points}`, points, durationSeconds: 60 })));
    const wait = await limit.take(`client:${client.id}`);
    if (wait) throw RateLimit.refused(`This API key may make ${points} requests per minute; try again in ${wait} s.`, wait);
  }

  invalidate(): void {
    this.cache.clear();
  }
}

export function listApiClients(ctx: Context): Promise<ApiClient[]> {
  return ctx.db.getRepository(ApiClient).find({ order: { name: 'ASC' } });
}

export async function getApiClient(ctx: Context, id: string): Promise<ApiClient> {
  const client = await ctx.db.getRepository(ApiClient).findOneBy({ id: parseId(id) });
  if (!client) throw AppError.notFound('API client', id);
  return client;
}

export interface ApiClientOptions {
  scopes: ApiScope[];
  expiresAt: Date | null;
  rateLimitPerMinute: number;
}

function checkOptions(o: ApiClientOptions, now: Date): void {
  if (!o.scopes.length) throw AppError.field('scopes', 'choose at least one scope');
  if (o.expiresAt && o.expiresAt <= now) throw AppError.field('expiresAt', 'must be in the future');
  if (!Number.isInteger(o.rateLimitPerMinute) || o.rateLimitPerMinute < 1 || o.rateLimitPerMinute > 100_000) {
    throw AppError.field('rateLimitPerMinute', 'must be a whole number from 1 to 100000');
  }
}

/** Registers an external app; the key is returned once, only its hash is kept. */
export async function createApiClient(ctx: Context, name: string, channel: Channel, options: ApiClientOptions): Promise<{ client: ApiClient; key: string }> {
  if (name.trim().length < 2 || name.length > 200) throw AppError.field('name', 'must be 2–200 characters');
  if (!EXTERNAL_CHANNELS.includes(channel)) throw AppError.field('channel', `use one of ${EXTERNAL_CHANNELS.join(', ')}`);
  checkOptions(options, new Date());
  const { prefix, key } = newKey();
  const client = await ctx.db.transaction((tx) =>
    auditedCreate(tx, actorOf(ctx), ApiClient, () =>
      tx.getRepository(ApiClient).save({
        name: name.trim(),
        channel,
        scopes: [...new Set(options.scopes)],
        expiresAt: options.expiresAt,
        rateLimitPerMinute: options.rateLimitPerMinute,
        keyPrefix: prefix,
        keyHash: sha256(key),
      }),
    ),
  );
  return { client, key };
}

/**
 * A new key for the app; the old one keeps working for `graceHours` so the app can switch
 * without an outage (0: refused at once, for a leaked key). Rotating also renews the expiry.
 */
export async function rotateApiClientKey(ctx: Context, id: string, graceHours: number, expiresAt: Date | null): Promise<{ client: ApiClient; key: string }> {
  if (!Number.isInteger(graceHours) || graceHours < 0 || graceHours > 24 * 30) throw AppError.field('graceHours', 'must be 0 to 720 hours');
  const client = await getApiClient(ctx, id);
  if (!client.active) throw AppError.field('id', 'this API client was deactivated; register a new one');
  const now = new Date();
  if (expiresAt && expiresAt <= now) throw AppError.field('expiresAt', 'must be in the future');
  const { prefix, key } = newKey();
  Object.assign(client, {
    previousKeyPrefix: graceHours > 0 ? client.keyPrefix : null,
    previousKeyHash: graceHours > 0 ? client.keyHash : null,
    previousKeyValidUntil: graceHours > 0 ? new Date(now.getTime() + graceHours * 3600_000) : null,
    keyPrefix: prefix,
    keyHash: sha256(key),
    rotatedAt: now,
    expiresAt,
  });
  await ctx.db.transaction((tx) => auditedUpdate(tx, actorOf(ctx), ApiClient, [client.id], () => tx.getRepository(ApiClient).save(client)));
  ctx.services.apiClients.invalidate();
  return { client, key };
}

export async function updateApiClient(ctx: Context, id: string, options: ApiClientOptions): Promise<ApiClient> {
  const client = await getApiClient(ctx, id);
  checkOptions(options, new Date());
  Object.assign(client, { scopes: [...new Set(options.scopes)], expiresAt: options.expiresAt, rateLimitPerMinute: options.rateLimitPerMinute });
  await ctx.db.transaction((tx) => auditedUpdate(tx, actorOf(ctx), ApiClient, [client.id], () => tx.getRepository(ApiClient).save(client)));
  ctx.services.apiClients.invalidate();
  return client;
}

export async function deactivateApiClient(ctx: Context, id: string): Promise<ApiClient> {
  const client = await getApiClient(ctx, id);
  client.active = false;
  await ctx.db.transaction((tx) => auditedUpdate(tx, actorOf(ctx), ApiClient, [client.id], () => tx.getRepository(ApiClient).save(client)));
  ctx.services.apiClients.invalidate();
  return client;
}
