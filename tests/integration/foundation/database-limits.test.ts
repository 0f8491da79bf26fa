import pg from 'pg';
import { loadConfig } from '../../../server/config';
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
