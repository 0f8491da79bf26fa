import { TrimmedLength } from '../../core/validators';
import { LocalDateResolver } from 'graphql-scalars';
import { Field, ID, InputType, Int } from 'type-graphql';
import { HolidayKind } from './holiday.entity';

@InputType()
export class HolidayInput {
  @Field(() => LocalDateResolver) date: string;
  @Field(() => String) @TrimmedLength(2, 200) name: string;
  @Field(() => HolidayKind) kind: HolidayKind;
}

@InputType()
export class HolidayFilter {
  @Field(() => [ID], { nullable: true }) ids?: string[] | null;
  @Field(() => String, { nullable: true }) q?: string | null;
  @Field(() => Int, { nullable: true }) year?: number | null;
  @Field(() => HolidayKind, { nullable: true }) kind?: HolidayKind | null;
}
