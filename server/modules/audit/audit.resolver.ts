import { Arg, Args, Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../../core/context';
import { ListArgs, PageOf } from '../../core/paging';
import { Permission } from '../../auth/permissions';
import { Requires } from '../../auth/requires';
import { AuditEntry } from './audit.entity';
import { AuditFilter } from './audit.inputs';
import { listAuditEntries } from './audit.service';

const AuditEntryPage = PageOf(AuditEntry, 'AuditEntryPage');

@Resolver(() => AuditEntry)
export class AuditResolver {
  @Requires(Permission.AUDIT_READ)
  @Query(() => AuditEntryPage, { description: 'Administrative changes (who, when, what), newest last unless sorted otherwise.' })
  auditEntries(@Arg('filter', () => AuditFilter, { nullable: true }) filter: AuditFilter | null, @Args(() => ListArgs) args: ListArgs, @Ctx() ctx: Context) {
    return listAuditEntries(ctx, filter, args);
  }
}
