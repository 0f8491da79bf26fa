import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../core/context';
import { createCrudResolver } from '../../core/crud';
import { PageOf } from '../../core/paging';
import { Permission } from '../../auth/permissions';
import { Opd } from '../opds/opd.entity';
import { SlaPolicy } from '../sla/sla-policy.entity';
import { Category } from './category.entity';
import { CategoryFilter, CategoryInput } from './category.inputs';
import { categoryService } from './category.service';

@Resolver(() => Category)
export class CategoryResolver extends createCrudResolver({
  type: Category,
  page: PageOf(Category, 'CategoryPage'),
  input: CategoryInput,
  filter: CategoryFilter,
  single: 'category',
  plural: 'categories',
  typeName: 'Category',
  read: Permission.ORG_READ,
  manage: Permission.ORG_MANAGE,
  service: categoryService,
}) {
  @FieldResolver(() => Opd, { nullable: true, description: 'Where complaints of this category go by default.' })
  defaultOpd(@Root() c: Category, @Ctx() ctx: Context) {
    return c.defaultOpdId ? ctx.loaders.opd.load(c.defaultOpdId) : null;
  }

  @FieldResolver(() => SlaPolicy, { nullable: true })
  slaPolicy(@Root() c: Category, @Ctx() ctx: Context) {
    return c.slaPolicyId ? ctx.loaders.slaPolicy.load(c.slaPolicyId) : null;
  }
}
