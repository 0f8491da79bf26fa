import autocannon from 'autocannon';
import os from 'node:os';
import { withClient } from './db';
import type { RunningServer } from './servers';
import { cpuMs, percentile, postgresCpuMs, postmasterPid, round, rssOf } from './util';

export interface RequestDef {
  /** Static JSON body, or a function building each request's body from the connection's context. */
  body: (ctx: Record<string, unknown>) => unknown;
  headers?: Record<string, string>;
}

export interface SqlCount {
  /** Statements other than transaction control (BEGIN/COMMIT/…) per request: comparable to our own counter. */
  perRequest: number;
  /** Every statement including BEGIN/COMMIT/SET per request. */
  perRequestAll: number;
  /** The busiest statements of the run. */
  top: { query: string; calls: number; meanMs: number; perRequest: number }[];
}

export interface LoadResult {
  server: RunningServer['name'];
  scenario: string;
  connections: number;
  seconds: number;
  /** Responses without a GraphQL error. */
  ok: number;
  /** ok per second; for a scenario whose unit is several requests, units per second (see `requestsPerUnit`). */
  throughput: number;
  requestsPerUnit: number;
  latencyMs: { p50: number; p90: number; p99: number; mean: number; max: number };
  gqlErrors: number;
  transportErrors: number;
  non2xx: number;
  firstError?: string;
  avgResponseBytes: number;
  /** Our server's own count (extensions.sqlStatements), averaged over the responses that carried it. */
  sqlApp?: number;
  /** pg_stat_statements, the same method for both servers. */
  sql: SqlCount;
  /** CPU time per request (or per unit) of the server process and of PostgreSQL (postmaster and children), ms: robust to a busy machine. */
  cpuMsPerUnit: { server: number; postgres: number };
  serverRssMiB: number;
  loadavg: number[];
  /** Throughput of each round when the scenario ran more than once (BENCH_ROUNDS). */
  rounds?: number[];
}

const UTILITY = /^\s*(BEGIN|COMMIT|ROLLBACK|START\s+TRANSACTION|SAVEPOINT|RELEASE|SET|RESET|SHOW|LISTEN|UNLISTEN|DISCARD|DEALLOCATE)\b/i;

export async function resetStatements(dbUrl: string): Promise<void> {
  await withClient(dbUrl, (c) => c.query('SELECT bench.pg_stat_statements_reset()'));
}

export async function readStatements(dbUrl: string, requests: number): Promise<SqlCount> {
  const rows = await withClient(
    dbUrl,
    async (c) =>
      (
        await c.query(
          `SELECT s.query, s.calls::int AS calls, s.mean_exec_time AS mean
         FROM bench.pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
        WHERE d.datname = current_database() AND s.query NOT ILIKE '%pg_stat_statements%'
        ORDER BY s.calls DESC`,
        )
      ).rows as { query: string; calls: number; mean: number }[],
  );
  const n = Math.max(1, requests);
  const all = rows.reduce((a, r) => a + r.calls, 0);
  const data = rows.filter((r) => !UTILITY.test(r.query)).reduce((a, r) => a + r.calls, 0);
  return {
    perRequest: round(data / n, 2),
    perRequestAll: round(all / n, 2),
    top: rows
      .slice(0, 8)
      .map((r) => ({ query: r.query.replace(/\s+/g, ' ').slice(0, 300), calls: r.calls, meanMs: round(r.mean, 3), perRequest: round(r.calls / n, 2) })),
  };
}

/**
 * One bounded autocannon run against one server: a warm-up (not recorded), then the
 * measured run with pg_stat_statements reset just before it. Every response body is
 * checked for GraphQL errors (those requests do not count as done).
 */
