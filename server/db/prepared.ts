import crypto from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';

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
  db.logger.logQuery(text, values);
  const pool = (db.driver as unknown as { master: Pool }).master;
  return (await pool.query<T & Record<string, unknown>>(statement(text, values))).rows;
}

/**
 * The same inside a transaction, on its connection: for the write statements of a
 * transition, whose texts depend only on its kind (how many events, which episode steps).
 */
export async function preparedTxQuery<T = Record<string, unknown>>(tx: EntityManager, text: string, values: unknown[]): Promise<T[]> {
  const client = (tx.queryRunner as unknown as { databaseConnection?: PoolClient } | undefined)?.databaseConnection;
  if (!client) return tx.query(text, values);
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
