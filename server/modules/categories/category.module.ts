import { TrimmedLength } from '../../core/validators';
import { IsOptional, Length, Matches } from 'class-validator';
import { Ctx, Field, FieldResolver, ID, InputType, Resolver, Root } from 'type-graphql';
import type { Context } from '../../core/context';
import { createCrudResolver, CrudService } from '../../core/crud';
import { parseId } from '../../core/errors';
import { PageOf } from '../../core/paging';
import { refId } from '../../core/refs';
import { Permission } from '../../auth/permissions';
import { Opd } from '../opds/opd.entity';
import { CODE_MESSAGE, CODE_PATTERN } from '../opds/opd.inputs';
import { SlaPolicy } from '../sla/sla-policy.entity';
import { Category } from './category.entity';

@InputType()
export class CategoryInput {
  @Field(() => String) @Length(1, 40) @Matches(CODE_PATTERN, { message: CODE_MESSAGE }) code: string;
  @Field(() => String) @TrimmedLength(2, 200) name: string;
  @Field(() => String, { defaultValue: '' }) @IsOptional() @Length(0, 2000) description: string = '';
  @Field(() => ID, { nullable: true }) defaultOpdId?: string | null;
  @Field(() => ID, { nullable: true }) slaPolicyId?: string | null;
  @Field(() => Boolean, { defaultValue: true }) active: boolean = true;
}

@InputType()
export class CategoryFilter {
  @Field(() => [ID], { nullable: true }) ids?: string[] | null;
  @Field(() => String, { nullable: true }) q?: string | null;
  @Field(() => ID, { nullable: true }) defaultOpdId?: string | null;
  @Field(() => Boolean, { nullable: true }) active?: boolean | null;
}

export const categoryService = new CrudService<Category, CategoryInput, CategoryFilter>({
  entity: Category,
  label: 'category',
  afterCommit: (ctx) => ctx.services.sla.invalidatePolicies(),
  sortable: { name: 'e.name', code: 'e.code' },
  searchable: ['e.name', 'e.code', 'e.description'],
  applyFilter(qb, f) {
    if (f.defaultOpdId) qb.andWhere('e.defaultOpdId = :o', { o: parseId(f.defaultOpdId, 'filter.defaultOpdId') });
    if (f.active != null) qb.andWhere('e.active = :a', { a: f.active });
  },
  async toRow(input, ctx) {
    return {
      code: input.code,
      name: input.name.trim(),
      description: input.description ?? '',
      defaultOpdId: await refId(ctx, Opd, input.defaultOpdId, 'input.defaultOpdId'),
      slaPolicyId: await refId(ctx, SlaPolicy, input.slaPolicyId, 'input.slaPolicyId'),
      active: input.active,
    };
  },
});

@Resolver(() => Category)
export class CategoryResolver extends createCrudResolver({
  type: Category, page: PageOf(Category, 'CategoryPage'), input: CategoryInput, filter: CategoryFilter,
  single: 'category', plural: 'categories', typeName: 'Category',
  read: Permission.ORG_READ, manage: Permission.ORG_MANAGE, service: categoryService,
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
