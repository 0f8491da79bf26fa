import crypto from 'node:crypto';
import { Arg, Ctx, Field, ID, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { DataSource } from 'typeorm';
import type { Context } from '../../core/context';
import { AppError, parseId } from '../../core/errors';
import { Permission } from '../../auth/permissions';
import { Requires } from '../../auth/requires';
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

@ObjectType()
class ApiClientCreated {
  @Field(() => ApiClient) client: ApiClient;
  @Field(() => String, { description: 'Shown once: send it as the `x-api-key` header.' }) key: string;
}

@Resolver(() => ApiClient)
export class ApiClientResolver {
  @Requires(Permission.USER_MANAGE)
  @Query(() => [ApiClient])
  apiClients(@Ctx() ctx: Context) {
    return ctx.db.getRepository(ApiClient).find({ order: { name: 'ASC' } });
  }

  @Requires(Permission.USER_MANAGE)
  @Mutation(() => ApiClientCreated, { description: 'Register an external app; its key is returned once.' })
  async createApiClient(
    @Arg('name', () => String) name: string,
    @Arg('channel', () => Channel, { defaultValue: Channel.EXTERNAL_APP }) channel: Channel,
    @Ctx() ctx: Context,
  ) {
    if (name.trim().length < 2 || name.length > 200) throw AppError.field('name', 'must be 2–200 characters');
    if (!EXTERNAL_CHANNELS.includes(channel)) throw AppError.field('channel', `use one of ${EXTERNAL_CHANNELS.join(', ')}`);
    const prefix = crypto.randomBytes(6).toString('hex').slice(0, 8);
    const key = `${prefix}.${crypto.randomBytes(24).toString('base64url')}`;
    const client = await ctx.db.getRepository(ApiClient).save({ name: name.trim(), channel, keyPrefix: prefix, keyHash: sha256(key) });
    return { client, key };
  }

  @Requires(Permission.USER_MANAGE)
  @Mutation(() => ApiClient)
  async deactivateApiClient(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    const repo = ctx.db.getRepository(ApiClient);
    const client = await repo.findOneBy({ id: parseId(id) });
    if (!client) throw AppError.notFound('API client', id);
    client.active = false;
    await repo.save(client);
    ctx.services.apiClients.invalidate();
    return client;
  }
}
