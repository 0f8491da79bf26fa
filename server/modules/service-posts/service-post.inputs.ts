import { TrimmedLength } from '../../core/validators';
import { ArrayMaxSize, IsInt, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { CODE_MESSAGE, CODE_PATTERN } from '../opds/opd.inputs';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

@InputType()
export class OpeningSlotInput {
  @Field(() => Int) @IsInt() @Min(1) @Max(7) weekday: number;
  @Field(() => String) @Matches(HHMM, { message: 'must be HH:MM' }) opensAt: string;
  @Field(() => String) @Matches(HHMM, { message: 'must be HH:MM' }) closesAt: string;
}

@InputType()
export class ServicePostInput {
  @Field(() => String) @Length(1, 40) @Matches(CODE_PATTERN, { message: CODE_MESSAGE }) code: string;
  @Field(() => String) @TrimmedLength(2, 200) name: string;
  @Field(() => ID) kelurahanId: string;
  @Field(() => String) @Matches(/^\d{1,3}$/, { message: 'must be an RW number, e.g. 03' }) rw: string;
  @Field(() => String, { defaultValue: '' }) @Length(0, 300) address: string = '';
  @Field(() => [OpeningSlotInput])
  @ValidateNested({ each: true })
  @ArrayMaxSize(21)
  schedule: OpeningSlotInput[] = [];
  @Field(() => Boolean, { defaultValue: true }) active: boolean = true;
  @Field(() => [ID], { nullable: true, description: 'Officers staffing this post; when given, replaces the current list.' })
  officerIds?: string[] | null;
}

@InputType()
export class ServicePostFilter {
  @Field(() => [ID], { nullable: true }) ids?: string[] | null;
  @Field(() => String, { nullable: true }) q?: string | null;
  @Field(() => ID, { nullable: true }) kelurahanId?: string | null;
  @Field(() => Boolean, { nullable: true }) active?: boolean | null;
}
