import type { Context } from '../../core/context';
import { CrudService } from '../../core/crud';
import { auditTrailOf } from '../audit/audit.trail';
import { AppError, parseId } from '../../core/errors';
import { refId } from '../../core/refs';
import { Opd } from '../opds/opd.entity';
import { Program } from './program.entity';
import type { ProgramFilter, ProgramInput } from './program.inputs';
import { wibDate } from '../../core/wib';

export const programService = new CrudService<Program, ProgramInput, ProgramFilter>({
  entity: Program,
  label: 'programme',
  audit: auditTrailOf(Program),
  sortable: { name: 'e.name', code: 'e.code', startsOn: 'e.startsOn' },
  searchable: ['e.name', 'e.code', 'e.description'],
  applyFilter(qb, f) {
    if (f.ownerOpdId) qb.andWhere('e.ownerOpdId = :o', { o: parseId(f.ownerOpdId, 'filter.ownerOpdId') });
    if (f.active != null) qb.andWhere('e.active = :a', { a: f.active });
  },
  async toRow(input, ctx) {
    if (input.startsOn && input.endsOn && input.endsOn < input.startsOn) {
      throw AppError.field('input.endsOn', 'must not be before startsOn');
    }
    return {
      code: input.code,
      name: input.name.trim(),
      ownerOpdId: await refId(ctx, Opd, input.ownerOpdId, 'input.ownerOpdId'),
      description: input.description ?? '',
      eligibility: input.eligibility ?? '',
      benefits: input.benefits ?? '',
      contact: input.contact ?? '',
      startsOn: input.startsOn ?? null,
      endsOn: input.endsOn ?? null,
      active: input.active,
    };
  },
});

/** Active programmes running today (WIB), by name. */
export async function publicPrograms(ctx: Context): Promise<Program[]> {
  const today = wibDate();
  return ctx.db
    .getRepository(Program)
    .createQueryBuilder('p')
    .where('p.active AND (p.startsOn IS NULL OR p.startsOn <= :today) AND (p.endsOn IS NULL OR p.endsOn >= :today)', { today })
    .orderBy('p.name')
    .getMany();
}
