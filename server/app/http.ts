import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { Lexer, Source, specifiedRules, TokenKind, type GraphQLSchema } from 'graphql';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { DataSource } from 'typeorm';
import { sqlScope } from '../db/sql-counter';
import type { ApiClient } from '../modules/api-clients/api-client.entity';
import { User } from '../modules/users/user.entity';
import { audienceOf, makeViewer, type Viewer } from '../auth/viewer';
import type { Context } from '../core/context';
import { freshContext, requestContext } from './request-context';
import { AppError } from '../core/errors';
import { formatErrorFor } from './format-error';
import { compiledExecution } from './compiled';
import { liveExecution } from './live';
import { clientAddress, trustProxy } from '../core/client-address';
import type { Services } from './services';

/** PostgreSQL text cannot hold U+0000; refuse it up front with a clear error instead of failing in SQL. */
function hasNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 20 || value === null || typeof value !== 'object') return false;
  return Object.values(value as Record<string, unknown>).some((v) => hasNul(v, depth + 1));
}

function refuseNulCharacters(req: express.Request, res: express.Response, next: express.NextFunction): void {
  if (req.body && hasNul(req.body)) {
    res.status(400).json({ errors: [{ message: 'Text may not contain the NUL character (\\u0000).', extensions: { code: 'BAD_USER_INPUT' } }] });
    return;
  }
  next();
}

/** Refuses documents with more than `max` tokens before they are parsed; syntax errors are left to GraphQL. */
function tokenLimit(max: number) {
  return (req: express.Request, res: express.Response, next: express.NextFunction): void => {
    const query = (req.body as { query?: unknown } | undefined)?.query;
    if (typeof query === 'string' && query.length > max) {
      const lexer = new Lexer(new Source(query));
      let count = 0;
      try {
        while (lexer.advance().kind !== TokenKind.EOF) {
          if (++count > max) {
            res.status(400).json({ errors: [{ message: `The query has more than ${max} tokens.`, extensions: { code: 'BAD_USER_INPUT' } }] });
            return;
          }
        }
      } catch {
        // A syntax error: GraphQL reports it.
      }
    }
    next();
  };
}

export interface RunningHttp {
  server: http.Server;
  port: number;
  stop(): Promise<void>;
}

const ACTIVE_CHECK_MS = 30_000;

/** Token claims carry the viewer; whether the account is still active is re-read at most every 30 s. */
function viewerResolver(db: DataSource, services: Services) {
  const checked = new Map<number, { at: number; active: boolean }>();
  return async (authorization: unknown): Promise<{ viewer: Viewer | null; authError?: AppError }> => {
    try {
      return { viewer: await resolve(authorization) };
    } catch (err) {
      if (err instanceof AppError) return { viewer: null, authError: err };
      throw err;
    }
  };

  async function resolve(authorization: unknown): Promise<Viewer | null> {
    if (typeof authorization !== 'string' || !authorization) return null;
    const token = authorization.replace(/^Bearer\s+/i, '');
    const claims = services.tokens.verify(token);
    const userId = Number(claims.sub);
    const now = Date.now();
    let state = checked.get(userId);
    if (!state || now - state.at > ACTIVE_CHECK_MS) {
      const user = await db.getRepository(User).findOne({ where: { id: userId }, select: { id: true, active: true } });
      state = { at: now, active: !!user?.active };
      if (checked.size > 10_000) checked.clear();
      checked.set(userId, state);
    }
    if (!state.active) throw AppError.unauthenticated('This account is no longer active.');
    return makeViewer({
      userId,
      username: claims.username,
      role: claims.role,
      opdId: claims.opdId,
      opdPath: claims.opdPath,
      servicePostId: claims.servicePostId,
    });
  }
}

