import { Arg, Args, Ctx, Field, ID, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { Permission } from '../../auth/permissions';
import { Requires } from '../../auth/requires';
import type { Context } from '../../core/context';
import { parseId } from '../../core/errors';
import { ListArgs, PageOf } from '../../core/paging';
import { Notification } from '../notifications/notification.entity';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import { WebhookEvent } from './webhook.enums';
import { deleteWebhook, registerWebhook, rotateWebhookSecret, setWebhookActive, webhookDeliveries, webhooksOf } from './webhook.service';

@ObjectType()
class WebhookRegistered {
  @Field(() => WebhookEndpoint) endpoint: WebhookEndpoint;
  @Field(() => String, { description: 'Shown once: the key of the HMAC-SHA256 signature (x-lapor-signature) of every delivery.' }) secret: string;
}

const WebhookDeliveryPage = PageOf(Notification, 'WebhookDeliveryPage');

@Resolver(() => WebhookEndpoint)
export class WebhookResolver {
  // ---------- for the app, with its key (scope webhooks:manage) ----------

  @Requires(Permission.APP_WEBHOOK_MANAGE)
  @Mutation(() => WebhookRegistered, { description: 'Register an endpoint (https) for the events it wants; its signing secret is returned once.' })
  registerWebhook(
    @Arg('url', () => String) url: string,
    @Arg('events', () => [WebhookEvent]) events: WebhookEvent[],
    @Arg('allComplaints', () => Boolean, { defaultValue: false }) allComplaints: boolean,
    @Ctx() ctx: Context,
  ) {
    return registerWebhook(ctx, ctx.client!, url, events, allComplaints);
  }

  @Requires(Permission.APP_WEBHOOK_MANAGE)
  @Query(() => [WebhookEndpoint], { description: "The calling app's endpoints." })
  webhooks(@Ctx() ctx: Context) {
    return webhooksOf(ctx, ctx.client!.id);
  }

  @Requires(Permission.APP_WEBHOOK_MANAGE)
  @Mutation(() => WebhookEndpoint)
  deleteWebhook(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return deleteWebhook(ctx, id, ctx.client!.id);
  }

  @Requires(Permission.APP_WEBHOOK_MANAGE)
  @Mutation(() => WebhookRegistered, { description: 'A new signing secret, returned once; deliveries are signed with it from now on.' })
  rotateWebhookSecret(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return rotateWebhookSecret(ctx, id, ctx.client!.id);
  }

  @Requires(Permission.APP_WEBHOOK_MANAGE)
  @Query(() => WebhookDeliveryPage, { description: "The delivery log of one of the calling app's endpoints, newest first." })
  webhookDeliveries(@Arg('endpointId', () => ID) endpointId: string, @Args(() => ListArgs) args: ListArgs, @Ctx() ctx: Context) {
    return webhookDeliveries(ctx, endpointId, ctx.client!.id, args);
  }

  // ---------- for staff managing apps (the console) ----------

  @Requires(Permission.USER_MANAGE)
  @Query(() => [WebhookEndpoint], { description: "An app's webhook endpoints." })
  apiClientWebhooks(@Arg('apiClientId', () => ID) apiClientId: string, @Ctx() ctx: Context) {
    return webhooksOf(ctx, parseId(apiClientId, 'apiClientId'));
  }

  @Requires(Permission.USER_MANAGE)
  @Query(() => WebhookDeliveryPage, { description: 'The delivery log of an endpoint, newest first.' })
  webhookDeliveryLog(@Arg('endpointId', () => ID) endpointId: string, @Args(() => ListArgs) args: ListArgs, @Ctx() ctx: Context) {
    return webhookDeliveries(ctx, endpointId, null, args);
  }

  @Requires(Permission.USER_MANAGE)
  @Mutation(() => WebhookEndpoint, { description: 'Switch an endpoint on again (failures reset) or off.' })
  setWebhookActive(@Arg('id', () => ID) id: string, @Arg('active', () => Boolean) active: boolean, @Ctx() ctx: Context) {
    return setWebhookActive(ctx, id, active);
  }
}
