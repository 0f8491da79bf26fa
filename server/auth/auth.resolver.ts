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
    const user = await ctx.services.signIn.verify(username, password, ctx.source);
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
