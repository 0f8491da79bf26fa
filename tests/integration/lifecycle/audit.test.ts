import { replayMismatches } from '../../../server/modules/complaints/complaint-replay';
import { HandlingEpisodes1796415475284 } from '../../../migrations/1796415475284-HandlingEpisodes';
import { OnTimeIndex1796701180000 } from '../../../migrations/1796701180000-OnTimeIndex';
import { DashboardRollups1796701500000 } from '../../../migrations/1796701500000-DashboardRollups';
import { ReportIndexes1796701510000 } from '../../../migrations/1796701510000-ReportIndexes';
import { rebuildHandling } from '../../../server/modules/complaints/complaint-handling';
import { sweepOnce } from '../../../server/modules/complaints/complaint.sweep';
import { Lab } from './helpers';

let lab: Lab;
beforeAll(async () => {
  // No background sweeper: this file runs the sweep itself.
  lab = await Lab.start({ sweepIntervalMs: 0 });
});
afterAll(() => lab?.stop());

const DAY = 86_400_000;
const sweep = () => sweepOnce(lab.t.app.db, lab.services.org, lab.services.complaints);
const eventsOf = async (id: number | string) => (await lab.stored(id)).events;

test('the database itself refuses UPDATE, DELETE and TRUNCATE on complaint_event', async () => {
  const c = await lab.verified();
  const db = lab.t.app.db;
  const before = await db.query('SELECT * FROM complaint_event WHERE "complaintId" = $1 ORDER BY id', [Number(c.id)]);
  expect(before).toHaveLength(2);
  const attempts = [
    ['UPDATE complaint_event SET message = $1 WHERE "complaintId" = $2', ['diubah', Number(c.id)]],
    ['UPDATE complaint_event SET "toStatus" = NULL', []],
    ['DELETE FROM complaint_event WHERE "complaintId" = $1', [Number(c.id)]],
    ['DELETE FROM complaint_event', []],
    ['TRUNCATE complaint_event CASCADE', []],
  ] as const;
  for (const [sql, params] of attempts) {
    const err = await db.query(sql, [...params]).then(
      () => null,
      (e: Error) => e,
    );
    expect({ sql, refused: err?.message ?? null }).toEqual({ sql, refused: expect.stringMatching(/append-only/) });
  }
  // Also inside a transaction of its own.
  const err = await db
    .transaction((tx) => tx.query('DELETE FROM complaint_event WHERE id = $1', [before[0].id]))
    .then(
      () => null,
      (e: Error) => e,
    );
  expect(err?.message).toMatch(/append-only/);
  expect(await db.query('SELECT * FROM complaint_event WHERE "complaintId" = $1 ORDER BY id', [Number(c.id)])).toEqual(before);
});

