import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../core/context';
import { createCrudResolver } from '../../core/crud';
import { PageOf } from '../../core/paging';
import { Permission } from '../../auth/permissions';
import { Opd } from '../opds/opd.entity';
import { User } from '../users/user.entity';
import { ServicePost } from './service-post.entity';
import { ServicePostFilter, ServicePostInput } from './service-post.inputs';
import { nextOpening, servicePostService } from './service-post.service';

@Resolver(() => ServicePost)
export class ServicePostResolver extends createCrudResolver({
  type: ServicePost,
  page: PageOf(ServicePost, 'ServicePostPage'),
  input: ServicePostInput,
  filter: ServicePostFilter,
  single: 'servicePost',
  plural: 'servicePosts',
  typeName: 'ServicePost',
  read: Permission.ORG_READ,
  manage: Permission.ORG_MANAGE,
  service: servicePostService,
}) {
  @FieldResolver(() => Opd, { nullable: true })
  kelurahan(@Root() p: ServicePost, @Ctx() ctx: Context) {
    return ctx.loaders.opd.load(p.kelurahanId);
  }

  @FieldResolver(() => Boolean, { description: 'Open right now (WIB schedule).' })
  openNow(@Root() p: ServicePost) {
    return nextOpening(p.schedule, new Date()).openNow;
  }

  @FieldResolver(() => Date, { nullable: true, description: 'When the post next opens (now, if open).' })
  nextOpeningAt(@Root() p: ServicePost) {
    return nextOpening(p.schedule, new Date()).at;
  }

  @FieldResolver(() => [User], { description: 'Officers assigned to this post.' })
  officers(@Root() p: ServicePost, @Ctx() ctx: Context) {
    return ctx.loaders.officersByPost.load(p.id);
  }
}
