import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { adminQuery, withDatabase } from '../../support/databases';
import { DIST, runNode } from './cli';

const CLI = 'server/db/migrate-cli.js';
const dbName = `lapor_revert_${process.pid}_${Date.now().toString(36)}`;
let url: string;
let pg: Client;

beforeAll(async () => {
  await adminQuery(process.env.TEST_PG_ADMIN_URL!, `CREATE DATABASE ${dbName}`);
  url = withDatabase(process.env.TEST_PG_ADMIN_URL!, dbName);
  pg = new Client({ connectionString: url });
  await pg.connect();
});
afterAll(async () => {
  await pg?.end();
  await adminQuery(process.env.TEST_PG_ADMIN_URL!, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
});

const migrate = async (command: string) => {
  const r = await runNode(CLI, [command], { DATABASE_URL: url });
  expect({ command, code: r.code, stderr: r.stderr }).toEqual({ command, code: 0, stderr: '' });
  return r.stdout;
};
const applied = async () => (await pg.query(`SELECT name FROM migrations ORDER BY id`)).rows.map((r) => r.name as string);
/** Tables, columns (with their nullability and defaults), indexes and sequences (but the migrations log itself): what a revert and a re-run must give back exactly. */
const schema = async () =>
  (
    await pg.query(
      `SELECT table_name || '.' || column_name || ':' || data_type || ':' || is_nullable || ':' || coalesce(column_default, '') AS x FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> 'migrations'
       UNION ALL SELECT indexname || ':' || indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> 'migrations'
       UNION ALL SELECT sequence_name FROM information_schema.sequences WHERE sequence_schema = 'public' AND sequence_name <> 'migrations_id_seq' ORDER BY 1`,
    )
  ).rows.map((r) => r.x as string);

test('npm run migrate:revert takes back exactly the latest migration, and running migrations again restores the schema', async () => {
  const files = fs
    .readdirSync(path.join(DIST, 'migrations'))
    .filter((f) => f.endsWith('.js'))
    .sort();
  expect(await migrate('run')).toMatch(/applied:/);
  const all = await applied();
  expect(all).toHaveLength(files.length);
  const full = await schema();

  const latest = all[all.length - 1];
  expect(await migrate('revert')).toContain(`reverted: ${latest}`);
  expect(await applied()).toEqual(all.slice(0, -1));
  expect(await schema()).not.toEqual(full);

  expect(await migrate('run')).toContain(`applied: ${latest}`);
  expect(await applied()).toEqual(all);
  expect(await schema()).toEqual(full);
});

test('every migration down() works: reverting them all one step at a time empties the schema', async () => {
  const n = (await applied()).length;
  for (let i = 0; i < n; i++) await migrate('revert');
  expect(await applied()).toEqual([]);
  expect(await schema()).toEqual([]);
  expect(await migrate('revert')).toContain('no migration to revert');
  await migrate('run');
  expect(await applied()).toHaveLength(n);
  // One CLI process per migration (about 2.5 s each): the time grows with the migrations.
}, 300_000);
