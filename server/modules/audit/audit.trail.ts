import type { EntityManager, QueryDeepPartialEntity } from 'typeorm';
import type { Context } from '../../core/context';
import type { CrudAudit } from '../../core/crud';
import { AppError } from '../../core/errors';
import { AuditAction, AuditEntry, type AuditChange } from './audit.entity';
import { AUDIT_SUBJECTS, auditSubjectOf, type AuditSubject } from './audit.subjects';

/** Who made a change: a signed-in user, or a named system process (seed, a command line). */
export type AuditActor = { userId: number; username: string; role: string | null; requestId?: string | null } | { system: string; requestId?: string | null };

type Row = Record<string, unknown>;

export function actorOf(ctx: Context): AuditActor {
  if (ctx.viewer) return { userId: ctx.viewer.userId, username: ctx.viewer.username, role: ctx.viewer.role, requestId: ctx.requestId };
  return { system: ctx.client ? `API client ${ctx.client.name}` : 'unauthenticated request', requestId: ctx.requestId };
}

/** A process without a signed-in user, e.g. `systemActor('seed')` or the command line that ran. */
export function systemActor(name: string): AuditActor {
  return { system: name.slice(0, 200) };
}

/** The rows as stored (every column, secrets too, by property name), locked when they will change. */
async function snapshots(tx: EntityManager, subject: AuditSubject, ids: number[], lock: boolean): Promise<Map<number, Row>> {
  if (!ids.length) return new Map();
  const meta = tx.connection.getMetadata(subject.entity);
  const columns = meta.columns.map((c) => `"${c.databaseName}" AS "${c.propertyName}"`).join(', ');
  const rows: Row[] = await tx.query(`SELECT ${columns} FROM "${meta.tableName}" WHERE id = ANY($1::int[]) ORDER BY id${lock ? ' FOR UPDATE' : ''}`, [ids]);
  return new Map(rows.map((r) => [r.id as number, r]));
}

const plain = (v: unknown): unknown => (v instanceof Date ? v.toISOString() : v);
const blank = (v: unknown) => v == null || v === '' || (Array.isArray(v) && v.length === 0);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The fields that differ (on create the values set, on delete the values removed). Secrets
 * and columns the subject does not list are only named, never their values.
 */
export function changesBetween(subject: AuditSubject, before: Row | null, after: Row | null): AuditChange[] {
  const changes: AuditChange[] = [];
  for (const field of Object.keys(after ?? before ?? {})) {
    if (subject.ignored.includes(field)) continue;
    const b = before ? plain(before[field]) : null;
    const a = after ? plain(after[field]) : null;
    if (before && after ? same(a, b) : blank(after ? a : b)) continue;
    if (subject.recorded.includes(field)) changes.push({ field, before: b, after: a, redacted: false });
    else changes.push({ field: subject.secret[field] ?? field, before: null, after: null, redacted: true });
  }
  return changes;
}

function entryOf(actor: AuditActor, subject: AuditSubject, action: AuditAction, id: number, before: Row | null, after: Row | null): Partial<AuditEntry> | null {
  const changes = changesBetween(subject, before, after);
  if (action === AuditAction.UPDATE && !changes.length) return null;
  const user = 'userId' in actor ? actor : null;
  return {
    actorId: user?.userId ?? null,
    actorUsername: user?.username ?? null,
    actorRole: user?.role ?? null,
    actorSystem: 'system' in actor ? actor.system : null,
    requestId: actor.requestId ?? null,
    kind: subject.kind,
    entityId: id,
    entityLabel: subject.label((after ?? before)!).slice(0, 300),
    action,
    changes,
  };
}

async function write(tx: EntityManager, entries: (Partial<AuditEntry> | null)[]): Promise<void> {
  const rows = entries.filter((e): e is Partial<AuditEntry> => !!e);
  for (let i = 0; i < rows.length; i += 500) await tx.getRepository(AuditEntry).insert(rows.slice(i, i + 500) as QueryDeepPartialEntity<AuditEntry>[]);
}

