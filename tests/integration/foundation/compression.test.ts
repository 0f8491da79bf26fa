import http from 'node:http';
import zlib from 'node:zlib';
import { startTestApp, type TestApp } from '../../support/test-app';

/**
 * GraphQL answers over HTTP come compressed when the client asks for it (brotli first, then
 * gzip), from 1 KB up; plain when it does not ask. The WebSocket transport is not affected.
 */
let t: TestApp;
let token: string;
beforeAll(async () => {
  t = await startTestApp();
  token = await t.login('superadmin');
});
afterAll(() => t?.stop());

const LIST = '{ opds(perPage: 100) { total items { id code name kind parentId } } }';

/** A raw POST over real HTTP: the headers and the body exactly as sent. */
const post = (query: string, acceptEncoding?: string) =>
  new Promise<{ status?: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    const url = new URL('/graphql', t.url);
    const request = http.request(
      url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          ...(acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      },
    );
    request.on('error', reject);
    request.end(JSON.stringify({ query }));
  });

const opdCount = (json: Buffer) => (JSON.parse(json.toString('utf8')) as { data: { opds: { items: unknown[] } } }).data.opds.items.length;

test('a large list answer comes gzip-compressed when asked for gzip, and brotli when asked for it first', async () => {
  const plain = await post(LIST, 'identity');
  expect(plain.status).toBe(200);
  expect(plain.headers['content-encoding']).toBeUndefined();
  expect(plain.body.length).toBeGreaterThan(1024);
  const items = opdCount(plain.body);
  expect(items).toBeGreaterThan(10);

  const gzip = await post(LIST, 'gzip');
  expect([gzip.status, gzip.headers['content-encoding']]).toEqual([200, 'gzip']);
  expect(gzip.headers['vary']).toMatch(/Accept-Encoding/i);
  expect(gzip.body.length).toBeLessThan(plain.body.length / 2);
  expect(opdCount(zlib.gunzipSync(gzip.body))).toBe(items);

  const br = await post(LIST, 'br, gzip, deflate');
  expect([br.status, br.headers['content-encoding']]).toEqual([200, 'br']);
  expect(opdCount(zlib.brotliDecompressSync(br.body))).toBe(items);
});

test('without Accept-Encoding, and for answers under 1 KB, the answer is sent as it is', async () => {
  const none = await post(LIST);
  expect([none.status, none.headers['content-encoding']]).toEqual([200, undefined]);
  expect(opdCount(none.body)).toBeGreaterThan(10);

  const small = await post('{ me { username } }', 'gzip, br');
  expect([small.status, small.headers['content-encoding']]).toEqual([200, undefined]);
  expect(JSON.parse(small.body.toString('utf8')).data).toEqual({ me: { username: 'superadmin' } });
});

test('the WebSocket transport still answers (compression applies to HTTP answers only)', async () => {
  const client = t.ws(token);
  const result = await new Promise<unknown>((resolve, reject) => {
    let data: unknown;
    client.subscribe({ query: LIST }, { next: (value) => (data = value), error: reject, complete: () => resolve(data) });
  });
  expect((result as { data: { opds: { items: unknown[] } } }).data.opds.items.length).toBeGreaterThan(10);
});
