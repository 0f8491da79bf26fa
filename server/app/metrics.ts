import crypto from 'node:crypto';
import http from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import type pg from 'pg';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { ErrorCode } from '../core/errors';
import { databaseTimeoutOf } from '../db/unavailable';
import type { SweepResult } from '../modules/complaints/complaint.sweep';

/** Distinct operation names a process labels before it files the rest under OTHER_OPERATIONS. */
export const MAX_OPERATION_NAMES = 100;
export const ANONYMOUS_OPERATION = '(anonymous)';
/** Requests Apollo could not parse or validate: their operation name is whatever the client typed. */
export const INVALID_OPERATION = '(invalid)';
export const OTHER_OPERATIONS = '(other)';

const OUR_CODES = new Set<string>(Object.values(ErrorCode));

type Formatter = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/**
 * The Prometheus metrics of one running app, in a registry of its own (not prom-client's global
 * one), so several apps in one process keep their figures apart. Gauges are read when scraped.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly operationNames = new Set<string>();
  private readonly requestDuration = new Histogram({
    name: 'lapor_graphql_request_duration_seconds',
    help: 'GraphQL requests over HTTP by operation name and type, from arrival to response (its _count is the request count)',
    labelNames: ['operation', 'type'] as const,
    registers: [this.registry],
  });
  private readonly errors = new Counter({
    name: 'lapor_graphql_errors_total',
    help: 'GraphQL errors sent to clients (HTTP and WebSocket) by extensions.code',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });
  private readonly timeouts = new Counter({
    name: 'lapor_db_timeouts_total',
    help: 'Statements the database ended by a session timeout: statement (SQLSTATE 57014), lock (55P03), idle_in_transaction (25P03)',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });
  /** Errors already counted: one database error can reach many fields through a shared loader. */
  private readonly seenDatabaseErrors = new WeakSet<object>();
  private readonly feedLag = new Histogram({
    name: 'lapor_feed_lag_seconds',
    help: 'Complaint feed: from the commit of a change to its delivery to subscribers',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  private readonly deliveries = new Counter({
    name: 'lapor_notification_deliveries_total',
    help: 'Notification delivery attempts by channel and outcome: sent, failed (retried later), dead (given up)',
    labelNames: ['channel', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly sweepRuns = new Counter({
    name: 'lapor_sweep_runs_total',
    help: 'Deadline sweeps by outcome: swept, skipped (another process holds the sweep lock), failed',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  private readonly sweepDuration = new Histogram({
    name: 'lapor_sweep_duration_seconds',
    help: 'Duration of deadline sweeps',
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [this.registry],
  });
  private webSockets: () => { sockets: number; subscriptions: number } = () => ({ sockets: 0, subscriptions: 0 });

  constructor(pool: pg.Pool) {
    collectDefaultMetrics({ register: this.registry });
    const gauge = (name: string, help: string, read: () => number) =>
      new Gauge({
        name,
        help,
        registers: [this.registry],
        collect() {
          this.set(read());
        },
      });
    gauge('lapor_db_pool_in_use', 'Database connections checked out of the pool', () => pool.totalCount - pool.idleCount);
    gauge('lapor_db_pool_idle', 'Database connections idle in the pool', () => pool.idleCount);
    gauge('lapor_db_pool_waiting', 'Requests waiting for a database connection', () => pool.waitingCount);
    gauge('lapor_db_pool_max', 'Size of the database pool (DB_POOL_SIZE)', () => pool.options.max ?? 10);
    gauge('lapor_ws_sockets', 'Open WebSocket connections', () => this.webSockets().sockets);
    gauge('lapor_ws_subscriptions', 'Operations running on WebSocket connections (subscriptions)', () => this.webSockets().subscriptions);
    new Gauge({
      name: 'lapor_notification_backlog',
      help: 'Messages waiting to be sent (pending, or failed and to be retried) per channel, across all processes',
      labelNames: ['channel'] as const,
      registers: [this.registry],
      async collect() {
        // The partial index of due messages answers this without reading what was sent. A scrape
        // while the database is away keeps the last figures: the other metrics matter most then.
        try {
          const { rows } = await pool.query<{ channel: string; n: number }>(
            `SELECT channel, count(*)::int AS n FROM notification WHERE status IN ('PENDING', 'FAILED') GROUP BY 1`,
          );
          this.reset();
          for (const r of rows) this.set({ channel: r.channel }, r.n);
        } catch {
          // kept as they were
        }
      },
    });
  }

  /** One delivery attempt by this process's dispatcher: sent, failed (to be retried) or dead (given up). */
  countDelivery(channel: string, outcome: 'sent' | 'failed' | 'dead'): void {
    this.deliveries.inc({ channel, outcome });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  scrape(): Promise<string> {
    return this.registry.metrics();
  }

  /** Where the WebSocket gauges read from (app/ws.ts). */
  watchWebSockets(read: () => { sockets: number; subscriptions: number }): void {
    this.webSockets = read;
  }

  observeFeedLag(seconds: number): void {
    this.feedLag.observe(Math.max(0, seconds));
  }

  observeDatabaseError(err: unknown): void {
    const timeout = databaseTimeoutOf(err);
    if (!timeout || !err || typeof err !== 'object' || this.seenDatabaseErrors.has(err)) return;
    this.seenDatabaseErrors.add(err);
    this.timeouts.inc({ kind: timeout });
  }

  /** Wraps the error formatter both transports share: counts what the client is told, and the timeouts behind it. */
  countingErrors(format: Formatter): Formatter {
    return (formatted, error) => {
      const result = format(formatted, error);
      const code = String(result.extensions?.code ?? '');
      this.errors.inc({ code: OUR_CODES.has(code) ? code : 'OTHER' });
      this.observeDatabaseError(unwrapResolverError(error));
      return result;
    };
  }

  async timeSweep(run: () => Promise<SweepResult>): Promise<SweepResult> {
    const end = this.sweepDuration.startTimer();
    try {
      const result = await run();
      this.sweepRuns.inc({ outcome: result.ran ? 'swept' : 'skipped' });
      return result;
    } catch (err) {
      this.sweepRuns.inc({ outcome: 'failed' });
      this.observeDatabaseError(err);
      throw err;
    } finally {
      end();
    }
  }

  /** A label for an operation name that arrives in a parsed, validated document; bounded in number. */
  private operationLabel(name: string | null | undefined): string {
    if (!name) return ANONYMOUS_OPERATION;
    if (this.operationNames.has(name)) return name;
    if (this.operationNames.size >= MAX_OPERATION_NAMES || name.length > 64) return OTHER_OPERATIONS;
    this.operationNames.add(name);
    return name;
  }

  apolloPlugin<TContext extends object>(): ApolloServerPlugin<TContext> {
    return {
      requestDidStart: async () => {
        const end = this.requestDuration.startTimer();
        let labels = { operation: INVALID_OPERATION, type: 'unknown' };
        return {
          didResolveOperation: async ({ operationName, operation }) => {
            labels = { operation: this.operationLabel(operationName), type: operation?.operation ?? 'unknown' };
          },
          willSendResponse: async () => {
            end(labels);
          },
        };
      },
    };
  }
}

/** `/metrics` on the main port: only for `Authorization: Bearer <token>`, compared in constant time. */
export function metricsHandler(metrics: Metrics, token: string) {
  const expected = crypto.createHash('sha256').update(token).digest();
  return async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const given = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '';
    if (!crypto.timingSafeEqual(crypto.createHash('sha256').update(given).digest(), expected)) {
      res.writeHead(401, { 'content-type': 'text/plain; charset=utf-8', 'www-authenticate': 'Bearer realm="metrics"' });
      res.end('Unauthorized\n');
      return;
    }
    await send(metrics, res);
  };
}

async function send(metrics: Metrics, res: http.ServerResponse): Promise<void> {
  const body = await metrics.scrape();
  res.writeHead(200, { 'content-type': metrics.contentType, 'cache-control': 'no-store' });
  res.end(body);
}

export interface MetricsListener {
  port: number;
  stop(): Promise<void>;
}

/** METRICS_PORT: `/metrics` without a token, on an address of its own (METRICS_HOST, by default loopback only). */
export async function startMetricsListener(metrics: Metrics, port: number, host: string): Promise<MetricsListener> {
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found\n');
      return;
    }
    send(metrics, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : port,
    async stop() {
      server.closeAllConnections();
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
