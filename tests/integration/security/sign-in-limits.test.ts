import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { startApp, type RunningApp } from '../../../server/app/bootstrap';
import type { SignIn } from '../../../server/auth/sign-in';
import { DEMO_PASSWORD } from '../../../server/seed/seed';
import { codeOf, startTestApp, type GqlResult, type TestApp } from '../../support/test-app';

const LOGIN = `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token viewer { username } } }`;

/** A sign-in from `address` (these servers trust X-Forwarded-For from loopback: TRUST_PROXY), or from 127.0.0.1 itself. */
async function login(url: string, username: string, password: string, address?: string): Promise<GqlResult> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(address ? { 'x-forwarded-for': address } : {}) },
    body: JSON.stringify({ query: LOGIN, variables: { u: username, p: password } }),
  });
  return (await res.json()) as GqlResult;
}

/** The same sign-in over graphql-ws, on a socket whose upgrade request carries X-Forwarded-For: `address`. */
async function loginOverWs(url: string, username: string, password: string, address: string): Promise<GqlResult> {
  class Forwarded extends WebSocket {
    constructor(target: string, protocols?: string | string[]) {
      super(target, protocols, { headers: { 'x-forwarded-for': address } });
    }
  }
  const client = createClient({ url: `${url.replace('http', 'ws')}/graphql`, webSocketImpl: Forwarded, retryAttempts: 0, lazy: true });
  try {
    return (await client.iterate({ query: LOGIN, variables: { u: username, p: password } }).next()).value as GqlResult;
  } finally {
    await client.dispose();
  }
}

const codes = (rs: GqlResult[]) => rs.map((r) => codeOf(r) ?? 'OK');
const count = (list: string[], code: string) => list.filter((c) => c === code).length;

let t: TestApp;
let signIn: SignIn;
beforeAll(async () => {
  t = await startTestApp({ trustProxy: ['loopback'] });
  signIn = t.app.services.signIn;
});
afterAll(() => t?.stop());

