import { Length } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';

@InputType()
export class EscalationRuleInput {
  @Field(() => ID, { nullable: true, description: 'Leave empty for the coordinator rule.' }) opdId?: string | null;
  @Field(() => ID) targetOpdId: string;
  @Field(() => String, { nullable: true }) @Length(0, 300) note?: string | null;
}

@InputType()
export class EscalationRuleFilter {
  @Field(() => [ID], { nullable: true }) ids?: string[] | null;
  @Field(() => String, { nullable: true }) q?: string | null;
  @Field(() => ID, { nullable: true }) targetOpdId?: string | null;
}
