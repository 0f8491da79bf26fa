import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { createDataSource } from '../../../server/db/data-source';
import { ENTITIES } from '../../../server/db/entities';
import { poolOf, preparedQuery, preparedTxQuery } from '../../../server/db/prepared';
import { entityFromRow } from '../../../server/db/rows';
import { Lab } from '../lifecycle/helpers';

/**
 * server/db/prepared.ts reaches TypeORM's pg pool and a transaction's pg client, and
 * server/db/rows.ts builds entities from rows the way TypeORM does; neither is TypeORM's
 * documented API. On a real PostgreSQL, these fail when TypeORM or pg change shape.
 */
let lab: Lab;
let db: DataSource;
beforeAll(async () => {
  lab = await Lab.start();
  // Some complaints with events and handling episodes: forwarded, answered.
  await lab.verified();
  await lab.forwarded();
  await lab.responded();
  // One connection, so the statements a test prepares are visible to its next query.
  db = createDataSource(lab.t.dbUrl, { poolSize: 1, applicationName: 'db-internals-test' });
  await db.initialize();
});
afterAll(async () => {
  await db?.destroy();
  await lab?.stop();
});

/** Whether this connection holds `text` as a named prepared statement. */
const isPrepared = async (query: (sql: string, values: unknown[]) => Promise<{ n: number }[]>, text: string) =>
  (await query(`SELECT count(*)::int AS n FROM pg_prepared_statements WHERE statement = $1 AND name LIKE 'q\\_%'`, [text]))[0].n === 1;

test("preparedQuery runs on TypeORM's pool as a named prepared statement", async () => {
  const text = `SELECT $1::int + 1 AS n /* db-internals ${Date.now()} */`;
  expect(await isPrepared((sql, v) => db.query(sql, v), text)).toBe(false);
  expect(await preparedQuery(db, text, [41])).toEqual([{ n: 42 }]);
  expect(await isPrepared((sql, v) => db.query(sql, v), text)).toBe(true);
  // Its second run uses the statement prepared on this connection.
  expect(await preparedQuery(db, text, [1])).toEqual([{ n: 2 }]);
});

test('preparedTxQuery runs inside the transaction, on its connection', async () => {
  await db.transaction(async (tx) => {
    const [{ txid }] = await tx.query('SELECT txid_current()::text AS txid');
    await tx.query(`CREATE TEMP TABLE db_internals_probe (v int) ON COMMIT DROP`);
    await tx.query(`INSERT INTO db_internals_probe VALUES (7)`);
    const text = `SELECT txid_current()::text AS txid, (SELECT sum(v)::int FROM db_internals_probe) AS v, $1::text AS tag /* ${Date.now()} */`;
    expect(await preparedTxQuery(tx, text, ['x'])).toEqual([{ txid, v: 7, tag: 'x' }]);
    expect(await isPrepared((sql, v) => tx.query(sql, v), text)).toBe(true);
  });
});

test('preparedTxQuery on a manager outside a transaction still runs (unprepared, through TypeORM)', async () => {
  expect(await preparedTxQuery(db.manager, 'SELECT $1::int AS n', [5])).toEqual([{ n: 5 }]);
});

test('a connection the database terminates before its borrower listens for errors does not crash the process', async () => {
  // pg-pool hands connections out without an error listener and TypeORM adds its own a tick later:
  // this borrower holds that moment open while the database ends the connection.
  const borrowed = await poolOf(db).connect();
  expect(borrowed.listenerCount('error')).toBeGreaterThan(0);
  const ended = new Promise((resolve) => borrowed.once('end', resolve));
  const [{ terminated }] = await lab.t.app.db.query('SELECT pg_terminate_backend($1) AS terminated', [
    (borrowed as unknown as { processID: number }).processID,
  ]);
  expect(terminated).toBe(true);
  await ended;
  borrowed.release(new Error('terminated by the test'));
  // The pool replaces it.
  expect(await db.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
});

test('a TypeORM without a pg pool where prepared.ts looks stops the server at startup', async () => {
  const driver = db.driver as unknown as { master: unknown };
  const pool = driver.master;
  expect(poolOf(db)).toBe(pool);
  try {
    driver.master = { query: () => undefined };
    expect(() => poolOf(db)).toThrow(/TypeORM or pg changed shape/);
    await expect(preparedQuery(db, 'SELECT 1', [])).rejects.toThrow(/TypeORM or pg changed shape/);
  } finally {
    driver.master = pool;
  }
});

test('entityFromRow builds, for every entity, the same entity TypeORM reads from the same rows', async () => {
  let compared = 0;
  for (const entity of ENTITIES) {
    const meta = db.getMetadata(entity);
    const pk = meta.primaryColumns.map((c) => `t."${c.databaseName}"`).join(', ');
    const target = entity as EntityTarget<ObjectLiteral>;
    const qb = db.getRepository(target).createQueryBuilder('t');
    // Also the columns TypeORM leaves out unless asked (select: false), as a `SELECT *` row carries them.
    for (const col of meta.columns) if (!col.isSelect) qb.addSelect(`t.${col.propertyName}`);
    const typeorm = await qb.orderBy(pk.replace(/t\."/g, '"t"."')).limit(50).getMany();
    // `SELECT *` rows (as ComplaintService.byId reads) and json_agg rows (as the list preload reads).
    const rows: Record<string, unknown>[] = await db.query(`SELECT t.* FROM "${meta.tableName}" t ORDER BY ${pk} LIMIT 50`);
    const [{ json }] = await db.query(
      `SELECT coalesce(json_agg(t ORDER BY ${pk}), '[]') AS json FROM (SELECT * FROM "${meta.tableName}" t ORDER BY ${pk} LIMIT 50) t`,
    );
    expect(rows.length).toBe(typeorm.length);
    for (const [i, expected] of typeorm.entries()) {
      const fromRow = entityFromRow(db, target, rows[i]);
      const fromJson = entityFromRow(db, target, (json as Record<string, unknown>[])[i]);
      expect(Object.getPrototypeOf(fromRow)).toBe(Object.getPrototypeOf(expected));
      // TypeORM leaves unloaded relations undefined (sometimes as a key); values must match in type too.
      expect({ entity: meta.name, ...fromRow }).toEqual({ entity: meta.name, ...expected });
      expect({ entity: meta.name, ...fromJson }).toEqual({ entity: meta.name, ...expected });
      compared += 1;
    }
  }
  expect(compared).toBeGreaterThan(100);
  // The tables the hot paths read all had rows to compare.
  for (const table of ['complaint', 'complaint_event', 'opd', 'category', 'app_user', 'service_post']) {
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM "${table}"`);
    expect({ table, n: n > 0 }).toEqual({ table, n: true });
  }
});
