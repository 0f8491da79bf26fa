import type { DataSource } from 'typeorm';
import { createDataSource } from '../../../server/db/data-source';
import { pendingSchemaChanges } from '../../../server/db/drift';
import { adminQuery, createTestDatabase, withDatabase } from '../../support/databases';

async function publicTables(db: DataSource): Promise<string[]> {
  const rows: { table_name: string }[] = await db.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`);
  return rows.map((r) => r.table_name);
}

/** Everything in the public schema that a migration could leave behind: tables, views, sequences, types, functions. */
async function leftovers(db: DataSource): Promise<string[]> {
  const rows: { what: string }[] = await db.query(`
    SELECT 'relation ' || c.relname AS what FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relname NOT LIKE 'migrations%' AND c.relname NOT LIKE 'PK_%'
    UNION ALL
    SELECT 'type ' || t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = 'public' AND t.typtype IN ('e', 'd', 'c') AND NOT EXISTS (SELECT 1 FROM pg_class c WHERE c.reltype = t.oid)
    UNION ALL
    SELECT 'function ' || p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'
    ORDER BY 1`);
  return rows.map((r) => r.what);
}

function describeChanges(changes: { up: { query: string }[] }): string[] {
  return changes.up.map((q) => q.query);
}

describe('migrations', () => {
  let database: { url: string; drop(): Promise<void> };
  let db: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createDataSource(database.url, { poolSize: 2, applicationName: 'lapor-migrations-test' });
    await db.initialize();
  });
  afterAll(async () => {
    if (db?.isInitialized) await db.destroy();
    await database?.drop();
  });

  test('all migrations are applied and the entities agree with them', async () => {
    expect(await db.showMigrations()).toBe(false);
    expect(describeChanges(await pendingSchemaChanges(db))).toEqual([]);
  });

  test('every down() runs cleanly in reverse, and up() again restores the same schema', async () => {
    const count = db.migrations.length;
    expect(count).toBeGreaterThan(0);
    const tablesBefore = await publicTables(db);
    const applied = async () => Number((await db.query('SELECT count(*) AS n FROM migrations'))[0].n);
    expect(await applied()).toBe(count);

    for (let i = count; i > 0; i--) {
      await db.undoLastMigration({ transaction: 'each' });
      expect(await applied()).toBe(i - 1);
    }
    expect(await publicTables(db)).toEqual(['migrations']);
    expect(await leftovers(db)).toEqual([]);

    const ran = await db.runMigrations({ transaction: 'each' });
    expect(ran).toHaveLength(count);
    expect(await publicTables(db)).toEqual(tablesBefore);
    expect(describeChanges(await pendingSchemaChanges(db))).toEqual([]);
  });

  test('an empty database migrates from scratch to a schema matching the entities', async () => {
    const admin = process.env.TEST_PG_ADMIN_URL!;
    const name = `lapor_empty_${process.pid}_${Date.now().toString(36)}`;
    await adminQuery(admin, `CREATE DATABASE ${name}`);
    const fresh = createDataSource(withDatabase(admin, name), { poolSize: 2 });
    try {
      await fresh.initialize();
      await fresh.runMigrations({ transaction: 'each' });
      expect(describeChanges(await pendingSchemaChanges(fresh))).toEqual([]);
    } finally {
      if (fresh.isInitialized) await fresh.destroy();
      await adminQuery(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  });
});
