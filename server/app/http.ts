import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import compression from 'compression';
import express from 'express';
import expressStaticGzip from 'express-static-gzip';
import { specifiedRules, type GraphQLSchema } from 'graphql';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { DataSource } from 'typeorm';
import { sqlScope } from '../db/sql-counter';
import type { ApiClient } from '../modules/api-clients/api-client.entity';
import { audienceOf, type Viewer } from '../auth/viewer';
import type { TokenClaims } from '../auth/tokens';
import { citizenSite, publicRunner } from '../modules/citizen-site/citizen-site.routes';
import { attachmentRoutes } from '../modules/attachments/attachment.routes';
import { open311Routes } from '../modules/open311/open311.routes';
import type { Context } from '../core/context';
import { freshContext, requestContext } from './request-context';
import { AppError, ErrorCode } from '../core/errors';
import { formatErrorFor } from './format-error';
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS, unavailableError } from '../db/unavailable';
import { poolOf } from '../db/prepared';
import { compiledExecution } from './compiled';
import { liveExecution } from './live';
import { clientAddress, trustProxy } from '../core/client-address';
import { configuredChannels } from '../modules/notifications/notification.service';
import { refuseBeforeParsing } from './guards';
import { startGraphqlWs } from './ws';
import { metricsHandler } from './metrics';
import type { Services } from './services';

/** The same refusals as graphql-ws (app/guards.ts), answered the way Apollo answers a bad request. */
function refuseHostileRequests(req: express.Request, res: express.Response, next: express.NextFunction): void {
  const refusal = refuseBeforeParsing(req.body as Parameters<typeof refuseBeforeParsing>[0]);
  if (refusal) {
    res.status(400).json({ errors: [{ message: refusal.message, extensions: refusal.extensions }] });
    return;
  }
  next();
}

const READY_WITHIN_MS = 800;

/** What a request gets while the server shuts down: nothing was done, try another instance or again shortly. */
function refuseWhileStopping(res: express.Response): void {
  res.setHeader('Connection', 'close');
  res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
  res.status(503).json({
    errors: [
      {
        message: 'The server is shutting down; the request was not processed. Try again in a moment.',
        extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, retryAfterSeconds: RETRY_AFTER_SECONDS },
      },
    ],
  });
}

const A_YEAR = 'public, max-age=31536000, immutable';

/**
 * GraphQL answers over HTTP and the console's page (its sign-in form inline), brotli or gzip as
 * the client accepts, from 1 KB up (a list page of 40 KB becomes some 5 KB). Never a stream: a response that is sent bit by bit
 * (server-sent events, incremental delivery) must reach the client as each part is written.
 * The WebSocket (graphql-ws) never passes through Express.
 */
const STREAMED = /^(text\/event-stream|multipart\/mixed)/i;
const compressAnswers = compression({
  threshold: 1024,
  filter: (req, res) => !STREAMED.test(String(res.getHeader('Content-Type') ?? '')) && compression.filter(req, res),
});

/**
 * The console's files: the brotli or gzip copy made at build (admin/vite.config.ts) when the
 * browser accepts it. Files under assets/ are named by their content hash, so a browser keeps
 * them a year without asking again; anything else is revalidated on every use.
 */
function consoleFiles(dist: string): express.RequestHandler {
  const assets = path.join(dist, 'assets') + path.sep;
  return expressStaticGzip(dist, {
    enableBrotli: true,
    orderPreference: ['br', 'gzip'],
    index: false,
    serveStatic: {
      index: false,
      cacheControl: false,
      setHeaders(res, file) {
        res.setHeader('Cache-Control', file.startsWith(assets) ? A_YEAR : 'no-cache');
        // The compressed copies set Vary: Accept-Encoding in place of the CORS middleware's Vary: Origin.
        if (res.getHeader('Access-Control-Allow-Origin')) (res as express.Response).vary('Origin');
      },
    },
  }) as express.RequestHandler;
}

export interface RunningHttp {
  server: http.Server;
  port: number;
  stop(): Promise<void>;
}

/** A bearer token's claims, verified; the identity behind them is read per operation (auth/identity.ts). */
function tokenReader(services: Services) {
  return (authorization: unknown): { claims: TokenClaims | null; authError?: AppError } => {
    if (typeof authorization !== 'string' || !authorization) return { claims: null };
    try {
      return { claims: services.tokens.verify(authorization.replace(/^Bearer\s+/i, '')) };
    } catch (err) {
      if (err instanceof AppError) return { claims: null, authError: err };
      throw err;
    }
  };
}

