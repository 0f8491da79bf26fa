import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../core/context';
import { createCrudResolver } from '../../core/crud';
import { PageOf } from '../../core/paging';
import { Permission } from '../../auth/permissions';
import { Opd } from '../opds/opd.entity';
import { ServiceStandard } from './service-standard.entity';
import { ServiceStandardFilter, ServiceStandardInput } from './service-standard.inputs';
import { serviceStandardService } from './service-standard.service';

@Resolver(() => ServiceStandard)
export class ServiceStandardResolver extends createCrudResolver({
  type: ServiceStandard,
  page: PageOf(ServiceStandard, 'ServiceStandardPage'),
  input: ServiceStandardInput,
  filter: ServiceStandardFilter,
  single: 'serviceStandard',
  plural: 'serviceStandards',
  typeName: 'ServiceStandard',
  read: Permission.ORG_READ,
  manage: Permission.STANDARD_MANAGE,
  service: serviceStandardService,
}) {
  @FieldResolver(() => Opd)
  opd(@Root() s: ServiceStandard, @Ctx() ctx: Context) {
    return ctx.loaders.opd.load(s.opdId);
  }
}
