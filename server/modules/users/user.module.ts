import { TrimmedLength } from '../../core/validators';
import argon2 from 'argon2';
import { IsEmail, IsOptional, Length, Matches } from 'class-validator';
import { Ctx, Field, FieldResolver, ID, InputType, Resolver, Root } from 'type-graphql';
import type { Context } from '../../core/context';
import { createCrudResolver, CrudService } from '../../core/crud';
import { AppError, parseId } from '../../core/errors';
import { PageOf } from '../../core/paging';
import { refId } from '../../core/refs';
import { Permission } from '../../auth/permissions';
import { Role } from '../../auth/roles';
import { Opd } from '../opds/opd.entity';
import { ServicePost } from '../service-posts/service-post.entity';
import { User } from './user.entity';

@InputType()
export class UserInput {
  @Field(() => String)
  @Length(3, 60)
  @Matches(/^[a-z0-9][a-z0-9._-]*$/, { message: 'use lower-case letters, digits, dot, dash or underscore' })
  username: string;

  @Field(() => String) @TrimmedLength(2, 200) name: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Matches(/^\+?[0-9 -]{6,20}$/, { message: 'must be a phone number' }) phone?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsEmail() email?: string | null;
  @Field(() => ID) opdId: string;
  @Field(() => ID, { nullable: true }) servicePostId?: string | null;
  @Field(() => Role) role: Role;
  @Field(() => Boolean, { defaultValue: true }) active: boolean = true;

  @Field(() => String, { nullable: true, description: 'Required when creating; leave empty to keep the current password.' })
  @IsOptional()
  @Length(8, 200)
  password?: string | null;
}

@InputType()
export class UserFilter {
  @Field(() => [ID], { nullable: true }) ids?: string[] | null;
  @Field(() => String, { nullable: true }) q?: string | null;
  @Field(() => ID, { nullable: true }) opdId?: string | null;
  @Field(() => Role, { nullable: true }) role?: Role | null;
  @Field(() => Boolean, { nullable: true }) active?: boolean | null;
}

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

export const userService = new CrudService<User, UserInput, UserFilter>({
  entity: User,
  label: 'user',
  sortable: { name: 'e.name', username: 'e.username', role: 'e.role', createdAt: 'e.createdAt' },
  searchable: ['e.name', 'e.username', 'e.email'],
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
    return {
      username: input.username,
      name: input.name.trim(),
      phone: input.phone || null,
      email: input.email || null,
      opdId: (await refId(ctx, Opd, input.opdId, 'input.opdId'))!,
      servicePostId,
      role: input.role,
      active: input.active,
      ...(input.password ? { passwordHash: await hashPassword(input.password), failedLogins: 0, lockedUntil: null } : {}),
    };
  },
});

@Resolver(() => User)
export class UserResolver extends createCrudResolver({
  type: User, page: PageOf(User, 'UserPage'), input: UserInput, filter: UserFilter,
  single: 'user', plural: 'users', typeName: 'User',
  read: Permission.USER_READ, manage: Permission.USER_MANAGE, service: userService,
}) {
  @FieldResolver(() => Opd)
  opd(@Root() u: User, @Ctx() ctx: Context) {
    return ctx.loaders.opd.load(u.opdId);
  }

  @FieldResolver(() => ServicePost, { nullable: true })
  servicePost(@Root() u: User, @Ctx() ctx: Context) {
    return u.servicePostId ? ctx.loaders.servicePost.load(u.servicePostId) : null;
  }
}
