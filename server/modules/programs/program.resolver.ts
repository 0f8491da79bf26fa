import { Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Requires } from '../../auth/requires';
import type { Context } from '../../core/context';
import { createCrudResolver } from '../../core/crud';
import { PageOf } from '../../core/paging';
import { Permission } from '../../auth/permissions';
import { Opd } from '../opds/opd.entity';
import { Program } from './program.entity';
import { ProgramFilter, ProgramInput } from './program.inputs';
import { programService, publicPrograms } from './program.service';

@Resolver(() => Program)
export class ProgramResolver extends createCrudResolver({
  type: Program,
  page: PageOf(Program, 'ProgramPage'),
  input: ProgramInput,
  filter: ProgramFilter,
  single: 'program',
  plural: 'programs',
  typeName: 'Program',
  read: Permission.ORG_READ,
  manage: Permission.ORG_MANAGE,
  service: programService,
}) {
  @Requires(Permission.PUBLIC)
  @Query(() => [Program], { description: 'Active programmes with their information, for citizens and external apps.' })
  publicPrograms(@Ctx() ctx: Context) {
    return publicPrograms(ctx);
  }

  @FieldResolver(() => Opd, { nullable: true })
  ownerOpd(@Root() p: Program, @Ctx() ctx: Context) {
    return p.ownerOpdId ? ctx.loaders.opd.load(p.ownerOpdId) : null;
  }
}
