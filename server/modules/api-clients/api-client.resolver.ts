import { Arg, Ctx, Field, ID, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { Context } from '../../core/context';
import { Permission } from '../../auth/permissions';
import { Requires } from '../../auth/requires';
import { Channel } from '../complaints/complaint.enums';
import { ApiClient } from './api-client.entity';
import { createApiClient, deactivateApiClient, listApiClients } from './api-client.service';

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
  @Mutation(() => ApiClientCreated, { description: 'Register an external app; its key is returned once.' })
  createApiClient(
    @Arg('name', () => String) name: string,
    @Arg('channel', () => Channel, { defaultValue: Channel.EXTERNAL_APP }) channel: Channel,
    @Ctx() ctx: Context,
  ) {
    return createApiClient(ctx, name, channel);
  }

  @Requires(Permission.USER_MANAGE)
  @Mutation(() => ApiClient)
  deactivateApiClient(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return deactivateApiClient(ctx, id);
  }
}
