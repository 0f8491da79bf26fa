import type { EntityTarget, ObjectLiteral } from 'typeorm';
import type { Context } from './context';
import { AppError, parseId } from './errors';

/** Resolves an optional reference id from an input, naming the field when it points nowhere. */
export async function refId<T extends ObjectLiteral>(
  ctx: Context,
  entity: EntityTarget<T>,
  value: string | null | undefined,
  field: string,
  check?: (row: T) => string | null,
): Promise<number | null> {
  if (value == null || value === '') return null;
  const id = parseId(value, field);
  const row = await ctx.db.getRepository(entity).findOneBy({ id } as never);
  if (!row) throw AppError.field(field, `no record with id ${value}`);
  const problem = check?.(row);
  if (problem) throw AppError.field(field, problem);
  return id;
}
