import { Field, ID, InputType } from 'type-graphql';
import { AuditAction, AuditKind } from './audit.entity';

@InputType()
export class AuditFilter {
  @Field(() => [ID], { nullable: true }) ids?: string[] | null;
  @Field(() => String, { nullable: true, description: 'Text in the record label or the actor.' }) q?: string | null;
  @Field(() => AuditKind, { nullable: true }) kind?: AuditKind | null;
  @Field(() => ID, { nullable: true }) entityId?: string | null;
  @Field(() => ID, { nullable: true, description: 'The user who made the change.' }) actorId?: string | null;
  @Field(() => AuditAction, { nullable: true }) action?: AuditAction | null;
  @Field(() => Date, { nullable: true, description: 'Changes at or after this instant.' }) from?: Date | null;
  @Field(() => Date, { nullable: true, description: 'Changes at or before this instant.' }) to?: Date | null;
}
