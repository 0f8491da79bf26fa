import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';

interface Shape {
  make: () => ObjectLiteral;
  dates: string[];
  transforms: [string, (value: unknown) => unknown][];
}

const shapes = new WeakMap<object, Shape>();

function shapeOf(db: DataSource, target: EntityTarget<ObjectLiteral>): Shape {
  let shape = shapes.get(target as object);
  if (shape) return shape;
  const meta = db.getMetadata(target);
  const dates: string[] = [];
  const transforms: Shape['transforms'] = [];
  for (const col of meta.columns) {
    if (col.type === 'timestamptz' || col.type === 'timestamp with time zone' || col.isCreateDate || col.isUpdateDate) dates.push(col.propertyName);
    const t = col.transformer;
    if (t && !Array.isArray(t)) transforms.push([col.propertyName, (v) => t.from(v)]);
  }
  shapes.set(target as object, (shape = { make: () => meta.create() as ObjectLiteral, dates, transforms }));
  return shape;
}

/**
 * An entity from a row whose keys are its property names (`SELECT t.*` or `to_jsonb(t)`),
 * with timestamps as Dates and column transformers applied. The hot list and preload paths
 * build thousands of these per second: TypeORM's `create()` walks every column and relation
 * of every row to do the same.
 */
export function entityFromRow<T extends ObjectLiteral>(db: DataSource, target: EntityTarget<T>, row: Record<string, unknown>): T {
  const shape = shapeOf(db, target as EntityTarget<ObjectLiteral>);
  for (const p of shape.dates) {
    const v = row[p];
    if (typeof v === 'string') row[p] = new Date(v);
  }
  for (const [p, from] of shape.transforms) if (p in row) row[p] = from(row[p]);
  return Object.assign(shape.make(), row) as T;
}
