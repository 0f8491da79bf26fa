import crypto from 'node:crypto';
import type http from 'node:http';
import { GraphQLError, getOperationAST, parse, type ExecutionResult, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import { audienceOf, type Viewer } from '../auth/viewer';
import type { TokenClaims } from '../auth/tokens';
import type { IdentityChange } from '../auth/identity';
import type { Context } from '../core/context';
import { AppError, ErrorCode } from '../core/errors';
import { refuseBeforeParsing } from './guards';
import { isDatabaseUnavailable, unavailableError } from '../db/unavailable';
import type { liveExecution } from './live';
import type { Services } from './services';

/**
 * How the server ends a socket, and what the console does about it: `sessionEnded` (graphql-ws
 * 4401 Unauthorized, which its client never retries) sends the user to the login page;
 * `identityChanged` (1012 Service Restart, retried) makes the client reconnect and resubscribe
 * as who it now is; `resumeFromCursor` (1013 Try Again Later, retried) when a subscriber fell
 * too far behind, or when the database did not answer while a socket or a subscription started
 * (a thrown error would close with 4500, a refused subscription is never retried): the client
 * reconnects and resumes each subscription from its last cursor.
 */
export const WS_CLOSE = { sessionEnded: CloseCode.Unauthorized, identityChanged: 1012, resumeFromCursor: 1013 } as const;

const unavailable = (err: unknown) => isDatabaseUnavailable(err) || (err instanceof AppError && err.code === ErrorCode.SERVICE_UNAVAILABLE);

function isSubscription(payload: { query: string; operationName?: string | null }): boolean {
  try {
    return getOperationAST(parse(payload.query), payload.operationName)?.operation === 'subscription';
  } catch {
    return false;
  }
}

export interface WsLimits {
  socketsPerAddress: number;
  /** Operations running at once on one socket. */
  operationsPerSocket: number;
  /** Operations started per minute on one socket. */
  operationsPerMinute: number;
}

interface Session {
  socket: WebSocket;
  source: string;
  claims: TokenClaims | null;
  viewer: Viewer | null;
  expiry?: NodeJS.Timeout;
  window: { start: number; count: number };
}

type Formatter = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

// setTimeout holds at most a signed 32-bit number of milliseconds.
const MAX_TIMER_MS = 2 ** 31 - 1;
const CLOSE_HANDSHAKE_MS = 2000;
// A close reason is at most 123 bytes.
const reason = (message: string) => Buffer.from(message).subarray(0, 120).toString();

/**
 * graphql-ws on /graphql, as strict as the HTTP endpoint: the same checks before parsing,
 * the same validation rules (through `live`), the same error formatting, the identity read
 * again for every operation, and limits per address and per socket.
 */
export function startGraphqlWs(opts: {
  server: http.Server;
  schema: GraphQLSchema;
  services: Services;
  live: ReturnType<typeof liveExecution<Context>>;
  formatError: Formatter;
  limits: WsLimits;
  addressOf(req: http.IncomingMessage): string;
  /** False while the server shuts down: new sockets are refused. */
  accepting(): boolean;
  resolveToken(authorization: unknown): { claims: TokenClaims | null; authError?: AppError };
  makeContext(viewer: Viewer | null, token: TokenClaims | null, source: string, requestId: string): Context;
}) {
  const { services, limits } = opts;
  const { identity } = services;
  const perAddress = new Map<string, number>();
  const byUser = new Map<number, Set<Session>>();
  /** Acknowledged connections, for the metrics: their `subscriptions` are the operations running on them. */
  const connections = new Set<{ subscriptions: Record<string, unknown> }>();

  const wss = new WebSocketServer({
    server: opts.server,
    path: '/graphql',
    maxPayload: 64 * 1024,
    verifyClient: (info, done) => {
      if (!opts.accepting()) return done(false, 503, 'The server is shutting down');
      const address = opts.addressOf(info.req);
      const open = perAddress.get(address) ?? 0;
      if (open >= limits.socketsPerAddress) return done(false, 429, 'Too many connections from your address');
      perAddress.set(address, open + 1);
      // The TCP socket closes however the handshake or the WebSocket ends.
      info.req.socket.once('close', () => {
        const left = (perAddress.get(address) ?? 1) - 1;
        if (left > 0) perAddress.set(address, left);
        else perAddress.delete(address);
      });
      done(true);
    },
  });

  wss.on('connection', coalesceWrites);

  const close = (session: Session, code: number, message: string) => {
    if (session.socket.readyState === session.socket.OPEN || session.socket.readyState === session.socket.CONNECTING) {
      session.socket.close(code, reason(message));
    }
  };

  const armExpiry = (session: Session) => {
    if (!session.claims) return;
    const left = session.claims.expiresAt - Date.now();
    session.expiry = setTimeout(
      () => {
        if (session.claims!.expiresAt > Date.now()) return armExpiry(session);
        close(session, WS_CLOSE.sessionEnded, 'Your session has expired; sign in again.');
      },
      Math.max(0, Math.min(left, MAX_TIMER_MS)),
    );
    session.expiry.unref();
  };

  /** Who the socket's token stands for now; ends the socket when it stands for no one or someone else. */
  const recheck = async (session: Session): Promise<boolean> => {
    if (!session.claims) return true;
    try {
      const viewer = await identity.viewerFor(session.claims);
      if (audienceOf(viewer) !== audienceOf(session.viewer)) {
        // Open subscriptions were set up for who the user was: start them again as who they are.
        close(session, WS_CLOSE.identityChanged, 'Your place in the organisation changed; reconnecting.');
        return false;
      }
      session.viewer = viewer;
      return true;
    } catch (err) {
      // The database, not the session, is the problem: refuse this operation, keep the socket.
      if (isDatabaseUnavailable(err)) throw unavailableError();
      if (!(err instanceof AppError)) throw err;
      close(session, WS_CLOSE.sessionEnded, err.message);
      return false;
    }
  };

  const stopListening = identity.onChange((change: IdentityChange) => {
    const affected = change === 'all' ? [...byUser.values()] : [...change].map((id) => byUser.get(id)).filter((s) => !!s);
    for (const sessions of affected) {
      for (const session of sessions) {
        recheck(session).catch((err) => services.log.error({ err }, 'could not re-read a socket’s identity'));
      }
    }
  });

  const sessionOf = (extra: { session?: Session }) => extra.session;

  const formatErrors = (errors: readonly GraphQLError[], requestError: boolean) =>
    errors.map((e) => {
      const json = e.toJSON();
      // Variables that do not fit their types: the request is wrong, as Apollo reports over HTTP.
      const tagged = requestError && !json.extensions?.code ? { ...json, extensions: { ...json.extensions, code: ErrorCode.BAD_USER_INPUT } } : json;
      return opts.formatError(tagged, e);
    });

  const cleanup = useServer<{ authorization?: string }, { session?: Session }>(
    {
      schema: opts.schema,
      onConnect: async (ctx) => {
        const { claims, authError } = opts.resolveToken(ctx.connectionParams?.authorization);
        const session: Session = {
          socket: ctx.extra.socket,
          source: opts.addressOf(ctx.extra.request!),
          claims,
          viewer: null,
          window: { start: Date.now(), count: 0 },
        };
        // The upgrade request (headers, buffers) is not needed after this: a connection lives for hours.
        (ctx.extra as { request?: unknown }).request = undefined;
        if (authError) {
          close(session, WS_CLOSE.sessionEnded, authError.message);
          return false;
        }
        if (claims) {
          try {
            session.viewer = await identity.viewerFor(claims);
          } catch (err) {
            if (unavailable(err)) {
              close(session, WS_CLOSE.resumeFromCursor, 'The database is not answering; reconnect in a moment.');
              return false;
            }
            if (!(err instanceof AppError)) throw err;
            close(session, WS_CLOSE.sessionEnded, err.message);
            return false;
          }
          let sessions = byUser.get(claims.userId);
          if (!sessions) byUser.set(claims.userId, (sessions = new Set()));
          sessions.add(session);
          armExpiry(session);
        }
        ctx.extra.session = session;
        connections.add(ctx);
        return true;
      },
      onClose: (ctx) => {
        connections.delete(ctx);
        const session = sessionOf(ctx.extra);
        if (!session) return;
        clearTimeout(session.expiry);
        if (session.claims) {
          const sessions = byUser.get(session.claims.userId);
          sessions?.delete(session);
          if (sessions && !sessions.size) byUser.delete(session.claims.userId);
        }
      },
      onSubscribe: async (ctx, _id, payload) => {
        const session = sessionOf(ctx.extra)!;
        const refusal = refuseBeforeParsing(payload);
        if (refusal) return [refusal];
        const now = Date.now();
        if (now - session.window.start >= 60_000) session.window = { start: now, count: 0 };
        if (++session.window.count > limits.operationsPerMinute || Object.keys(ctx.subscriptions).length > limits.operationsPerSocket) {
          return [new AppError(ErrorCode.RATE_LIMITED, 'Too many operations on this connection; try again in a moment.', { retryAfterSeconds: 60 })];
        }
        try {
          if (!(await recheck(session))) return [AppError.unauthenticated('This session was ended; sign in again.')];
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          // A refused subscription is over for good in graphql-ws clients; a closed socket is retried and resumed.
          if (unavailable(err) && isSubscription(payload)) close(session, WS_CLOSE.resumeFromCursor, err.message);
          return [err];
        }
        return opts.live.onSubscribe(payload);
      },
      subscribe: async (args) => {
        const result = await opts.live.subscribe(args);
        if (!(Symbol.asyncIterator in result) && result.errors?.some((e) => unavailable(e.originalError))) {
          (args.contextValue as Context).requireResume?.('The database is not answering; resume from your last cursor.');
        }
        return result;
      },
      context: (ctx) => {
        const session = sessionOf(ctx.extra)!;
        const context = opts.makeContext(session.viewer, session.claims, session.source, crypto.randomUUID());
        context.requireResume = (why) => close(session, WS_CLOSE.resumeFromCursor, why);
        return context;
      },
      onError: (_ctx, _id, _payload, errors) => formatErrors(errors, false),
      onNext: (_ctx, _id, _payload, _args, result: ExecutionResult) => {
        if (!result.errors?.length) return;
        return { ...result, errors: formatErrors(result.errors, !('data' in result)) };
      },
    },
    wss,
  );

  let stopping: Promise<void> | null = null;
  return {
    wss,
    load: () => {
      let subscriptions = 0;
      for (const ctx of connections) subscriptions += Object.keys(ctx.subscriptions).length;
      return { sockets: wss.clients.size, subscriptions };
    },
    stop() {
      stopping ??= (async () => {
        stopListening();
        // dispose() closes every socket with 1001 Going Away and waits for the clients to answer; one that does not is cut.
        let timer: NodeJS.Timeout | undefined;
        const disposed = Promise.resolve(cleanup.dispose()).catch((err: unknown) => services.log.warn({ err }, 'while closing WebSockets'));
        await Promise.race([disposed, new Promise((resolve) => (timer = setTimeout(resolve, CLOSE_HANDSHAKE_MS)))]);
        clearTimeout(timer);
        for (const client of wss.clients) client.terminate();
        await new Promise<void>((resolve) => wss.close(() => resolve()));
      })();
      return stopping;
    },
  };
}

/** Past this much unsent data a socket's sender waits for the network again (backpressure). */
const SEND_BUFFER_LIMIT = 256 * 1024;

/**
 * graphql-ws waits for each message's write callback before taking the next one, so a burst
 * of changes costs one system call per message and socket. While little is buffered, the send
 * is acknowledged at once and the socket corked until the end of the tick: a burst leaves as
 * one write. A slow reader gets the usual write callback, so it still holds its sender back.
 */
function coalesceWrites(socket: WebSocket) {
  const tcp = (socket as unknown as { _socket?: import('node:net').Socket })._socket;
  if (!tcp) return;
  const send = socket.send.bind(socket) as (data: unknown, cb?: (err?: Error) => void) => void;
  let corked = false;
  (socket as unknown as { send: typeof send }).send = (data, cb) => {
    if (!corked && !tcp.destroyed) {
      corked = true;
      tcp.cork();
      process.nextTick(() => {
        corked = false;
        tcp.uncork();
      });
    }
    if (!cb || socket.bufferedAmount > SEND_BUFFER_LIMIT) return send(data, cb);
    send(data);
    queueMicrotask(() => cb());
  };
}
