import jwt from 'jsonwebtoken';
import { permissionsOf } from '../../../server/auth/permissions';
import { Role } from '../../../server/auth/roles';
import { DEMO_PASSWORD } from '../../../server/seed/seed';
import { codeOf, startTestApp, type GqlResult, type TestApp } from '../../support/test-app';

const LOGIN = `mutation($u: String!, $p: String!) {
  login(username: $u, password: $p) {
    token expiresAt
    viewer { id username name role servicePostId permissions opd { id code } }
  }
}`;
const ME = '{ me { id username role permissions } }';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.stop());

function login(username: string, password: string, token?: string | null): Promise<GqlResult> {
  return t.gql(LOGIN, { u: username, p: password }, token);
}

function expectUnauthenticated(r: GqlResult) {
  expect(r.errors?.length).toBeGreaterThan(0);
  expect(codeOf(r)).toBe('UNAUTHENTICATED');
}

async function superadminToken() {
  return t.login('superadmin');
}

async function setActive(username: string, active: boolean) {
  const token = await superadminToken();
  const { users } = await t.ok(
    `query($q: String) { users(filter: { q: $q }) { items { id username name opdId role servicePostId active } } }`,
    { q: username },
    token,
  );
  const u = users.items.find((x: { username: string }) => x.username === username);
  expect(u).toBeDefined();
  const { updateUser } = await t.ok(
    `mutation($id: ID!, $input: UserInput!) { updateUser(id: $id, input: $input) { id active } }`,
    {
      id: u.id,
      input: { username: u.username, name: u.name, opdId: u.opdId, role: u.role, servicePostId: u.servicePostId, active },
    },
    token,
  );
  expect(updateUser.active).toBe(active);
}

describe('login', () => {
  test('success returns a token, its expiry and the viewer with its permissions', async () => {
    const before = Date.now();
    const r = await login('kepala.dinsos', DEMO_PASSWORD);
    expect(r.errors).toBeUndefined();
    const { token, expiresAt, viewer } = r.data.login;
    expect(typeof token).toBe('string');
    expect(token.split('.')).toHaveLength(3);
    expect(new Date(expiresAt).getTime()).toBeGreaterThan(before);
    expect(viewer.username).toBe('kepala.dinsos');
    expect(viewer.role).toBe('UNIT_HEAD');
    expect(viewer.opd.code).toBe('DINSOS');
    expect([...viewer.permissions].sort()).toEqual([...permissionsOf(Role.UNIT_HEAD)].sort());
    expect(viewer.permissions).toContain('COMPLAINT_RESPOND');
    expect(viewer.permissions).not.toContain('ORG_MANAGE');

    // The token works, and `me` agrees with the login payload.
    const { me } = await t.ok(ME, {}, token);
    expect(me.id).toBe(viewer.id);
    expect(me.username).toBe('kepala.dinsos');
    expect(me.permissions).toEqual(viewer.permissions);
  });

  test('superadmin may manage the organisation but may not answer complaints', async () => {
    const r = await login('superadmin', DEMO_PASSWORD);
    const { viewer } = r.data.login;
    expect(viewer.role).toBe('SUPERADMIN');
    expect(viewer.permissions).toEqual(expect.arrayContaining(['ORG_MANAGE', 'USER_MANAGE', 'ORG_READ']));
    expect(viewer.permissions).not.toContain('COMPLAINT_RESPOND');
  });

  test('usernames are matched case-insensitively and trimmed', async () => {
    const r = await login('  Admin.Tengah ', DEMO_PASSWORD);
    expect(r.errors).toBeUndefined();
    expect(r.data.login.viewer.username).toBe('admin.tengah');
  });

  test('wrong password and unknown username give the same UNAUTHENTICATED message', async () => {
    const wrongPassword = await login('walikota', 'not-the-password');
    const unknownUser = await login('nobody.here', DEMO_PASSWORD);
    expectUnauthenticated(wrongPassword);
    expectUnauthenticated(unknownUser);
    expect(wrongPassword.data).toBeNull();
    expect(unknownUser.errors![0].message).toBe(wrongPassword.errors![0].message);
    expect(wrongPassword.errors![0].message).not.toMatch(/unknown|not found|no such|does not exist|incorrect password/i);
    // Nothing else that would tell the two apart.
    expect(unknownUser.errors![0].extensions).toEqual(wrongPassword.errors![0].extensions);
  });

  test('an empty or oversized password is refused like a wrong one', async () => {
    const empty = await login('walikota', '');
    const huge = await login('walikota', 'x'.repeat(500));
    const wrong = await login('walikota', 'wrong-password');
    expectUnauthenticated(empty);
    expectUnauthenticated(huge);
    expect(empty.errors![0].message).toBe(wrong.errors![0].message);
    expect(huge.errors![0].message).toBe(wrong.errors![0].message);
  });

  test('login works even when a stale or garbage Authorization header is sent', async () => {
    const garbage = await login('petugas.rw', DEMO_PASSWORD, 'garbage.not.a-token');
    expect(garbage.errors).toBeUndefined();
    expect(garbage.data.login.viewer.username).toBe('petugas.rw');

    const forged = jwt.sign({ sub: '1', username: 'superadmin', role: 'SUPERADMIN' }, 'another-secret', { issuer: 'lapor', expiresIn: -10 });
    const stale = await login('petugas.rw', DEMO_PASSWORD, forged);
    expect(stale.errors).toBeUndefined();
    expect(stale.data.login.token).toEqual(expect.any(String));
  });
});

