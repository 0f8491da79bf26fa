import { Role } from '../../auth/roles';
import type { Context } from '../../core/context';
import { CrudService } from '../../core/crud';
import { AppError, parseId } from '../../core/errors';
import { refId } from '../../core/refs';
import { auditTrailOf } from '../audit/audit.trail';
import { Opd } from '../opds/opd.entity';
import { INTERNAL_COMPONENTS, PUBLIC_COMPONENTS, ServiceStandard } from './service-standard.entity';
import type { ServiceStandardFilter, ServiceStandardInput } from './service-standard.inputs';

/** A unit head keeps the standards of their own unit and its bidang; the superadmin every unit's. */
function assertMayManage(ctx: Context, opdId: number, field: string): void {
  const viewer = ctx.viewer!;
  if (viewer.role === Role.SUPERADMIN) return;
  if (!ctx.services.org.isWithin(opdId, viewer.opdId)) throw AppError.field(field, 'you keep the service standards of your own unit only');
}

export const serviceStandardService = new CrudService<ServiceStandard, ServiceStandardInput, ServiceStandardFilter>({
  entity: ServiceStandard,
  label: 'service standard',
  audit: auditTrailOf(ServiceStandard),
  sortable: { serviceName: 'e.serviceName', id: 'e.id' },
  searchable: ['e.serviceName'],
  applyFilter(qb, f) {
    if (f.opdId) qb.andWhere('e.opdId = :o', { o: parseId(f.opdId, 'filter.opdId') });
  },
  async toRow(input, ctx, existing) {
    await ctx.services.org.ready();
    if (existing) assertMayManage(ctx, existing.opdId, 'input.opdId');
    const opdId = (await refId(ctx, Opd, input.opdId, 'input.opdId'))!;
    assertMayManage(ctx, opdId, 'input.opdId');
    const row: Partial<ServiceStandard> = { opdId, serviceName: input.serviceName.trim(), active: input.active };
    for (const k of PUBLIC_COMPONENTS) {
      const v = input[k].trim();
      if (!v) throw AppError.field(`input.${k}`, 'is required: the public sees it');
      row[k] = v;
    }
    for (const k of INTERNAL_COMPONENTS) row[k] = input[k]?.trim() || null;
    return row;
  },
  beforeDelete(row, ctx) {
    assertMayManage(ctx, row.opdId, 'id');
  },
});
