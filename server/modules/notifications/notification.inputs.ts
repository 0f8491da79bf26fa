import { Field, ID, InputType } from 'type-graphql';
import { NotificationChannel, NotificationStatus } from './notification.enums';

@InputType()
export class NotificationFilter {
  @Field(() => [ID], { nullable: true }) ids?: string[] | null;
  @Field(() => String, { nullable: true, description: 'Text in the subject.' }) q?: string | null;
  @Field(() => [NotificationStatus], { nullable: true }) status?: NotificationStatus[] | null;
  @Field(() => NotificationChannel, { nullable: true }) channel?: NotificationChannel | null;
  @Field(() => ID, { nullable: true }) complaintId?: string | null;
}
