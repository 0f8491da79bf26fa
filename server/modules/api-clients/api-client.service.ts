import crypto from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Context } from '../../core/context';
import { AppError, parseId } from '../../core/errors';
import { actorOf, auditedCreate, auditedUpdate } from '../audit/audit.trail';
import { Channel } from '../complaints/complaint.enums';
import { ApiClient } from './api-client.entity';

const EXTERNAL_CHANNELS = [Channel.EXTERNAL_APP, Channel.SP4N_LAPOR, Channel.CALL_CENTER, Channel.SMS, Channel.WHATSAPP, Channel.SOCIAL_MEDIA, Channel.WEB];
const CACHE_MS = 30_000;

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

/** Recognises `x-api-key: <prefix>.<secret>`; only a hash of the key is stored. */
export class ApiClientDirectory {
  private cache = new Map<string, { at: number; client: ApiClient | null }>();

  constructor(private readonly db: DataSource) {}

  async resolve(header: unknown): Promise<ApiClient | null> {
    if (typeof header !== 'string' || !/^[a-z0-9]{8}\.[A-Za-z0-9_-]{20,100}$/.test(header)) {
      if (header) throw AppError.unauthenticated('Invalid API key.');
      return null;
    }
    const hit = this.cache.get(header);
    if (hit && Date.now() - hit.at < CACHE_MS) {
      if (!hit.client) throw AppError.unauthenticated('Invalid API key.');
      return hit.client;
    }
    const [prefix] = header.split('.');
    const row = await this.db.getRepository(ApiClient).findOneBy({ keyPrefix: prefix, active: true });
    const ok = !!row && crypto.timingSafeEqual(Buffer.from(row.keyHash), Buffer.from(sha256(header)));
    if (this.cache.size > 1000) this.cache.clear();
    this.cache.set(header, { at: Date.now(), client: ok ? row : null });
    if (!ok) throw AppError.unauthenticated('Invalid API key.');
    return row;
  }

  invalidate(): void {
    this.cache.clear();
  }
}

export function listApiClients(ctx: Context): Promise<ApiClient[]> {
  return ctx.db.getRepository(ApiClient).find({ order: { name: 'ASC' } });
}

/** Registers an external app; the key is returned once, only its hash is kept. */
export async function createApiClient(ctx: Context, name: string, channel: Channel): Promise<{ client: ApiClient; key: string }> {
  if (name.trim().length < 2 || name.length > 200) throw AppError.field('name', 'must be 2–200 characters');
  if (!EXTERNAL_CHANNELS.includes(channel)) throw AppError.field('channel', `use one of ${EXTERNAL_CHANNELS.join(', ')}`);
  const prefix = crypto.randomBytes(6).toString('hex').slice(0, 8);
  const key = `${prefix}.${crypto.randomBytes(24).toString('base64url')}`;
  const client = await ctx.db.transaction((tx) =>
    auditedCreate(tx, actorOf(ctx), ApiClient, () => tx.getRepository(ApiClient).save({ name: name.trim(), channel, keyPrefix: prefix, keyHash: sha256(key) })),
  );
  return { client, key };
}

export async function deactivateApiClient(ctx: Context, id: string): Promise<ApiClient> {
  const client = await ctx.db.getRepository(ApiClient).findOneBy({ id: parseId(id) });
  if (!client) throw AppError.notFound('API client', id);
  client.active = false;
  await ctx.db.transaction((tx) => auditedUpdate(tx, actorOf(ctx), ApiClient, [client.id], () => tx.getRepository(ApiClient).save(client)));
  ctx.services.apiClients.invalidate();
  return client;
}
