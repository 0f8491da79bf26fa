import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../../server/config';
import { embeddedTokenSecret, SECRET_FILE } from '../../../server/db/embedded-secret';
import { LEGACY_DEV_SECRET, PUBLISHED_SECRETS, secretProblem, TEST_TOKEN_SECRET } from '../../../server/core/strength';
import { runNode } from './cli';

const DB = 'postgres://nobody@127.0.0.1:1/none';
const strong = () => crypto.randomBytes(48).toString('base64');

function refusal(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

test('DATABASE_URL without APP_MODE means production: no demo data, and TOKEN_SECRET is required', () => {
  expect(refusal({ DATABASE_URL: DB })).toMatch(/^TOKEN_SECRET is required in production/);
  const secret = strong();
  const config = loadConfig({ DATABASE_URL: DB, TOKEN_SECRET: secret });
  expect(config).toMatchObject({ mode: 'production', seedDemo: false, exposeSqlCount: false, tokenSecret: secret, accessCodeSecret: null });
  // Asking for demo data changes nothing in production.
  expect(loadConfig({ DATABASE_URL: DB, TOKEN_SECRET: secret, SEED_DEMO: 'true' }).seedDemo).toBe(false);
  // Without DATABASE_URL the embedded demo is the default, and its secret is not chosen by the config.
  expect(loadConfig({})).toMatchObject({ mode: 'demo', seedDemo: true, tokenSecret: '', databaseUrl: null });
  expect(loadConfig({ APP_MODE: 'test' }).tokenSecret).toBe(TEST_TOKEN_SECRET);
});

test('APP_MODE=demo on an external database is explicit, and still needs a secret of its own', () => {
  expect(refusal({ DATABASE_URL: DB, APP_MODE: 'demo' })).toMatch(/^TOKEN_SECRET is required with an external database/);
  expect(refusal({ DATABASE_URL: DB, APP_MODE: 'demo', TOKEN_SECRET: LEGACY_DEV_SECRET })).toMatch(/^TOKEN_SECRET is a secret published in the source/);
  expect(refusal({ DATABASE_URL: DB, APP_MODE: 'demo', TOKEN_SECRET: 'short-secret' })).toMatch(/^TOKEN_SECRET is too short/);
  const demo = loadConfig({ DATABASE_URL: DB, APP_MODE: 'demo', TOKEN_SECRET: 'bench-secret-bench-secret-bench-secret-0123' });
  expect(demo).toMatchObject({ mode: 'demo', seedDemo: true });
  expect(refusal({ APP_MODE: 'staging' })).toMatch(/^APP_MODE must be one of/);
});

test('production refuses the published secrets and secrets with too little entropy, naming the variable', () => {
  for (const published of PUBLISHED_SECRETS) {
    expect(refusal({ DATABASE_URL: DB, TOKEN_SECRET: published })).toMatch(/^TOKEN_SECRET is a secret published in the source code/);
  }
  const weak: [string, RegExp][] = [
    ['p'.repeat(40), /too little entropy \(about 0 bits/],
    ['abcdefgh'.repeat(8), /too little entropy/],
    ['abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ', /too little entropy/],
    ['a-production-secret-that-is-long-enough-0123456789', /too little entropy/],
    [crypto.randomBytes(16).toString('hex'), /too little entropy/],
    ['Xy7#short', /too short \(9 characters; at least 32\)/],
  ];
  for (const [secret, why] of weak) {
    const message = refusal({ DATABASE_URL: DB, TOKEN_SECRET: secret });
    expect(message).toMatch(/^TOKEN_SECRET /);
    expect(message).toMatch(why);
    expect(message).not.toContain(secret);
  }
  // What the README tells people to generate passes, as hex or base64.
  expect(secretProblem(strong())).toBeNull();
  expect(secretProblem(crypto.randomBytes(32).toString('hex'))).toBeNull();

  // The access-code secret follows the same rules, and must not be the token secret.
  const token = strong();
  expect(refusal({ DATABASE_URL: DB, TOKEN_SECRET: token, ACCESS_CODE_SECRET: 'x'.repeat(64) })).toMatch(/^ACCESS_CODE_SECRET has too little entropy/);
  expect(refusal({ DATABASE_URL: DB, TOKEN_SECRET: token, ACCESS_CODE_SECRET: token })).toMatch(/^ACCESS_CODE_SECRET must differ from TOKEN_SECRET/);
  const access = strong();
  expect(loadConfig({ DATABASE_URL: DB, TOKEN_SECRET: token, ACCESS_CODE_SECRET: access }).accessCodeSecret).toBe(access);
});

test('the server refuses to start on a bad secret with one clear line, no stack trace, and a non-zero exit', async () => {
  const cases: [Record<string, string>, RegExp][] = [
    [{ DATABASE_URL: DB }, /TOKEN_SECRET is required in production/],
    [{ DATABASE_URL: DB, TOKEN_SECRET: LEGACY_DEV_SECRET }, /TOKEN_SECRET is a secret published/],
    [{ DATABASE_URL: DB, TOKEN_SECRET: 'z'.repeat(48) }, /TOKEN_SECRET has too little entropy/],
  ];
  for (const [env, message] of cases) {
    const r = await runNode('server/main.js', [], { ...env, PORT: '0', HOST: '127.0.0.1' }, 20_000);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/^Configuration error: /);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).not.toContain('server ready');
  }
});

test('the embedded demo secret is random, kept in its data directory with mode 0600, and reused on the next start', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lapor-secret-'));
  const other = fs.mkdtempSync(path.join(os.tmpdir(), 'lapor-secret-'));
  try {
    const dataDir = path.join(dir, 'pg');
    const first = embeddedTokenSecret(dataDir);
    const file = path.join(dataDir, SECRET_FILE);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(secretProblem(first)).toBeNull();
    expect(PUBLISHED_SECRETS).not.toContain(first);
    // Reused, not regenerated.
    expect(embeddedTokenSecret(dataDir)).toBe(first);
    // Another installation gets another secret.
    expect(embeddedTokenSecret(other)).not.toBe(first);
    // Permissions loosened by hand are tightened again.
    fs.chmodSync(file, 0o644);
    expect(embeddedTokenSecret(dataDir)).toBe(first);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    // A damaged file is refused with its name rather than signing with an empty secret.
    fs.writeFileSync(file, 'abc\n');
    expect(() => embeddedTokenSecret(dataDir)).toThrow(new RegExp(`${SECRET_FILE} holds no usable secret`));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(other, { recursive: true, force: true });
  }
});