/** Runs `make` (which inserts one row of `entity`) inside `tx` and records the new row. */
export async function auditedCreate<T extends { id: number }>(tx: EntityManager, actor: AuditActor, entity: Function, make: () => Promise<T>): Promise<T> {
  const subject = auditSubjectOf(entity);
  const row = await make();
  const after = (await snapshots(tx, subject, [row.id], false)).get(row.id) ?? null;
  await write(tx, [entryOf(actor, subject, AuditAction.CREATE, row.id, null, after)]);
  return row;
}

/** Runs `change` (which updates the rows `ids` of `entity`) inside `tx` and records what it changed in each. */
export async function auditedUpdate<T>(tx: EntityManager, actor: AuditActor, entity: Function, ids: number[], change: () => Promise<T>): Promise<T> {
  const subject = auditSubjectOf(entity);
  const before = await snapshots(tx, subject, ids, true);
  const missing = ids.find((id) => !before.has(id));
  if (missing !== undefined) throw AppError.notFound(subject.noun, missing);
  const result = await change();
  const after = await snapshots(tx, subject, ids, false);
  await write(
    tx,
    ids.map((id) => entryOf(actor, subject, after.has(id) ? AuditAction.UPDATE : AuditAction.DELETE, id, before.get(id)!, after.get(id) ?? null)),
  );
  return result;
}

/** Runs `remove` (which deletes the row `id` of `entity`) inside `tx` and records it, with what the database changed in rows pointing at it. */
export async function auditedDelete<T>(tx: EntityManager, actor: AuditActor, entity: Function, id: number, remove: () => Promise<T>): Promise<T> {
  const subject = auditSubjectOf(entity);
  let result!: T;
  const run = async () => {
    const before = (await snapshots(tx, subject, [id], true)).get(id);
    if (!before) throw AppError.notFound(subject.noun, id);
    result = await remove();
    await write(tx, [entryOf(actor, subject, AuditAction.DELETE, id, before, null)]);
  };
  let wrapped = run;
  for (const dep of subject.dependents ?? []) {
    const inner = wrapped;
    const meta = tx.connection.getMetadata(dep.entity);
    const column = meta.findColumnWithPropertyName(dep.column)!.databaseName;
    const ids: number[] = (await tx.query(`SELECT id FROM "${meta.tableName}" WHERE "${column}" = $1 ORDER BY id`, [id])).map((r: { id: number }) => r.id);
    wrapped = () => auditedUpdate(tx, actor, dep.entity, ids, inner);
  }
  await wrapped();
  return result;
}

/** Records every audited row that exists now as created by `actor`: for seeding an empty database. */
export async function recordExistingAsCreated(tx: EntityManager, actor: AuditActor): Promise<number> {
  let count = 0;
  for (const subject of AUDIT_SUBJECTS) {
    const meta = tx.connection.getMetadata(subject.entity);
    const ids: number[] = (await tx.query(`SELECT id FROM "${meta.tableName}" ORDER BY id`)).map((r: { id: number }) => r.id);
    const rows = await snapshots(tx, subject, ids, false);
    await write(
      tx,
      [...rows.values()].map((r) => entryOf(actor, subject, AuditAction.CREATE, r.id as number, null, r)),
    );
    count += rows.size;
  }
  return count;
}

/** The shared CRUD's recorder for `entity`, with the signed-in user of each request as the actor. */
export function auditTrailOf(entity: Function): CrudAudit {
  // Fails at start-up, not on the first change, when the entity has no audit rules.
  auditSubjectOf(entity);
  return {
    created: (tx, ctx, make) => auditedCreate(tx, actorOf(ctx), entity, make),
    updated: (tx, ctx, id, change) => auditedUpdate(tx, actorOf(ctx), entity, [id], change),
    deleted: (tx, ctx, id, remove) => auditedDelete(tx, actorOf(ctx), entity, id, remove),
  };
}
