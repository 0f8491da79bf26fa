import { IsBoolean, Length } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';

@InputType()
export class ResponseTemplateInput {
  @Field(() => ID, { nullable: true, description: 'Empty: for every unit (superadmin only).' }) opdId?: string | null;
  @Field(() => ID, { nullable: true }) categoryId?: string | null;
  @Field(() => String) @Length(3, 120) title: string;
  @Field(() => String) @Length(20, 10000) body: string;
  @Field(() => Boolean, { defaultValue: true }) @IsBoolean() active: boolean = true;
}

@InputType()
export class ResponseTemplateFilter {
  @Field(() => [ID], { nullable: true }) ids?: string[] | null;
  @Field(() => String, { nullable: true }) q?: string | null;
  @Field(() => ID, { nullable: true }) opdId?: string | null;
  @Field(() => ID, { nullable: true }) categoryId?: string | null;
  @Field(() => Boolean, { nullable: true }) active?: boolean | null;
}
