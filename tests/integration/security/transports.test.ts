import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { startTestApp, type TestApp } from '../../support/test-app';
import { sleep, waitFor } from '../lifecycle/helpers';

/**
 * Queries and mutations also run over graphql-ws. The same hostile requests get the same
 * answers over both transports (error codes, messages, masking), in a test-mode server and
 * in a production-mode one (field suggestions hidden); the socket has limits of its own.
 */
let dev: TestApp;
let prod: TestApp;

beforeAll(async () => {
  [dev, prod] = await Promise.all([startTestApp(), startTestApp({ mode: 'production', wsSocketsPerAddress: 3 })]);
});
afterAll(async () => {
  await Promise.all([dev?.stop(), prod?.stop()]);
});

interface Answer {
  data?: unknown;
  errors?: { message: string; code?: unknown; fields?: unknown }[];
}

const normal = (r: { data?: unknown; errors?: readonly { message: string; extensions?: Record<string, unknown> }[] }): Answer => ({
  ...(r.data !== undefined && r.data !== null ? { data: r.data } : {}),
  ...(r.errors?.length ? { errors: r.errors.map((e) => ({ message: e.message, code: e.extensions?.code, fields: e.extensions?.fields })) } : {}),
});

async function overHttp(t: TestApp, token: string | null, query: string, variables?: Record<string, unknown>): Promise<Answer> {
  const res = await fetch(`${t.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return normal(await res.json());
}

function socket(t: TestApp, token: string | null): Client {
  return createClient({
    url: `${t.url.replace('http', 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: true,
  });
}

function overWs(client: Client, query: string, variables?: Record<string, unknown>): Promise<Answer> {
  return new Promise((resolve) => {
    let answer: Answer | null = null;
    client.subscribe(
      { query, variables },
      {
        next: (r) => void (answer = normal(r as never)),
        error: (e) =>
          resolve(Array.isArray(e) ? normal({ errors: e }) : { errors: [{ message: String((e as { reason?: string }).reason ?? e), code: 'CLOSED' }] }),
        complete: () => resolve(answer ?? {}),
      },
    );
  });
}

const deep = (n: number): string => (n === 0 ? 'id' : `parent { ${deep(n - 1)} }`);

const HOSTILE: { name: string; query: string; variables?: Record<string, unknown>; code: string; signedIn?: boolean }[] = [
  {
    name: 'NUL in a variable',
    query: 'query($q: String) { complaints(filter: { q: $q }) { total } }',
    variables: { q: 'a\u0000b' },
    code: 'BAD_USER_INPUT',
    signedIn: true,
  },
  { name: 'NUL in the document', query: '{ __typename } # \u0000', code: 'BAD_USER_INPUT' },
  { name: 'more than 5000 tokens', query: `{ ${'__typename '.repeat(5001)}}`, code: 'BAD_USER_INPUT' },
  { name: 'too deep', query: `{ me { opd { ${deep(10)} } } }`, code: 'BAD_USER_INPUT', signedIn: true },
  { name: 'too many aliases', query: `{ ${Array.from({ length: 60 }, (_, i) => `a${i}: opds(perPage: 1) { total }`).join(' ')} }`, code: 'BAD_USER_INPUT' },
  { name: 'too many directives', query: `{ __typename ${'@skip(if: false) '.repeat(31)}}`, code: 'BAD_USER_INPUT' },
  { name: 'a syntax error', query: '{ me { ', code: 'BAD_USER_INPUT' },
  { name: 'an unknown field', query: '{ complaintz { total } }', code: 'BAD_USER_INPUT' },
  { name: 'a variable of the wrong type', query: 'query($id: ID!) { complaint(id: $id) { id } }', variables: { id: { a: 1 } }, code: 'BAD_USER_INPUT' },
  { name: 'a bad id', query: '{ complaint(id: "abc") { id } }', code: 'BAD_USER_INPUT', signedIn: true },
  { name: 'no token where one is needed', query: '{ users { total } }', code: 'UNAUTHENTICATED' },
  { name: 'a role without the permission', query: '{ users { total } }', code: 'FORBIDDEN', signedIn: true },
  { name: 'an unknown sort field', query: '{ complaints(sortField: "constructor") { total } }', code: 'BAD_USER_INPUT', signedIn: true },
];

describe.each([
  ['test mode', () => dev],
  ['production mode', () => prod],
])('%s: the same hostile request, the same answer over HTTP and graphql-ws', (_mode, app) => {
  test.each(HOSTILE)('$name', async ({ query, variables, code, signedIn }) => {
    const t = app();
    const token = signedIn ? await t.login('staf.dinsos') : null;
    const http = await overHttp(t, token, query, variables);
    const client = socket(t, token);
    try {
      const ws = await overWs(client, query, variables);
      expect(http.errors?.[0]?.code).toBe(code);
      expect(ws).toEqual(http);
      // Nothing internal leaks on either transport.
      expect(JSON.stringify(ws)).not.toMatch(/Internal server error|stack|SELECT|QueryFailedError/i);
    } finally {
      await client.dispose();
    }
  });
});

test('field suggestions: shown in test mode, hidden in production, alike on both transports', async () => {
  const query = '{ complaintz { total } }';
  const devClient = socket(dev, null);
  const prodClient = socket(prod, null);
  try {
    const [devHttp, devWs, prodHttp, prodWs] = await Promise.all([
      overHttp(dev, null, query),
      overWs(devClient, query),
      overHttp(prod, null, query),
      overWs(prodClient, query),
    ]);
    expect(devHttp.errors![0].message).toMatch(/Did you mean/);
    expect(devWs).toEqual(devHttp);
    expect(prodHttp.errors![0].message).toBe('Cannot query field "complaintz" on type "Query".');
    expect(prodWs).toEqual(prodHttp);
  } finally {
    await Promise.all([devClient.dispose(), prodClient.dispose()]);
  }
});

test('a login over graphql-ws meets the same refusal as over HTTP', async () => {
  const query = 'mutation { login(username: "walikota", password: "wrong-password") { token } }';
  const client = socket(dev, null);
  try {
    const [http, ws] = [await overHttp(dev, null, query), await overWs(client, query)];
    expect(http.errors?.[0]?.code).toBe('UNAUTHENTICATED');
    expect(ws).toEqual(http);
  } finally {
    await client.dispose();
  }
});

test('at most 100 operations at once on one socket', async () => {
  const token = await dev.login('walikota');
  const client = socket(dev, token);
  const refusals: unknown[] = [];
  const stops: (() => void)[] = [];
  try {
    for (let i = 0; i < 101; i++) {
      stops.push(
        client.subscribe(
          { query: 'subscription { complaintChanged { event { id } } }' },
          { next: () => undefined, error: (e) => void refusals.push(e), complete: () => undefined },
        ),
      );
    }
    await waitFor(() => refusals.length > 0, 'the 101st operation to be refused');
    await sleep(200);
    expect(refusals).toHaveLength(1);
    expect(JSON.stringify(refusals[0])).toMatch(/RATE_LIMITED/);
    // Ending one makes room for another.
    stops[0]();
    await sleep(100);
    const ok = await overWs(client, '{ me { username } }');
    expect(ok).toEqual({ data: { me: { username: 'walikota' } } });
  } finally {
    for (const stop of stops) stop();
    await client.dispose();
  }
});

test('at most WS_SOCKETS_PER_ADDRESS sockets from one address (3 here); a closed one frees its place', async () => {
  const open = (): Promise<WebSocket> =>
    new Promise((resolve, reject) => {
      const ws = new WebSocket(`${prod.url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
      ws.once('open', () => resolve(ws));
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      ws.once('error', reject);
    });
  const sockets = [await open(), await open(), await open()];
  await expect(open()).rejects.toThrow('HTTP 429');
  const closed = new Promise((resolve) => sockets[0].once('close', resolve));
  sockets[0].close();
  await closed;
  await waitFor(async () => {
    try {
      sockets[0] = await open();
      return true;
    } catch {
      return false;
    }
  }, 'a place to free up');
  for (const s of sockets) s.close();
});
