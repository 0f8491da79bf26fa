import { LocalDateResolver } from 'graphql-scalars';
import { Arg, Ctx, Field, Int, Mutation, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import { createCrudResolver } from '../../core/crud';
import type { Context } from '../../core/context';
import { PageOf } from '../../core/paging';
import { Permission } from '../../auth/permissions';
import { Requires } from '../../auth/requires';
import { Holiday, HolidayKind } from './holiday.entity';
import { holidayCoverage, type HolidayCoverageResult } from './holiday-coverage';
import { HolidayFileFormat } from './holiday-file';
import { HolidayFilter, HolidayInput } from './holiday.inputs';
import { holidayService, importHolidays, type HolidayImportAction, type HolidayImportResult } from './holiday.service';

enum HolidayImportActionEnum {
  CREATE = 'CREATE',
  UPDATE = 'UPDATE',
  SKIP = 'SKIP',
}
registerEnumType(HolidayImportActionEnum, { name: 'HolidayImportAction', description: 'What an import does with one date.' });

@ObjectType({ description: 'How far ahead the holiday calendar is known; working-day deadlines need it.' })
class HolidayCoverage implements HolidayCoverageResult {
  @Field(() => LocalDateResolver, { nullable: true, description: '31 December of the latest year with any holiday entered; null when none.' })
  coveredUntil: string | null;
  @Field(() => Int, { description: 'Days after today (WIB) up to coveredUntil.' }) daysAhead: number;
  @Field(() => Boolean, { description: 'daysAhead is at least minimumDays.' }) sufficient: boolean;
  @Field(() => Int) minimumDays: number;
}

@ObjectType()
class HolidayImportItem {
  @Field(() => Int, { description: 'Line of the file (for iCalendar, of its BEGIN:VEVENT).' }) line: number;
  @Field(() => LocalDateResolver) date: string;
  @Field(() => String) name: string;
  @Field(() => HolidayKind) kind: HolidayKind;
  @Field(() => HolidayImportActionEnum) action: HolidayImportAction;
}

@ObjectType()
class HolidayImport implements HolidayImportResult {
  @Field(() => Boolean) dryRun: boolean;
  @Field(() => Int) created: number;
  @Field(() => Int) updated: number;
  @Field(() => Int, { description: 'Already in the calendar with the same name and kind.' }) skipped: number;
  @Field(() => [HolidayImportItem]) items: HolidayImportItem[];
}

@Resolver(() => Holiday)
export class HolidayResolver extends createCrudResolver({
  type: Holiday,
  page: PageOf(Holiday, 'HolidayPage'),
  input: HolidayInput,
  filter: HolidayFilter,
  single: 'holiday',
  plural: 'holidays',
  typeName: 'Holiday',
  read: Permission.ORG_READ,
  manage: Permission.ORG_MANAGE,
  service: holidayService,
}) {
  @Requires(Permission.ORG_READ)
  @Query(() => HolidayCoverage, { description: 'Warns when the holiday calendar is known for fewer than minimumDays ahead.' })
  holidayCoverage(@Ctx() ctx: Context) {
    return holidayCoverage(ctx.db);
  }

  @Requires(Permission.ORG_MANAGE)
  @Mutation(() => HolidayImport, {
    description:
      'Imports a CSV or iCalendar file in one transaction: new dates are created, a known date takes the file’s name and kind (or is skipped when the same). Any bad line refuses the whole file, each named by line and field. dryRun: only count.',
  })
  importHolidays(
    @Arg('format', () => HolidayFileFormat) format: HolidayFileFormat,
    @Arg('content', () => String) content: string,
    @Arg('dryRun', () => Boolean, { defaultValue: false }) dryRun: boolean,
    @Ctx() ctx: Context,
  ) {
    return importHolidays(ctx, format, content, dryRun);
  }
}
