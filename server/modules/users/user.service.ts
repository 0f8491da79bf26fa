import argon2 from 'argon2';
import { CrudService } from '../../core/crud';
import { auditTrailOf } from '../audit/audit.trail';
import { AppError, parseId } from '../../core/errors';
import { refId } from '../../core/refs';
import { Role } from '../../auth/roles';
import { Opd } from '../opds/opd.entity';
import { ServicePost } from '../service-posts/service-post.entity';
import { User } from './user.entity';
import type { UserFilter, UserInput } from './user.inputs';

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

export const userService = new CrudService<User, UserInput, UserFilter>({
  entity: User,
  label: 'user',
  audit: auditTrailOf(User),
  sortable: { name: 'e.name', username: 'e.username', role: 'e.role', createdAt: 'e.createdAt' },
  // Not e-mail: a search that matches it would reveal addresses to roles that may not see them.
  searchable: ['e.name', 'e.username'],
  applyFilter(qb, f) {
    if (f.opdId) qb.andWhere('e.opdId = :o', { o: parseId(f.opdId, 'filter.opdId') });
    if (f.role) qb.andWhere('e.role = :r', { r: f.role });
    if (f.active != null) qb.andWhere('e.active = :a', { a: f.active });
  },
  beforeDelete(row, ctx) {
    if (row.id === ctx.viewer?.userId) throw AppError.conflict('You cannot delete your own account.');
  },
  async toRow(input, ctx, existing) {
    if (!existing && !input.password) throw AppError.field('input.password', 'is required for a new user');
    if (existing && existing.id === ctx.viewer?.userId && (!input.active || input.role !== existing.role)) {
      throw AppError.field('input.role', 'you cannot deactivate yourself or change your own role');
    }
    const servicePostId = await refId(ctx, ServicePost, input.servicePostId, 'input.servicePostId');
    if (servicePostId && input.role !== Role.OFFICER) throw AppError.field('input.servicePostId', 'only officers staff a service post');
    if (input.mayPublish && input.role !== Role.UNIT_STAFF)
      throw AppError.field('input.mayPublish', 'only unit staff are given this; unit heads publish anyway');
    return {
      username: input.username,
      name: input.name.trim(),
      phone: input.phone || null,
      email: input.email || null,
      opdId: (await refId(ctx, Opd, input.opdId, 'input.opdId'))!,
      servicePostId,
      role: input.role,
      active: input.active,
      mayPublish: input.mayPublish,
      ...(input.password ? { passwordHash: await hashPassword(input.password), failedLogins: 0, lockedUntil: null } : {}),
    };
  },
});
