import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClient, type Client as WsClient } from 'graphql-ws';
import { Client as PgClient } from 'pg';
import jwt from 'jsonwebtoken';
import WebSocket from 'ws';
import { PUBLISHED_SECRETS } from '../../../server/core/strength';
import { SECRET_FILE } from '../../../server/db/embedded-secret';
import { DEMO_PASSWORD } from '../../../server/seed/seed';
import { adminQuery, createTestDatabase, freePort, withDatabase } from '../../support/databases';
import { eventually, processesMentioning, startServerProcess, stopProcessesIn, within, type ServerProcess } from '../../support/server-process';

jest.setTimeout(120_000);

const started: ServerProcess[] = [];
function startServer(env: Record<string, string>): ServerProcess {
  const server = startServerProcess(env);
  started.push(server);
  return server;
}

async function gql(base: string, query: string, variables: Record<string, unknown> = {}, token?: string) {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: any; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

const LOGIN = 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }';

const tempDirs: string[] = [];
const databases: string[] = [];
const dropLater: Array<() => Promise<void>> = [];

afterAll(async () => {
  for (const r of started) await r.kill();
  for (const dir of tempDirs) {
    stopProcessesIn(dir);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const admin = process.env.TEST_PG_ADMIN_URL;
  if (admin) for (const name of databases) await adminQuery(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  for (const drop of dropLater) await drop();
});

test('demo mode on an embedded database starts, serves, and stops cleanly on SIGTERM', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lapor-shutdown-'));
  tempDirs.push(dir);
  // As root, PostgreSQL runs as the OS user postgres, which must reach the data directory.
  fs.chmodSync(dir, 0o755);
  const dataDir = path.join(dir, 'pg');
  const server = startServer({
    APP_MODE: 'demo',
    PORT: '0',
    HOST: '127.0.0.1',
    EMBEDDED_PG_DIR: dataDir,
    EMBEDDED_PG_PORT: String(await freePort()),
    LOG_LEVEL: 'info',
  });
  const ready = await server.waitForLog('server ready', 90_000);
  expect(ready.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
  expect(ready.mode).toBe('demo');
  expect(ready.database).toBe('embedded');
  const base = String(ready.url).replace(/\/graphql$/, '');
  expect(Number(new URL(base).port)).toBeGreaterThan(0);

  const health = await fetch(`${base}/healthz`);
  expect(health.status).toBe(200);
  const readyz = await fetch(`${base}/readyz`);
  expect(readyz.status).toBe(200);
  expect(await readyz.json()).toEqual({ status: 'ready' });

  const login = await gql(base, LOGIN, { u: 'admin.tengah', p: DEMO_PASSWORD });
  expect(login.errors).toBeUndefined();
  const token = login.data.login.token as string;
  const me = await gql(base, '{ me { username role opd { code } } }', {}, token);
  expect(me.data?.me).toEqual({ username: 'admin.tengah', role: 'ADMIN', opd: { code: 'KEC-TENGAH' } });

  // Signed with the random secret generated into the data directory (owner-only), not with any secret from the source.
  const secretFile = path.join(dataDir, SECRET_FILE);
  expect(fs.statSync(secretFile).mode & 0o777).toBe(0o600);
  expect(jwt.verify(token, fs.readFileSync(secretFile, 'utf8').trim())).toHaveProperty('sub');
  for (const published of PUBLISHED_SECRETS) expect(() => jwt.verify(token, published)).toThrow(/invalid signature/);

  // An open graphql-ws connection must be closed by the shutdown, not keep the process alive.
  let closeEvent: { code?: number } | null = null;
  let ws: WsClient | null = null;
  const connected = new Promise<void>((resolve, reject) => {
    ws = createClient({
      url: `${base.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      lazy: false,
      retryAttempts: 0,
      onNonLazyError: () => undefined,
      on: {
        connected: () => resolve(),
        closed: (event) => {
          closeEvent = (event as { code?: number }) ?? {};
          reject(new Error('closed before connecting'));
        },
      },
    });
  });
  await within(connected, 10_000, 'graphql-ws connection');
  expect(processesMentioning(dataDir).length).toBeGreaterThan(0);

  const t0 = Date.now();
  server.child.kill('SIGTERM');
  const exit = await within(server.exited, 15_000, 'exit after SIGTERM');
  const tookMs = Date.now() - t0;
  expect({ exit, stderr: server.stderr.join('') }).toEqual({ exit: { code: 0, signal: null }, stderr: '' });
  expect(tookMs).toBeLessThan(15_000);
  expect(server.lines.map((l) => l.msg)).toEqual(expect.arrayContaining(['shutting down: draining connections', 'stopped']));
  expect(server.lines.filter((l) => l.level >= 50)).toEqual([]);

  expect(await eventually(() => closeEvent !== null, 2_000)).toBe(true);
  // 1001 Going Away: the client reconnects elsewhere or later.
  expect((closeEvent as { code?: number } | null)?.code).toBe(1001);
  await (ws as WsClient | null)?.dispose();

  // The embedded PostgreSQL stopped with it.
  const leftover = await eventually(() => processesMentioning(dataDir).length === 0, 3_000);
  expect(leftover ? [] : processesMentioning(dataDir)).toEqual([]);
  expect(fs.existsSync(path.join(dataDir, 'postmaster.pid'))).toBe(false);
});

test('production mode without TOKEN_SECRET refuses to start and names TOKEN_SECRET', async () => {
  const server = startServer({ APP_MODE: 'production', PORT: '0', HOST: '127.0.0.1', DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
  const exit = await within(server.exited, 15_000, 'exit');
  expect(exit.code).not.toBe(0);
  expect(exit.code).not.toBeNull();
  expect(server.stderr.join('') + server.stdout.join('\n')).toMatch(/TOKEN_SECRET/);
  expect(server.lines.find((l) => l.msg === 'server ready')).toBeUndefined();

  // A secret that is too short is refused the same way.
  const weak = startServer({ APP_MODE: 'production', PORT: '0', TOKEN_SECRET: 'short', DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
  const weakExit = await within(weak.exited, 15_000, 'exit');
  expect(weakExit.code).not.toBe(0);
  expect(weak.stderr.join('')).toMatch(/TOKEN_SECRET/);
});

test('production mode on an empty database creates no demo accounts', async () => {
  const admin = process.env.TEST_PG_ADMIN_URL!;
  const name = `lapor_prod_${process.pid}_${Date.now().toString(36)}`;
  await adminQuery(admin, `CREATE DATABASE ${name}`);
  databases.push(name);
  const url = withDatabase(admin, name);
  const server = startServer({
    APP_MODE: 'production',
    TOKEN_SECRET: crypto.randomBytes(48).toString('base64'),
    DATABASE_URL: url,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
  });
  const ready = await server.waitForLog('server ready', 60_000);
  expect(ready.mode).toBe('production');
  expect(ready.database).toBe('external');
  const base = String(ready.url).replace(/\/graphql$/, '');

  for (const username of ['admin.tengah', 'superadmin', 'walikota']) {
    const r = await gql(base, LOGIN, { u: username, p: DEMO_PASSWORD });
    expect(r.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  }
  // Errors in production carry no internals.
  const bad = await gql(base, '{ me { nope } }');
  expect(bad.errors?.[0]?.extensions).not.toHaveProperty('stacktrace');

  const pg = new PgClient({ connectionString: url });
  await pg.connect();
  try {
    const users = await pg.query('SELECT count(*)::int AS n FROM app_user');
    expect(users.rows[0].n).toBe(0);
    // The schema itself was migrated.
    const migrations = await pg.query('SELECT count(*)::int AS n FROM migrations');
    expect(migrations.rows[0].n).toBeGreaterThan(0);
  } finally {
    await pg.end();
  }

  server.child.kill('SIGTERM');
  const exit = await within(server.exited, 15_000, 'exit after SIGTERM');
  expect(exit).toEqual({ code: 0, signal: null });
});

const SUBMIT = 'mutation($input: ComplaintInput!) { submitComplaint(input: $input) { trackingCode } }';
const submission = (title: string) => ({
  type: 'COMPLAINT',
  title,
  description: 'Saluran air di depan rumah kami tersumbat sejak hujan kemarin.',
  reporterPhone: '081234567890',
  anonymous: false,
  confidential: false,
});

type Outcome = { status: number; headers: Headers; body: any } | { failed: string };

/** One POST on a connection of its own; a reset or hang-up is an outcome, not an exception. */
async function attempt(base: string, query: string, variables: Record<string, unknown>, token?: string): Promise<Outcome> {
  try {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, headers: res.headers, body: await res.json() };
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    return { failed: `${cause?.code ?? ''} ${cause?.message ?? String(err)}` };
  }
}

test('SIGTERM with 20 requests in flight: all 20 complete, later ones get 503 before processing, WebSockets close with 1001, exit 0', async () => {
  const database = await createTestDatabase();
  dropLater.push(database.drop);
  const server = startServer({
    APP_MODE: 'test',
    DATABASE_URL: database.url,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    SEED_DEMO: 'false',
    SWEEP_INTERVAL_MS: '0',
    // Every blocked request holds a connection of its own, and waits for the lock rather than timing out.
    DB_POOL_SIZE: '30',
    DB_LOCK_TIMEOUT_MS: '60000',
    SHUTDOWN_DRAIN_MS: '10000',
  });
  const ready = await server.waitForLog('server ready', 60_000);
  const base = String(ready.url).replace(/\/graphql$/, '');
  const token = (await gql(base, LOGIN, { u: 'walikota', p: DEMO_PASSWORD })).data.login.token as string;

  let closeCode: number | null = null;
  const ws = createClient({
    url: `${base.replace('http', 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    lazy: false,
    retryAttempts: 0,
    onNonLazyError: () => undefined,
    on: { closed: (event) => (closeCode = (event as { code?: number }).code ?? -1) },
  });
  await within(new Promise<void>((resolve) => ws.on('connected', () => resolve())), 10_000, 'graphql-ws connection');

  const pg = new PgClient({ connectionString: database.url });
  await pg.connect();
  const marker = `inflight-${crypto.randomBytes(4).toString('hex')}`;
  let released = false;
  try {
    await pg.query('BEGIN');
    await pg.query('LOCK TABLE complaint IN ACCESS EXCLUSIVE MODE');
    const inFlight = Array.from({ length: 20 }, (_, i) => attempt(base, SUBMIT, { input: submission(`${marker} ${i}`) }));
    // All 20 are inside the server, each waiting in PostgreSQL for the lock.
    const waiting = async () => {
      const { rows } = await pg.query(
        `SELECT count(DISTINCT l.pid)::int AS n FROM pg_locks l WHERE l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) AND l.relation = 'complaint'::regclass AND NOT l.granted AND l.pid <> pg_backend_pid()`,
      );
      return rows[0].n as number;
    };
    expect(await eventually(async () => (await waiting()) === 20, 20_000)).toBe(true);

    server.child.kill('SIGTERM');
    await server.waitForLog('shutting down: draining connections', 5_000);

    // A request arriving during the drain is refused before anything is done with it.
    const late = await attempt(base, SUBMIT, { input: submission(`${marker} after SIGTERM`) });
    expect('status' in late && late.status).toBe(503);
    if (!('status' in late)) throw new Error(late.failed);
    expect(late.headers.get('retry-after')).toBe('5');
    expect(late.headers.get('connection')).toBe('close');
    expect(late.body.errors[0].extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 5 });
    expect(late.body.data).toBeUndefined();
    // So is a new WebSocket.
    const refusedWs = await new Promise<number>((resolve, reject) => {
      const socket = new WebSocket(`${base.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
      socket.on('unexpected-response', (_req, res) => {
        resolve(res.statusCode ?? 0);
        socket.terminate();
      });
      socket.on('open', () => reject(new Error('a WebSocket opened during shutdown')));
      socket.on('error', () => undefined);
    });
    expect(refusedWs).toBe(503);
    // The open socket stays open while requests drain.
    expect(closeCode).toBeNull();

    await pg.query('ROLLBACK');
    released = true;
    const outcomes = await within(Promise.all(inFlight), 15_000, 'the 20 in-flight responses');
    const summary = outcomes.map((o) => ('failed' in o ? o.failed : `${o.status} ${o.body.errors ? JSON.stringify(o.body.errors) : 'data'}`));
    expect(summary).toEqual(Array.from({ length: 20 }, () => '200 data'));
    for (const o of outcomes) expect('body' in o && o.body.data.submitComplaint.trackingCode).toMatch(/^MGL-/);

    const exit = await within(server.exited, 15_000, 'exit after SIGTERM');
    expect({ exit, stderr: server.stderr.join('') }).toEqual({ exit: { code: 0, signal: null }, stderr: '' });
    expect(await eventually(() => closeCode !== null, 3_000)).toBe(true);
    expect(closeCode).toBe(1001);
    // The demo calendar ends with this year, so its coverage warning is expected; nothing else may warn.
    expect(server.lines.filter((l) => l.level >= 40 && !String(l.msg).startsWith('holiday calendar too short'))).toEqual([]);

    const { rows } = await pg.query(`SELECT title FROM complaint WHERE title LIKE $1 ORDER BY title`, [`${marker}%`]);
    const titles = rows.map((r: { title: string }) => r.title);
    expect(titles).toHaveLength(20);
    expect(titles).not.toContain(`${marker} after SIGTERM`);
  } finally {
    if (!released) await pg.query('ROLLBACK').catch(() => undefined);
    await pg.end();
    await ws.dispose();
  }
});

test('a request still running after SHUTDOWN_DRAIN_MS does not hold the shutdown: it is cut, logged, and the process exits 0', async () => {
  const database = await createTestDatabase();
  dropLater.push(database.drop);
  const server = startServer({
    APP_MODE: 'test',
    DATABASE_URL: database.url,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    SEED_DEMO: 'false',
    SWEEP_INTERVAL_MS: '0',
    DB_LOCK_TIMEOUT_MS: '60000',
    SHUTDOWN_DRAIN_MS: '1000',
  });
  const ready = await server.waitForLog('server ready', 60_000);
  const base = String(ready.url).replace(/\/graphql$/, '');
  const pg = new PgClient({ connectionString: database.url });
  await pg.connect();
  const marker = `stuck-${crypto.randomBytes(4).toString('hex')}`;
  try {
    await pg.query('BEGIN');
    await pg.query('LOCK TABLE complaint IN ACCESS EXCLUSIVE MODE');
    const stuck = attempt(base, SUBMIT, { input: submission(marker) });
    const waiting = async () =>
      (
        await pg.query(
          `SELECT count(*)::int AS n FROM pg_locks WHERE database = (SELECT oid FROM pg_database WHERE datname = current_database()) AND relation = 'complaint'::regclass AND NOT granted`,
        )
      ).rows[0].n === 1;
    expect(await eventually(waiting, 20_000)).toBe(true);

    server.child.kill('SIGTERM');
    // The lock outlives the drain: the process does not wait for it.
    const exit = await within(server.exited, 15_000, 'exit after SIGTERM');
    expect(exit).toEqual({ code: 0, signal: null });
    expect(server.lines.find((l) => l.msg === 'requests still running after the drain time; closing them')).toMatchObject({ requests: 1, drainMs: 1000 });
    // Its outcome is unknown to the client, as with any cut connection: no response, not a false 503.
    expect(await stuck).toEqual({ failed: expect.stringMatching(/UND_ERR_SOCKET|ECONNRESET|other side closed/) });
  } finally {
    await pg.query('ROLLBACK').catch(() => undefined);
    await pg.end();
  }
  // The server is gone, so its transaction never commits.
  const pg2 = new PgClient({ connectionString: database.url });
  await pg2.connect();
  try {
    expect(
      await eventually(
        async () =>
          (await pg2.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'lapor' AND datname = current_database()`)).rows[0].n ===
          0,
        5_000,
      ),
    ).toBe(true);
    expect((await pg2.query('SELECT count(*)::int AS n FROM complaint WHERE title = $1', [marker])).rows[0].n).toBe(0);
  } finally {
    await pg2.end();
  }
});
