import { Role } from '../../auth/roles';
import type { Context } from '../../core/context';
import { CrudService } from '../../core/crud';
import { AppError, parseId } from '../../core/errors';
import { refId } from '../../core/refs';
import { wibText } from '../../core/wib';
import { auditTrailOf } from '../audit/audit.trail';
import { Category } from '../categories/category.entity';
import type { Complaint } from '../complaints/complaint.entity';
import { Opd } from '../opds/opd.entity';
import { ResponseTemplate } from './response-template.entity';
import type { ResponseTemplateFilter, ResponseTemplateInput } from './response-template.inputs';

/** A unit head keeps the templates of their own unit and its bidang; the superadmin every unit's and the city-wide ones. */
function assertMayManage(ctx: Context, opdId: number | null, field: string): void {
  const viewer = ctx.viewer!;
  if (viewer.role === Role.SUPERADMIN) return;
  if (opdId == null) throw AppError.field(field, 'choose your unit; city-wide templates are kept by the superadmin');
  if (!ctx.services.org.isWithin(opdId, viewer.opdId)) throw AppError.field(field, 'you keep the templates of your own unit only');
}

export const responseTemplateService = new CrudService<ResponseTemplate, ResponseTemplateInput, ResponseTemplateFilter>({
  entity: ResponseTemplate,
  label: 'response template',
  audit: auditTrailOf(ResponseTemplate),
  sortable: { title: 'e.title', id: 'e.id', createdAt: 'e.createdAt' },
  searchable: ['e.title', 'e.body'],
  applyFilter(qb, f) {
    if (f.opdId) qb.andWhere('e.opdId = :o', { o: parseId(f.opdId, 'filter.opdId') });
    if (f.categoryId) qb.andWhere('e.categoryId = :c', { c: parseId(f.categoryId, 'filter.categoryId') });
    if (f.active != null) qb.andWhere('e.active = :a', { a: f.active });
  },
  async toRow(input, ctx, existing) {
    await ctx.services.org.ready();
    if (existing) assertMayManage(ctx, existing.opdId, 'input.opdId');
    const opdId = await refId(ctx, Opd, input.opdId, 'input.opdId');
    assertMayManage(ctx, opdId, 'input.opdId');
    const categoryId = await refId(ctx, Category, input.categoryId, 'input.categoryId');
    const title = input.title.trim();
    const body = input.body.trim();
    if (title.length < 3) throw AppError.field('input.title', 'must be at least 3 characters');
    if (body.length < 20) throw AppError.field('input.body', 'must be at least 20 characters');
    return { opdId, categoryId, title, body, active: input.active };
  },
  beforeDelete(row, ctx) {
    assertMayManage(ctx, row.opdId, 'id');
  },
});

/**
 * The active templates that fit a complaint: of the unit holding it or a unit above it, or
 * city-wide; for its category or any. The most specific come first.
 */
export async function templatesFor(ctx: Context, c: Complaint): Promise<ResponseTemplate[]> {
  await ctx.services.org.ready();
  const rows = await ctx.db
    .getRepository(ResponseTemplate)
    .createQueryBuilder('t')
    .where('t.active AND (t.categoryId IS NULL OR t.categoryId = :cat)', { cat: c.categoryId ?? -1 })
    .getMany();
  const unit = c.currentOpdId;
  return rows
    .filter((t) => t.opdId == null || (unit != null && ctx.services.org.isWithin(unit, t.opdId)))
    .sort(
      (a, b) =>
        Number(b.categoryId != null) - Number(a.categoryId != null) || Number(b.opdId != null) - Number(a.opdId != null) || a.title.localeCompare(b.title),
    );
}

/**
 * The template's text for one complaint. An anonymous reporter is never named: the head does
 * not see the identity, and the answer must not carry it.
 */
export function fillTemplate(
  body: string,
  c: Pick<Complaint, 'trackingCode' | 'title' | 'anonymous'>,
  unitName: string | null,
  now: Date,
  reporterName: string | null,
): string {
  const values: Record<string, string> = {
    kode: c.trackingCode,
    judul: c.title,
    pelapor: !c.anonymous && reporterName ? reporterName : 'Bapak/Ibu',
    unit: unitName ?? '',
    tanggal: wibText(now, false),
  };
  return body.replace(/\{(kode|judul|pelapor|unit|tanggal)\}/g, (_m, k: string) => values[k]);
}
