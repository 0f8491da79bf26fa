import pg from 'pg';
import type { WebSocketRoute } from 'playwright-core';
import { Lab, waitFor } from '../integration/lifecycle/helpers';
import { consoleSuite, logIn } from './support/browser';

/**
 * The console keeps the cursor of the last change it received and sends it again whenever its
 * socket comes back, so what happened while it was away arrives once, in commit order — not
 * filtered by event id. The socket is cut by the test between the page and the server.
 */
const suite = consoleSuite();

interface Frame {
  cursor: string;
  eventId: string;
}

test('after the socket drops, the console resumes from its last cursor: every change while away arrives once, in order', async () => {
  const lab = await Lab.on(suite.t);
  const c = await lab.forwarded('DINSOS');
  const context = await suite.context();
  const received: Frame[] = [];
  const resumedWith: (string | null)[] = [];
  const sockets: { page: WebSocketRoute; server: WebSocketRoute }[] = [];
  // The feed's subscription (admin/src/live/feed.ts) on each socket; the dashboard has its own.
  const feedIds = new Set<string>();
  let away = false;
  await context.routeWebSocket(/\/graphql$/, (page) => {
    if (away) return void page.close({ code: 1013, reason: 'unreachable' });
    const server = page.connectToServer();
    sockets.push({ page, server });
    page.onMessage((m) => {
      const msg = JSON.parse(String(m));
      if (msg.type === 'subscribe' && String(msg.payload?.query).includes('complaintChanged(after:')) {
        feedIds.add(msg.id);
        resumedWith.push(msg.payload.variables?.after ?? null);
      }
      server.send(m);
    });
    server.onMessage((m) => {
      const msg = JSON.parse(String(m));
      const change = msg.type === 'next' && feedIds.has(msg.id) ? msg.payload?.data?.complaintChanged : null;
      if (change) received.push({ cursor: change.cursor, eventId: change.event.id });
      page.send(m);
    });
  });
  const page = await logIn(context, suite.t, 'walikota');
  await page.locator('[data-live-status="live"]').waitFor();
  await waitFor(() => resumedWith.length > 0, 'the console to subscribe');

  await lab.must('kepala.dinsos', 'acceptComplaint', { id: c.id });
  await waitFor(() => received.length >= 1, 'the first change live');
  const lastBeforeDrop = received.at(-1)!.cursor;

  // The connection drops and the server stays unreachable for a while; changes go on.
  away = true;
  for (const s of sockets.splice(0)) {
    s.server.close();
    s.page.close({ code: 1001, reason: 'dropped' });
  }
  await page.locator('[data-live-status="live"]').waitFor({ state: 'detached' });
  await lab.must('kepala.dinsos', 'addInternalNote', { id: c.id, note: 'Dicek ke lapangan' });
  await lab.must('kepala.dinsos', 'addProgress', { id: c.id, stage: 'FIELD_CHECK', note: 'Survei' });
  away = false;

  await page.locator('[data-live-status="live"]').waitFor({ timeout: 30_000 });
  await waitFor(() => received.length >= 3, 'the changes made while away', 20_000);
  await new Promise((r) => setTimeout(r, 500));

  const timeline = (await lab.events(c.id)).slice(-3).map((e) => String(e.id));
  expect(received.map((f) => f.eventId)).toEqual(timeline);
  expect(resumedWith.at(-1)).toBe(lastBeforeDrop);
  expect(new Set(received.map((f) => f.cursor)).size).toBe(received.length);

  // Two writers: the change with the lower event id commits last. The console takes it (its
  // cursor is the one it resumes with next), where filtering by id would have dropped it.
  const slow = new pg.Client({ connectionString: suite.t.dbUrl });
  await slow.connect();
  await slow.query('BEGIN');
  const [{ id: lowerId }] = (
    await slow.query(
      `INSERT INTO complaint_event ("complaintId", type, public, message, data) VALUES ($1, 'INTERNAL_NOTE', false, 'lambat', '{}') RETURNING id`,
      [Number(c.id)],
    )
  ).rows;
  await lab.must('kepala.dinsos', 'addInternalNote', { id: c.id, note: 'Lebih dulu selesai' });
  await slow.query('COMMIT');
  await slow.end();
  await waitFor(() => received.length >= 5, 'both changes', 20_000);
  const [higher, lower] = received.slice(3);
  expect(Number(lower.eventId)).toBe(lowerId);
  expect(Number(higher.eventId)).toBeGreaterThan(lowerId);

  for (const s of sockets.splice(0)) {
    s.server.close();
    s.page.close({ code: 1001, reason: 'dropped' });
  }
  const subscribed = resumedWith.length;
  await waitFor(() => resumedWith.length > subscribed, 'the console to resubscribe', 30_000);
  expect(resumedWith.at(-1)).toBe(lower.cursor);
});
