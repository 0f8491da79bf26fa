import crypto from 'node:crypto';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
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
import { adminQuery, freePort, withDatabase } from '../../support/databases';

jest.setTimeout(120_000);

/** dist/tests/integration/foundation → dist/server/main.js */
const MAIN = path.resolve(__dirname, '..', '..', '..', 'server', 'main.js');
const PROJECT = path.resolve(__dirname, '..', '..', '..', '..');

interface Running {
  child: ChildProcess;
  lines: Record<string, any>[];
  stdout: string[];
  stderr: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  waitForLog(msg: string, timeoutMs: number): Promise<Record<string, any>>;
}

const started: Running[] = [];

/** Starts the real server entry point with a clean environment plus `env`. */
function startServer(env: Record<string, string>): Running {
  const base: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, LANG: process.env.LANG ?? 'C.UTF-8' };
  const child = spawn(process.execPath, [MAIN], { cwd: PROJECT, env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: Record<string, any>[] = [];
  const stdout: string[] = [];
  const stderr: string[] = [];
  const waiters: { msg: string; resolve(line: Record<string, any>): void }[] = [];
  let buffered = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    let nl: number;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const raw = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      stdout.push(raw);
      try {
        const line = JSON.parse(raw) as Record<string, any>;
        lines.push(line);
        for (const w of waiters.filter((x) => x.msg === line.msg)) w.resolve(line);
      } catch {
        // not a log line
      }
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => stderr.push(chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const running: Running = {
    child,
    lines,
    stdout,
    stderr,
    exited,
    waitForLog(msg, timeoutMs) {
      const seen = lines.find((l) => l.msg === msg);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no "${msg}" log line within ${timeoutMs} ms.\nstdout:\n${stdout.join('\n')}\nstderr:\n${stderr.join('')}`)),
          timeoutMs,
        );
        const done = (line: Record<string, any>) => {
          clearTimeout(timer);
          resolve(line);
        };
        waiters.push({ msg, resolve: done });
        void exited.then(({ code, signal }) => {
          clearTimeout(timer);
          reject(new Error(`server exited (code ${code}, signal ${signal}) before "${msg}".\nstdout:\n${stdout.join('\n')}\nstderr:\n${stderr.join('')}`));
        });
      });
    },
  };
  started.push(running);
  return running;
}

function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
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

function processesMentioning(text: string): string[] {
  const out = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' });
  return out.split('\n').filter((l) => l.includes(text) && !l.includes('ps -eo'));
}

async function eventually(check: () => boolean, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return check();
}

const tempDirs: string[] = [];
const databases: string[] = [];

afterAll(async () => {
  for (const r of started) {
    if (r.child.exitCode === null && r.child.signalCode === null) {
      r.child.kill('SIGKILL');
      await r.exited;
    }
  }
  for (const dir of tempDirs) {
    // A postgres left behind by a failed test would otherwise keep running.
    for (const line of processesMentioning(dir)) {
      const pid = Number(line.trim().split(/\s+/)[0]);
      if (pid) {
        try {
          process.kill(pid, 'SIGQUIT');
        } catch {
          // already gone
        }
      }
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const admin = process.env.TEST_PG_ADMIN_URL;
  if (admin) for (const name of databases) await adminQuery(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
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
