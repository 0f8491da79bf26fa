import { TrimmedLength } from '../../core/validators';
import { IsOptional, Length, Matches } from 'class-validator';
import { LocalDateResolver } from 'graphql-scalars';
import { Field, ID, InputType } from 'type-graphql';
import { CODE_MESSAGE, CODE_PATTERN } from '../opds/opd.inputs';

@InputType()
export class ProgramInput {
  @Field(() => String) @Length(1, 40) @Matches(CODE_PATTERN, { message: CODE_MESSAGE }) code: string;
  @Field(() => String) @TrimmedLength(2, 200) name: string;
  @Field(() => ID, { nullable: true }) ownerOpdId?: string | null;
  @Field(() => String, { defaultValue: '' }) @IsOptional() @Length(0, 5000) description: string = '';
  @Field(() => String, { defaultValue: '' }) @IsOptional() @Length(0, 5000) eligibility: string = '';
  @Field(() => String, { defaultValue: '' }) @IsOptional() @Length(0, 5000) benefits: string = '';
  @Field(() => String, { defaultValue: '' }) @IsOptional() @Length(0, 1000) contact: string = '';
  @Field(() => LocalDateResolver, { nullable: true }) startsOn?: string | null;
  @Field(() => LocalDateResolver, { nullable: true }) endsOn?: string | null;
  @Field(() => Boolean, { defaultValue: true }) active: boolean = true;
}

@InputType()
export class ProgramFilter {
  @Field(() => [ID], { nullable: true }) ids?: string[] | null;
  @Field(() => String, { nullable: true }) q?: string | null;
  @Field(() => ID, { nullable: true }) ownerOpdId?: string | null;
  @Field(() => Boolean, { nullable: true }) active?: boolean | null;
}
