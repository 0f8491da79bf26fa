import { ApolloClient, ApolloLink, HttpLink, InMemoryCache, Observable, split, type Operation } from '@apollo/client';
import { setContext } from '@apollo/client/link/context';
import { RetryLink } from '@apollo/client/link/retry';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getMainDefinition } from '@apollo/client/utilities';
import { createClient } from 'graphql-ws/client';
import { ServiceUnavailable, retryAfterMsOf, retryDelayMs, shouldRetryRead, unavailableIn } from './retry';

const TOKEN_KEY = 'lapor.admin.token';
const EXPIRES_KEY = 'lapor.admin.expiresAt';

/** The bearer token of the signed-in user, kept in localStorage across reloads. */
export const tokenStore = {
  get(): string | null {
    const token = localStorage.getItem(TOKEN_KEY);
    if (!token) return null;
    const expiresAt = localStorage.getItem(EXPIRES_KEY);
    if (expiresAt && Date.parse(expiresAt) <= Date.now()) {
      tokenStore.clear();
      return null;
    }
    return token;
  },
  set(token: string, expiresAt?: string | null) {
    localStorage.setItem(TOKEN_KEY, token);
    if (expiresAt) localStorage.setItem(EXPIRES_KEY, expiresAt);
    else localStorage.removeItem(EXPIRES_KEY);
  },
  clear() {
    localStorage.removeItem(TOKEN_KEY);
    localStorage.removeItem(EXPIRES_KEY);
  },
};

export const graphqlHttpUrl = new URL(import.meta.env.VITE_GRAPHQL_URL ?? '/graphql', window.location.href).toString();
export const graphqlWsUrl = graphqlHttpUrl.replace(/^http/, 'ws');

const authHeader = (): Record<string, string> => {
  const token = tokenStore.get();
  return token ? { authorization: `Bearer ${token}` } : {};
};

/** The server closes a socket with 4401 when its session ended (expired, signed out, account changed). */
export const SESSION_ENDED_CLOSE = 4401;

const sessionEndedListeners = new Set<() => void>();

/** Called when the server ends this session over the socket; the layout sends the user to the login page. */
export const onSessionEnded = (listener: () => void) => {
  sessionEndedListeners.add(listener);
  return () => void sessionEndedListeners.delete(listener);
};

const isSessionEnded = (event: unknown) => (event as { code?: number } | null)?.code === SESSION_ENDED_CLOSE;

/** Subscriptions (graphql-ws); connects lazily on the first subscription. */
export const wsClient = createClient({
  url: graphqlWsUrl,
  lazy: true,
  connectionParams: () => authHeader(),
  retryAttempts: Infinity,
  // Anything else (network, server restart, 1012 "your unit changed") reconnects and resumes.
  shouldRetry: (event) => !isSessionEnded(event),
  on: {
    closed: (event) => {
      if (isSessionEnded(event) && tokenStore.get()) for (const listener of sessionEndedListeners) listener();
    },
  },
});

/**
 * GraphQL-over-HTTP servers answer request errors (bad variables, 401 …) with a non-2xx
 * status and a normal `{ errors }` body. Hand such bodies to Apollo as a 200 so the
 * errors reach callers with their `extensions.code` instead of a bare "status 400".
 */
const graphqlFetch: typeof fetch = async (input, init) => {
  const response = await fetch(input, init);
  if (response.ok || !/json/.test(response.headers.get('content-type') ?? '')) return response;
  const text = await response.text();
  let hasErrors: boolean;
  try {
    hasErrors = Array.isArray(JSON.parse(text)?.errors);
  } catch {
    hasErrors = false;
  }
  return new Response(text, {
    status: hasErrors ? 200 : response.status,
    statusText: hasErrors ? 'OK' : response.statusText,
    headers: response.headers,
  });
};

/**
 * Reads (queries) are tried again by themselves; mutations never are. A query opts out with
 * `context: { retryReads: false }` (a report that hit its statement timeout would only run again as long).
 */
const isRetriedRead = (operation: Operation) => {
  const definition = getMainDefinition(operation.query);
  return definition.kind === 'OperationDefinition' && definition.operation === 'query' && operation.getContext().retryReads !== false;
};

/** A read answered SERVICE_UNAVAILABLE fails inside the chain, so that the retry link sees it. */
const failUnavailableReads = new ApolloLink((operation, forward) => {
  if (!isRetriedRead(operation)) return forward(operation);
  return forward(operation).map((result) => {
    if (!unavailableIn(result)) return result;
    const response = operation.getContext().response as Response | undefined;
    throw new ServiceUnavailable(result, retryAfterMsOf(response?.headers.get('retry-after'), result));
  });
});

const retryReads = new RetryLink({
  // Offline, another attempt would fail the same way: the page says so at once and offers to try again.
  attempts: (retry, operation, error) => isRetriedRead(operation) && navigator.onLine !== false && shouldRetryRead(retry, error),
  delay: (retry, _operation, error) => retryDelayMs(retry, error),
});

/** After the last attempt the caller gets the server's own answer (errors with their codes), as for any other error. */
const answerUnavailableReads = new ApolloLink(
  (operation, forward) =>
    new Observable((observer) => {
      const subscription = forward(operation).subscribe({
        next: (result) => observer.next(result),
        error: (error: unknown) => {
          if (!(error instanceof ServiceUnavailable)) return observer.error(error);
          observer.next(error.result as Parameters<typeof observer.next>[0]);
          observer.complete();
        },
        complete: () => observer.complete(),
      });
      return () => subscription.unsubscribe();
    }),
);

const httpLink = ApolloLink.from([
  setContext((_, { headers }) => ({ headers: { ...headers, ...authHeader() } })),
  answerUnavailableReads,
  retryReads,
  failUnavailableReads,
  new HttpLink({ uri: graphqlHttpUrl, fetch: graphqlFetch }),
]);

const link = split(
  ({ query }) => {
    const definition = getMainDefinition(query);
    return definition.kind === 'OperationDefinition' && definition.operation === 'subscription';
  },
  new GraphQLWsLink(wsClient),
  httpLink,
);

/**
 * The one Apollo client of the console: the data provider runs on it, and custom
 * components (complaint workflow buttons, live updates) call arbitrary operations with it.
 */
export const client = new ApolloClient({
  link,
  cache: new InMemoryCache(),
  defaultOptions: {
    query: { fetchPolicy: 'network-only', errorPolicy: 'none' },
    watchQuery: { fetchPolicy: 'cache-and-network' },
    mutate: { errorPolicy: 'none' },
  },
});

/** Drop everything cached for the previous user and reconnect subscriptions with the new token. */
export const resetSession = async () => {
  await client.clearStore();
  wsClient.terminate();
};
