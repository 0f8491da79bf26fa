import argon2 from 'argon2';
import { Arg, Ctx, Field, ID, Mutation, ObjectType, Query, registerEnumType, Resolver } from 'type-graphql';
import type { Context } from '../core/context';
import { AppError } from '../core/errors';
import { Opd } from '../modules/opds/opd.entity';
import { User } from '../modules/users/user.entity';
import { Permission, permissionsOf } from './permissions';
import { Requires } from './requires';
import { RevokedToken } from './revoked-token.entity';
import { Role } from './roles';

registerEnumType(Permission, { name: 'Permission', description: 'What a role may do; see server/auth/permissions.ts' });

@ObjectType({ description: 'The signed-in user with what it may do, so the console never re-types the rules.' })
export class Viewer {
  @Field(() => ID) id: number;
  @Field(() => String) username: string;
  @Field(() => String) name: string;
  @Field(() => Role) role: Role;
  @Field(() => Opd) opd: Opd;
  @Field(() => ID, { nullable: true }) servicePostId: number | null;
  @Field(() => [Permission]) permissions: Permission[];
}

@ObjectType()
export class AuthPayload {
  @Field(() => String) token: string;
  @Field(() => Date) expiresAt: Date;
  @Field(() => Viewer) viewer: Viewer;
}

const LOCK_AFTER_FAILURES = 5;
const LOCK_MS = 5 * 60_000;
const WRONG = 'Wrong username or password.';
// Spent on unknown usernames too, so timing does not reveal which part was wrong.
let dummyHash: Promise<string> | null = null;

async function toViewer(ctx: Context, user: User): Promise<Viewer> {
  const opd = await ctx.loaders.opd.load(user.opdId);
  return {
    id: user.id,
    username: user.username,
    name: user.name,
    role: user.role,
    opd: opd!,
    servicePostId: user.servicePostId,
    permissions: permissionsOf(user.role),
  };
}

@Resolver()
export class AuthResolver {
  @Requires(Permission.PUBLIC)
  @Mutation(() => AuthPayload, { description: 'Sign in; the token goes in `Authorization: Bearer …` or graphql-ws connectionParams.authorization.' })
  async login(@Arg('username', () => String) username: string, @Arg('password', () => String) password: string, @Ctx() ctx: Context) {
    ctx.services.limits.login.check(`login:${ctx.source}`, 'sign-in attempts');
    if (username.length > 100 || password.length > 200) throw AppError.unauthenticated(WRONG);
    const repo = ctx.db.getRepository(User);
    const user = await repo
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.username = :username', { username: username.trim().toLowerCase() })
      .getOne();
    if (!user || !user.active) {
      dummyHash ??= argon2.hash('not-a-password');
      await argon2.verify(await dummyHash, password).catch(() => false);
      throw AppError.unauthenticated(WRONG);
    }
    const locked = !!user.lockedUntil && user.lockedUntil > new Date();
    if (locked || !(await argon2.verify(user.passwordHash, password).catch(() => false))) {
      // One statement, so parallel wrong guesses cannot all read the same count and slip past the lock.
      if (!locked) {
        await ctx.db.query(
          `UPDATE app_user SET
             "lockedUntil" = CASE WHEN "failedLogins" + 1 >= $2 THEN now() + make_interval(secs => $3) ELSE "lockedUntil" END,
             "failedLogins" = CASE WHEN "failedLogins" + 1 >= $2 THEN 0 ELSE "failedLogins" + 1 END
           WHERE id = $1`,
          [user.id, LOCK_AFTER_FAILURES, LOCK_MS / 1000],
        );
      }
      // The same answer for a locked account, so it does not reveal that the username exists.
      throw AppError.unauthenticated(WRONG);
    }
    await repo.update(user.id, { failedLogins: 0, lockedUntil: null, lastLoginAt: new Date() });
    const { token, expiresAt } = ctx.services.tokens.sign(user);
    return { token, expiresAt, viewer: await toViewer(ctx, user) };
  }

  @Requires(Permission.AUTHENTICATED)
  @Mutation(() => Boolean, { description: 'Sign out this device: the token used for this call stops working at once, on every server.' })
  async logout(@Ctx() ctx: Context) {
    const token = ctx.token!;
    await ctx.db.getRepository(RevokedToken).insert({ jti: token.jti, userId: token.userId, expiresAt: new Date(token.expiresAt) });
    ctx.services.identity.forget(new Set([token.userId]));
    return true;
  }

  @Requires(Permission.AUTHENTICATED)
  @Mutation(() => Boolean, { description: 'Sign out every device: every token issued to this user so far stops working at once.' })
  async logoutEverywhere(@Ctx() ctx: Context) {
    await ctx.db.query('UPDATE app_user SET "tokenGeneration" = "tokenGeneration" + 1 WHERE id = $1', [ctx.viewer!.userId]);
    ctx.services.identity.forget(new Set([ctx.viewer!.userId]));
    return true;
  }

  @Requires(Permission.AUTHENTICATED)
  @Query(() => Viewer, { description: 'The signed-in user with its Opd and permissions.' })
  async me(@Ctx() ctx: Context) {
    const user = await ctx.loaders.user.load(ctx.viewer!.userId);
    if (!user) throw AppError.unauthenticated();
    return toViewer(ctx, user);
  }
}
