import crypto from 'node:crypto';
import jwt from 'jsonwebtoken';
import { createClient, type Client as WsClient } from 'graphql-ws';
import WebSocket from 'ws';
import { startApp, type RunningApp } from '../../../server/app/bootstrap';
import { tokenIssuer } from '../../../server/auth/tokens';
import { collect, complaintInput, expectError, Lab, sleep, waitFor, type Collector } from '../lifecycle/helpers';

/**
 * Authority is read from the database on every operation, so a change to a user reaches
 * their very next request, over HTTP and over a WebSocket that is already open; tokens can be
 * revoked. Each case is what an attacker whose authority changed would try.
 */
let lab: Lab;
let other: RunningApp | null = null;

beforeAll(async () => {
  lab = await Lab.start();
});
afterAll(async () => {
  await other?.stop();
  await lab?.stop();
});

const ANSWER = 'Bantuan sudah dicairkan melalui rekening KKS.';
const ME = '{ me { id username role } }';

/** A new token for the user as they are now (as `login` would issue, without argon2). */
async function freshToken(username: string, app: RunningApp = lab.t.app, ttlSeconds?: number): Promise<string> {
  const [user]: { id: number; tokenGeneration: number }[] = await app.db.query('SELECT id, "tokenGeneration" FROM app_user WHERE username = $1', [username]);
  const issuer = ttlSeconds ? tokenIssuer(app.config.tokenSecret, ttlSeconds) : app.services.tokens;
  return issuer.sign(user).token;
}

async function gqlWith(token: string, query: string, variables: Record<string, unknown> = {}, url = lab.t.url) {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
}