test('overdue: OVERDUE + ESCALATED to the parent Opd, exactly once, even with concurrent sweeps', async () => {
  const svc = lab.services.complaints;
  const past = svc.withClock(() => new Date(Date.now() - 10 * DAY));
  const ctxAdmin = await lab.ctx('admin.tengah');
  // Never verified (at the intake, Kecamatan Magelang Tengah) ...
  const atIntake = await lab.submitDirect('admin.tengah', { title: 'Lama belum diverifikasi' }, past);
  // ... and forwarded to a division that never answered.
  const atUnit = await lab.submitDirect('admin.tengah', { title: 'Lama belum dijawab' }, past);
  await past.verify(ctxAdmin, String(atUnit.id), null);
  await past.forward(ctxAdmin, String(atUnit.id), null, lab.opd['DINSOS-LINJAMSOS']);
  // Answered in time: no deadline left.
  const answered = await lab.submitDirect('admin.tengah', { title: 'Sudah dijawab' }, past);
  await past.verify(ctxAdmin, String(answered.id), null);
  await past.forward(ctxAdmin, String(answered.id), null, lab.opd.DINSOS);
  await past.respond(await lab.ctx('kepala.dinsos'), String(answered.id), null, 'Sudah dicek dan diperbaiki oleh petugas.');
  expect((await lab.complaint('admin.tengah', String(atIntake.id), 'overdue')).overdue).toBe(true);

  const live = await lab.subscribe('kepala.dinsos', { filter: { complaintId: String(atUnit.id) } });

  // Another process holding the sweep lock: this one does nothing.
  const holder = lab.t.app.db.createQueryRunner();
  await holder.connect();
  await holder.query('SELECT pg_advisory_lock(724001)');
  try {
    expect(await sweep()).toEqual({ ran: false, overdue: 0, autoClosed: 0, resumed: 0, reminded: 0, digests: 0 });
  } finally {
    await holder.query('SELECT pg_advisory_unlock(724001)');
    await holder.release();
  }
  expect((await eventsOf(atIntake.id)).map((e) => e.type)).toEqual(['SUBMITTED']);

  const results = await Promise.all([sweep(), sweep(), sweep()]);
  expect(results.filter((r) => r.ran).length).toBeGreaterThanOrEqual(1);
  expect(results.reduce((n, r) => n + r.overdue, 0)).toBe(2);
  expect(await sweep()).toEqual({ ran: true, overdue: 0, autoClosed: 0, resumed: 0, reminded: 0, digests: 0 });

  const intakeEvents = await eventsOf(atIntake.id);
  expect(intakeEvents.map((e) => [e.type, e.fromOpdId, e.toOpdId, e.public])).toEqual([
    ['SUBMITTED', null, Number(lab.opd['KEC-TENGAH']), true],
    ['OVERDUE', Number(lab.opd['KEC-TENGAH']), null, false],
    // The city government has no head: the coordinator (Diskominsta) is told.
    ['ESCALATED', Number(lab.opd['KEC-TENGAH']), Number(lab.opd.DISKOMINSTA), false],
  ]);
  const unitEvents = await eventsOf(atUnit.id);
  expect(unitEvents.map((e) => e.type)).toEqual(['SUBMITTED', 'VERIFIED', 'FORWARDED', 'OVERDUE', 'ESCALATED']);
  expect(unitEvents.slice(3).map((e) => [e.fromStatus, e.toStatus, e.fromOpdId, e.toOpdId])).toEqual([
    ['FORWARDED', 'FORWARDED', Number(lab.opd['DINSOS-LINJAMSOS']), null],
    ['FORWARDED', 'FORWARDED', Number(lab.opd['DINSOS-LINJAMSOS']), Number(lab.opd.DINSOS)],
  ]);
  expect((await eventsOf(answered.id)).map((e) => e.type)).not.toContain('OVERDUE');
  const { row } = await lab.stored(atUnit.id);
  expect(row).toMatchObject({ status: 'FORWARDED', overdueNotified: true, version: 4 });

  // The head above sees it live.
  await live.waitFor((s) => s.changes.length >= 2, 'OVERDUE and ESCALATED');
  expect(live.types()).toEqual(['OVERDUE', 'ESCALATED']);
  live.stop();

  // Passed on inside the unit (to another bidang of Dinsos): the same clock, already reported.
  const later = svc.withClock(() => new Date(Date.now() - 5 * DAY));
  await later.forward(await lab.ctx('kepala.dinsos'), String(atUnit.id), null, lab.opd['DINSOS-REHSOS']);
  expect((await sweep()).overdue).toBe(0);
  // A new deadline (passed on to another unit) can be missed again, and is then reported again.
  await later.forward(await lab.ctx('kepala.dinsos'), String(atUnit.id), null, lab.opd.DISPERKIM);
  expect((await sweep()).overdue).toBe(1);
  expect((await eventsOf(atUnit.id)).map((e) => e.type).slice(5)).toEqual(['FORWARDED', 'FORWARDED', 'OVERDUE', 'ESCALATED']);
});

test('a RESPONDED complaint past autoCloseAt is AUTO_CLOSED', async () => {
  const past = lab.services.complaints.withClock(() => new Date(Date.now() - 30 * DAY));
  const ctxAdmin = await lab.ctx('admin.tengah');
  const c = await lab.submitDirect('admin.tengah', { title: 'Dijawab sebulan lalu' }, past);
  const id = String(c.id);
  await past.verify(ctxAdmin, id, null);
  await past.forward(ctxAdmin, id, null, lab.opd.DINSOS);
  const responded = await past.respond(await lab.ctx('kepala.dinsos'), id, null, 'Sudah ditindaklanjuti sebulan lalu.');
  expect(new Date(responded.autoCloseAt!).getTime()).toBeLessThan(Date.now());
  // Answered just now: not yet.
  const fresh = await lab.responded();

  const r = await sweep();
  expect(r.autoClosed).toBe(1);
  const { row, events } = await lab.stored(id);
  expect(row).toMatchObject({ status: 'CLOSED', autoCloseAt: null });
  const last = events[events.length - 1];
  expect(last).toMatchObject({ type: 'AUTO_CLOSED', fromStatus: 'RESPONDED', toStatus: 'CLOSED', public: true, actorId: null, data: { actor: 'SYSTEM' } });
  expect(row.closedAt!.toISOString()).toBe(last.createdAt.toISOString());
  expect(replayMismatches(row, events)).toEqual([]);
  expect((await lab.complaint('admin.tengah', fresh.id, 'status')).status).toBe('RESPONDED');
  expect((await sweep()).autoClosed).toBe(0);
  expect((await eventsOf(id)).filter((e) => e.type === 'AUTO_CLOSED')).toHaveLength(1);
});

