import { Resolver } from 'type-graphql';
import { createCrudResolver } from '../../core/crud';
import { PageOf } from '../../core/paging';
import { Permission } from '../../auth/permissions';
import { Holiday } from './holiday.entity';
import { HolidayFilter, HolidayInput } from './holiday.inputs';
import { holidayService } from './holiday.service';

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
}) {}