/** A live complaintChanged subscription with this token, once the server has acknowledged it. */
async function liveWith(token: string, wsUrl = lab.t.url): Promise<{ client: WsClient; col: Collector }> {
  const client = createClient({
    url: `${wsUrl.replace('http', 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
    lazy: true,
  });
  let connected = false;
  client.on('connected', () => void (connected = true));
  const col = collect(client);
  await waitFor(() => connected || col.errors.length > 0, 'the socket to connect');
  // The subscribe message follows the acknowledgement on the same socket.
  await sleep(100);
  return { client, col };
}

const closeCodes = (col: Collector) => col.errors.map((e) => (e as { code?: number }).code);

async function userInput(username: string, over: Record<string, unknown> = {}) {
  const [u] = await lab.t.app.db.query('SELECT username, name, role, "opdId", active FROM app_user WHERE username = $1', [username]);
  return { username: u.username, name: u.name, role: u.role, opdId: String(u.opdId), active: u.active, ...over };
}

async function updateUser(username: string, over: Record<string, unknown>) {
  return lab.ok('superadmin', `mutation($id: ID!, $input: UserInput!) { updateUser(id: $id, input: $input) { id role active } }`, {
    id: lab.user[username].id,
    input: await userInput(username, over),
  });
}

test('a head demoted to staff cannot answer on the very next request, and the open socket is closed (4401)', async () => {
  const c = await lab.forwarded('DINSOS');
  const token = await freshToken('kepala.dinsos');
  const { col } = await liveWith(token);
  await updateUser('kepala.dinsos', { role: 'UNIT_STAFF' });

  const r = await gqlWith(token, `mutation($id: ID!, $a: String!) { respondToComplaint(id: $id, answer: $a) { id status } }`, { id: c.id, a: ANSWER });
  expectError(r, 'UNAUTHENTICATED');
  await col.waitFor((s) => closeCodes(s).includes(4401), 'the socket to be closed');
  expect((await lab.stored(c.id)).row.status).toBe('FORWARDED');
  // Signed in again, they are staff now: still no answer.
  const again = await gqlWith(await freshToken('kepala.dinsos'), `mutation($id: ID!, $a: String!) { respondToComplaint(id: $id, answer: $a) { id } }`, {
    id: c.id,
    a: ANSWER,
  });
  expectError(again, 'FORBIDDEN');
  await updateUser('kepala.dinsos', { role: 'UNIT_HEAD' });
});

test('a head moved to another unit by plain SQL, outside the API: refused as soon as the NOTIFY arrives; signed in again, they act for the new unit only', async () => {
  const c = await lab.forwarded('DINSOS');
  const token = await freshToken('kepala.dinsos');
  const { col } = await liveWith(token);
  expect((await gqlWith(token, ME)).data.me.username).toBe('kepala.dinsos');
  await lab.t.app.db.query('UPDATE app_user SET "opdId" = $1 WHERE username = $2', [lab.opd['DISPERKIM'], 'kepala.dinsos']);
  try {
    // The socket's closing shows the NOTIFY was heard; the cache went with it.
    await col.waitFor((s) => closeCodes(s).includes(4401), 'the socket to be closed');
    expectError(
      await gqlWith(token, `mutation($id: ID!, $a: String!) { respondToComplaint(id: $id, answer: $a) { id } }`, { id: c.id, a: ANSWER }),
      'UNAUTHENTICATED',
    );
    const moved = await freshToken('kepala.dinsos');
    expectError(
      await gqlWith(moved, `mutation($id: ID!, $a: String!) { respondToComplaint(id: $id, answer: $a) { id } }`, { id: c.id, a: ANSWER }),
      'FORBIDDEN',
    );
  } finally {
    await lab.t.app.db.query('UPDATE app_user SET "opdId" = $1 WHERE username = $2', [lab.opd['DINSOS'], 'kepala.dinsos']);
  }
});

test('a deactivated admin stops receiving reporters’ identities: the socket is closed and nothing more arrives', async () => {
  const token = await freshToken('admin.tengah');
  await lab.settleFeed();
  const { col } = await liveWith(token);
  const first = await lab.submit('admin.tengah', complaintInput({ reporterName: 'Pelapor Pertama' }));
  await col.waitFor((s) => s.changes.some((ch) => ch.complaint.id === first.complaint.id), 'the first change');
  expect(col.changes.find((ch) => ch.complaint.id === first.complaint.id).complaint.reporterName).toBe('Pelapor Pertama');

  await updateUser('admin.tengah', { active: false });
  await col.waitFor((s) => closeCodes(s).includes(4401), 'the socket to be closed');
  const seen = col.changes.length;
  await lab.submit('petugas.rw', complaintInput({ reporterName: 'Pelapor Kedua' }));
  await lab.settleFeed();
  await sleep(100);
  expect(col.changes).toHaveLength(seen);
  expect(JSON.stringify(col.changes)).not.toContain('Pelapor Kedua');
  expectError(await gqlWith(token, ME), 'UNAUTHENTICATED');
  // A new socket with the same token is refused outright.
  const again = await liveWith(token);
  expect(closeCodes(again.col)).toContain(4401);
  await updateUser('admin.tengah', { active: true });
});

test('logout ends this device only; logoutEverywhere ends every device; both at once on open sockets', async () => {
  const phone = await freshToken('staf.dinsos');
  const laptop = await freshToken('staf.dinsos');
  const phoneLive = await liveWith(phone);
  const laptopLive = await liveWith(laptop);

  expect((await gqlWith(phone, 'mutation { logout }')).data).toEqual({ logout: true });
  expectError(await gqlWith(phone, ME), 'UNAUTHENTICATED');
  expect((await gqlWith(laptop, ME)).data.me.username).toBe('staf.dinsos');
  await phoneLive.col.waitFor((s) => closeCodes(s).includes(4401), 'the phone socket to be closed');
  await sleep(100);
  expect(closeCodes(laptopLive.col)).toEqual([]);

  expect((await gqlWith(laptop, 'mutation { logoutEverywhere }')).data).toEqual({ logoutEverywhere: true });
  expectError(await gqlWith(laptop, ME), 'UNAUTHENTICATED');
  await laptopLive.col.waitFor((s) => closeCodes(s).includes(4401), 'the laptop socket to be closed');
  // Signing in again works.
  expect((await gqlWith(await freshToken('staf.dinsos'), ME)).data.me.username).toBe('staf.dinsos');
});

test('a password change ends every earlier session', async () => {
  const token = await freshToken('kepala.disperkim');
  expect((await gqlWith(token, ME)).data.me.username).toBe('kepala.disperkim');
  await updateUser('kepala.disperkim', { password: 'a-new-password-2026' });
  expectError(await gqlWith(token, ME), 'UNAUTHENTICATED');
  expect((await lab.t.gql(`mutation { login(username: "kepala.disperkim", password: "a-new-password-2026") { token } }`)).data.login.token).toBeTruthy();
});

test('tokens without an expiry, from an older generation, or for another user are refused', async () => {
  const [u] = await lab.t.app.db.query(`SELECT id, "tokenGeneration" FROM app_user WHERE username = 'walikota'`);
  const secret = lab.t.app.config.tokenSecret;
  const noExp = jwt.sign({ sub: String(u.id), gen: u.tokenGeneration }, secret, { algorithm: 'HS256', issuer: 'lapor', jwtid: crypto.randomUUID() });
  expectError(await gqlWith(noExp, ME), 'UNAUTHENTICATED');
  const oldGen = jwt.sign({ sub: String(u.id), gen: u.tokenGeneration - 1 }, secret, {
    algorithm: 'HS256',
    issuer: 'lapor',
    jwtid: crypto.randomUUID(),
    expiresIn: 600,
  });
  expectError(await gqlWith(oldGen, ME), 'UNAUTHENTICATED');
  const good = jwt.sign({ sub: String(u.id), gen: u.tokenGeneration }, secret, {
    algorithm: 'HS256',
    issuer: 'lapor',
    jwtid: crypto.randomUUID(),
    expiresIn: 600,
  });
  expect((await gqlWith(good, ME)).data.me.username).toBe('walikota');
  // Role claims in a token are ignored: the role comes from the database.
  const claimsRole = jwt.sign({ sub: String(u.id), gen: u.tokenGeneration, role: 'SUPERADMIN' }, secret, {
    algorithm: 'HS256',
    issuer: 'lapor',
    jwtid: crypto.randomUUID(),
    expiresIn: 600,
  });
  expect((await gqlWith(claimsRole, ME)).data.me.role).toBe('LEADER');
});

test('a socket is closed with 4401 when its token expires', async () => {
  const token = await freshToken('walikota', lab.t.app, 2);
  const { col } = await liveWith(token);
  expect(closeCodes(col)).toEqual([]);
  await col.waitFor((s) => closeCodes(s).includes(4401), 'the socket to be closed at expiry', 6000);
});

test('an Opd moved in the tree: open sockets of its staff reconnect (1012) as who they now are', async () => {
  const token = await freshToken('kepala.dinsos');
  const { col } = await liveWith(token);
  const [dinsos] = await lab.t.app.db.query(`SELECT path, "parentId" FROM opd WHERE code = 'DINSOS'`);
  await lab.t.app.db.query(`UPDATE opd SET path = '/999' || path WHERE code = 'DINSOS'`);
  await col.waitFor((s) => closeCodes(s).includes(1012), 'the socket to be told to reconnect');
  const viewer = await lab.services.identity.viewerFor(lab.services.tokens.verify(token));
  expect(viewer.opdPath).toBe(`/999${dinsos.path}`);
  await lab.t.app.db.query(`UPDATE opd SET path = $1 WHERE code = 'DINSOS'`, [dinsos.path]);
  // The token itself still stands: the user's own record did not change.
  expect((await gqlWith(token, ME)).data.me.username).toBe('kepala.dinsos');
});

test('a second server process on the same database hears the change at once (NOTIFY), and after a lost listener', async () => {
  other = await startApp({ ...lab.t.app.config, port: 0, seedDemo: false });
  const token = await freshToken('kepala.dinsos');
  // Both processes have the identity cached.
  expect((await gqlWith(token, ME, {}, other.url)).data.me.role).toBe('UNIT_HEAD');
  expect((await gqlWith(token, ME)).data.me.role).toBe('UNIT_HEAD');
  const { col } = await liveWith(token, other.url);

  await updateUser('kepala.dinsos', { role: 'UNIT_STAFF' });
  // The other process hears it by NOTIFY: its socket closes, then its HTTP refuses the token too.
  await col.waitFor((s) => closeCodes(s).includes(4401), 'the other process to close the socket');
  expectError(await gqlWith(token, ME, {}, other.url), 'UNAUTHENTICATED');
  await updateUser('kepala.dinsos', { role: 'UNIT_HEAD' });

  // The listening connection is cut; a change made while it is down is not missed.
  const again = await freshToken('kepala.dinsos');
  expect((await gqlWith(again, ME, {}, other.url)).data.me.role).toBe('UNIT_HEAD');
  const listeners = async () =>
    (await lab.t.app.db.query(`SELECT pid FROM pg_stat_activity WHERE application_name = 'lapor-identity' AND datname = current_database()`)) as {
      pid: number;
    }[];
  const before = (await listeners()).map((r) => r.pid);
  expect(before).toHaveLength(2);
  await lab.t.app.db.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'lapor-identity' AND datname = current_database()`);
  await lab.t.app.db.query(`UPDATE app_user SET active = false WHERE username = 'kepala.dinsos'`);
  await waitFor(async () => (await listeners()).filter((r) => !before.includes(r.pid)).length === 2, 'both listeners to reconnect');
  expectError(await gqlWith(again, ME, {}, other.url), 'UNAUTHENTICATED');
  expectError(await gqlWith(again, ME), 'UNAUTHENTICATED');
  await lab.t.app.db.query(`UPDATE app_user SET active = true WHERE username = 'kepala.dinsos'`);
});
