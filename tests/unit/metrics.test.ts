import { GraphQLError } from 'graphql';
import type pg from 'pg';
import { MAX_OPERATION_NAMES, Metrics } from '../../server/app/metrics';

const pool = { totalCount: 4, idleCount: 1, waitingCount: 2, options: { max: 7 } } as unknown as pg.Pool;

function sample(text: string, line: string): number | undefined {
  const found = text.split('\n').find((l) => l.startsWith(`${line} `));
  return found === undefined ? undefined : Number(found.slice(line.length + 1));
}

/** One HTTP request through the Apollo plugin, as Apollo calls its hooks. */
async function request(metrics: Metrics, operationName: string | null) {
  const plugin = metrics.apolloPlugin<object>();
  const hooks = (await plugin.requestDidStart!({} as never))!;
  await hooks.didResolveOperation!({ operationName, operation: { operation: 'query' } } as never);
  await hooks.willSendResponse!({} as never);
}

test('operation names label at most MAX_OPERATION_NAMES series; the rest are (other)', async () => {
  const metrics = new Metrics(pool);
  for (let i = 0; i < MAX_OPERATION_NAMES + 5; i++) await request(metrics, `Op${i}`);
  await request(metrics, 'Op0');
  await request(metrics, null);
  const text = await metrics.scrape();
  expect(sample(text, 'lapor_graphql_request_duration_seconds_count{operation="Op0",type="query"}')).toBe(2);
  expect(sample(text, `lapor_graphql_request_duration_seconds_count{operation="Op${MAX_OPERATION_NAMES - 1}",type="query"}`)).toBe(1);
  expect(sample(text, `lapor_graphql_request_duration_seconds_count{operation="Op${MAX_OPERATION_NAMES}",type="query"}`)).toBeUndefined();
  expect(sample(text, 'lapor_graphql_request_duration_seconds_count{operation="(other)",type="query"}')).toBe(5);
  expect(sample(text, 'lapor_graphql_request_duration_seconds_count{operation="(anonymous)",type="query"}')).toBe(1);
});

test('database timeouts by kind, each error once however many fields it reaches', async () => {
  const metrics = new Metrics(pool);
  const lock = Object.assign(new Error('canceling statement due to lock timeout'), { driverError: { code: '55P03' } });
  const format = metrics.countingErrors((formatted) => ({ ...formatted, extensions: { code: 'SERVICE_UNAVAILABLE' } }));
  for (const path of ['a', 'b']) format({ message: 'x' }, new GraphQLError('x', { path: [path], originalError: lock }));
  await expect(metrics.timeSweep(() => Promise.reject(Object.assign(new Error('statement timeout'), { code: '57014' })))).rejects.toThrow();
  await metrics.timeSweep(() => Promise.resolve({ ran: false, overdue: 0, autoClosed: 0, resumed: 0, reminded: 0, digests: 0 }));
  metrics.observeDatabaseError(new Error('not a timeout'));
  const text = await metrics.scrape();
  expect(sample(text, 'lapor_db_timeouts_total{kind="lock"}')).toBe(1);
  expect(sample(text, 'lapor_db_timeouts_total{kind="statement"}')).toBe(1);
  expect(sample(text, 'lapor_graphql_errors_total{code="SERVICE_UNAVAILABLE"}')).toBe(2);
  expect(sample(text, 'lapor_sweep_runs_total{outcome="failed"}')).toBe(1);
  expect(sample(text, 'lapor_sweep_runs_total{outcome="skipped"}')).toBe(1);
  expect(sample(text, 'lapor_sweep_duration_seconds_count')).toBe(2);
});

test('pool gauges are read from the pool when scraped', async () => {
  const live = { ...pool } as { totalCount: number; idleCount: number; waitingCount: number; options: { max: number } };
  const metrics = new Metrics(live as unknown as pg.Pool);
  live.totalCount = 6;
  const text = await metrics.scrape();
  expect([
    sample(text, 'lapor_db_pool_in_use'),
    sample(text, 'lapor_db_pool_idle'),
    sample(text, 'lapor_db_pool_waiting'),
    sample(text, 'lapor_db_pool_max'),
  ]).toEqual([5, 1, 2, 7]);
});
