import { Arg, Args, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../core/context';
import { ListArgs, PageOf } from '../../core/paging';
import { Permission } from '../../auth/permissions';
import { Requires } from '../../auth/requires';
import { Notification } from './notification.entity';
import { NotificationFilter } from './notification.inputs';
import { maskedBody } from './notification-rules';
import {
  listNotifications,
  markNotificationsRead,
  myNotificationPreferences,
  myNotifications,
  retryNotifications,
  setMyDailyDigest,
  setMyNotificationChannels,
  unreadNotificationCount,
} from './notification.service';
import { NotificationChannel } from './notification.enums';

@ObjectType({ description: 'Where a staff member’s notifications go besides the console.' })
class NotificationPreferences {
  @Field(() => [NotificationChannel], { description: 'The channels this server has configured.' })
  available: NotificationChannel[];

  @Field(() => [NotificationChannel], { description: 'Their own choice, or the defaults while they never chose.' })
  chosen: NotificationChannel[];

  @Field(() => Boolean, { description: 'They never chose (or went back): the superadmin’s defaults apply and follow their changes.' })
  usesDefault: boolean;

  @Field(() => [NotificationChannel], { description: 'The superadmin’s default channels for staff.' })
  defaults: NotificationChannel[];

  @Field(() => Boolean)
  hasEmail: boolean;

  @Field(() => Boolean)
  hasPhone: boolean;

  @Field(() => Boolean, { description: 'The viewer may ask for a daily digest (unit heads).' })
  digestAvailable: boolean;

  @Field(() => Boolean, { description: 'A daily digest of the unit’s open and overdue complaints, at the configured WIB hour.' })
  dailyDigest: boolean;
}

const NotificationPage = PageOf(Notification, 'NotificationPage');

@Resolver(() => Notification)
export class NotificationResolver {
  @FieldResolver(() => String, { description: 'The text as sent; an access code in it never shows.' })
  body(@Root() n: Notification) {
    return maskedBody(n.body);
  }

  @Requires(Permission.AUTHENTICATED)
  @Query(() => NotificationPage, { description: 'The viewer’s notification centre (console messages), newest first.' })
  myNotifications(@Arg('unreadOnly', () => Boolean, { defaultValue: false }) unreadOnly: boolean, @Args(() => ListArgs) args: ListArgs, @Ctx() ctx: Context) {
    return myNotifications(ctx, unreadOnly, args);
  }

  @Requires(Permission.AUTHENTICATED)
  @Query(() => Int, { description: 'How many of the viewer’s console notifications are unread.' })
  unreadNotificationCount(@Ctx() ctx: Context) {
    return unreadNotificationCount(ctx);
  }

  @Requires(Permission.AUTHENTICATED)
  @Mutation(() => Int, { description: 'Marks the viewer’s notifications read (all of them when `ids` is omitted); returns how many changed.' })
  markNotificationsRead(@Arg('ids', () => [ID], { nullable: true }) ids: string[] | null, @Ctx() ctx: Context) {
    return markNotificationsRead(ctx, ids);
  }

  @Requires(Permission.AUTHENTICATED)
  @Query(() => NotificationPreferences, { description: 'Where the viewer’s notifications go besides the console.' })
  myNotificationPreferences(@Ctx() ctx: Context) {
    return myNotificationPreferences(ctx);
  }

  @Requires(Permission.AUTHENTICATED)
  @Mutation(() => NotificationPreferences, {
    description:
      'The viewer chooses channels besides the console (e-mail, WhatsApp, SMS): each must be configured and reach them; null goes back to the superadmin’s defaults.',
  })
  setMyNotificationChannels(@Arg('channels', () => [NotificationChannel], { nullable: true }) channels: NotificationChannel[] | null, @Ctx() ctx: Context) {
    return setMyNotificationChannels(ctx, channels);
  }

  @Requires(Permission.AUTHENTICATED)
  @Mutation(() => NotificationPreferences, { description: 'A unit head asks for (or stops) a daily digest of the unit’s open and overdue complaints.' })
  setMyDailyDigest(@Arg('enabled', () => Boolean) enabled: boolean, @Ctx() ctx: Context) {
    return setMyDailyDigest(ctx, enabled);
  }

  @Requires(Permission.NOTIFICATION_MANAGE)
  @Query(() => NotificationPage, { description: 'Every notification on every channel, newest first unless sorted otherwise.' })
  notifications(
    @Arg('filter', () => NotificationFilter, { nullable: true }) filter: NotificationFilter | null,
    @Args(() => ListArgs) args: ListArgs,
    @Ctx() ctx: Context,
  ) {
    return listNotifications(ctx, filter, args);
  }

  @Requires(Permission.NOTIFICATION_MANAGE)
  @Mutation(() => [Notification], { description: 'Sends failed or dead notifications again (others are left alone); returns those queued.' })
  retryNotifications(@Arg('ids', () => [ID]) ids: string[], @Ctx() ctx: Context) {
    return retryNotifications(ctx, ids);
  }
}