export async function runLoad(opts: {
  server: RunningServer;
  scenario: string;
  dbUrl: string;
  requests: RequestDef[];
  connections: number;
  seconds: number;
  warmupSeconds: number;
  initialContext?: () => Record<string, unknown>;
}): Promise<LoadResult> {
  const stats = { ok: 0, gqlErrors: 0, responses: 0, bytes: 0, sqlSum: 0, sqlN: 0, firstError: undefined as string | undefined };
  const specs = (record: boolean) =>
    opts.requests.map((r) => ({
      method: 'POST',
      path: new URL(opts.server.url).pathname,
      headers: { 'content-type': 'application/json', ...(r.headers ?? {}) },
      setupRequest: (req: Record<string, unknown>, context: Record<string, unknown>) => {
        req.body = JSON.stringify(r.body(context));
        return req;
      },
      onResponse: (status: number, body: string) => {
        if (!record) return;
        stats.responses += 1;
        stats.bytes += body.length;
        if (status !== 200 || body.includes('"errors":')) {
          stats.gqlErrors += 1;
          stats.firstError ??= body.slice(0, 400);
        } else stats.ok += 1;
        const at = body.lastIndexOf('"sqlStatements":');
        if (at >= 0) {
          stats.sqlSum += parseInt(body.slice(at + 16), 10);
          stats.sqlN += 1;
        }
      },
    }));
  const base = { url: opts.server.url, connections: opts.connections, pipelining: 1, timeout: 30 };
  if (opts.warmupSeconds > 0) {
    await autocannon({ ...base, duration: opts.warmupSeconds, requests: specs(false), initialContext: opts.initialContext?.() });
  }
  await resetStatements(opts.dbUrl);
  const pm = postmasterPid();
  const cpu0 = { server: cpuMs(opts.server.pid), pg: postgresCpuMs(pm) };
  const result = await autocannon({ ...base, duration: opts.seconds, requests: specs(true), initialContext: opts.initialContext?.() });
  const cpu1 = { server: cpuMs(opts.server.pid), pg: postgresCpuMs(pm) };
  const sql = await readStatements(opts.dbUrl, stats.responses);
  const unit = opts.requests.length;
  const units = Math.max(1, stats.responses / unit);
  return {
    server: opts.server.name,
    scenario: opts.scenario,
    connections: opts.connections,
    seconds: result.duration,
    ok: stats.ok,
    throughput: round(stats.ok / unit / result.duration, 1),
    requestsPerUnit: unit,
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, mean: round(result.latency.mean, 2), max: result.latency.max },
    gqlErrors: stats.gqlErrors,
    transportErrors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    firstError: stats.firstError,
    avgResponseBytes: Math.round(stats.bytes / Math.max(1, stats.responses)),
    sqlApp: stats.sqlN ? round(stats.sqlSum / stats.sqlN, 2) : undefined,
    sql,
    cpuMsPerUnit: { server: round((cpu1.server - cpu0.server) / units, 2), postgres: round((cpu1.pg - cpu0.pg) / units, 2) },
    serverRssMiB: round(rssOf(opts.server.pid) / 2 ** 20, 1),
    loadavg: os.loadavg().map((n) => round(n, 2)),
  };
}

/** Sequential (or lightly concurrent) requests timed one by one: exact percentiles such as p95. */
export async function timedRequests(opts: {
  url: string;
  headers?: Record<string, string>;
  count: number;
  warmup: number;
  concurrency: number;
  body: (i: number) => unknown;
}): Promise<{ p50: number; p95: number; p99: number; mean: number; max: number; errors: number; firstError?: string; samples: number[] }> {
  const samples: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let next = 0;
  const total = opts.warmup + opts.count;
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= total) return;
      const t0 = performance.now();
      const res = await fetch(opts.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(opts.headers ?? {}) },
        body: JSON.stringify(opts.body(i)),
      });
      const text = await res.text();
      const ms = performance.now() - t0;
      if (!res.ok || text.includes('"errors":')) {
        errors += 1;
        firstError ??= text.slice(0, 400);
      }
      if (i >= opts.warmup) samples.push(ms);
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
  return {
    p50: round(percentile(samples, 50), 2),
    p95: round(percentile(samples, 95), 2),
    p99: round(percentile(samples, 99), 2),
    mean: round(samples.reduce((a, b) => a + b, 0) / Math.max(1, samples.length), 2),
    max: round(Math.max(...samples), 2),
    errors,
    firstError,
    samples,
  };
}
