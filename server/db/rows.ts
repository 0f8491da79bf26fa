import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { readTimestamp } from './timestamps';

/** How a column's value goes from a row into the entity. */
const enum Kind {
  PLAIN = 1,
  DATE = 2,
  TRANSFORMED = 3,
}

interface Shape {
  make: () => ObjectLiteral;
  /** Column property → how it is copied; a key not in here is not a column and stays out. */
  kinds: Record<string, Kind | undefined>;
  transforms: Record<string, { from: (value: unknown) => unknown; date: boolean }>;
}

const shapes = new WeakMap<object, Shape>();

function shapeOf(db: DataSource, target: EntityTarget<ObjectLiteral>): Shape {
  let shape = shapes.get(target as object);
  if (shape) return shape;
  const meta = db.getMetadata(target);
  const kinds: Shape['kinds'] = Object.create(null);
  const transforms: Shape['transforms'] = Object.create(null);
  for (const col of meta.columns) {
    const t = col.transformer;
    const date = col.type === 'timestamptz' || col.type === 'timestamp with time zone' || col.isCreateDate || col.isUpdateDate;
    if (t && !Array.isArray(t)) transforms[col.propertyName] = { from: (v) => t.from(v), date };
    // pg reads int8 as a string (it may not fit a number) and TypeORM keeps it so; a JSON row carries a number.
    else if (col.type === 'bigint' || col.type === 'int8') transforms[col.propertyName] = { from: (v) => (v == null ? v : String(v)), date: false };
    kinds[col.propertyName] = transforms[col.propertyName] ? Kind.TRANSFORMED : date ? Kind.DATE : Kind.PLAIN;
  }
  // As TypeORM itself makes entities it reads: the prototype without the constructor, which would set every declared field to undefined.
  const proto = (meta.target as Function).prototype as object;
  shapes.set(target as object, (shape = { make: () => Object.create(proto) as ObjectLiteral, kinds, transforms }));
  return shape;
}

/**
 * An entity from a row whose keys are its property names (`SELECT t.*` or `to_jsonb(t)`),
 * with timestamps as Dates and column transformers applied; keys that are not columns stay
 * out. The hot list and preload paths build thousands of these per second: TypeORM's
 * `create()` walks every column and relation of every row to do the same.
 */
export function entityFromRow<T extends ObjectLiteral>(db: DataSource, target: EntityTarget<T>, row: Record<string, unknown>): T {
  const { make, kinds, transforms } = shapeOf(db, target as EntityTarget<ObjectLiteral>);
  const e = make();
  for (const p in row) {
    const kind = kinds[p];
    if (kind === undefined) continue;
    const v = row[p];
    if (kind === Kind.PLAIN) e[p] = v;
    else if (kind === Kind.DATE) e[p] = typeof v === 'string' ? readTimestamp(v) : v;
    else {
      const t = transforms[p];
      e[p] = t.from(t.date && typeof v === 'string' ? readTimestamp(v) : v);
    }
  }
  return e as T;
}
