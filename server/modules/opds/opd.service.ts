import type { EntityManager } from 'typeorm';
import type { Context } from '../../core/context';
import { CrudService } from '../../core/crud';
import { auditTrailOf } from '../audit/audit.trail';
import { AppError, parseId } from '../../core/errors';
import { Role } from '../../auth/roles';
import { User } from '../users/user.entity';
import { Opd } from './opd.entity';
import { OpdKind } from './opd-kind';
import { OpdFilter, OpdInput } from './opd.inputs';

const REGION_KINDS = [OpdKind.KECAMATAN, OpdKind.KELURAHAN];

export const opdService = new CrudService<Opd, OpdInput, OpdFilter>({
  entity: Opd,
  label: 'Opd',
  audit: auditTrailOf(Opd),
  sortable: { name: 'e.name', code: 'e.code', kind: 'e.kind', path: 'e.path', regionCode: 'e.regionCode' },
  searchable: ['e.name', 'e.code', 'e.regionCode'],
  applyFilter(qb, f) {
    if (f.kind) qb.andWhere('e.kind = :kind', { kind: f.kind });
    if (f.kinds?.length) qb.andWhere('e.kind = ANY(:kinds)', { kinds: f.kinds });
    if (f.parentId) qb.andWhere('e.parentId = :parentId', { parentId: parseId(f.parentId, 'filter.parentId') });
    if (f.withinId) {
      qb.andWhere(`e.path LIKE (SELECT w.path FROM opd w WHERE w.id = :withinId) || '%'`, { withinId: parseId(f.withinId, 'filter.withinId') });
    }
    if (f.active != null) qb.andWhere('e.active = :active', { active: f.active });
    if (f.canReceive != null) {
      qb.andWhere(`${f.canReceive ? '' : 'NOT '}(e.active AND EXISTS (SELECT 1 FROM app_user u WHERE u."opdId" = e.id AND u.role = :head AND u.active))`, {
        head: Role.UNIT_HEAD,
      });
    }
  },
  async toRow(input, ctx, existing) {
    const parentId = input.parentId ? parseId(input.parentId, 'input.parentId') : null;
    if (parentId) {
      const parent = await ctx.db.getRepository(Opd).findOneBy({ id: parentId });
      if (!parent) throw AppError.field('input.parentId', 'no such Opd');
      if (existing && parent.path.startsWith(existing.path)) {
        throw AppError.field('input.parentId', 'an Opd cannot be placed under itself or one of its own units');
      }
    } else if (input.kind !== OpdKind.PEMDA) {
      throw AppError.field('input.parentId', 'only the city government (PEMDA) has no parent');
    }
    if (input.regionCode && !REGION_KINDS.includes(input.kind)) {
      throw AppError.field('input.regionCode', 'only a kecamatan or kelurahan has a region code');
    }
    return {
      code: input.code,
      name: input.name.trim(),
      kind: input.kind,
      parentId,
      regionCode: input.regionCode || null,
      active: input.active,
    };
  },
  afterSave: (row, tx, existing) => refreshPaths(tx, row, existing?.path ?? null),
  afterCommit: (ctx) => ctx.services.org.invalidate(),
});

/** Keeps the materialised ancestor path of an Opd and its subtree in step with `parentId`. */
export async function refreshPaths(tx: EntityManager, opd: Opd, oldPath: string | null): Promise<void> {
  const parentPath = opd.parentId ? (await tx.getRepository(Opd).findOneByOrFail({ id: opd.parentId })).path : '/';
  const newPath = `${parentPath}${opd.id}/`;
  if (newPath === oldPath) return;
  if (oldPath && oldPath !== '/') {
    await tx.query(`UPDATE opd SET path = $1 || substr(path, length($2) + 1) WHERE path LIKE $2 || '%'`, [newPath, oldPath]);
  } else {
    await tx.query(`UPDATE opd SET path = $1 WHERE id = $2`, [newPath, opd.id]);
  }
  opd.path = newPath;
}

/**
 * The one rule for where a complaint may be sent (a forward, a desk decision): an active
 * Opd with at least one active unit head to answer it. Returns the Opd or names `field`.
 */
export async function receivingOpd(em: EntityManager, opdId: number, field: string): Promise<Opd> {
  const opd = await em.getRepository(Opd).findOneBy({ id: opdId });
  if (!opd) throw AppError.field(field, 'no such Opd');
  if (!opd.active) throw AppError.field(field, `${opd.name} is not active`);
  const heads = await em.getRepository(User).countBy({ opdId, role: Role.UNIT_HEAD, active: true });
  if (!heads) throw AppError.field(field, `${opd.name} has no unit head to answer; choose another unit`);
  return opd;
}

export async function canReceiveForwards(ctx: Context, opd: Opd): Promise<boolean> {
  return opd.active && (await ctx.loaders.unitHeadCount.load(opd.id)) > 0;
}
