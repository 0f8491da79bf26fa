import { ApolloClient, HttpLink, InMemoryCache, split } from '@apollo/client';
import { setContext } from '@apollo/client/link/context';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getMainDefinition } from '@apollo/client/utilities';
import { createClient } from 'graphql-ws/client';

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

const httpLink = setContext((_, { headers }) => ({
  headers: { ...headers, ...authHeader() },
})).concat(new HttpLink({ uri: graphqlHttpUrl, fetch: graphqlFetch }));

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
