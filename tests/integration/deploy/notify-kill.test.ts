import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client as PgClient } from 'pg';
import { createTestDatabase } from '../../support/databases';
import { eventually, startServerOn, type ServerProcess } from '../../support/server-process';

jest.setTimeout(120_000);

const SUBMIT = `mutation($input: ComplaintInput!) { submitComplaint(input: $input) { trackingCode } }`;
const input = (n: number) => ({
  type: 'COMPLAINT',
  title: `Pompa air rusak ${n}`,
  description: 'Pompa air warga di RT kami rusak sejak kemarin.',
  reporterName: 'Warga',
  reporterPhone: `0812345678${String(n).padStart(2, '0')}`,
  anonymous: false,
  confidential: false,
});

interface Seen {
  key: string;
  to: string;
  answered: boolean;
}

/**
 * An SMS gateway that, while `holding`, takes requests and never answers them (the server is
 * killed while it waits); afterwards it answers 200. Every request is recorded with its key.
 */
async function startGateway() {
  const seen: Seen[] = [];
  const gateway = {
    holding: true,
    seen,
    url: '',
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
  const server = http.createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const entry: Seen = { key: String(req.headers['idempotency-key']), to: JSON.parse(raw).to, answered: !gateway.holding };
      seen.push(entry);
      if (entry.answered) res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"queued"}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  gateway.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`;
  return gateway;
}

let gateway: Awaited<ReturnType<typeof startGateway>>;
let database: Awaited<ReturnType<typeof createTestDatabase>>;
const servers: ServerProcess[] = [];

beforeAll(async () => {
  gateway = await startGateway();
  database = await createTestDatabase();
});
afterAll(async () => {
  for (const s of servers) await s.kill();
  await gateway?.close();
  await database?.drop();
});

test('a server killed (SIGKILL) while its dispatcher waits on the provider loses no message, and each reaches the provider under one dedupe key', async () => {
  const env = { SMS_GATEWAY_URL: gateway.url, NOTIFY_INTERVAL_MS: '50', NOTIFY_QUIET_HOURS: 'off', NOTIFY_BACKOFF_MS: '0' };
  // The reports are written with dispatching off, so one batch of the next process claims all three.
  const intake = await startServerOn(database.url, { ...env, NOTIFY_INTERVAL_MS: '0' });
  servers.push(intake);
  const codes: string[] = [];
  for (let n = 1; n <= 3; n++) {
    const res = await fetch(`${intake.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: SUBMIT, variables: { input: input(n) } }),
    });
    const body = (await res.json()) as { data: { submitComplaint: { trackingCode: string } } };
    codes.push(body.data.submitComplaint.trackingCode);
  }
  intake.child.kill('SIGTERM');
  expect(await intake.exited).toEqual({ code: 0, signal: null });

  const first = await startServerOn(database.url, env);
  servers.push(first);
  // Every receipt is in flight: claimed in the dispatcher's open transaction, its request at the gateway, unanswered.
  expect(await eventually(() => new Set(gateway.seen.map((s) => s.key)).size === 3, 20_000)).toBe(true);
  first.child.kill('SIGKILL');
  expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });

  gateway.holding = false;
  const second = await startServerOn(database.url, env);
  servers.push(second);

  const pg = new PgClient({ connectionString: database.url });
  await pg.connect();
  try {
    const outbox = async () =>
      (
        await pg.query(
          `SELECT n."dedupeKey", n.status, n.attempts, n."recipientAddress" FROM notification n JOIN complaint c ON c.id = n."complaintId"
            WHERE c."trackingCode" = ANY($1) AND n.channel = 'SMS' ORDER BY n.id`,
          [codes],
        )
      ).rows as { dedupeKey: string; status: string; attempts: number; recipientAddress: string }[];
    expect(await eventually(async () => (await outbox()).every((r) => r.status === 'SENT'), 20_000)).toBe(true);
    const rows = await outbox();
    // Nothing lost: the killed attempt was never recorded (its transaction died with the process), the second one was.
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([
      ['SENT', 1],
      ['SENT', 1],
      ['SENT', 1],
    ]);
    // Nothing twice under different keys: each message went to the gateway once unanswered and once answered, with its row's key.
    const keys = rows.map((r) => r.dedupeKey);
    expect(new Set(gateway.seen.map((s) => s.key))).toEqual(new Set(keys));
    for (const key of keys) {
      const tries = gateway.seen.filter((s) => s.key === key);
      expect(tries.map((t) => t.answered)).toEqual([false, true]);
      expect(new Set(tries.map((t) => t.to)).size).toBe(1);
    }
  } finally {
    await pg.end();
  }
});