test('after long workflows, every complaint replays from its events to the stored row', async () => {
  const { opd, user } = lab;
  // Submitted → … → reopened → answered again → closed → rated.
  const a = await lab.submit(null, { kelurahanId: opd['KEL-CACABAN'], categoryId: lab.category.BANSOS });
  const [{ id: aId }] = await lab.t.app.db.query('SELECT id FROM complaint WHERE "trackingCode" = $1', [a.trackingCode]);
  const id = String(aId);
  await lab.must('admin.tengah', 'verifyComplaint', { id });
  await lab.must('admin.tengah', 'forwardComplaint', { id, opdId: opd.DINSOS });
  await lab.must('kepala.dinsos', 'acceptComplaint', { id });
  await lab.must('kepala.dinsos', 'assignComplaint', { id, userId: user['staf.dinsos'].id });
  await lab.must('staf.dinsos', 'addProgress', { id, stage: 'FIELD_CHECK', note: 'Survei', public: false });
  await lab.must('staf.dinsos', 'addInternalNote', { id, note: 'Catatan' });
  await lab.must('kepala.dinsos', 'returnComplaint', { id, reason: 'Bukan wewenang' });
  await lab.must('admin.tengah', 'forwardComplaint', { id, opdId: opd.DISPERKIM });
  await lab.must('kepala.disperkim', 'forwardComplaint', { id, opdId: opd['DISPERKIM-PERUMAHAN'] });
  await lab.must('kepala.disperkim-perumahan', 'addProgress', { id, stage: 'IN_WORK', note: 'Dikerjakan' });
  await lab.must('kepala.disperkim', 'respondToComplaint', { id, answer: 'Perbaikan selesai minggu ini.' });
  await lab.ok(null, 'mutation($tc: String!, $ac: String!) { reopenComplaint(trackingCode: $tc, accessCode: $ac, reason: "Belum selesai") }', {
    tc: a.trackingCode,
    ac: a.accessCode,
  });
  await lab.must('kepala.disperkim-perumahan', 'respondToComplaint', { id, answer: 'Sekarang sudah selesai.' });
  await lab.ok(null, 'mutation($tc: String!, $ac: String!) { rateComplaint(trackingCode: $tc, accessCode: $ac, score: 4) { rating } }', {
    tc: a.trackingCode,
    ac: a.accessCode,
  });
  await lab.must('admin.tengah', 'closeComplaint', { id });
  // A duplicate, rejected.
  const dup = await lab.submit('admin.tengah');
  await lab.must('admin.tengah', 'rejectComplaint', { id: dup.complaint.id, reason: 'Ganda', duplicateOf: id });

  const { row, events } = await lab.stored(id);
  expect(events.map((e) => e.type)).toEqual([
    'SUBMITTED',
    'VERIFIED',
    'FORWARDED',
    'ACCEPTED',
    'ASSIGNED',
    'PROGRESS',
    'INTERNAL_NOTE',
    'RETURNED',
    'FORWARDED',
    'FORWARDED',
    'PROGRESS',
    'RESPONDED',
    'REOPENED',
    'RESPONDED',
    'RATED',
    'CLOSED',
  ]);
  expect(row).toMatchObject({ status: 'CLOSED', rating: 4, currentOpdId: Number(opd['DISPERKIM-PERUMAHAN']), answer: 'Sekarang sudah selesai.' });
  expect([...row.handlerOpdIds].sort()).toEqual([opd.DINSOS, opd.DISPERKIM, opd['DISPERKIM-PERUMAHAN']].map(Number).sort());

  const all: { id: number }[] = await lab.t.app.db.query('SELECT id FROM complaint ORDER BY id');
  expect(all.length).toBeGreaterThanOrEqual(8);
  const bad: Record<number, string[]> = {};
  for (const { id: cid } of all) {
    const s = await lab.stored(cid);
    const m = replayMismatches(s.row, s.events);
    if (m.length) bad[cid] = m;
  }
  console.log(`replayed ${all.length} complaints from their events`);
  expect(bad).toEqual({});

  // The replay does notice a row that disagrees with its events.
  expect(replayMismatches({ ...row, status: 'IN_PROGRESS' } as typeof row, events)).toEqual(['status']);
});

