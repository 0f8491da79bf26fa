import type { Client } from 'graphql-ws';
import pg from 'pg';
import { loadConfig } from '../../../server/config';
import { Lab, resumingSubscriber, waitFor } from './helpers';

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
