import 'reflect-metadata';
import path from 'node:path';
import pino from 'pino';
import { startEmbeddedPostgres } from '../../server/db/embedded';
import { createDataSource } from '../../server/db/data-source';
import { seedDemo } from '../../server/seed/seed';
import { adminQuery, freePort, TEMPLATE_DB, withDatabase } from './databases';

/**
 * One PostgreSQL for the whole run: the embedded one by default, or the server in
 * DATABASE_URL. A template database is migrated and seeded once; test files clone it.
 */
export default async function globalSetup(): Promise<void> {
  process.env.TEST_RUN_ID ??= String(process.pid);
  const log = pino({ level: process.env.TEST_LOG_LEVEL ?? 'warn' });
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const dataDir = path.resolve(__dirname, '..', '..', '..', '.data', `test-pg-${process.env.TEST_RUN_ID}`);
    const embedded = await startEmbeddedPostgres(dataDir, await freePort(), log);
    (globalThis as { __embeddedPg?: typeof embedded; __embeddedDir?: string }).__embeddedPg = embedded;
    (globalThis as { __embeddedDir?: string }).__embeddedDir = dataDir;
    adminUrl = embedded.url;
  }
  process.env.TEST_PG_ADMIN_URL = withDatabase(adminUrl, 'postgres');
  const admin = process.env.TEST_PG_ADMIN_URL;
  await adminQuery(admin, `DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
  await adminQuery(admin, `CREATE DATABASE ${TEMPLATE_DB}`);
  const db = createDataSource(withDatabase(admin, TEMPLATE_DB));
  await db.initialize();
  try {
    await db.runMigrations({ transaction: 'each' });
    await seedDemo(db, log, { demoAccounts: true });
  } finally {
    await db.destroy();
  }
}
