import { TrimmedLength } from '../../core/validators';
import { IsOptional, Length, Matches } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { CODE_MESSAGE, CODE_PATTERN } from '../opds/opd.inputs';

@InputType()
export class CategoryInput {
  @Field(() => String) @Length(1, 40) @Matches(CODE_PATTERN, { message: CODE_MESSAGE }) code: string;
  @Field(() => String) @TrimmedLength(2, 200) name: string;
  @Field(() => String, { defaultValue: '' }) @IsOptional() @Length(0, 2000) description: string = '';
  @Field(() => ID, { nullable: true }) defaultOpdId?: string | null;
  @Field(() => ID, { nullable: true }) slaPolicyId?: string | null;
  @Field(() => Boolean, { defaultValue: true }) active: boolean = true;
}

@InputType()
export class CategoryFilter {
  @Field(() => [ID], { nullable: true }) ids?: string[] | null;
  @Field(() => String, { nullable: true }) q?: string | null;
  @Field(() => ID, { nullable: true }) defaultOpdId?: string | null;
  @Field(() => Boolean, { nullable: true }) active?: boolean | null;
}
