import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../core/context';
import { createCrudResolver } from '../../core/crud';
import { PageOf } from '../../core/paging';
import { Permission } from '../../auth/permissions';
import { Opd } from './opd.entity';
import { OpdFilter, OpdInput } from './opd.inputs';
import { canReceiveForwards, opdService } from './opd.service';

const OpdPage = PageOf(Opd, 'OpdPage');

const OpdCrud = createCrudResolver({
  type: Opd,
  page: OpdPage,
  input: OpdInput,
  filter: OpdFilter,
  single: 'opd',
  plural: 'opds',
  typeName: 'Opd',
  read: Permission.ORG_READ,
  manage: Permission.ORG_MANAGE,
  service: opdService,
});

@Resolver(() => Opd)
export class OpdResolver extends OpdCrud {
  @FieldResolver(() => Opd, { nullable: true })
  parent(@Root() opd: Opd, @Ctx() ctx: Context) {
    return opd.parentId ? ctx.loaders.opd.load(opd.parentId) : null;
  }

  @FieldResolver(() => Boolean, { description: 'Active and has at least one unit head, so complaints can be forwarded to it.' })
  canReceive(@Root() opd: Opd, @Ctx() ctx: Context) {
    return canReceiveForwards(ctx, opd);
  }
}
