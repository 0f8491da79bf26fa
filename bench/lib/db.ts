import 'reflect-metadata';
import path from 'node:path';
import { Client } from 'pg';
import pino from 'pino';
import { createDataSource } from '../../server/db/data-source';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../server/db/embedded';
import { seedDemo } from '../../server/seed/seed';
import { BENCH_DIR, freePort, log } from './util';

/**
 * Server settings of the benchmark cluster. pg_stat_statements counts every statement a
 * server sends (the same method for both servers); the rest only keeps bulk seeding and
 * index builds from checkpointing constantly. Everything else is PostgreSQL's default.
 */
export const PG_SETTINGS: Record<string, string> = {
  shared_preload_libraries: 'pg_stat_statements',
  'pg_stat_statements.track': 'top',
  'pg_stat_statements.track_utility': 'on',
  'pg_stat_statements.max': '10000',
  shared_buffers: '512MB',
  maintenance_work_mem: '512MB',
  max_wal_size: '8GB',
  checkpoint_timeout: '15min',
};

/** The embedded cluster's log, as JSON lines (`pg`: a chunk of PostgreSQL's stderr). */
export const PG_LOG_FILE = path.join(BENCH_DIR, '.data', 'pg-server.log');

export interface Cluster {
  port: number;
  url(database: string): string;
  version: string;
  settings: Record<string, string>;
  stop(): Promise<void>;
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function query<T = Record<string, unknown>>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url, application_name: 'bench' });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

export type PgClient = Client;

export async function openClient(url: string): Promise<Client> {
  const client = new Client({ connectionString: url, application_name: 'bench' });
  await client.connect();
  return client;
}

export async function withClient<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, application_name: 'bench' });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * The embedded PostgreSQL of the project (server/db/embedded.ts) with its data in
 * bench/.data/pg, on a free port. pg_stat_statements must be preloaded, which needs a
 * restart: the first start writes the settings with ALTER SYSTEM and starts again.
 */
export async function startCluster(): Promise<Cluster> {
  const dataDir = path.join(BENCH_DIR, '.data', 'pg');
  // PostgreSQL's own log (its stderr) in a file as well: the scale run reads auto_explain's plans from it (bench/scenarios/screens.ts).
  const logger = pino(
    { level: 'debug' },
    pino.multistream([
      { level: (process.env.BENCH_PG_LOG ?? 'warn') as pino.Level, stream: process.stdout },
      { level: 'debug', stream: pino.destination({ dest: PG_LOG_FILE, mkdir: true, sync: true }) },
    ]),
  );
  const port = await freePort();
  let embedded: EmbeddedDatabase = await startEmbeddedPostgres(dataDir, port, logger);
  const admin = () => withDatabase(embedded.url, 'postgres');
  const current = async () => {
    const out: Record<string, string> = {};
    for (const name of Object.keys(PG_SETTINGS)) {
      const [row] = await query<{ v: string }>(admin(), `SELECT current_setting($1, true) AS v`, [name]);
      out[name] = row?.v ?? '';
    }
    return out;
  };
  const normalise = (v: string) => v.replace(/\s+/g, '').toLowerCase();
  const differs = (have: Record<string, string>) =>
    Object.entries(PG_SETTINGS)
      .filter(([k, v]) => normalise(have[k] ?? '') !== normalise(v))
      .map(([k]) => k);
  let stale = differs(await current());
  if (stale.length) {
    log(`configuring the benchmark cluster (${stale.join(', ')}) and restarting it`);
    await withClient(admin(), async (c) => {
      for (const [k, v] of Object.entries(PG_SETTINGS)) await c.query(`ALTER SYSTEM SET ${k.includes('.') ? `"${k}"` : k} = '${v}'`);
    });
    await embedded.stop();
    embedded = await startEmbeddedPostgres(dataDir, port, logger);
    stale = differs(await current());
    if (stale.length) throw new Error(`PostgreSQL settings did not apply: ${stale.join(', ')}`);
  }
  const [{ server_version: version }] = await query<{ server_version: string }>(admin(), 'SHOW server_version');
  const settings = await current();
  return {
    port,
    url: (database) => withDatabase(embedded.url, database),
    version,
    settings,
    stop: () => embedded.stop(),
  };
}

export async function databaseExists(cluster: Cluster, name: string): Promise<boolean> {
  const rows = await query(cluster.url('postgres'), 'SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  return rows.length > 0;
}

export async function recreateDatabase(cluster: Cluster, name: string): Promise<string> {
  await withClient(cluster.url('postgres'), async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${name}`);
  });
  return cluster.url(name);
}

/** Our migrations, the demo organisation with its accounts, and pg_stat_statements. */
export async function migrateAndSeedOrg(url: string): Promise<void> {
  const db = createDataSource(url, { applicationName: 'bench-setup' });
  await db.initialize();
  try {
    await db.runMigrations({ transaction: 'each' });
    await seedDemo(db, pino({ level: 'warn' }), { demoAccounts: true });
  } finally {
    await db.destroy();
  }
  await query(url, 'CREATE SCHEMA IF NOT EXISTS bench; CREATE EXTENSION IF NOT EXISTS pg_stat_statements SCHEMA bench');
}