test('handling episodes written with the events are exactly what the timeline rebuilds', async () => {
  const { opd } = lab;
  const db = lab.t.app.db;
  const [{ id }] = await db.query(`SELECT "complaintId" AS id FROM complaint_event WHERE type = 'RATED' ORDER BY id DESC LIMIT 1`);
  const episodes = await db.query(
    `SELECT "opdId", "fromOpdId", "firstResponseAt" IS NOT NULL AS answered_first, "respondedAt" IS NOT NULL AS responded, "endedAt" IS NOT NULL AS ended
       FROM complaint_handling WHERE "complaintId" = $1 ORDER BY id`,
    [id],
  );
  // The long workflow above: Dinsos accepted then returned it; Disperkim passed it to its division, which answered (twice).
  expect(episodes).toEqual([
    { opdId: Number(opd.DINSOS), fromOpdId: Number(opd['KEC-TENGAH']), answered_first: true, responded: false, ended: true },
    { opdId: Number(opd.DISPERKIM), fromOpdId: Number(opd['KEC-TENGAH']), answered_first: false, responded: false, ended: true },
    { opdId: Number(opd['DISPERKIM-PERUMAHAN']), fromOpdId: Number(opd.DISPERKIM), answered_first: true, responded: true, ended: false },
  ]);
  // Rated, then reopened and answered again: the new answer carries the complaint's rating too.
  const b = await lab.submit(null, { kelurahanId: opd['KEL-CACABAN'], categoryId: lab.category.BANSOS });
  const [{ id: bId }] = await db.query('SELECT id FROM complaint WHERE "trackingCode" = $1', [b.trackingCode]);
  await lab.must('admin.tengah', 'verifyComplaint', { id: String(bId) });
  await lab.must('admin.tengah', 'forwardComplaint', { id: String(bId), opdId: opd.DINSOS });
  await lab.must('kepala.dinsos', 'respondToComplaint', { id: String(bId), answer: 'Bantuan dijadwalkan.' });
  const citizen = { tc: b.trackingCode, ac: b.accessCode };
  await lab.ok(null, 'mutation($tc: String!, $ac: String!) { rateComplaint(trackingCode: $tc, accessCode: $ac, score: 2) { rating } }', citizen);
  await lab.ok(null, 'mutation($tc: String!, $ac: String!) { reopenComplaint(trackingCode: $tc, accessCode: $ac, reason: "Belum diterima") }', citizen);
  await lab.must('kepala.dinsos', 'returnComplaint', { id: String(bId), reason: 'Bukan wewenang kami' });
  await lab.must('admin.tengah', 'forwardComplaint', { id: String(bId), opdId: opd.DISPERKIM });
  await lab.must('kepala.disperkim', 'respondToComplaint', { id: String(bId), answer: 'Sudah kami kirim.' });
  expect(await db.query('SELECT "opdId", rating FROM complaint_handling WHERE "complaintId" = $1 ORDER BY id', [bId])).toEqual([
    { opdId: Number(opd.DINSOS), rating: 2 },
    { opdId: Number(opd.DISPERKIM), rating: 2 },
  ]);

  const all = 'SELECT * FROM complaint_handling ORDER BY id';
  const written = await db.query(all);
  expect(written.length).toBeGreaterThanOrEqual(episodes.length + 3);
  await rebuildHandling(db);
  expect(await db.query(all)).toEqual(written);

  // The migration that brought the table fills it from the timeline the same way (those that changed the table
  // since, undone before and done again after it, fill what they added: the complaint's scope on each episode).
  const later = [new OnTimeIndex1796701180000(), new DashboardRollups1796701500000(), new ReportIndexes1796701510000()];
  const migration = new HandlingEpisodes1796415475284();
  const runner = db.createQueryRunner();
  try {
    for (const m of [...later].reverse()) await m.down(runner);
    await migration.down(runner);
    await migration.up(runner);
    for (const m of later) await m.up(runner);
  } finally {
    await runner.release();
  }
  expect(await db.query(all)).toEqual(written);
});
