import { createClient, type Client } from 'graphql-ws';
import pg from 'pg';
import WebSocket from 'ws';
import { loadConfig } from '../../../server/config';
import { CURSOR_CHANGED, Lab, resumingSubscriber, sleep, waitFor } from './helpers';

/**
 * A subscription that cannot start because the database does not answer must not end for
 * good: graphql-ws clients never retry a subscription the server refused with an error, so
 * the server closes the socket with 1013 instead and the client resumes from its cursor.
 */
let lab: Lab;
const clients: Client[] = [];

beforeAll(async () => {
  const { database } = loadConfig({ APP_MODE: 'test' });
  lab = await Lab.start({ database: { ...database, lockTimeoutMs: 300 } });
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await lab?.stop();
});

test('a subscription started while the feed table is locked is closed with 1013, resumed, and then gets what commits', async () => {
  const complaint = await lab.forwarded('DINSOS');
  const { latestComplaintCursor: start } = await lab.ok('walikota', '{ latestComplaintCursor }');
  const locker = new pg.Client({ connectionString: lab.t.dbUrl });
  await locker.connect();
  let sub: ReturnType<typeof resumingSubscriber>;
  try {
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE complaint_feed IN ACCESS EXCLUSIVE MODE');
    sub = resumingSubscriber(clients, 'walikota', () => lab.t.url, await lab.token('walikota'), start);
    await waitFor(() => sub.got.closeCodes.filter((code) => code === 1013).length >= 2, 'the server to close the socket with 1013 twice', 10_000);
  } finally {
    await locker.query('ROLLBACK').catch(() => undefined);
    await locker.end();
  }
  const { id } = await lab.must('kepala.dinsos', 'addInternalNote', { id: complaint.id, note: 'Setelah database pulih' });
  const [{ eventId }] = await lab.t.app.db.query('SELECT max(id)::int AS "eventId" FROM complaint_event WHERE "complaintId" = $1', [Number(id)]);
  await waitFor(() => sub.got.events.length > 0, 'the change after the lock', 10_000);
  expect(sub.got.events).toEqual([eventId]);
  // Every attempt resumed from the cursor it was given; none ended the subscription.
  expect(sub.got.resumedWith.every((r) => r === start)).toBe(true);
  expect(sub.got.closeCodes.every((code) => code === 1013)).toBe(true);
});

test('who the socket is cannot be read: a subscription on an open socket, then the reconnect, are closed with 1013 until the database answers', async () => {
  const complaint = await lab.forwarded('DINSOS');
  const { latestComplaintCursor: start } = await lab.ok('walikota', '{ latestComplaintCursor }');
  const closes: { code: number; reason: string }[] = [];
  const errors: unknown[] = [];
  const events: number[] = [];
  const client = createClient({
    url: `${lab.t.url.replace('http', 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${await lab.token('walikota')}` },
    lazy: false,
    onNonLazyError: () => undefined,
    retryAttempts: 1000,
    retryWait: () => sleep(150),
    on: { closed: (e) => void closes.push({ code: (e as CloseEvent).code, reason: (e as CloseEvent).reason }) },
  });
  clients.push(client);
  // Connected while the database answered; then the user table is locked and nothing of who anyone is stays cached.
  await new Promise<void>((resolve) => client.on('connected', () => resolve()));
  const locker = new pg.Client({ connectionString: lab.t.dbUrl });
  await locker.connect();
  try {
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE app_user IN ACCESS EXCLUSIVE MODE');
    lab.services.identity.forget('all');
    client.subscribe<{ complaintChanged: { event: { id: string } } }>(
      { query: CURSOR_CHANGED, variables: { after: start } },
      { next: ({ data }) => void events.push(Number(data!.complaintChanged.event.id)), error: (e) => void errors.push(e), complete: () => undefined },
    );
    await waitFor(() => closes.length >= 3, 'the server to close the socket three times', 10_000);
  } finally {
    await locker.query('ROLLBACK').catch(() => undefined);
    await locker.end();
  }
  // The first close came from the subscription's check on the open socket, the next from reconnecting.
  expect(closes[0]).toEqual({ code: 1013, reason: expect.stringMatching(/database is unavailable/) });
  expect(closes.slice(1).every((c) => c.code === 1013 && /database is not answering/.test(c.reason))).toBe(true);
  await lab.must('kepala.dinsos', 'addInternalNote', { id: complaint.id, note: 'Identitas terbaca lagi' });
  await waitFor(() => events.length > 0, 'the change after the lock', 10_000);
  expect(events).toHaveLength(1);
  expect(errors).toEqual([]);
});
