import crypto from 'node:crypto';
import pg from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/** Per process; each pooled connection prepares a statement on its first use of it. */
const MAX_PREPARED = 300;
const names = new Map<string, string>();

/**
 * A read as a named prepared statement: PostgreSQL parses and analyses it once per
 * connection instead of on every request. For the hot list and preload statements, whose
 * texts depend only on which filters and fields a request uses and on its page size (values
 * are parameters), so there are few of them; past MAX_PREPARED distinct texts, statements run
 * unnamed. Counted
 * like every TypeORM statement (server/db/sql-counter.ts).
 */
export async function preparedQuery<T = Record<string, unknown>>(db: DataSource, text: string, values: unknown[]): Promise<T[]> {
  const pool = poolOf(db);
  db.logger.logQuery(text, values);
  return (await pool.query<T & Record<string, unknown>>(statement(text, values))).rows;
}

/**
 * TypeORM's pool of `pg` connections: PostgresDriver's `master`, public but typed `any`.
 * Checked when the database opens (server/app/bootstrap.ts), so a TypeORM that keeps its
 * pool elsewhere stops the server at startup instead of failing requests.
 */
export function poolOf(db: DataSource): pg.Pool {
  const driver = db.driver;
  const pool: unknown = driver instanceof PostgresDriver ? driver.master : undefined;
  if (!(pool instanceof pg.Pool)) {
    throw new Error(
      `Prepared statements need TypeORM's PostgreSQL driver to hold a pg.Pool in \`driver.master\` (found ${describe(pool)}, driver ${driver?.constructor?.name}): ` +
        'TypeORM or pg changed shape; see server/db/prepared.ts.',
    );
  }
  return pool;
}

function describe(v: unknown): string {
  return v == null ? String(v) : ((v as object).constructor?.name ?? typeof v);
}

/**
 * The same inside a transaction, on its connection: for the write statements of a
 * transition, whose texts depend only on its kind (how many events, which episode steps).
 */
export async function preparedTxQuery<T = Record<string, unknown>>(tx: EntityManager, text: string, values: unknown[]): Promise<T[]> {
  // A manager outside a transaction has no connection of its own: TypeORM picks one.
  if (!tx.queryRunner) return tx.query(text, values);
  // QueryRunner.connect() returns the connection the runner holds (pg's client for PostgreSQL).
  const client: unknown = await tx.queryRunner.connect();
  if (!(client instanceof pg.Client)) {
    throw new Error(
      `A TypeORM query runner's connection is not a pg client (found ${describe(client)}): TypeORM or pg changed shape; see server/db/prepared.ts.`,
    );
  }
  tx.connection.logger.logQuery(text, values);
  return (await client.query<T & Record<string, unknown>>(statement(text, values))).rows;
}

function statement(text: string, values: unknown[]): { name?: string; text: string; values: unknown[] } {
  let name = names.get(text);
  if (!name && names.size < MAX_PREPARED) {
    name = `q_${crypto.createHash('sha1').update(text).digest('base64url').slice(0, 20)}`;
    names.set(text, name);
  }
  return name ? { name, text, values } : { text, values };
}
