import crypto from 'node:crypto';
import pg from 'pg';
import { ConfigError, loadConfig } from '../../../server/config';
import { startTestApp, type TestApp } from '../../support/test-app';
import { complaintInput } from '../lifecycle/helpers';

/**
 * Prometheus metrics at /metrics, only where configured: on the main port for
 * `Authorization: Bearer $METRICS_TOKEN`, and/or without a token on METRICS_PORT (loopback by default).
 */
jest.setTimeout(60_000);

const TOKEN = 'metrics-token-for-this-test-0123456789abcdef';
const STRONG = crypto.randomBytes(36).toString('base64');

/** The value of the sample `name` whose labels include `labels`; undefined when there is none. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) return Number(match[3]);
  }
  return undefined;
}

describe('configuration', () => {
  const DB = 'postgres://lapor@db.example/lapor';
  const production = (extra: Record<string, string>) => loadConfig({ DATABASE_URL: DB, TOKEN_SECRET: crypto.randomBytes(36).toString('base64'), ...extra });

  test('off unless a token or a port is given; the separate listener defaults to loopback', () => {
    expect(loadConfig({ APP_MODE: 'test' }).metrics).toEqual({ token: null, port: null, host: '127.0.0.1' });
    expect(loadConfig({ APP_MODE: 'test', METRICS_PORT: '9464' }).metrics).toEqual({ token: null, port: 9464, host: '127.0.0.1' });
    expect(production({ METRICS_TOKEN: STRONG, METRICS_PORT: '9464', METRICS_HOST: '0.0.0.0' }).metrics).toEqual({
      token: STRONG,
      port: 9464,
      host: '0.0.0.0',
    });
  });

  test('production refuses a weak METRICS_TOKEN, naming it', () => {
    for (const weak of ['short', 'metrics-metrics-metrics-metrics-metrics', 'a'.repeat(48)]) {
      expect(() => production({ METRICS_TOKEN: weak })).toThrow(ConfigError);
      expect(() => production({ METRICS_TOKEN: weak })).toThrow(/^METRICS_TOKEN /);
    }
    expect(() => production({ METRICS_PORT: 'x' })).toThrow(/METRICS_PORT/);
    expect(() => production({ METRICS_PORT: '70000' })).toThrow(/METRICS_PORT/);
  });
});

describe('not configured', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.stop());

  test('/metrics is 404', async () => {
    expect((await fetch(`${t.url}/metrics`)).status).toBe(404);
    expect((await fetch(`${t.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(404);
    expect(t.app.metricsUrl).toBeNull();
  });
});

describe('with METRICS_TOKEN (and METRICS_PORT)', () => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    const { database } = loadConfig({ APP_MODE: 'test' });
    // A lock waited for longer than the statement timeout ends as a statement timeout (57014).
    t = await startTestApp(
      { sweepIntervalMs: 100, database: { ...database, statementTimeoutMs: 1500, lockTimeoutMs: 10_000 } },
      { METRICS_TOKEN: TOKEN, METRICS_PORT: '0' },
    );
    token = await t.login('walikota');
  });
  afterAll(() => t?.stop());

  const scrape = async () => {
    const res = await fetch(`${t.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    return res.text();
  };

  test('401 without the token or with a wrong one; 200 in the Prometheus text format with it', async () => {
    for (const authorization of [undefined, 'Bearer wrong', `Bearer ${TOKEN.slice(0, -1)}x`, TOKEN, `Basic ${TOKEN}`]) {
      const res = await fetch(`${t.url}/metrics`, { headers: authorization ? { authorization } : {} });
      expect(res.status).toBe(401);
      expect(await res.text()).not.toContain('lapor_');
    }
    const res = await fetch(`${t.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toContain('# TYPE lapor_graphql_request_duration_seconds histogram');
    // The default process metrics, in this app's own registry.
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(sample(text, 'nodejs_eventloop_lag_seconds')).toBeDefined();
  });

  test('the separate listener serves the same metrics without a token', async () => {
    expect(t.app.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    const res = await fetch(t.app.metricsUrl!);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('lapor_db_pool_max 10');
    // Only /metrics there.
    expect((await fetch(t.app.metricsUrl!.replace('/metrics', '/graphql'))).status).toBe(404);
  });

  test('requests by operation name and type, errors by code', async () => {
    const before = await scrape();
    const named = { operation: 'MetricsProbe', type: 'query' };
    expect(await t.ok('query MetricsProbe { opds(perPage: 1) { total } }', {}, token)).toMatchObject({ opds: { total: expect.any(Number) } });
    await t.ok('query MetricsProbe { opds(perPage: 1) { total } }', {}, token);
    const refused = await t.gql('query MetricsRefused { me { username } }');
    const invalid = await t.gql('query Bogus { noSuchField }', {}, token);
    const codes = [refused, invalid].map((r) => r.errors?.[0]?.extensions?.code);
    expect(codes).toEqual(['UNAUTHENTICATED', 'BAD_USER_INPUT']);
    const after = await scrape();

    const count = (text: string, labels: Record<string, string>) => sample(text, 'lapor_graphql_request_duration_seconds_count', labels) ?? 0;
    expect(count(after, named) - count(before, named)).toBe(2);
    expect(count(after, { operation: 'MetricsRefused', type: 'query' })).toBe(1);
    // A document that did not validate is not labelled with the name its sender chose.
    expect(count(after, { operation: 'Bogus' })).toBe(0);
    expect(count(after, { operation: '(invalid)', type: 'unknown' }) - count(before, { operation: '(invalid)', type: 'unknown' })).toBe(1);

    const expected: Record<string, number> = {};
    for (const code of codes) expected[code!] = (expected[code!] ?? 0) + 1;
    for (const [code, n] of Object.entries(expected)) {
      expect((sample(after, 'lapor_graphql_errors_total', { code }) ?? 0) - (sample(before, 'lapor_graphql_errors_total', { code }) ?? 0)).toBe(n);
    }
  });

  test('database pool gauges, read when scraped', async () => {
    const text = await scrape();
    for (const name of ['lapor_db_pool_in_use', 'lapor_db_pool_idle', 'lapor_db_pool_waiting']) expect(sample(text, name)).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'lapor_db_pool_max')).toBe(10);
    // Connections held elsewhere show as in use.
    const busy = Array.from({ length: 3 }, () => t.app.db.query('SELECT pg_sleep(0.8)'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sample(await scrape(), 'lapor_db_pool_in_use')).toBeGreaterThanOrEqual(3);
    await Promise.all(busy);
  });

  test('open WebSocket sockets and subscriptions go up while open and back down after closing', async () => {
    const gauges = async () => {
      const text = await scrape();
      return { sockets: sample(text, 'lapor_ws_sockets'), subscriptions: sample(text, 'lapor_ws_subscriptions') };
    };
    expect(await gauges()).toEqual({ sockets: 0, subscriptions: 0 });
    const client = t.ws(token);
    const received: unknown[] = [];
    const unsubscribe = client.subscribe(
      { query: 'subscription { complaintChanged { event { id } } }' },
      { next: (r) => void received.push(r), error: () => undefined, complete: () => undefined },
    );
    await waitFor(async () => (await gauges()).subscriptions === 1, 'the subscription to show');
    expect(await gauges()).toEqual({ sockets: 1, subscriptions: 1 });
    unsubscribe();
    await waitFor(async () => (await gauges()).subscriptions === 0, 'the subscription to end');
    await client.dispose();
    await waitFor(async () => (await gauges()).sockets === 0, 'the socket to close');
    expect(received).toEqual([]);
  });

  test('a statement the database ends by its statement timeout is counted', async () => {
    const kinds = (text: string) => sample(text, 'lapor_db_timeouts_total', { kind: 'statement' }) ?? 0;
    const before = kinds(await scrape());
    const locker = new pg.Client({ connectionString: t.dbUrl });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE opd IN ACCESS EXCLUSIVE MODE');
      const r = await t.gql('query TimedOut { opds(perPage: 5) { total } }', {}, token);
      expect(r.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    } finally {
      await locker.query('ROLLBACK').catch(() => undefined);
      await locker.end();
    }
    expect(kinds(await scrape()) - before).toBe(1);
  });

  test('deadline sweeps: runs and duration', async () => {
    await waitFor(async () => (sample(await scrape(), 'lapor_sweep_runs_total', { outcome: 'swept' }) ?? 0) > 0, 'a sweep');
    const text = await scrape();
    expect(sample(text, 'lapor_sweep_duration_seconds_count')).toBeGreaterThan(0);
    expect(sample(text, 'lapor_sweep_runs_total', { outcome: 'failed' }) ?? 0).toBe(0);
  });

  test('a change handed to a live subscriber is measured as feed lag', async () => {
    const count = (text: string) => sample(text, 'lapor_feed_lag_seconds_count') ?? 0;
    const before = count(await scrape());
    const client = t.ws(token);
    const received: unknown[] = [];
    const unsubscribe = client.subscribe(
      { query: 'subscription { complaintChanged { cursor } }' },
      { next: (r) => void received.push(r), error: () => undefined, complete: () => undefined },
    );
    await waitFor(async () => t.app.services.feed.subscriberCount > 0, 'the subscription');
    const r = await t.gql(
      'mutation($input: ComplaintInput!) { submitComplaint(input: $input) { trackingCode } }',
      { input: complaintInput() },
      await t.login('admin.tengah'),
    );
    expect(r.errors).toBeUndefined();
    await waitFor(async () => received.length > 0, 'the change');
    unsubscribe();
    await waitFor(async () => count(await scrape()) > before, 'the lag to be recorded');
  });

  test('feed lag, as the feed reports it', async () => {
    const read = (text: string) => ({
      count: sample(text, 'lapor_feed_lag_seconds_count') ?? 0,
      quick: sample(text, 'lapor_feed_lag_seconds_bucket', { le: '0.25' }) ?? 0,
      sum: sample(text, 'lapor_feed_lag_seconds_sum') ?? 0,
    });
    const before = read(await scrape());
    t.app.services.metrics.observeFeedLag(0.2);
    t.app.services.metrics.observeFeedLag(3);
    const after = read(await scrape());
    expect(after.count - before.count).toBe(2);
    expect(after.quick - before.quick).toBe(1);
    expect(after.sum - before.sum).toBeCloseTo(3.2);
  });
});

describe('with METRICS_PORT only', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({}, { METRICS_PORT: '0' });
  });
  afterAll(() => t?.stop());

  test('the separate listener serves without a token and the main port has no /metrics', async () => {
    const res = await fetch(t.app.metricsUrl!);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('# TYPE lapor_db_pool_in_use gauge');
    expect((await fetch(`${t.url}/metrics`)).status).toBe(404);
    expect((await fetch(`${t.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(404);
  });
});

async function waitFor(check: () => Promise<boolean>, what: string, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
