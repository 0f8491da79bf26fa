import { CrudService } from '../../core/crud';
import { auditTrailOf } from '../audit/audit.trail';
import { Holiday } from './holiday.entity';
import type { HolidayFilter, HolidayInput } from './holiday.inputs';

export const holidayService = new CrudService<Holiday, HolidayInput, HolidayFilter>({
  entity: Holiday,
  label: 'holiday',
  audit: auditTrailOf(Holiday),
  sortable: { date: 'e.date', name: 'e.name' },
  searchable: ['e.name'],
  applyFilter(qb, f) {
    if (f.year != null) qb.andWhere('extract(year from e.date) = :y', { y: f.year });
    if (f.kind) qb.andWhere('e.kind = :k', { k: f.kind });
  },
  toRow: (input) => ({ date: input.date, name: input.name.trim(), kind: input.kind }),
  afterCommit: (ctx) => ctx.services.sla.invalidate(),
});
