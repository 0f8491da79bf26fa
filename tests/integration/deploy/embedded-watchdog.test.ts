import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { DEMO_PASSWORD } from '../../../server/seed/seed';
import { freePort } from '../../support/databases';
import { eventually, processesMentioning, startServerProcess, stopProcessesIn, within, type ServerProcess } from '../../support/server-process';

/**
 * The embedded PostgreSQL is part of the server: when it dies the server says so on /healthz,
 * starts it again (bounded, logged), and exits non-zero when it cannot, so a supervisor
 * restarts everything.
 */
jest.setTimeout(120_000);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lapor-watchdog-'));
// As root, PostgreSQL runs as the OS user postgres, which must reach the data directory.
fs.chmodSync(dir, 0o755);
const dataDir = path.join(dir, 'pg');
const started: ServerProcess[] = [];
let pgPort = 0;

beforeAll(async () => {
  pgPort = await freePort();
});
afterAll(async () => {
  for (const s of started) await s.kill();
  stopProcessesIn(dir);
  fs.rmSync(dir, { recursive: true, force: true });
});

async function startServer(env: Record<string, string> = {}): Promise<{ server: ServerProcess; base: string }> {
  const server = startServerProcess({
    APP_MODE: 'demo',
    PORT: '0',
    HOST: '127.0.0.1',
    EMBEDDED_PG_DIR: dataDir,
    EMBEDDED_PG_PORT: String(pgPort),
    SWEEP_INTERVAL_MS: '0',
    LOG_LEVEL: 'info',
    ...env,
  });
  started.push(server);
  const ready = await server.waitForLog('server ready', 90_000);
  return { server, base: String(ready.url).replace(/\/graphql$/, '') };
}

const postmasterPid = () => Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
const status = async (url: string) => (await fetch(url, { signal: AbortSignal.timeout(2000) })).status;

async function me(base: string, token: string) {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: '{ me { username } }' }),
  });
  return { status: res.status, body: (await res.json()) as { data?: { me: { username: string } }; errors?: { extensions?: { code?: string } }[] } };
}

async function login(base: string) {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }',
      variables: { u: 'admin.tengah', p: DEMO_PASSWORD },
    }),
  });
  return ((await res.json()) as { data: { login: { token: string } } }).data.login.token;
}

test('kill -9 of the embedded postmaster: /healthz 503 while it is down, the server restarts it and serves again', async () => {
  const { server, base } = await startServer();
  const token = await login(base);
  expect(await status(`${base}/healthz`)).toBe(200);
  const pid = postmasterPid();

  process.kill(pid, 'SIGKILL');
  const exited = await server.waitForLog('embedded PostgreSQL exited unexpectedly', 10_000);
  expect(exited).toMatchObject({ pid, signal: 'SIGKILL', level: 50 });
  // The first restart waits a second: the database is gone meanwhile, and the server says so.
  expect(await status(`${base}/healthz`)).toBe(503);
  expect(await status(`${base}/readyz`)).toBe(503);
  const meanwhile = await me(base, token);
  expect(meanwhile.status).toBe(503);
  expect(meanwhile.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');

  const restarted = await server.waitForLog('embedded PostgreSQL restarted', 60_000);
  expect(restarted.pid).not.toBe(pid);
  expect(postmasterPid()).toBe(restarted.pid);
  expect(server.lines.filter((l) => l.msg === 'restarting embedded PostgreSQL').length).toBeGreaterThanOrEqual(1);
  expect(await status(`${base}/healthz`)).toBe(200);
  expect(await eventually(async () => (await status(`${base}/readyz`)) === 200, 5_000)).toBe(true);
  // The same token, read from the restarted database.
  expect((await me(base, token)).body).toEqual({ data: { me: { username: 'admin.tengah' } } });

  server.child.kill('SIGTERM');
  expect(await within(server.exited, 20_000, 'exit after SIGTERM')).toEqual({ code: 0, signal: null });
  expect(await eventually(() => processesMentioning(dataDir).length === 0, 5_000)).toBe(true);
});

test('when the embedded PostgreSQL cannot be restarted the server gives up after the configured attempts and exits non-zero', async () => {
  const { server, base } = await startServer({ EMBEDDED_PG_RESTART_ATTEMPTS: '2' });
  expect(await status(`${base}/healthz`)).toBe(200);
  const pid = postmasterPid();

  process.kill(pid, 'SIGKILL');
  // Someone else takes the port, so no restart can listen on it.
  let squatter: net.Server | null = null;
  const took = await eventually(
    () =>
      new Promise<boolean>((resolve) => {
        // Whoever connects (the server's pool) is hung up on, so closing the squatter does not wait for them.
        const candidate = net.createServer((socket) => socket.destroy());
        candidate.once('error', () => resolve(false));
        candidate.listen(pgPort, '127.0.0.1', () => {
          squatter = candidate;
          resolve(true);
        });
      }),
    5_000,
    20,
  );
  expect(took).toBe(true);
  try {
    await server.waitForLog('embedded PostgreSQL exited unexpectedly', 10_000);
    expect(await status(`${base}/healthz`)).toBe(503);
    const exit = await within(server.exited, 60_000, 'exit after the restarts failed');
    expect(exit).toEqual({ code: 1, signal: null });
    const msgs = server.lines.map((l) => l.msg);
    expect(msgs.filter((m) => m === 'restarting embedded PostgreSQL')).toHaveLength(2);
    expect(msgs.filter((m) => m === 'embedded PostgreSQL did not restart')).toHaveLength(2);
    expect(msgs).toEqual(expect.arrayContaining(['embedded PostgreSQL could not be restarted; giving up', 'stopped']));
    expect(server.lines.find((l) => l.msg === 'shutting down: draining connections')?.reason).toBe('embedded database lost');
  } finally {
    await new Promise((resolve) => (squatter ? squatter.close(resolve) : resolve(undefined)));
  }
  expect(await eventually(() => processesMentioning(dataDir).length === 0, 5_000)).toBe(true);
});
