import { TrimmedLength } from '../../core/validators';
import { IsInt, Length, Matches, Max, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { CODE_MESSAGE, CODE_PATTERN } from '../opds/opd.inputs';
import { SlaCalendarKind, SlaUnitKind } from './sla-policy.entity';

@InputType()
export class SlaPolicyInput {
  @Field(() => String) @Length(1, 40) @Matches(CODE_PATTERN, { message: CODE_MESSAGE }) code: string;
  @Field(() => String) @TrimmedLength(2, 200) name: string;
  @Field(() => SlaCalendarKind, { defaultValue: SlaCalendarKind.WORKING_DAYS, deprecationReason: 'Units are explicit now.' })
  calendar: SlaCalendarKind = SlaCalendarKind.WORKING_DAYS;
  @Field(() => Int) @IsInt() @Min(1) @Max(1000) verifyWithin: number;
  @Field(() => SlaUnitKind) verifyUnit: SlaUnitKind;
  @Field(() => Int) @IsInt() @Min(1) @Max(1000) respondWithin: number;
  @Field(() => SlaUnitKind) respondUnit: SlaUnitKind;
  @Field(() => Int, { defaultValue: 5 }) @IsInt() @Min(1) @Max(1000) followUpWithin: number = 5;
  @Field(() => SlaUnitKind, { defaultValue: SlaUnitKind.WORKING_DAYS }) followUpUnit: SlaUnitKind = SlaUnitKind.WORKING_DAYS;
  @Field(() => Int, { defaultValue: 60 }) @IsInt() @Min(1) @Max(1000) settleWithin: number = 60;
  @Field(() => SlaUnitKind, { defaultValue: SlaUnitKind.CALENDAR_DAYS }) settleUnit: SlaUnitKind = SlaUnitKind.CALENDAR_DAYS;
  @Field(() => Int, { defaultValue: 10 }) @IsInt() @Min(1) @Max(365) autoCloseAfterDays: number = 10;
  @Field(() => Boolean, { defaultValue: false }) isDefault: boolean = false;
}

@InputType()
export class SlaPolicyFilter {
  @Field(() => [ID], { nullable: true }) ids?: string[] | null;
  @Field(() => String, { nullable: true }) q?: string | null;
}
