import { ArgsType, Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { AppError } from './errors';

export enum SortOrder {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(SortOrder, { name: 'SortOrder' });

export const MAX_PER_PAGE = 1000;

/** react-admin style paging: 1-based page, perPage, one sort field. */
@ArgsType()
export class ListArgs {
  @Field(() => Int, { defaultValue: 1 })
  page: number = 1;

  @Field(() => Int, { defaultValue: 25, description: `At most ${MAX_PER_PAGE}.` })
  perPage: number = 25;

  @Field(() => String, { nullable: true })
  sortField?: string | null;

  @Field(() => SortOrder, { nullable: true })
  sortOrder?: SortOrder | null;
}

export interface Page<T> {
  items: T[];
  total: number;
}

type Ctor<T> = new (...args: never[]) => T;

/** A `XPage { items, total }` object type for a list query. */
export function PageOf<T>(itemType: Ctor<T>, name: string) {
  @ObjectType(name)
  class PageType implements Page<T> {
    @Field(() => [itemType])
    items: T[];

    @Field(() => Int)
    total: number;
  }
  return PageType;
}

export function checkPaging(args: ListArgs): { offset: number; limit: number } {
  if (!Number.isInteger(args.page) || args.page < 1) throw AppError.field('page', 'must be 1 or more');
  if (!Number.isInteger(args.perPage) || args.perPage < 1 || args.perPage > MAX_PER_PAGE) {
    throw AppError.field('perPage', `must be between 1 and ${MAX_PER_PAGE}`);
  }
  return { offset: (args.page - 1) * args.perPage, limit: args.perPage };
}

/** The SQL a listed sort field stands for; anything else, even a name every object has (`constructor`), is BAD_USER_INPUT. */
export function sortColumn(sortable: Record<string, string>, field: string): string {
  if (!Object.hasOwn(sortable, field)) throw AppError.field('sortField', `cannot sort by "${field}"; use one of ${Object.keys(sortable).join(', ')}`);
  return sortable[field];
}

/**
 * Applies paging and a whitelisted sort to a query and returns the page with its total.
 * `sortable` maps API field names to SQL expressions; the default is the first entry.
 */
export async function fetchPage<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, args: ListArgs, sortable: Record<string, string>): Promise<Page<T>> {
  const { offset, limit } = checkPaging(args);
  const field = args.sortField ?? Object.keys(sortable)[0];
  const column = sortColumn(sortable, field);
  const order = args.sortOrder ?? SortOrder.ASC;
  qb.orderBy(column, order).addOrderBy(`${qb.alias}.id`, order).skip(offset).take(limit);
  const [items, total] = await qb.getManyAndCount();
  return { items, total };
}
