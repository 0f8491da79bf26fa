import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../core/context';
import { createCrudResolver } from '../../core/crud';
import { PageOf } from '../../core/paging';
import { Permission } from '../../auth/permissions';
import { Opd } from '../opds/opd.entity';
import { ServicePost } from '../service-posts/service-post.entity';
import { User } from './user.entity';
import { UserFilter, UserInput } from './user.inputs';
import { canSeeStaffContact } from './user.policy';
import { userService } from './user.service';

@Resolver(() => User)
export class UserResolver extends createCrudResolver({
  type: User,
  page: PageOf(User, 'UserPage'),
  input: UserInput,
  filter: UserFilter,
  single: 'user',
  plural: 'users',
  typeName: 'User',
  read: Permission.USER_READ,
  manage: Permission.USER_MANAGE,
  service: userService,
}) {
  @FieldResolver(() => String, {
    nullable: true,
    description:
      'Null unless it is your own account or you hold STAFF_CONTACT_READ for this user (superadmin: everyone; admins and unit heads: staff of their Opd or below).',
  })
  async phone(@Root() u: User, @Ctx() ctx: Context) {
    return (await this.contactVisible(u, ctx)) ? u.phone : null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Null unless you may see this user’s contact details (as for phone).' })
  async email(@Root() u: User, @Ctx() ctx: Context) {
    return (await this.contactVisible(u, ctx)) ? u.email : null;
  }

  private async contactVisible(u: User, ctx: Context): Promise<boolean> {
    return canSeeStaffContact(ctx.viewer, u, await ctx.services.org.ready());
  }

  @FieldResolver(() => Opd)
  opd(@Root() u: User, @Ctx() ctx: Context) {
    return ctx.loaders.opd.load(u.opdId);
  }

  @FieldResolver(() => ServicePost, { nullable: true })
  servicePost(@Root() u: User, @Ctx() ctx: Context) {
    return u.servicePostId ? ctx.loaders.servicePost.load(u.servicePostId) : null;
  }
}
