import net from 'node:net';
import type { ExecutionResult } from 'graphql';
import { createClient, type Client as WsClient } from 'graphql-ws';
import WebSocket from 'ws';
import pg from 'pg';
import { startApp } from '../../../server/app/bootstrap';
import { loadConfig } from '../../../server/config';
import { createTestDatabase } from '../../support/databases';
import { startTestApp, type TestApp } from '../../support/test-app';

/**
 * One long lock or a saturated pool must not stall the server: every session has lock,
 * statement and idle-in-transaction timeouts; a request the database cannot serve in time
 * gets SERVICE_UNAVAILABLE (HTTP 503 with Retry-After) instead of hanging; /readyz answers
 * within a second whatever the database does.
 */
let t: TestApp;
let token: string;

beforeAll(async () => {
  const { database } = loadConfig({ APP_MODE: 'test' });
  t = await startTestApp({ database: { ...database, poolSize: 3, lockTimeoutMs: 300, statementTimeoutMs: 2000, idleInTransactionTimeoutMs: 1000 } });
  token = await t.login('walikota');
});
afterAll(async () => {
  await t?.stop();
});

const post = (query: string) =>
  fetch(`${t.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });

/** /readyz, failing the test if it takes more than a second to answer. */
const ready = async () => {
  const res = await fetch(`${t.url}/readyz`, { signal: AbortSignal.timeout(1000) });
  return { status: res.status, body: await res.json() };
};

test('every pooled session carries the configured timeouts', async () => {
  const [row] = await t.app.db.query(
    `SELECT current_setting('lock_timeout') AS lock, current_setting('statement_timeout') AS statement, current_setting('idle_in_transaction_session_timeout') AS idle`,
  );
  expect(row).toEqual({ lock: '300ms', statement: '2s', idle: '1s' });
});

test('a table locked by someone else: SERVICE_UNAVAILABLE with 503 and Retry-After, not a hang; /readyz still answers', async () => {
  const locker = new pg.Client({ connectionString: t.dbUrl });
  await locker.connect();
  try {
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE opd IN ACCESS EXCLUSIVE MODE');
    const res = await post('{ opds(perPage: 5) { total } }');
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    const body = (await res.json()) as { errors: { message: string; extensions: { code: string; retryAfterSeconds: number } }[] };
    expect(body.errors[0].extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 5 });
    expect(JSON.stringify(body)).not.toMatch(/lock|timeout|SQL|opd/i);
    expect(await ready()).toEqual({ status: 200, body: { status: 'ready' } });
  } finally {
    await locker.query('ROLLBACK').catch(() => undefined);
    await locker.end();
  }
  // Once the lock is gone, the same request works.
  const after = await post('{ opds(perPage: 5) { total } }');
  expect(after.status).toBe(200);
  expect(((await after.json()) as { data: { opds: { total: number } } }).data.opds.total).toBeGreaterThan(0);
});

test('a saturated pool: /readyz says so within a second', async () => {
  const busy = Array.from({ length: 5 }, () => t.app.db.query('SELECT pg_sleep(1.5)').catch(() => undefined));
  await new Promise((resolve) => setTimeout(resolve, 100));
  const answer = await ready();
  expect(answer.status).toBe(503);
  expect(answer.body.status).toBe('database pool saturated');
  await Promise.all(busy);
  expect((await ready()).status).toBe(200);
});

/** Runs one operation over graphql-ws and returns what came back: results, or the error the server refused it with. */
function overWs(client: WsClient, query: string): Promise<{ results: ExecutionResult[] } | { error: unknown }> {
  const results: ExecutionResult[] = [];
  return new Promise((resolve) => {
    client.subscribe(
      { query },
      {
        next: (r) => void results.push(r as ExecutionResult),
        error: (error) => resolve({ error }),
        complete: () => resolve({ results }),
      },
    );
  });
}

test('over graphql-ws, a query the locked database cannot serve in time gets SERVICE_UNAVAILABLE, and the socket keeps working', async () => {
  let connections = 0;
  const client = createClient({
    url: `${t.url.replace('http', 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    lazy: false,
    retryAttempts: 0,
    onNonLazyError: () => undefined,
    on: { connected: () => void connections++ },
  });
  const locker = new pg.Client({ connectionString: t.dbUrl });
  await locker.connect();
  try {
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE complaint IN ACCESS EXCLUSIVE MODE');
    const answer = await overWs(client, '{ complaints(perPage: 5) { total } }');
    expect('results' in answer).toBe(true);
    const errors = 'results' in answer ? answer.results.flatMap((r) => r.errors ?? []) : [];
    expect(errors.map((e) => e.extensions)).toEqual([expect.objectContaining({ code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 5 })]);
    expect(errors.map((e) => e.message).join()).not.toMatch(/lock|timeout|SQL|complaint/i);
  } finally {
    await locker.query('ROLLBACK').catch(() => undefined);
    await locker.end();
  }
  const after = await overWs(client, '{ complaints(perPage: 5) { total } }');
  expect(after).toEqual({ results: [{ data: { complaints: { total: expect.any(Number) } } }] });
  expect(connections).toBe(1);
  await client.dispose();
});

test('on an external database /healthz stays a liveness check: 200 while the database is unreachable, which /readyz and requests report', async () => {
  const database = await createTestDatabase();
  const target = new URL(database.url);
  // A proxy between the server and PostgreSQL, so the test can cut the database off.
  const links = new Set<net.Socket>();
  const proxy = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    for (const s of [client, upstream]) {
      links.add(s);
      s.on('error', () => undefined);
      s.on('close', () => links.delete(s));
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const viaProxy = new URL(database.url);
  viaProxy.hostname = '127.0.0.1';
  viaProxy.port = String((proxy.address() as net.AddressInfo).port);
  const { database: limits } = loadConfig({ APP_MODE: 'test' });
  const app = await startApp({
    ...loadConfig({ APP_MODE: 'test' }),
    databaseUrl: viaProxy.toString(),
    port: 0,
    host: '127.0.0.1',
    seedDemo: false,
    sweepIntervalMs: 0,
    database: { ...limits, connectTimeoutMs: 500 },
  });
  try {
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    proxy.close();
    for (const s of links) s.destroy();
    const health = await fetch(`${app.url}/healthz`);
    expect({ status: health.status, body: await health.json() }).toEqual({ status: 200, body: { status: 'ok' } });
    const readyz = await fetch(`${app.url}/readyz`, { signal: AbortSignal.timeout(1000) });
    expect(readyz.status).toBe(503);
    const res = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ complaints(perPage: 5) { total } }' }),
    });
    expect(res.status).toBe(503);
    expect(((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
  } finally {
    await app.stop();
    proxy.close();
    await database.drop();
  }
});
