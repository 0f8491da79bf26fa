import { passwordProblem } from '../../../server/core/strength';
import { startTestApp, type TestApp } from '../../support/test-app';
import { runNode } from './cli';

const CLI = 'server/setup/create-superadmin-cli.js';
const STRONG = 'kopi-tubruk-jalan-pemuda-77';
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.stop());

/** As an operator runs it: no APP_MODE (so production, as DATABASE_URL is set) and no TOKEN_SECRET, which the command does not need. */
const run = (args: string[], password?: string) =>
  runNode(CLI, args, { DATABASE_URL: t.dbUrl, ...(password === undefined ? {} : { SUPERADMIN_PASSWORD: password }) });
const ARGS = ['--username', 'rina.kominfo', '--name', 'Rina Kusumawardani', '--opd', 'DISKOMINSTA'];

async function userCount(username: string): Promise<number> {
  const [{ n }] = await t.app.db.query('SELECT count(*)::int AS n FROM app_user WHERE username = $1', [username]);
  return n;
}

test('weak passwords are refused with the reason, and nothing is created', async () => {
  const weak: [string, RegExp][] = [
    ['demo12345', /too short \(at least 12 characters\)/],
    ['rina.kominfo2026!', /must not contain the username/],
    ['qwertyuiop123', /too easy to guess/],
    ['Magelang2026!!', /too easy to guess/],
    ['passwordpassword', /too easy to guess/],
  ];
  for (const [password, why] of weak) expect(passwordProblem(password, { username: 'rina.kominfo', name: 'Rina Kusumawardani' })).toMatch(why);
  expect(passwordProblem(STRONG, { username: 'rina.kominfo', name: 'Rina Kusumawardani' })).toBeNull();
  // The command applies that rule (each run loads the dictionaries, so one case here).
  const r = await run(ARGS, 'Magelang2026!!');
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/^create-superadmin: the password is too easy to guess/);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  // No terminal and no SUPERADMIN_PASSWORD: told how to give one.
  const none = await run(ARGS);
  expect(none.code).toBe(1);
  expect(none.stderr).toMatch(/set SUPERADMIN_PASSWORD/);
  expect(await userCount('rina.kominfo')).toBe(0);
});

test('creates a superadmin who logs in through the HTTP API; an existing username or unknown Opd is refused', async () => {
  const r = await run(ARGS, STRONG);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/created SUPERADMIN rina\.kominfo \(id \d+\) in DISKOMINSTA/);

  const token = await t.login('rina.kominfo', STRONG);
  const me = await t.ok('{ me { username name role opd { code } } }', {}, token);
  expect(me.me).toEqual({ username: 'rina.kominfo', name: 'Rina Kusumawardani', role: 'SUPERADMIN', opd: { code: 'DISKOMINSTA' } });
  // The password is stored as an argon2 hash, never as given.
  const [{ passwordHash }] = await t.app.db.query('SELECT "passwordHash" FROM app_user WHERE username = $1', ['rina.kominfo']);
  expect(passwordHash).toMatch(/^\$argon2id\$/);
  // Recorded in the audit trail as made by the command, without the password.
  const audit = await t.app.db.query(
    `SELECT "actorSystem", changes::text AS changes FROM admin_audit WHERE kind = 'USER' AND "entityLabel" LIKE '%rina.kominfo%'`,
  );
  expect(audit).toHaveLength(1);
  expect(audit[0].actorSystem).toMatch(/^create-superadmin \(/);
  expect(audit[0].changes).not.toContain(passwordHash);

  const again = await run(ARGS, 'another-Strong-passphrase-42');
  expect(again.code).toBe(1);
  expect(again.stderr).toMatch(/"rina\.kominfo" already exists; nothing was changed/);
  // The first password still works: nothing was reset.
  const relogin = await t.gql('mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', { u: 'rina.kominfo', p: STRONG });
  expect(relogin.errors).toBeUndefined();

  const noOpd = await run(['--username', 'budi.kominfo', '--name', 'Budi', '--opd', 'NOWHERE'], STRONG);
  expect(noOpd.code).toBe(1);
  expect(noOpd.stderr).toMatch(/--opd: no Opd with code "NOWHERE"; load the organisation first/);
  const badName = await run(['--username', 'X', '--name', 'Budi', '--opd', 'DISKOMINSTA'], STRONG);
  expect(badName.code).toBe(1);
  expect(badName.stderr).toMatch(/--username must be/);
  expect(await userCount('budi.kominfo')).toBe(0);
});
