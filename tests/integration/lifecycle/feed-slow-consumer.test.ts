import type { Client } from 'graphql-ws';
import { Lab, resumingSubscriber, waitFor } from './helpers';

/**
 * A subscriber that cannot keep up is never dropped silently: past FEED_MAX_PENDING waiting
 * changes the server closes its socket with 1013, the client reconnects with its last cursor,
 * and the replay comes at its pace, so it still gets every change once, in order.
 */
let lab: Lab;
const clients: Client[] = [];

beforeAll(async () => {
  lab = await Lab.start({ feedMaxPending: 4 });
}, 60_000);

afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await lab?.stop();
});

test('a burst bigger than the subscriber may hold: socket closed with 1013, resumed from the cursor, nothing lost or repeated', async () => {
  const c = await lab.forwarded('DINSOS');
  const { latestComplaintCursor: start } = await lab.ok('walikota', '{ latestComplaintCursor }');
  const sub = resumingSubscriber(clients, 'walikota', () => lab.t.url, await lab.token('walikota'), start);
  await waitFor(() => lab.services.feed.subscriberCount > 0, 'the subscription');

  // Ten changes in one transaction: the feed reads and hands them over in one go.
  const inserted: { id: number }[] = await lab.t.app.db.query(
    `INSERT INTO complaint_event ("complaintId", type, public, message, data)
     SELECT $1, 'INTERNAL_NOTE', false, 'catatan ' || n, '{}' FROM generate_series(1, 10) n RETURNING id`,
    [Number(c.id)],
  );
  await waitFor(() => sub.got.events.length >= 10, 'all ten changes', 15_000);
  await new Promise((r) => setTimeout(r, 300));

  expect(sub.got.events).toEqual(inserted.map((r) => r.id));
  expect(sub.got.closeCodes).toContain(1013);
  // It came back with a cursor: its own start, or the last change it had before the close.
  expect(sub.got.resumedWith.length).toBeGreaterThan(1);
  expect(sub.got.resumedWith.every((after) => typeof after === 'string' && after.length > 0)).toBe(true);
});
