import { Arg, Ctx, Field, ID, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { Context } from '../../core/context';
import { ApiScope, Permission } from '../../auth/permissions';
import { Requires } from '../../auth/requires';
import { Channel } from '../complaints/complaint.enums';
import { ApiClient } from './api-client.entity';
import { DEFAULT_SCOPES, createApiClient, deactivateApiClient, getApiClient, listApiClients, rotateApiClientKey, updateApiClient } from './api-client.service';

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
    return listApiClients(ctx);
  }

  @Requires(Permission.USER_MANAGE)
  @Query(() => ApiClient)
  apiClient(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return getApiClient(ctx, id);
  }

  @Requires(Permission.USER_MANAGE)
  @Mutation(() => ApiClientCreated, { description: 'Register an external app with the scopes its key grants; the key is returned once.' })
  createApiClient(
    @Arg('name', () => String) name: string,
    @Arg('channel', () => Channel, { defaultValue: Channel.EXTERNAL_APP }) channel: Channel,
    @Arg('scopes', () => [ApiScope], { defaultValue: DEFAULT_SCOPES }) scopes: ApiScope[],
    @Arg('expiresAt', () => Date, { nullable: true }) expiresAt: Date | null,
    @Arg('rateLimitPerMinute', () => Int, { defaultValue: 600 }) rateLimitPerMinute: number,
    @Ctx() ctx: Context,
  ) {
    return createApiClient(ctx, name, channel, { scopes, expiresAt: expiresAt ?? null, rateLimitPerMinute });
  }

  @Requires(Permission.USER_MANAGE)
  @Mutation(() => ApiClient, { description: "Change a key's scopes, expiry or rate limit (the key itself stays)." })
  updateApiClient(
    @Arg('id', () => ID) id: string,
    @Arg('scopes', () => [ApiScope]) scopes: ApiScope[],
    @Arg('expiresAt', () => Date, { nullable: true }) expiresAt: Date | null,
    @Arg('rateLimitPerMinute', () => Int) rateLimitPerMinute: number,
    @Ctx() ctx: Context,
  ) {
    return updateApiClient(ctx, id, { scopes, expiresAt: expiresAt ?? null, rateLimitPerMinute });
  }

  @Requires(Permission.USER_MANAGE)
  @Mutation(() => ApiClientCreated, {
    description: 'A new key for the app, returned once; the old key keeps working for graceHours (0: refused at once, for a leaked key).',
  })
  rotateApiClientKey(
    @Arg('id', () => ID) id: string,
    @Arg('graceHours', () => Int, { defaultValue: 24 }) graceHours: number,
    @Arg('expiresAt', () => Date, { nullable: true }) expiresAt: Date | null,
    @Ctx() ctx: Context,
  ) {
    return rotateApiClientKey(ctx, id, graceHours, expiresAt ?? null);
  }

  @Requires(Permission.USER_MANAGE)
  @Mutation(() => ApiClient)
  deactivateApiClient(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return deactivateApiClient(ctx, id);
  }
}