describe('the lockout is counted before the password is checked', () => {
  test('25 parallel guesses get exactly 5 password checks; the correct password among them is refused unless checked, and after them', async () => {
    const before = signIn.passwordChecks;
    const guesses = Array.from({ length: 25 }, (_, i) => (i === 20 ? DEMO_PASSWORD : `guess-${i}`));
    const results = codes(await Promise.all(guesses.map((p) => login(t.url, 'admin.tengah', p, '198.51.100.10'))));
    expect(signIn.passwordChecks - before).toBe(5);
    expect(count(results, 'RATE_LIMITED')).toBe(20);
    expect(count(results, 'UNAUTHENTICATED') + count(results, 'OK')).toBe(5);
    // Whether the correct guess was among the five checked depends on arrival; what matters is that nothing else was checked.
    expect(count(results, 'OK')).toBeLessThanOrEqual(1);
    const after = await login(t.url, 'admin.tengah', DEMO_PASSWORD, '198.51.100.10');
    if (count(results, 'OK') === 0) {
      expect(codeOf(after)).toBe('RATE_LIMITED');
      expect(after.errors![0].extensions!.retryAfterSeconds).toBeGreaterThan(60);
      expect(after.data).toBeNull();
    }
    expect(signIn.passwordChecks - before).toBe(5 + (codeOf(after) === 'RATE_LIMITED' ? 0 : 1));
  });

  test('25 parallel wrong guesses then the correct password: refused, and only 5 checks ran', async () => {
    const before = signIn.passwordChecks;
    const results = codes(await Promise.all(Array.from({ length: 25 }, (_, i) => login(t.url, 'admin.puskesmas', `wrong-${i}`, '198.51.100.11'))));
    expect(results.sort()).toEqual([...Array(20).fill('RATE_LIMITED'), ...Array(5).fill('UNAUTHENTICATED')]);
    expect(codeOf(await login(t.url, 'admin.puskesmas', DEMO_PASSWORD, '198.51.100.11'))).toBe('RATE_LIMITED');
    expect(signIn.passwordChecks - before).toBe(5);
  });

  test('an unknown username is counted, answered and verified like a known one (argon2 against a stand-in hash made at start)', async () => {
    const known = codes(await Promise.all(Array.from({ length: 8 }, (_, i) => login(t.url, 'petugas.rw', `wrong-${i}`, '198.51.100.12'))));
    const stand = signIn.standInChecks;
    const checks = signIn.passwordChecks;
    const unknown = codes(await Promise.all(Array.from({ length: 8 }, (_, i) => login(t.url, 'tidak.ada', `wrong-${i}`, '198.51.100.12'))));
    expect(unknown.sort()).toEqual(known.sort());
    expect(unknown).toEqual([...Array(3).fill('RATE_LIMITED'), ...Array(5).fill('UNAUTHENTICATED')]);
    // Each unknown attempt that was let through cost one argon2 verification, none of a real account.
    expect(signIn.standInChecks - stand).toBe(5);
    expect(signIn.passwordChecks - checks).toBe(0);
    // Same messages and extensions for both.
    const a = await login(t.url, 'petugas.rw', 'x', '198.51.100.12');
    const b = await login(t.url, 'tidak.ada', 'x', '198.51.100.12');
    expect(a.errors![0].message).toBe(b.errors![0].message);
    expect(Object.keys(a.errors![0].extensions!)).toEqual(Object.keys(b.errors![0].extensions!));
    // The stand-in hash has the parameters of real password hashes, and exists before the first unknown user.
    const [{ passwordHash }] = await t.app.db.query(`SELECT "passwordHash" FROM app_user WHERE username = 'walikota'`);
    const params = (h: string) => h.split('$').slice(1, 4).join('$');
    expect(params(await signIn.standInHash)).toBe(params(passwordHash));
    expect(params(passwordHash)).toMatch(/^argon2id\$v=19\$m=\d+/);
  });

  test('a deactivated account costs the stand-in verification, not its own', async () => {
    await t.app.db.query(`UPDATE app_user SET active = false WHERE username = 'staf.dinsos'`);
    try {
      const stand = signIn.standInChecks;
      const checks = signIn.passwordChecks;
      const r = await login(t.url, 'staf.dinsos', DEMO_PASSWORD, '198.51.100.13');
      expect(codeOf(r)).toBe('UNAUTHENTICATED');
      expect(signIn.standInChecks - stand).toBe(1);
      expect(signIn.passwordChecks - checks).toBe(0);
    } finally {
      await t.app.db.query(`UPDATE app_user SET active = true WHERE username = 'staf.dinsos'`);
    }
  });
});

describe('a stranger cannot lock the owner out', () => {
  test('the lockout of one address does not lock the account at another address', async () => {
    for (let i = 0; i < 5; i++) expect(codeOf(await login(t.url, 'kepala.dinsos', `wrong-${i}`, '203.0.113.50'))).toBe('UNAUTHENTICATED');
    expect(codeOf(await login(t.url, 'kepala.dinsos', DEMO_PASSWORD, '203.0.113.50'))).toBe('RATE_LIMITED');
    const owner = await login(t.url, 'kepala.dinsos', DEMO_PASSWORD, '203.0.113.51');
    expect(owner.errors).toBeUndefined();
    expect(owner.data!.login.viewer.username).toBe('kepala.dinsos');
  });

  test('a success clears its address count: 4 wrong, right, 4 wrong, right all pass', async () => {
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 4; i++) expect(codeOf(await login(t.url, 'kepala.disperkim', `wrong-${i}`, '203.0.113.52'))).toBe('UNAUTHENTICATED');
      expect((await login(t.url, 'kepala.disperkim', DEMO_PASSWORD, '203.0.113.52')).errors).toBeUndefined();
    }
  });

  test('the account-wide limit: after 50 checks from 10 addresses in an hour, an 11th address is refused too', async () => {
    const before = signIn.passwordChecks;
    for (let a = 0; a < 10; a++) {
      const rs = codes(await Promise.all(Array.from({ length: 5 }, (_, i) => login(t.url, 'walikota', `wrong-${a}-${i}`, `192.0.2.${a + 1}`))));
      expect(rs).toEqual(Array(5).fill('UNAUTHENTICATED'));
    }
    const eleventh = await login(t.url, 'walikota', DEMO_PASSWORD, '192.0.2.99');
    expect(codeOf(eleventh)).toBe('RATE_LIMITED');
    expect(eleventh.errors![0].extensions!.retryAfterSeconds).toBeGreaterThan(15 * 60);
    expect(signIn.passwordChecks - before).toBe(50);
    // Only this account: another account at the same address signs in.
    expect((await login(t.url, 'superadmin', DEMO_PASSWORD, '192.0.2.99')).errors).toBeUndefined();
  });
});

