import type { QueryRunner } from 'typeorm';
import { collect, expectError, Lab, sleep, waitFor, type Collector } from './helpers';

let lab: Lab;
let disperkim: Collector;
beforeAll(async () => {
  lab = await Lab.start();
  // Subscribed for the whole file: it must receive nothing about DINSOS complaints.
  disperkim = await lab.subscribe('kepala.disperkim');
});
afterAll(() => lab?.stop());

/** Holds a row lock that lets a mutation insert its events (and queue their NOTIFY) but blocks its UPDATE of the row. */
async function lockRow(id: string): Promise<QueryRunner> {
  const qr = lab.t.app.db.createQueryRunner();
  await qr.connect();
  await qr.startTransaction();
  await qr.query('SELECT id FROM complaint WHERE id = $1 FOR NO KEY UPDATE', [Number(id)]);
  return qr;
}

/**
 * Waits until some transaction of this database waits for a row lock: the mutation reached its UPDATE, which runs in the
 * statement that inserts its events (pg_stat_activity shows only the statement's start, where the events are).
 */
async function blockedOnLock() {
  await waitFor(async () => {
    const [{ n }] = await lab.t.app.db.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE '%INSERT INTO complaint_event%'`,
    );
    return n > 0;
  }, 'the mutation to block on the row lock');
}

async function eventCount(id: string): Promise<number> {
  const [{ n }] = await lab.t.app.db.query('SELECT count(*)::int AS n FROM complaint_event WHERE "complaintId" = $1', [Number(id)]);
  return n;
}

test('the FORWARDED event reaches the unit head only once the change is committed', async () => {
  const c = await lab.verified();
  const head = await lab.subscribe('kepala.dinsos');
  const lock = await lockRow(c.id);
  let settled = false;
  const forwarding = lab.act('admin.tengah', 'forwardComplaint', { id: c.id, opdId: lab.opd.DINSOS }).finally(() => (settled = true));
  try {
    await blockedOnLock();
    // The mutation has inserted its event and NOTIFYed inside its open transaction: nothing may arrive yet.
    await sleep(400);
    expect(settled).toBe(false);
    expect(head.changes).toEqual([]);
    expect(await eventCount(c.id)).toBe(2);
  } finally {
    await lock.commitTransaction();
    await lock.release();
  }
  const r = await forwarding;
  expect(r.errors).toBeUndefined();
  const forwarded = r.data.forwardComplaint;
  await head.waitFor((s) => s.changes.length > 0, 'the FORWARDED event');
  expect(head.changes).toHaveLength(1);
  const { event, complaint } = head.changes[0];
  expect(event).toMatchObject({ type: 'FORWARDED', complaintId: c.id, fromStatus: 'VERIFIED', toStatus: 'FORWARDED', toOpdId: lab.opd.DINSOS, public: true });
  expect(event.id).toBe(forwarded.lastEventId);
  // The payload shows the committed state.
  expect(complaint).toMatchObject({ id: c.id, status: 'FORWARDED', version: forwarded.version, currentOpdId: lab.opd.DINSOS });
  head.stop();
});

test('nothing is delivered for a change that was rolled back', async () => {
  const c = await lab.forwarded('DINSOS');
  const head = await lab.subscribe('kepala.dinsos', { filter: { complaintId: c.id } });
  const admin = await lab.subscribe('admin.tengah', { filter: { complaintId: c.id } });

  // Refused inside the transaction: the target has no unit head.
  const headless = (
    await lab.ok('superadmin', 'mutation($i: OpdInput!) { createOpd(input: $i) { id } }', {
      i: { code: 'DINSOS-TANPA-KEPALA', name: 'Bidang Tanpa Kepala', kind: 'BIDANG', parentId: lab.opd.DINSOS },
    })
  ).createOpd;
  expectError(await lab.act('kepala.dinsos', 'forwardComplaint', { id: c.id, opdId: headless.id }), 'BAD_USER_INPUT', ['opdId']);

  // Lost the race after its events were inserted and NOTIFYed: someone else changed the row meanwhile.
  const lock = await lockRow(c.id);
  const accepting = lab.act('kepala.dinsos', 'acceptComplaint', { id: c.id });
  try {
    await blockedOnLock();
    await lock.query('UPDATE complaint SET version = version + 1 WHERE id = $1', [Number(c.id)]);
  } finally {
    await lock.commitTransaction();
    await lock.release();
  }
  expectError(await accepting, 'CONFLICT');
  expect(await eventCount(c.id)).toBe(3);

  // A later committed change arrives; the rolled-back ones never do.
  await lab.must('kepala.dinsos', 'addInternalNote', { id: c.id, note: 'Dicek ulang' });
  for (const s of [head, admin]) {
    await s.waitFor((x) => x.changes.length > 0, 'the internal note');
    await sleep(100);
    expect(s.types()).toEqual(['INTERNAL_NOTE']);
    s.stop();
  }
});

test('events of one complaint arrive in commit order', async () => {
  const c = await lab.verified();
  const sub = await lab.subscribe('kepala.dinsos', { filter: { complaintId: c.id } });
  const id = c.id;
  await lab.must('admin.tengah', 'forwardComplaint', { id, opdId: lab.opd.DINSOS });
  await lab.must('kepala.dinsos', 'acceptComplaint', { id });
  await lab.must('kepala.dinsos', 'assignComplaint', { id, userId: lab.user['staf.dinsos'].id });
  await lab.must('staf.dinsos', 'addProgress', { id, stage: 'FIELD_CHECK', note: 'Survei lapangan' });
  await lab.must('staf.dinsos', 'addInternalNote', { id, note: 'Foto terlampir' });
  await lab.must('kepala.dinsos', 'forwardComplaint', { id, opdId: lab.opd['DINSOS-LINJAMSOS'] });
  await lab.must('kepala.dinsos', 'respondToComplaint', { id, answer: 'Sudah ditangani Bidang Linjamsos.' });
  const expected = ['FORWARDED', 'ACCEPTED', 'ASSIGNED', 'PROGRESS', 'INTERNAL_NOTE', 'FORWARDED', 'ACCEPTED', 'RESPONDED'];
  await sub.waitFor((s) => s.changes.length >= expected.length, 'all events');
  expect(sub.types()).toEqual(expected);
  const ids = sub.changes.map((x) => Number(x.event.id));
  expect(ids).toEqual([...ids].sort((a, b) => a - b));
  expect(new Set(ids).size).toBe(ids.length);
  const stored = (await lab.events(id)).slice(2).map((e) => Number(e.id));
  expect(ids).toEqual(stored);
  sub.stop();
});

test('no token, or a bad one: refused', async () => {
  const anon = collect(lab.t.ws(null));
  await anon.waitFor((s) => s.errors.length > 0 || s.completed, 'the refusal');
  expect(JSON.stringify(anon.errors)).toMatch(/UNAUTHENTICATED/);
  expect(anon.changes).toEqual([]);

  const bad = collect(lab.t.ws('not-a-token'));
  await bad.waitFor((s) => s.errors.length > 0 || s.completed, 'the refusal');
  // The connection itself is refused with 4401 Unauthorized, which graphql-ws clients do not retry
  // and the console answers by sending the user to the login page.
  expect(bad.errors).toHaveLength(1);
  expect((bad.errors[0] as { code?: number }).code).toBe(4401);
  expect(bad.changes).toEqual([]);
  const forged = collect(lab.t.ws(`${await lab.token('kepala.dinsos')}x`));
  await forged.waitFor((s) => s.errors.length > 0 || s.completed, 'the refusal');
  expect((forged.errors[0] as { code?: number }).code).toBe(4401);
  // Nothing was registered with the feed for them.
  const before = lab.services.feed.subscriberCount;
  await lab.submit('admin.tengah');
  await sleep(200);
  expect(lab.services.feed.subscriberCount).toBeLessThanOrEqual(before);
  expect([...anon.changes, ...bad.changes, ...forged.changes]).toEqual([]);
});

test('afterEventId: a reconnecting client first receives what it missed', async () => {
  const c = await lab.forwarded('DINSOS');
  const id = c.id;
  await lab.must('kepala.dinsos', 'acceptComplaint', { id });
  await lab.must('kepala.dinsos', 'addProgress', { id, stage: 'IN_WORK', note: 'Sedang diproses' });
  const events = await lab.events(id);
  expect(events.map((e) => e.type)).toEqual(['SUBMITTED', 'VERIFIED', 'FORWARDED', 'ACCEPTED', 'PROGRESS']);
  const lastSeen = events[1].id;

  const sub = await lab.subscribe('kepala.dinsos', { filter: { complaintId: id }, after: lastSeen });
  await sub.waitFor((s) => s.changes.length >= 3, 'the missed events');
  expect(sub.types()).toEqual(['FORWARDED', 'ACCEPTED', 'PROGRESS']);
  expect(sub.changes.map((x) => x.event.id)).toEqual(events.slice(2).map((e) => e.id));

  // Then live, without repeats.
  await lab.must('staf.dinsos', 'addInternalNote', { id, note: 'Lanjut' });
  await sub.waitFor((s) => s.changes.length >= 4, 'the live event');
  await sleep(100);
  expect(sub.types()).toEqual(['FORWARDED', 'ACCEPTED', 'PROGRESS', 'INTERNAL_NOTE']);
  sub.stop();

  // Resuming never hands out what the viewer may not see.
  const outsider = await lab.subscribe('kepala.disperkim', { after: lastSeen });
  await sleep(300);
  expect(outsider.changes).toEqual([]);
  outsider.stop();
});

test('a unit head out of scope received nothing all along', async () => {
  const sentinel = await lab.forwarded('DISPERKIM');
  await disperkim.waitFor((s) => s.changes.length > 0, 'the DISPERKIM forward');
  expect(disperkim.changes.map((x) => x.complaint.id)).toEqual([sentinel.id]);
  expect(disperkim.types()).toEqual(['FORWARDED']);
  expect(disperkim.errors).toEqual([]);
});