export async function startHttp(schema: GraphQLSchema, db: DataSource, services: Services, port: number, host: string): Promise<RunningHttp> {
  const { config, log } = services;
  const app = express();
  app.disable('x-powered-by');
  // An ETag costs a hash of every response body; GraphQL POSTs are never revalidated with it.
  app.set('etag', false);
  app.set('trust proxy', trustProxy(config));
  const server = http.createServer(app);
  const wss = new WebSocketServer({ server, path: '/graphql', maxPayload: 64 * 1024 });
  const resolveViewer = viewerResolver(db, services);

  const makeContext = (
    auth: { viewer: Viewer | null; authError?: AppError; client?: ApiClient | null; keyError?: AppError },
    source: string,
    requestId: string,
  ): Context =>
    requestContext({ viewer: auth.viewer, client: auth.client ?? null, authError: auth.authError, keyError: auth.keyError, db, requestId, source, services });

  const armor = new ApolloArmor({
    maxDepth: { n: 10, ignoreIntrospection: true },
    maxAliases: { n: 50 },
    // Counted before Apollo (tokenLimit below): armor's own parser turns every syntax error into a 500.
    maxTokens: { enabled: false },
    maxDirectives: { n: 30 },
    costLimit: { maxCost: 50_000, ignoreIntrospection: true },
    blockFieldSuggestion: { enabled: config.mode === 'production' },
  }).protect();
  const live = liveExecution<Context>({
    schema,
    // The same limits over WebSocket as over HTTP.
    rules: [...specifiedRules, ...armor.validationRules],
    audience: (ctx) => audienceOf(ctx.viewer),
    forExecution: freshContext,
  });
  const wsCleanup = useServer<{ authorization?: string }, { viewer?: Viewer | null; source?: string }>(
    {
      schema,
      onConnect: async (ctx) => {
        const auth = await resolveViewer(ctx.connectionParams?.authorization);
        if (auth.authError) return false;
        ctx.extra.viewer = auth.viewer;
        ctx.extra.source = clientAddress(ctx.extra.request, config);
        // The upgrade request (headers, buffers) is not needed after this: a connection lives for hours.
        (ctx.extra as { request?: unknown }).request = undefined;
        return true;
      },
      onSubscribe: (_ctx, _id, payload) => live.onSubscribe(payload),
      subscribe: (args) => live.subscribe(args),
      context: (ctx) => makeContext({ viewer: ctx.extra.viewer ?? null }, ctx.extra.source ?? 'ws', crypto.randomUUID()),
    },
    wss,
  );

  const apollo = new ApolloServer<Context>({
    gateway: compiledExecution(schema),
    introspection: true,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    validationRules: armor.validationRules,
    formatError: formatErrorFor(log, config.mode === 'development'),
    plugins: [
      ...armor.plugins,
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginDrainHttpServer({ httpServer: server }),
      {
        async serverWillStart() {
          return {
            async drainServer() {
              await wsCleanup.dispose();
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
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
      if (req.method === 'OPTIONS') return void res.sendStatus(204);
    }
    next();
  });
  app.get('/healthz', (_req, res) => void res.json({ status: 'ok' }));
  app.get('/readyz', async (_req, res) => {
    try {
      await db.query('SELECT 1');
      res.json({ status: 'ready' });
    } catch {
      res.status(503).json({ status: 'database unreachable' });
    }
  });
  app.use(
    '/graphql',
    ...(config.exposeSqlCount ? [(_req: express.Request, _res: express.Response, next: express.NextFunction) => sqlScope.run({ statements: 0 }, next)] : []),
    express.json({ limit: '256kb' }),
    refuseNulCharacters,
    tokenLimit(5000),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const requestId = (typeof req.headers['x-request-id'] === 'string' && req.headers['x-request-id'].slice(0, 64)) || crypto.randomUUID();
        const source = clientAddress(req, config);
        const auth = await resolveViewer(req.headers.authorization);
        let client: ApiClient | null = null;
        let keyError: AppError | undefined;
        try {
          client = await services.apiClients.resolve(req.headers['x-api-key']);
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          keyError = err;
        }
        return makeContext({ ...auth, client, keyError }, source, requestId);
      },
    }),
  );
  const adminIndex = path.join(config.adminDist, 'index.html');
  if (fs.existsSync(adminIndex)) {
    app.use('/admin', express.static(config.adminDist, { index: false, maxAge: '1h' }));
    app.get(/^\/admin(\/.*)?$/, (_req, res) => void res.sendFile(adminIndex));
  }
  app.get('/', (_req, res) => void res.redirect('/admin/'));
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
  return {
    server,
    port: actualPort,
    async stop() {
      // Apollo's drain plugins close HTTP keep-alive sockets and the graphql-ws server.
      await apollo.stop();
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
