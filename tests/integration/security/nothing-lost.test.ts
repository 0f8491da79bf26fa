import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort } from '../../support/databases';
import { startTestApp, type TestApp } from '../../support/test-app';

const MAIN = path.resolve(__dirname, '..', '..', '..', 'server', 'main.js');
const TOTAL = 1000;
const CONCURRENCY = 100;

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ sweepIntervalMs: 0 });
});
afterAll(() => t.stop());

function startServer(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      APP_MODE: 'test',
      DATABASE_URL: t.dbUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      SEED_DEMO: 'false',
      SWEEP_INTERVAL_MS: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      if (out.includes('server ready')) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`server exited early (${code}): ${out.slice(-500)}`)));
  });
}

test(`${TOTAL} concurrent idempotent submissions survive a SIGKILL mid-run: each acknowledged one exists exactly once`, async () => {
  const port = await freePort();
  const token = await t.login('admin.tengah');
  let server = await startServer(port);
  const acked = new Map<string, string>();
  let attempts = 0;
  let failures = 0;
  let killedAt = -1;
  let restarting: Promise<void> | null = null;

  const submitOnce = async (key: string, i: number) => {
    attempts += 1;
    const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query: 'mutation($i: ComplaintInput!, $k: String) { submitComplaint(input: $i, idempotencyKey: $k) { trackingCode } }',
        variables: {
          k: key,
          i: { title: `Pengaduan beban ${i}`, description: `Uji ketahanan nomor ${i} saat server dimatikan.`, reporterPhone: '081234567890' },
        },
      }),
      signal: AbortSignal.timeout(10_000),
    });
    const body = (await res.json()) as { data?: { submitComplaint: { trackingCode: string } }; errors?: unknown[] };
    if (!body.data?.submitComplaint) throw new Error(JSON.stringify(body.errors));
    return body.data.submitComplaint.trackingCode;
  };

  const client = async (i: number) => {
    const key = `load-${process.pid}-${i.toString().padStart(4, '0')}`;
    for (let attempt = 0; attempt < 200; attempt++) {
      try {
        const code = await submitOnce(key, i);
        acked.set(key, code);
        // Kill the server abruptly once a third of the submissions are acknowledged.
        if (acked.size === Math.floor(TOTAL / 3) && killedAt < 0) {
          killedAt = acked.size;
          server.kill('SIGKILL');
          restarting = (async () => {
            await new Promise((r) => server.once('exit', r));
            server = await startServer(port);
          })();
        }
        return;
      } catch {
        failures += 1;
        await new Promise((r) => setTimeout(r, 50 + Math.random() * 150));
      }
    }
    throw new Error(`submission ${i} never succeeded`);
  };

  const started = Date.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < TOTAL) await client(next++);
    }),
  );
  await restarting;
  const seconds = (Date.now() - started) / 1000;
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));

  const rows: { key: string; code: string; events: number }[] = await t.app.db.query(
    `SELECT c."idempotencyKey" AS key, c."trackingCode" AS code, (SELECT count(*)::int FROM complaint_event e WHERE e."complaintId" = c.id AND e.type = 'SUBMITTED') AS events
       FROM complaint c WHERE c."idempotencyKey" LIKE $1`,
    [`load-${process.pid}-%`],
  );
  console.log(
    `nothing-lost: ${TOTAL} submissions, ${CONCURRENCY} concurrent, SIGKILL after ${killedAt} acks; ${attempts} attempts, ${failures} failed and retried; ${seconds.toFixed(1)} s; ${rows.length} rows`,
  );
  expect(killedAt).toBeGreaterThan(0);
  expect(failures).toBeGreaterThan(0);
  expect(acked.size).toBe(TOTAL);
  expect(rows).toHaveLength(TOTAL);
  expect(new Set(rows.map((r) => r.key)).size).toBe(TOTAL);
  const byKey = new Map(rows.map((r) => [r.key, r]));
  for (const [key, code] of acked) expect(byKey.get(key)?.code).toBe(code);
  expect(rows.every((r) => r.events === 1)).toBe(true);
}, 240_000);
