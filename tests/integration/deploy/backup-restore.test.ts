import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startApp, type RunningApp } from '../../../server/app/bootstrap';
import { loadConfig } from '../../../server/config';
import { RESTORE_GAP } from '../../../server/modules/complaints/tracking-codes';
import { adminQuery, withDatabase } from '../../support/databases';
import { startTestApp, type TestApp } from '../../support/test-app';

/**
 * The README's backup and restore procedure, done as an operator would: pg_dump -Fc, more complaints,
 * pg_restore into a new database, start the server on it. PostgreSQL's client tools must be at least as
 * new as the server: PG_BIN names a directory holding newer ones when the machine's are older.
 */
const bin = (tool: string) => (process.env.PG_BIN ? path.join(process.env.PG_BIN, tool) : tool);
const adminUrl = process.env.TEST_PG_ADMIN_URL!;
const major = (s: string) => Number(/(\d+)/.exec(s)?.[1] ?? 0);
const toolsMajor = (() => {
  try {
    return major(execFileSync(bin('pg_dump'), ['--version'], { encoding: 'utf8' }).replace(/^\D+/, ''));
  } catch {
    return 0;
  }
})();
const serverMajor = (() => {
  try {
    return Math.floor(Number(execFileSync(bin('psql'), [adminUrl, '-Atc', 'SHOW server_version_num'], { encoding: 'utf8' })) / 10000);
  } catch {
    return Infinity;
  }
})();
const withTools = toolsMajor >= serverMajor ? test : test.skip;
if (toolsMajor < serverMajor) console.warn(`backup-restore: pg_dump ${toolsMajor} cannot dump PostgreSQL ${serverMajor}; set PG_BIN to newer client tools`);

const SUBMIT = `mutation($input: ComplaintInput!, $key: String) { submitComplaint(input: $input, idempotencyKey: $key) { trackingCode accessCode replayed } }`;
const TRACK = `query($tc: String!, $ac: String!) { trackComplaint(trackingCode: $tc, accessCode: $ac) { trackingCode } }`;
const input = (n: number) => ({
  type: 'COMPLAINT',
  title: `Lampu jalan mati nomor ${n}`,
  description: 'Lampu penerangan jalan di gang kami mati sejak minggu lalu.',
  reporterPhone: '081234567890',
  anonymous: false,
  confidential: false,
});
const number = (code: string) => Number(/-(\d+)$/.exec(code)![1]);

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lapor-restore-'));
const restoredDb = `lapor_restored_${process.pid}_${Date.now().toString(36)}`;
let original: TestApp | undefined;
let restored: RunningApp | undefined;
afterAll(async () => {
  await restored?.stop();
  await original?.stop();
  await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${restoredDb} WITH (FORCE)`);
  fs.rmSync(tmp, { recursive: true, force: true });
});

withTools('after restoring an older dump the server never hands out a tracking code issued since the dump', async () => {
  original = await startTestApp({ sweepIntervalMs: 0 });
  const submit = async (url: string, n: number, key?: string) => {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: SUBMIT, variables: { input: input(n), key } }),
    });
    const body = (await res.json()) as { data?: { submitComplaint: { trackingCode: string; accessCode: string } }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    return body.data!.submitComplaint;
  };
  const before = [await submit(original.url, 1, 'restore-key-1'), await submit(original.url, 2)];

  const dump = path.join(tmp, 'lapor.dump');
  execFileSync(bin('pg_dump'), ['-Fc', '--no-owner', '-f', dump, original.dbUrl]);
  // Citizens keep these codes; the dump does not have them.
  const since = [];
  for (let n = 3; n <= 7; n++) since.push(await submit(original.url, n));
  await original.stop();
  original = undefined;

  await adminQuery(adminUrl, `CREATE DATABASE ${restoredDb}`);
  execFileSync(bin('pg_restore'), ['--no-owner', '--exit-on-error', '-d', withDatabase(adminUrl, restoredDb), dump]);
  restored = await startApp({
    ...loadConfig({ APP_MODE: 'test' }),
    databaseUrl: withDatabase(adminUrl, restoredDb),
    port: 0,
    host: '127.0.0.1',
    seedDemo: false,
    sweepIntervalMs: 0,
  });

  // What the dump held is all there: the old codes still track, the old idempotency key still answers.
  const track = async (c: { trackingCode: string; accessCode: string }) => {
    const res = await fetch(`${restored!.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: TRACK, variables: { tc: c.trackingCode, ac: c.accessCode } }),
    });
    return ((await res.json()) as { data?: { trackComplaint: { trackingCode: string } | null } }).data?.trackComplaint?.trackingCode;
  };
  expect(await track(before[1])).toBe(before[1].trackingCode);
  expect((await submit(restored.url, 1, 'restore-key-1')).trackingCode).toBe(before[0].trackingCode);

  const after = [];
  for (let n = 8; n <= 12; n++) after.push(await submit(restored.url, n));
  const issued = [...before, ...since].map((c) => c.trackingCode);
  for (const c of after) expect(issued).not.toContain(c.trackingCode);
  expect(new Set(after.map((c) => c.trackingCode)).size).toBe(after.length);
  expect(Math.min(...after.map((c) => number(c.trackingCode)))).toBeGreaterThan(Math.max(...before.map((c) => number(c.trackingCode))) + RESTORE_GAP);

  // A second start on the same (no longer freshly restored) database does not jump again.
  const lastBefore = number(after[after.length - 1].trackingCode);
  await restored.stop();
  restored = await startApp({ ...restored.config, port: 0 });
  expect(number((await submit(restored.url, 13)).trackingCode)).toBe(lastBefore + 1);

  // The unique index is the last line of defence: a sequence pushed back by hand costs numbers, not submissions.
  await restored.db.query(`SELECT setval('complaint_tracking_seq', $1, false)`, [number(before[0].trackingCode)]);
  const retried = await submit(restored.url, 14);
  const [{ n }] = await restored.db.query(`SELECT count(*)::int AS n FROM complaint WHERE "trackingCode" = $1`, [retried.trackingCode]);
  expect(n).toBe(1);
  expect([...before, ...after].map((c) => c.trackingCode)).not.toContain(retried.trackingCode);
});
