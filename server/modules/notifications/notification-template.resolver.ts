import { Arg, Ctx, Field, Mutation, ObjectType, Query, registerEnumType, Resolver } from 'type-graphql';
import type { Context } from '../../core/context';
import { Permission } from '../../auth/permissions';
import { Requires } from '../../auth/requires';
import { NotificationTemplateInput } from './notification-template.inputs';
import {
  listTemplates,
  notificationSettings,
  previewTemplate,
  resetTemplate,
  setDefaultStaffChannels,
  templateView,
  updateTemplate,
} from './notification-template.service';
import { TemplateAudience } from './notification-templates';
import { NotificationChannel, NotificationTemplate } from './notification.enums';

registerEnumType(TemplateAudience, { name: 'NotificationAudience', description: 'Who reads a template’s messages.' });

@ObjectType({ description: 'A placeholder a notification template may name, e.g. {kode}.' })
class NotificationPlaceholder {
  @Field(() => String, { description: 'Its name, without the braces.' })
  name: string;

  @Field(() => Boolean, { description: 'An edited text must keep it.' })
  required: boolean;

  @Field(() => String, { description: 'The example value the preview uses.' })
  sample: string;
}

@ObjectType({ description: 'A notification template’s text now (the superadmin’s or the built-in one) and the built-in text.' })
class NotificationTemplateText {
  @Field(() => NotificationTemplate)
  template: NotificationTemplate;

  @Field(() => TemplateAudience)
  audience: TemplateAudience;

  @Field(() => String)
  subject: string;

  @Field(() => String)
  body: string;

  @Field(() => String)
  defaultSubject: string;

  @Field(() => String)
  defaultBody: string;

  @Field(() => Boolean, { description: 'The superadmin’s text replaces the built-in one.' })
  customized: boolean;

  @Field(() => [NotificationPlaceholder], { description: 'The only placeholders its text may name; staff templates never have the reporter’s identity.' })
  placeholders: NotificationPlaceholder[];

  @Field(() => Date, { nullable: true, description: 'When the superadmin last saved it.' })
  updatedAt: Date | null;
}

@ObjectType({ description: 'A template’s message as it would read, with example values.' })
class NotificationPreview {
  @Field(() => String)
  subject: string;

  @Field(() => String)
  body: string;
}

@ObjectType('NotificationSettings', { description: 'Notification settings the superadmin keeps.' })
class NotificationSettingsView {
  @Field(() => [NotificationChannel], { description: 'Where staff who never chose their own channels are also told, besides the console.' })
  defaultStaffChannels: NotificationChannel[];

  @Field(() => [NotificationChannel], { description: 'The channels this server has configured.' })
  available: NotificationChannel[];
}

@Resolver()
export class NotificationTemplateResolver {
  @Requires(Permission.NOTIFICATION_CONFIGURE)
  @Query(() => [NotificationTemplateText], { description: 'Every notification template with its text.' })
  notificationTemplates(@Ctx() ctx: Context) {
    return listTemplates(ctx);
  }

  @Requires(Permission.NOTIFICATION_CONFIGURE)
  @Query(() => NotificationTemplateText)
  notificationTemplate(@Arg('template', () => NotificationTemplate) template: NotificationTemplate, @Ctx() ctx: Context) {
    return templateView(ctx, template);
  }

  @Requires(Permission.NOTIFICATION_CONFIGURE)
  @Query(() => NotificationPreview, {
    description: 'The template’s message with example values: of `input` (checked as a save would check it), else of its text now.',
  })
  previewNotificationTemplate(
    @Arg('template', () => NotificationTemplate) template: NotificationTemplate,
    @Arg('input', () => NotificationTemplateInput, { nullable: true }) input: NotificationTemplateInput | null,
    @Ctx() ctx: Context,
  ) {
    return previewTemplate(ctx, template, input);
  }

  @Requires(Permission.NOTIFICATION_CONFIGURE)
  @Mutation(() => NotificationTemplateText, { description: 'Replaces the template’s text for every message written from now on (audited).' })
  updateNotificationTemplate(
    @Arg('template', () => NotificationTemplate) template: NotificationTemplate,
    @Arg('input', () => NotificationTemplateInput) input: NotificationTemplateInput,
    @Ctx() ctx: Context,
  ) {
    return updateTemplate(ctx, template, input);
  }

  @Requires(Permission.NOTIFICATION_CONFIGURE)
  @Mutation(() => NotificationTemplateText, { description: 'Back to the built-in text (audited).' })
  resetNotificationTemplate(@Arg('template', () => NotificationTemplate) template: NotificationTemplate, @Ctx() ctx: Context) {
    return resetTemplate(ctx, template);
  }

  @Requires(Permission.NOTIFICATION_CONFIGURE)
  @Query(() => NotificationSettingsView)
  notificationSettings(@Ctx() ctx: Context) {
    return notificationSettings(ctx);
  }

  @Requires(Permission.NOTIFICATION_CONFIGURE)
  @Mutation(() => NotificationSettingsView, {
    description: 'The channels staff who never chose their own are also told by (each must be configured); anyone may still choose their own.',
  })
  setDefaultStaffChannels(@Arg('channels', () => [NotificationChannel]) channels: NotificationChannel[], @Ctx() ctx: Context) {
    return setDefaultStaffChannels(ctx, channels);
  }
}