describe('rate limit', () => {
  test('sign-in attempts are rate-limited per address outside test mode (10 a minute)', async () => {
    const strict = await startTestApp({ mode: 'demo' });
    try {
      const codes: (string | undefined)[] = [];
      // Oversized passwords are refused before any hashing, which keeps this test fast.
      for (let i = 0; i < 10; i++) codes.push(codeOf(await strict.gql(LOGIN, { u: 'nobody.here', p: `${i}`.padEnd(300, 'x') })));
      expect(codes.slice(0, 10)).toEqual(Array(10).fill('UNAUTHENTICATED'));
      const limited = await strict.gql(LOGIN, { u: 'superadmin', p: DEMO_PASSWORD });
      expect(codeOf(limited)).toBe('RATE_LIMITED');
      expect(limited.errors![0].extensions!.retryAfterSeconds).toEqual(expect.any(Number));
      expect(limited.data).toBeNull();
    } finally {
      await strict.stop();
    }
  });
});

describe('tokens', () => {
  test('no token on a protected query gives UNAUTHENTICATED', async () => {
    expectUnauthenticated(await t.gql(ME));
  });

  test('a garbage token gives UNAUTHENTICATED', async () => {
    const r = await t.gql(ME, {}, 'garbage');
    expectUnauthenticated(r);
    expect(r.data?.me ?? null).toBeNull();
  });

  test('a token signed with another secret gives UNAUTHENTICATED', async () => {
    const real = await t.login('superadmin');
    const claims = jwt.decode(real) as Record<string, unknown>;
    const { iat: _iat, exp: _exp, iss: _iss, ...rest } = claims;
    const forged = jwt.sign(rest, 'not-the-server-secret', { algorithm: 'HS256', issuer: 'lapor', expiresIn: 3600 });
    expectUnauthenticated(await t.gql(ME, {}, forged));
    // An unsigned token ("alg: none") must not be accepted either.
    const unsigned = jwt.sign(rest, '', { algorithm: 'none', issuer: 'lapor', expiresIn: 3600 } as jwt.SignOptions);
    expectUnauthenticated(await t.gql(ME, {}, unsigned));
  });

  test('an expired token gives UNAUTHENTICATED on a protected query', async () => {
    // Long enough for sign-in and the first query on a loaded machine; JWT expiry counts whole seconds.
    const short = await startTestApp({ tokenTtlSeconds: 4 });
    try {
      const token = await short.login('admin.tengah');
      const fresh = await short.ok(ME, {}, token);
      expect(fresh.me.username).toBe('admin.tengah');
      await new Promise((r) => setTimeout(r, 5100));
      const r = await short.gql(ME, {}, token);
      expectUnauthenticated(r);
      expect(r.errors![0].message).toMatch(/expired/i);
      // Signing in again still works.
      const again = await short.gql(LOGIN, { u: 'admin.tengah', p: DEMO_PASSWORD }, token);
      expect(again.errors).toBeUndefined();
    } finally {
      await short.stop();
    }
  });
});

describe('account state', () => {
  test('a deactivated user cannot sign in, and its existing token stops working', async () => {
    const before = await login('staf.dinsos', DEMO_PASSWORD);
    expect(before.errors).toBeUndefined();
    const oldToken = before.data.login.token;

    await setActive('staf.dinsos', false);
    const after = await login('staf.dinsos', DEMO_PASSWORD);
    expectUnauthenticated(after);
    // Same message as a wrong password: a deactivated account is not revealed either.
    const wrong = await login('walikota', 'wrong-password');
    expect(after.errors![0].message).toBe(wrong.errors![0].message);
    expectUnauthenticated(await t.gql(ME, {}, oldToken));

    await setActive('staf.dinsos', true);
    const reactivated = await login('staf.dinsos', DEMO_PASSWORD);
    expect(reactivated.errors).toBeUndefined();
  });

  test('a successful sign-in resets the failure counter', async () => {
    for (let i = 0; i < 4; i++) expectUnauthenticated(await login('kepala.disperkim', `wrong-${i}`));
    expect((await login('kepala.disperkim', DEMO_PASSWORD)).errors).toBeUndefined();
    // Without the reset this would be the fifth failure and lock the account.
    expectUnauthenticated(await login('kepala.disperkim', 'wrong-again'));
    expect((await login('kepala.disperkim', DEMO_PASSWORD)).errors).toBeUndefined();
  });

  test('after 5 wrong passwords from one address the account is locked there, even for the correct password', async () => {
    for (let i = 0; i < 5; i++) expectUnauthenticated(await login('admin.puskesmas', `wrong-${i}`));
    const locked = await login('admin.puskesmas', DEMO_PASSWORD);
    // Locked: RATE_LIMITED with the wait, which an unknown username gets alike (tests/integration/security/sign-in-limits.test.ts).
    expect(codeOf(locked)).toBe('RATE_LIMITED');
    expect(locked.errors![0].extensions!.retryAfterSeconds).toBeGreaterThan(0);
    expect(locked.data).toBeNull();
    // Other accounts are not affected.
    expect((await login('walikota', DEMO_PASSWORD)).errors).toBeUndefined();
  });

  test('wrong passwords sent in parallel still lock the account', async () => {
    // Guessing in parallel must not slip past the lock: every attempt is counted before its password is checked.
    const attempts = await Promise.all(Array.from({ length: 6 }, (_, i) => login('petugas.rw', `parallel-wrong-${i}`)));
    expect(attempts.map(codeOf).sort()).toEqual(['RATE_LIMITED', ...Array(5).fill('UNAUTHENTICATED')]);
    expect(codeOf(await login('petugas.rw', DEMO_PASSWORD))).toBe('RATE_LIMITED');
  });
});
