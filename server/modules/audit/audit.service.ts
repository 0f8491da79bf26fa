import type { Context } from '../../core/context';
import { escapeLike } from '../../core/crud';
import { AppError, parseId } from '../../core/errors';
import { fetchPage, type ListArgs, type Page } from '../../core/paging';
import { AuditEntry } from './audit.entity';
import type { AuditFilter } from './audit.inputs';

const SORTABLE = {
  createdAt: 'e.createdAt',
  kind: 'e.kind',
  action: 'e.action',
  actorUsername: 'e.actorUsername',
  entityLabel: 'e.entityLabel',
};

export async function listAuditEntries(ctx: Context, filter: AuditFilter | null | undefined, args: ListArgs): Promise<Page<AuditEntry>> {
  const qb = ctx.db.getRepository(AuditEntry).createQueryBuilder('e');
  const f = filter ?? {};
  if (f.ids) qb.andWhere('e.id = ANY(:ids)', { ids: f.ids.map((id, i) => parseId(id, `filter.ids.${i}`)) });
  if (f.q) qb.andWhere('(e.entityLabel ILIKE :q OR e.actorUsername ILIKE :q OR e.actorSystem ILIKE :q)', { q: `%${escapeLike(f.q)}%` });
  if (f.kind) qb.andWhere('e.kind = :kind', { kind: f.kind });
  if (f.entityId) qb.andWhere('e.entityId = :entityId', { entityId: parseId(f.entityId, 'filter.entityId') });
  if (f.actorId) qb.andWhere('e.actorId = :actorId', { actorId: parseId(f.actorId, 'filter.actorId') });
  if (f.action) qb.andWhere('e.action = :action', { action: f.action });
  if (f.from && f.to && f.to < f.from) throw AppError.field('filter.to', 'must not be before filter.from');
  if (f.from) qb.andWhere('e.createdAt >= :from', { from: f.from });
  if (f.to) qb.andWhere('e.createdAt <= :to', { to: f.to });
  return fetchPage(qb, args, SORTABLE);
}
