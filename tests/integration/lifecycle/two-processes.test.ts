import type { ChildProcess } from 'node:child_process';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { startServerOn } from '../../support/server-process';
import { collect, Lab, sleep, type Collector } from './helpers';

let lab: Lab;
let b: ChildProcess | null = null;
let bUrl: string;
let bExit: Promise<number | null>;
let bLog: string[] = [];
const clients: Client[] = [];

/** Process B: the production entry point on the same database. */
async function startB(dbUrl: string): Promise<string> {
  const started = await startServerOn(dbUrl);
  b = started.child;
  bExit = started.exited.then(({ code }) => code);
  bLog = started.stdout;
  return started.url;
}

function wsToB(token: string | null): Client {
  const client = createClient({
    url: `${bUrl.replace('http', 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: true,
  });
  clients.push(client);
  return client;
}

beforeAll(async () => {
  lab = await Lab.start();
  bUrl = await startB(lab.t.dbUrl);
}, 40_000);

afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  if (b && b.exitCode === null) b.kill('SIGKILL');
  await lab?.stop();
});

/** Makes cheap changes through A until B's subscriber shows one: then B's subscription is live. */
async function untilLive(sub: Collector, id: string) {
  for (let i = 0; i < 20; i++) {
    await lab.must('kepala.dinsos', 'addInternalNote', { id, note: `probe ${i}` });
    const until = Date.now() + 500;
    while (Date.now() < until) {
      if (sub.changes.length) return;
      await sleep(20);
    }
  }
  throw new Error('B never delivered a change made on A');
}

test('a change made through process A reaches a subscriber of process B', async () => {
  // B answers on its own, against the same data.
  const token = await lab.token('kepala.dinsos');
  const me = await fetch(`${bUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: '{ me { username } }' }),
  }).then((r) => r.json() as Promise<any>);
  expect(me.data.me.username).toBe('kepala.dinsos');

  const probe = await lab.forwarded('DINSOS');
  const c = await lab.verified({ title: 'Dua proses, satu basis data' });
  const sub = collect(wsToB(token));
  const outsider = collect(wsToB(await lab.token('kepala.disperkim')));
  await untilLive(sub, probe.id);
  sub.changes.length = 0;

  const forwarded = await lab.must('admin.tengah', 'forwardComplaint', { id: c.id, opdId: lab.opd.DINSOS });
  await sub.waitFor((s) => s.changes.some((x) => x.complaint.id === c.id), 'B to deliver the forward', 5000);
  const got = sub.changes.find((x) => x.complaint.id === c.id);
  expect(got.event).toMatchObject({ type: 'FORWARDED', toOpdId: lab.opd.DINSOS, complaintId: c.id });
  expect(got.event.id).toBe(forwarded.lastEventId);
  expect(got.complaint).toMatchObject({ status: 'FORWARDED', version: forwarded.version });

  // Then answered through A: B delivers in order, and nothing to the unit out of scope.
  await lab.must('kepala.dinsos', 'respondToComplaint', { id: c.id, answer: 'Dijawab melalui proses A.' });
  await sub.waitFor((s) => s.types(c.id).length >= 3, 'B to deliver the answer');
  expect(sub.types(c.id)).toEqual(['FORWARDED', 'ACCEPTED', 'RESPONDED']);
  expect(outsider.changes).toEqual([]);
  expect(outsider.errors).toEqual([]);

  // A change made through B reaches A's subscribers just the same.
  const onA = await lab.subscribe('admin.tengah', { filter: { complaintId: c.id } });
  const close = await fetch(`${bUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await lab.token('admin.tengah')}` },
    body: JSON.stringify({ query: 'mutation($id: ID!) { closeComplaint(id: $id) { status } }', variables: { id: c.id } }),
  }).then((r) => r.json() as Promise<any>);
  expect(close.data.closeComplaint.status).toBe('CLOSED');
  await onA.waitFor((s) => s.changes.length > 0, 'A to deliver the close made on B');
  expect(onA.types()).toEqual(['CLOSED']);
  onA.stop();
});

test('process B stops cleanly on SIGTERM', async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  b!.kill('SIGTERM');
  const code = await bExit;
  expect(code).toBe(0);
  expect(bLog.some((l) => l.includes('"msg":"stopped"'))).toBe(true);
}, 20_000);
