import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { QueryFailedError, type EntityManager, type EntityTarget, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { Requires } from '../auth/requires';
import type { Permission } from '../auth/permissions';
import type { Context } from './context';
import { AppError, parseId } from './errors';
import { fetchPage, ListArgs, type Page } from './paging';

type Ctor<T = unknown> = new (...args: never[]) => T;

/**
 * How a resource's changes are recorded in the audit trail, inside the transaction that
 * makes them (modules/audit implements it). Required, so no resource escapes the trail.
 */
export interface CrudAudit {
  created<R extends { id: number }>(tx: EntityManager, ctx: Context, make: () => Promise<R>): Promise<R>;
  updated<R>(tx: EntityManager, ctx: Context, id: number, change: () => Promise<R>): Promise<R>;
  deleted<R>(tx: EntityManager, ctx: Context, id: number, remove: () => Promise<R>): Promise<R>;
}

/** The rules of one organisation resource; everything else about its CRUD is shared. */
export interface CrudSpec<T extends ObjectLiteral & { id: number }, TInput, TFilter> {
  entity: EntityTarget<T>;
  label: string;
  audit: CrudAudit;
  /** API sort field → SQL expression on alias `e`; the first is the default. */
  sortable: Record<string, string>;
  /** Free-text search columns for `filter.q`. */
  searchable: string[];
  applyFilter?(qb: SelectQueryBuilder<T>, filter: TFilter, ctx: Context): void;
  /** Turns validated input into column values, checking references; may refuse. */
  toRow(input: TInput, ctx: Context, existing: T | null): Promise<Partial<T>> | Partial<T>;
  /** After the change committed: refresh process caches that depend on this resource. */
  afterCommit?(ctx: Context): void;
  /** May refuse a delete with an AppError. */
  beforeDelete?(row: T, ctx: Context): void;
  /** Runs in the saving transaction; further changes it makes to audited records are recorded with `ctx`'s actor. */
  afterSave?(row: T, tx: EntityManager, existing: T | null, input: TInput, ctx: Context): Promise<void>;
}

export interface BaseFilter {
  ids?: string[] | null;
  q?: string | null;
}

/** Every create, update and delete is recorded through `spec.audit` within the transaction that makes it. */
export class CrudService<T extends ObjectLiteral & { id: number }, TInput, TFilter extends BaseFilter> {
  constructor(readonly spec: CrudSpec<T, TInput, TFilter>) {}

  async list(ctx: Context, filter: TFilter | null | undefined, args: ListArgs): Promise<Page<T>> {
    const qb = ctx.db.getRepository(this.spec.entity).createQueryBuilder('e');
    if (filter?.ids) qb.andWhere('e.id = ANY(:ids)', { ids: filter.ids.map((id, i) => parseId(id, `filter.ids.${i}`)) });
    if (filter?.q && this.spec.searchable.length) {
      qb.andWhere(`(${this.spec.searchable.map((c) => `${c} ILIKE :q`).join(' OR ')})`, { q: `%${escapeLike(filter.q)}%` });
    }
    if (filter) this.spec.applyFilter?.(qb, filter, ctx);
    return fetchPage(qb, args, this.spec.sortable);
  }

  async get(ctx: Context, id: string | number): Promise<T> {
    const row = await ctx.db.getRepository(this.spec.entity).findOneBy({ id: parseId(id) } as never);
    if (!row) throw AppError.notFound(this.spec.label, id);
    return row;
  }

  async create(ctx: Context, input: TInput): Promise<T> {
    const values = await this.spec.toRow(input, ctx, null);
    return this.save(ctx, ctx.db.getRepository(this.spec.entity).create(values as T), null, input);
  }

  async update(ctx: Context, id: string, input: TInput): Promise<T> {
    const existing = await this.get(ctx, id);
    const values = await this.spec.toRow(input, ctx, existing);
    const merged = ctx.db.getRepository(this.spec.entity).merge(ctx.db.getRepository(this.spec.entity).create({ ...existing }), values as T);
    return this.save(ctx, merged, existing, input);
  }

  async remove(ctx: Context, id: string): Promise<T> {
    const existing = await this.get(ctx, id);
    this.spec.beforeDelete?.(existing, ctx);
    try {
      await ctx.db.transaction((tx) => this.spec.audit.deleted(tx, ctx, existing.id, () => tx.getRepository(this.spec.entity).delete(existing.id)));
    } catch (err) {
      throw translateDbError(err, this.spec.label);
    }
    this.spec.afterCommit?.(ctx);
    return existing;
  }

  private async save(ctx: Context, row: T, existing: T | null, input: TInput): Promise<T> {
    let saved: T;
    try {
      saved = await ctx.db.transaction(async (tx) => {
        const change = async () => {
          const row2 = await tx.getRepository(this.spec.entity).save(row);
          await this.spec.afterSave?.(row2, tx, existing, input, ctx);
          return row2;
        };
        return existing ? this.spec.audit.updated(tx, ctx, existing.id, change) : this.spec.audit.created(tx, ctx, change);
      });
    } catch (err) {
      throw translateDbError(err, this.spec.label);
    }
    this.spec.afterCommit?.(ctx);
    return saved;
  }
}

export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Unique and foreign-key violations become errors the user can act on; the rest stay internal. */
export function translateDbError(err: unknown, label: string): unknown {
  if (!(err instanceof QueryFailedError)) return err;
  const pgErr = err.driverError as { code?: string; detail?: string };
  const column = /Key \(([^)]+)\)/.exec(pgErr.detail ?? '')?.[1]?.replace(/"/g, '');
  if (pgErr.code === '23505') return AppError.field(`input.${column ?? 'code'}`, `another ${label} already has this value`);
  if (pgErr.code === '23503') {
    if (/is still referenced/.test(pgErr.detail ?? '')) {
      return AppError.conflict(`This ${label} is still in use and cannot be deleted; deactivate it instead.`);
    }
    return AppError.field(`input.${column ?? 'id'}`, 'refers to a record that does not exist');
  }
  return err;
}

export interface CrudResolverSpec<T extends ObjectLiteral & { id: number }, TInput, TFilter extends BaseFilter> {
  type: Ctor<T>;
  page: Ctor<Page<T>>;
  input: Ctor<TInput>;
  filter: Ctor<TFilter>;
  single: string;
  plural: string;
  typeName: string;
  read: Permission;
  manage: Permission;
  service: CrudService<T, TInput, TFilter>;
}

/** Queries `<plural>`, `<single>` and mutations `create/update/delete<Type>` for one resource. */
export function createCrudResolver<T extends ObjectLiteral & { id: number }, TInput, TFilter extends BaseFilter>(s: CrudResolverSpec<T, TInput, TFilter>) {
  @Resolver(() => s.type)
  class CrudResolver {
    @Requires(s.read)
    @Query(() => s.page, { name: s.plural, description: `List ${s.typeName} records with filter, sort and paging.` })
    list(@Arg('filter', () => s.filter, { nullable: true }) filter: TFilter | null, @Args(() => ListArgs) args: ListArgs, @Ctx() ctx: Context) {
      return s.service.list(ctx, filter, args);
    }

    @Requires(s.read)
    @Query(() => s.type, { name: s.single, nullable: true })
    async one(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
      return s.service.get(ctx, id).catch((err) => (err instanceof AppError && err.code === 'NOT_FOUND' ? null : Promise.reject(err)));
    }

    @Requires(s.manage)
    @Mutation(() => s.type, { name: `create${s.typeName}` })
    create(@Arg('input', () => s.input) input: TInput, @Ctx() ctx: Context) {
      return s.service.create(ctx, input);
    }

    @Requires(s.manage)
    @Mutation(() => s.type, { name: `update${s.typeName}` })
    update(@Arg('id', () => ID) id: string, @Arg('input', () => s.input) input: TInput, @Ctx() ctx: Context) {
      return s.service.update(ctx, id, input);
    }

    @Requires(s.manage)
    @Mutation(() => s.type, { name: `delete${s.typeName}` })
    remove(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
      return s.service.remove(ctx, id);
    }
  }
  return CrudResolver;
}