export async function startHttp(schema: GraphQLSchema, db: DataSource, services: Services, port: number, host: string): Promise<RunningHttp> {
  const { config, log } = services;
  const app = express();
  app.disable('x-powered-by');
  // An ETag costs a hash of every response body; GraphQL POSTs are never revalidated with it.
  app.set('etag', false);
  app.set('trust proxy', trustProxy(config));
  const server = http.createServer(app);
  // Requests being answered, so a shutdown can let them finish (see stop()).
  const inFlight = new Set<http.ServerResponse>();
  let draining = false;
  const readToken = tokenReader(services);
  const resolveViewer = async (authorization: unknown): Promise<{ viewer: Viewer | null; token?: TokenClaims; authError?: AppError }> => {
    const { claims, authError } = readToken(authorization);
    if (!claims) return { viewer: null, authError };
    try {
      return { viewer: await services.identity.viewerFor(claims), token: claims };
    } catch (err) {
      if (err instanceof AppError) return { viewer: null, authError: err };
      throw err;
    }
  };
  // The address the rate limits and logs see, by the same trust rule for HTTP and WebSocket upgrades.
  const addressOf = (req: http.IncomingMessage) => clientAddress(req, config);
  const formatError = services.metrics.countingErrors(
    formatErrorFor(log, { exposeInternals: config.mode === 'development', hideSuggestions: config.mode === 'production' }),
  );

  const makeContext = (
    auth: { viewer: Viewer | null; token?: TokenClaims | null; authError?: AppError; client?: ApiClient | null; keyError?: AppError },
    source: string,
    requestId: string,
  ): Context =>
    requestContext({
      viewer: auth.viewer,
      token: auth.token ?? null,
      client: auth.client ?? null,
      authError: auth.authError,
      keyError: auth.keyError,
      db,
      requestId,
      source,
      services,
    });

  const armor = new ApolloArmor({
    maxDepth: { n: 10, ignoreIntrospection: true },
    maxAliases: { n: 50 },
    // Counted before Apollo (app/guards.ts): armor's own parser turns every syntax error into a 500.
    maxTokens: { enabled: false },
    maxDirectives: { n: 30 },
    costLimit: { maxCost: 50_000, ignoreIntrospection: true },
    // Hidden by formatError, the same way on both transports.
    blockFieldSuggestion: { enabled: false },
  }).protect();
  const live = liveExecution<Context>({
    schema,
    // The same limits over WebSocket as over HTTP.
    rules: [...specifiedRules, ...armor.validationRules],
    audience: (ctx) => audienceOf(ctx.viewer),
    forExecution: freshContext,
  });
  const ws = startGraphqlWs({
    server,
    schema,
    services,
    live,
    formatError,
    limits: { socketsPerAddress: config.wsSocketsPerAddress, operationsPerSocket: 100, operationsPerMinute: 600 },
    addressOf,
    accepting: () => !draining,
    resolveToken: readToken,
    makeContext: (viewer, token, source, requestId) => makeContext({ viewer, token }, source, requestId),
  });
  services.metrics.watchWebSockets(ws.load);

  const apollo = new ApolloServer<Context>({
    gateway: compiledExecution(schema),
    introspection: true,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    validationRules: armor.validationRules,
    formatError,
    plugins: [
      services.metrics.apolloPlugin<Context>(),
      {
        // Clients and proxies retry a 503 with Retry-After; a 200 carrying the error they would not.
        async requestDidStart() {
          return {
            async willSendResponse({ response }) {
              const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
              if (errors?.some((e) => e.extensions?.code === ErrorCode.SERVICE_UNAVAILABLE)) {
                response.http.status = 503;
                response.http.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
              }
            },
          };
        },
      },
      ...armor.plugins,
      ApolloServerPluginCacheControlDisabled(),
      {
        async serverWillStart() {
          return {
            async drainServer() {
              await ws.stop();
            },
          };
        },
      },
      ...(config.exposeSqlCount
        ? [
            {
              async requestDidStart() {
                return {
                  async willSendResponse({ response }: { response: { body: { kind: string; singleResult?: { extensions?: Record<string, unknown> } } } }) {
                    const scope = sqlScope.getStore();
                    if (scope && response.body.kind === 'single') {
                      response.body.singleResult!.extensions = { ...response.body.singleResult!.extensions, sqlStatements: scope.statements };
                    }
                  },
                };
              },
            },
          ]
        : []),
    ],
  });
  await apollo.start();

  app.use((req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'no-referrer');
    const origin = req.headers.origin;
    if (origin && config.corsOrigins.includes(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Vary', 'Origin');
      res.setHeader('Access-Control-Allow-Headers', 'content-type, authorization, x-api-key');
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, OPTIONS');
      if (req.method === 'OPTIONS') return void res.sendStatus(204);
    }
    next();
  });
  // Without METRICS_TOKEN, /metrics is not served here (404); METRICS_PORT serves it on a listener of its own.
  if (config.metrics.token) app.get('/metrics', metricsHandler(services.metrics, config.metrics.token));
  // Before anything but the headers above (CORS included, so a console on another origin can read the refusal).
  app.use((_req, res, next) => {
    if (draining) return refuseWhileStopping(res);
    inFlight.add(res);
    res.once('close', () => inFlight.delete(res));
    next();
  });
  // Liveness. The embedded PostgreSQL is part of this server, so while it is down the server is not
  // healthy; an external database is someone else's to restart (/readyz reports it).
  app.get('/healthz', (_req, res) => {
    if (services.embedded && !services.embedded.running) return void res.status(503).json({ status: 'embedded database down' });
    res.json({ status: 'ok' });
  });
  // Answers within a second whatever the database does: a load balancer's check must not hang with it.
  app.get('/readyz', async (_req, res) => {
    const pool = poolOf(db);
    if (pool.waitingCount > 0 && pool.totalCount >= (pool.options.max ?? 10)) {
      res.status(503).json({ status: 'database pool saturated', waiting: pool.waitingCount });
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), READY_WITHIN_MS)));
    try {
      const answer = await Promise.race([db.query('SELECT 1').then(() => 'ok' as const), late]);
      if (answer === 'ok') res.json({ status: 'ready' });
      else res.status(503).json({ status: 'database not answering' });
    } catch {
      res.status(503).json({ status: 'database unreachable' });
    } finally {
      clearTimeout(timer);
    }
  });
  app.use(
    '/graphql',
    ...(config.exposeSqlCount ? [(_req: express.Request, _res: express.Response, next: express.NextFunction) => sqlScope.run({ statements: 0 }, next)] : []),
    compressAnswers,
    express.json({ limit: '256kb' }),
    refuseHostileRequests,
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const requestId = (typeof req.headers['x-request-id'] === 'string' && req.headers['x-request-id'].slice(0, 64)) || crypto.randomUUID();
        const source = addressOf(req);
        try {
          const auth = await resolveViewer(req.headers.authorization);
          let client: ApiClient | null = null;
          let keyError: AppError | undefined;
          try {
            client = await services.apiClients.resolve(req.headers['x-api-key']);
            if (client) await services.apiClients.charge(client);
          } catch (err) {
            if (!(err instanceof AppError)) throw err;
            keyError = err;
          }
          return makeContext({ ...auth, client, keyError }, source, requestId);
        } catch (err) {
          // Reading who the caller is needs the database too.
          if (!isDatabaseUnavailable(err)) throw err;
          log.warn({ err }, 'database unavailable');
          const refusal = unavailableError();
          throw new AppError(ErrorCode.SERVICE_UNAVAILABLE, refusal.message, {
            ...refusal.extensions,
            http: { status: 503, headers: new Map([['retry-after', String(RETRY_AFTER_SECONDS)]]) },
          });
        }
      },
    }),
  );
  app.use(attachmentRoutes(services.attachments, resolveViewer));
  app.use(
    '/open311/v2',
    compressAnswers,
    open311Routes(
      services,
      (client, source) => makeContext({ viewer: null, client }, source, crypto.randomUUID()),
      addressOf,
      (req) => `${req.protocol}://${req.get('host')}`,
    ),
  );
  // The citizen's pages run the public operations as an anonymous caller from the same address.
  app.use(
    compressAnswers,
    citizenSite(
      db,
      publicRunner(schema, (req) => makeContext({ viewer: null }, addressOf(req), crypto.randomUUID()), formatError),
      {
        pageLimit: services.limits.publicPage,
        addressOf,
        statisticsSeconds: config.publicStatisticsSeconds,
        channels: configuredChannels(config.notifications),
      },
      {
        attachments: services.attachments,
        captcha: config.citizenSite.captcha,
        map: config.citizenSite.map,
        maxPhotos: config.citizenSite.maxPhotos,
        photoLimit: services.limits.publicSubmit,
        log,
      },
    ),
  );
  const adminIndex = path.join(config.adminDist, 'index.html');
  if (fs.existsSync(adminIndex)) {
    app.use('/admin', consoleFiles(config.adminDist));
    // A hashed file that is not there (an old build's) is a 404, not the console's page under a script's name.
    app.use('/admin/assets', (_req, res) => void res.sendStatus(404));
    // A new build is picked up at the next load: the page names its hashed assets.
    app.get(
      /^\/admin(\/.*)?$/,
      compressAnswers,
      (_req, res) => void res.sendFile(adminIndex, { cacheControl: false, headers: { 'Cache-Control': 'no-cache' } }),
    );
  }
  app.use((err: Error & { status?: number; type?: string }, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (status === 500) log.error({ err }, 'http error');
    res.status(status).json({
      errors: [
        {
          message: status === 500 ? 'Internal server error' : err.message,
          extensions: { code: status === 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_USER_INPUT' },
        },
      ],
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  let stopping: Promise<void> | null = null;
  return {
    server,
    port: actualPort,
    /**
     * Refuses new requests (503, Connection: close), lets those already running finish for up to
     * SHUTDOWN_DRAIN_MS, then closes WebSockets with 1001 Going Away and the HTTP server.
     */
    stop() {
      stopping ??= (async () => {
        draining = true;
        for (const res of inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
        const deadline = Date.now() + config.shutdownDrainMs;
        while (inFlight.size && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
        if (inFlight.size) log.warn({ requests: inFlight.size, drainMs: config.shutdownDrainMs }, 'requests still running after the drain time; closing them');
        await ws.stop();
        const closed = new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
        server.closeIdleConnections();
        if (inFlight.size) server.closeAllConnections();
        // A request arriving on a kept-alive socket just now is still refused with 503 before the socket closes.
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([closed, new Promise((resolve) => (timer = setTimeout(resolve, 1000)))]);
        clearTimeout(timer);
        server.closeAllConnections();
        await closed;
        await apollo.stop();
      })();
      return stopping;
    },
  };
}
