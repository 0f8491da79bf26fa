import { CrudService } from '../../core/crud';
import { auditTrailOf } from '../audit/audit.trail';
import { parseId } from '../../core/errors';
import { refId } from '../../core/refs';
import { Opd } from '../opds/opd.entity';
import { SlaPolicy } from '../sla/sla-policy.entity';
import { Category } from './category.entity';
import type { CategoryFilter, CategoryInput } from './category.inputs';

export const categoryService = new CrudService<Category, CategoryInput, CategoryFilter>({
  entity: Category,
  label: 'category',
  audit: auditTrailOf(Category),
  afterCommit: (ctx) => ctx.services.sla.invalidatePolicies(),
  sortable: { name: 'e.name', code: 'e.code' },
  searchable: ['e.name', 'e.code', 'e.description'],
  applyFilter(qb, f) {
    if (f.defaultOpdId) qb.andWhere('e.defaultOpdId = :o', { o: parseId(f.defaultOpdId, 'filter.defaultOpdId') });
    if (f.active != null) qb.andWhere('e.active = :a', { a: f.active });
  },
  async toRow(input, ctx) {
    return {
      code: input.code,
      name: input.name.trim(),
      description: input.description ?? '',
      defaultOpdId: await refId(ctx, Opd, input.defaultOpdId, 'input.defaultOpdId'),
      slaPolicyId: await refId(ctx, SlaPolicy, input.slaPolicyId, 'input.slaPolicyId'),
      active: input.active,
    };
  },
});
