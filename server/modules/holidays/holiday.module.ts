import { TrimmedLength } from '../../core/validators';
import { LocalDateResolver } from 'graphql-scalars';
import { Field, ID, InputType, Int, Resolver } from 'type-graphql';
import { createCrudResolver, CrudService } from '../../core/crud';
import { PageOf } from '../../core/paging';
import { Permission } from '../../auth/permissions';
import { Holiday, HolidayKind } from './holiday.entity';

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

export const holidayService = new CrudService<Holiday, HolidayInput, HolidayFilter>({
  entity: Holiday,
  label: 'holiday',
  sortable: { date: 'e.date', name: 'e.name' },
  searchable: ['e.name'],
  applyFilter(qb, f) {
    if (f.year != null) qb.andWhere('extract(year from e.date) = :y', { y: f.year });
    if (f.kind) qb.andWhere('e.kind = :k', { k: f.kind });
  },
  toRow: (input) => ({ date: input.date, name: input.name.trim(), kind: input.kind }),
  afterCommit: (ctx) => ctx.services.sla.invalidate(),
});

@Resolver(() => Holiday)
export class HolidayResolver extends createCrudResolver({
  type: Holiday, page: PageOf(Holiday, 'HolidayPage'), input: HolidayInput, filter: HolidayFilter,
  single: 'holiday', plural: 'holidays', typeName: 'Holiday',
  read: Permission.ORG_READ, manage: Permission.ORG_MANAGE, service: holidayService,
}) {}