describe('X-Forwarded-For is believed only from TRUST_PROXY', () => {
  test('by default a rotated X-Forwarded-For does not escape the lockout', async () => {
    const strict = await startTestApp();
    try {
      expect(strict.app.config.trustProxy).toEqual([]);
      const rs: string[] = [];
      for (let i = 0; i < 6; i++) rs.push(codeOf(await login(strict.url, 'kepala.dinsos', `wrong-${i}`, `203.0.113.${100 + i}`)) ?? 'OK');
      expect(rs).toEqual([...Array(5).fill('UNAUTHENTICATED'), 'RATE_LIMITED']);
      // The socket's address was counted: without a forwarded address it is locked the same.
      expect(codeOf(await login(strict.url, 'kepala.dinsos', DEMO_PASSWORD))).toBe('RATE_LIMITED');
      // The same over graphql-ws: the socket's address is what counts.
      const ws: string[] = [];
      for (let i = 0; i < 6; i++) ws.push(codeOf(await loginOverWs(strict.url, 'admin.tengah', `wrong-${i}`, `203.0.113.${110 + i}`)) ?? 'OK');
      expect(ws).toEqual([...Array(5).fill('UNAUTHENTICATED'), 'RATE_LIMITED']);
    } finally {
      await strict.stop();
    }
  });
});

test('over graphql-ws the forwarded address of a trusted proxy counts too', async () => {
  for (let i = 0; i < 5; i++) expect(codeOf(await loginOverWs(t.url, 'admin.kominsta', `wrong-${i}`, '203.0.113.120'))).toBe('UNAUTHENTICATED');
  expect(codeOf(await loginOverWs(t.url, 'admin.kominsta', DEMO_PASSWORD, '203.0.113.120'))).toBe('RATE_LIMITED');
  const elsewhere = await loginOverWs(t.url, 'admin.kominsta', DEMO_PASSWORD, '203.0.113.121');
  expect(elsewhere.errors).toBeUndefined();
  expect((elsewhere.data as { login: { viewer: { username: string } } }).login.viewer.username).toBe('admin.kominsta');
});

describe('two server processes share the limits through PostgreSQL', () => {
  let second: RunningApp;
  beforeAll(async () => {
    second = await startApp({ ...t.app.config, databaseUrl: t.dbUrl, port: 0 });
  });
  afterAll(() => second?.stop());

  test('3 wrong guesses on A and 2 on B lock the account+address on both', async () => {
    const a = signIn.passwordChecks;
    const b = second.services.signIn.passwordChecks;
    for (let i = 0; i < 3; i++) expect(codeOf(await login(t.url, 'admin.selatan', `wrong-a-${i}`, '198.51.100.20'))).toBe('UNAUTHENTICATED');
    for (let i = 0; i < 2; i++) expect(codeOf(await login(second.url, 'admin.selatan', `wrong-b-${i}`, '198.51.100.20'))).toBe('UNAUTHENTICATED');
    expect(codeOf(await login(t.url, 'admin.selatan', DEMO_PASSWORD, '198.51.100.20'))).toBe('RATE_LIMITED');
    expect(codeOf(await login(second.url, 'admin.selatan', DEMO_PASSWORD, '198.51.100.20'))).toBe('RATE_LIMITED');
    expect(signIn.passwordChecks - a + (second.services.signIn.passwordChecks - b)).toBe(5);
  });

  test('25 parallel guesses spread over both processes still get 5 checks', async () => {
    const a = signIn.passwordChecks;
    const b = second.services.signIn.passwordChecks;
    const results = codes(
      await Promise.all(Array.from({ length: 25 }, (_, i) => login(i % 2 ? second.url : t.url, 'admin.utara', `wrong-${i}`, '198.51.100.21'))),
    );
    expect(count(results, 'UNAUTHENTICATED')).toBe(5);
    expect(signIn.passwordChecks - a + (second.services.signIn.passwordChecks - b)).toBe(5);
  });
});
