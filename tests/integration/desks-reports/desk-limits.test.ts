import 'reflect-metadata';
import { wibDate } from '../../../server/core/wib';
import { rebuildHandling } from '../../../server/modules/complaints/complaint-handling';
import { replayMismatches } from '../../../server/modules/complaints/complaint-replay';
import { addWorkingDays, toWibDate } from '../../../server/modules/sla/working-calendar';
import { DESK_DUE_WITHIN_WORKING_DAYS } from '../../../server/modules/desks/desk.service';
import { Lab, codeOf, expectError } from '../lifecycle/helpers';

/**
 * Desks cannot rewrite deadlines (convening is no response; a decision's due date is bounded and
 * never sends a complaint back where it is), and a desk's participants see its complaints only
 * while it sits. Everything through the HTTP API and a graphql-ws subscription.
 */

let lab: Lab;
beforeAll(async () => {
  lab = await Lab.start();
});
afterAll(() => lab.stop());

const DAY_MS = 86_400_000;

const CONVENE = `mutation($i: DeskInput!) { conveneDesk(input: $i) { id status } }`;
const CONCLUDE = `mutation($id: ID!, $d: [DeskDecisionInput!]!) { concludeDesk(id: $id, decisions: $d) { id status } }`;

async function convene(head: string, complaintIds: string[], participants: string[]): Promise<string> {
  const { conveneDesk } = await lab.ok(head, CONVENE, {
    i: {
      title: 'Forum desk uji',
      complaintIds,
      participantOpdIds: participants.map((code) => lab.opd[code]),
      scheduledAt: new Date(Date.now() + DAY_MS).toISOString(),
      place: 'Aula Balai Kota',
    },
  });
  return conveneDesk.id;
}

/** Recorded by admin.tengah, verified and forwarded to `opdCode`, with the reporter's codes. */
async function forwardedWithCodes(opdCode: string): Promise<{ id: string; trackingCode: string; accessCode: string }> {
  const { complaint, trackingCode, accessCode } = await lab.submit('admin.tengah');
  await lab.must('admin.tengah', 'verifyComplaint', { id: complaint.id });
  await lab.must('admin.tengah', 'forwardComplaint', { id: complaint.id, opdId: lab.opd[opdCode] });
  return { id: complaint.id, trackingCode, accessCode };
}

test('convening a desk is no response: the running deadline stays, no first response is recorded or reported', async () => {
  const c = await forwardedWithCodes('DISDUKCAPIL');
  const before = await lab.complaint('walikota', c.id, 'status dueAt responseDueAt firstResponseAt');
  expect(before).toMatchObject({ status: 'FORWARDED', firstResponseAt: null });
  expect(before.dueAt).toEqual(expect.any(String));

  await convene('kepala.disdukcapil', [c.id], ['DINSOS']);

  const after = await lab.complaint('walikota', c.id, 'status progressStage dueAt responseDueAt firstResponseAt');
  expect(after).toEqual({
    status: 'IN_PROGRESS',
    progressStage: 'DESK',
    dueAt: before.dueAt,
    responseDueAt: before.responseDueAt,
    firstResponseAt: null,
  });
  // The reporter still reads that a desk took the complaint up.
  const { trackComplaint } = await lab.ok(
    null,
    `query($t: String!, $a: String!) { trackComplaint(trackingCode: $t, accessCode: $a) { timeline { type stage } } }`,
    {
      t: c.trackingCode,
      a: c.accessCode,
    },
  );
  expect(trackComplaint.timeline.at(-1)).toEqual({ type: 'PROGRESS', stage: 'DESK' });

  // The compliance report (handling episodes) agrees: no first response at Disdukcapil yet.
  const report = async () => {
    const { complianceReport } = await lab.ok(
      'walikota',
      `query($from: DateTimeISO, $to: DateTimeISO) { complianceReport(from: $from, to: $to) {
         opds { opd { code } received due respondedInTime medianHoursToFirstResponse } } }`,
      { from: new Date(Date.now() - DAY_MS).toISOString(), to: new Date(Date.now() + DAY_MS).toISOString() },
    );
    return complianceReport.opds.find((o: { opd: { code: string } }) => o.opd.code === 'DISDUKCAPIL');
  };
  expect(await report()).toMatchObject({ received: 1, due: 0, respondedInTime: 0, medianHoursToFirstResponse: null });
  await expectEpisodesRebuildFromTimeline();

  // A real response still counts: the head's public progress note.
  await lab.must('kepala.disdukcapil', 'addProgress', { id: c.id, stage: 'FIELD_CHECK', note: 'Petugas akan meninjau data kependudukan Ibu.', public: true });
  const answered = await lab.complaint('walikota', c.id, 'dueAt followUpDueAt firstResponseAt');
  // The response deadline is met; the follow-up deadline runs now.
  expect(answered.dueAt).toBe(answered.followUpDueAt);
  expect(answered.followUpDueAt).toEqual(expect.any(String));
  expect(answered.firstResponseAt).toEqual(expect.any(String));
  expect(await report()).toMatchObject({ received: 1, due: 1, respondedInTime: 1 });

  const { row, events } = await lab.stored(c.id);
  expect(replayMismatches(row, events)).toEqual([]);
  await expectEpisodesRebuildFromTimeline();
});

/** The episodes written with each event are what rebuildHandling derives from the timeline alone. */
async function expectEpisodesRebuildFromTimeline(): Promise<void> {
  const db = lab.t.app.db;
  const all = 'SELECT * FROM complaint_handling ORDER BY id';
  const written = await db.query(all);
  expect(written.length).toBeGreaterThan(0);
  await rebuildHandling(db);
  expect(await db.query(all)).toEqual(written);
}

test("a decision's due date is today at the earliest and at most the configured working days ahead; the field is named", async () => {
  const c = await lab.forwarded('DISDUKCAPIL');
  const desk = await convene('kepala.disdukcapil', [c.id], []);
  const decide = (over: Record<string, unknown>) =>
    lab.gql('kepala.disdukcapil', CONCLUDE, {
      id: desk,
      d: [{ complaintId: c.id, solution: 'Perekaman ulang KTP-el di kantor kecamatan', responsibleOpdId: lab.opd['KEC-TENGAH'], ...over }],
    });
  const latest = toWibDate(addWorkingDays(new Date(), DESK_DUE_WITHIN_WORKING_DAYS, await lab.services.sla.holidays()));
  const dayAfter = (date: string) => wibDate(new Date(`${date}T12:00:00+07:00`).getTime() + DAY_MS);

  expectError(await decide({ dueDate: wibDate(Date.now() - DAY_MS) }), 'BAD_USER_INPUT', ['decisions.0.dueDate']);
  expectError(await decide({ dueDate: dayAfter(latest) }), 'BAD_USER_INPUT', ['decisions.0.dueDate']);
  expectError(await decide({ dueDate: wibDate(Date.now() + 400 * DAY_MS) }), 'BAD_USER_INPUT', ['decisions.0.dueDate']);
  // Nothing was decided by the refused calls.
  expect((await lab.ok('walikota', `query($id: ID!) { desk(id: $id) { status } }`, { id: desk })).desk.status).toBe('CONVENED');
  expect((await lab.complaint('walikota', c.id, 'status currentOpd { code }')).currentOpd.code).toBe('DISDUKCAPIL');

  const { concludeDesk } = await lab.ok('kepala.disdukcapil', CONCLUDE, {
    id: desk,
    d: [{ complaintId: c.id, solution: 'Perekaman ulang KTP-el di kantor kecamatan', responsibleOpdId: lab.opd['KEC-TENGAH'], dueDate: latest }],
  });
  expect(concludeDesk.status).toBe('CONCLUDED');
  expect((await lab.complaint('walikota', c.id, 'responseDueAt')).responseDueAt).toBe(new Date(`${latest}T23:59:59.999+07:00`).toISOString());
});

test('a decision cannot forward a complaint back to the unit that already holds it', async () => {
  const c = await lab.forwarded('DISDUKCAPIL');
  const before = await lab.complaint('walikota', c.id, 'version responseDueAt dueAt');
  const desk = await convene('kepala.disdukcapil', [c.id], ['DINSOS']);
  const r = await lab.gql('kepala.disdukcapil', CONCLUDE, {
    id: desk,
    d: [{ complaintId: c.id, solution: 'Tetap ditangani Disdukcapil', responsibleOpdId: lab.opd.DISDUKCAPIL, dueDate: wibDate(Date.now() + 20 * DAY_MS) }],
  });
  expectError(r, 'BAD_USER_INPUT', ['decisions.0.responsibleOpdId']);
  const after = await lab.complaint('walikota', c.id, 'version responseDueAt dueAt currentOpd { code } events { type }');
  // Only the convening is on it: the deadline was not pushed out.
  expect(after).toMatchObject({ version: before.version + 1, responseDueAt: before.responseDueAt, dueAt: before.dueAt, currentOpd: { code: 'DISDUKCAPIL' } });
  expect(after.events.at(-1).type).toBe('PROGRESS');
  expect((await lab.ok('walikota', `query($id: ID!) { desk(id: $id) { status } }`, { id: desk })).desk.status).toBe('CONVENED');
});

/**
 * a and b were forwarded to Dinsos; c went to Dinkes first, which passed it on to Dinsos, so
 * Dinkes handles it, desk or not. Dinsos convenes a desk on all three with Disperkim and Dinkes.
 */
async function deskOnThree(tag: string) {
  const a = await lab.forwarded('DINSOS', { title: `Rumah tidak layak huni ${tag}` });
  const b = await lab.forwarded('DINSOS', { title: `Lansia belum menerima PKH ${tag}` });
  const c0 = await lab.forwarded('DINKES', { title: `Biaya berobat warga miskin ${tag}` });
  const c = await lab.must('kepala.dinkes', 'forwardComplaint', { id: c0.id, opdId: lab.opd.DINSOS });
  const desk = await convene('kepala.dinsos', [a.id, b.id, c.id], ['DISPERKIM', 'DINKES']);
  /** a to Disperkim (a participant), b and c to a bidang of Dinsos. */
  const conclude = () =>
    lab.ok('kepala.dinsos', CONCLUDE, {
      id: desk,
      d: [
        { complaintId: a.id, solution: 'Bantuan renovasi RTLH', responsibleOpdId: lab.opd.DISPERKIM, dueDate: wibDate(Date.now() + 7 * DAY_MS) },
        { complaintId: b.id, solution: 'Diusulkan PKH', responsibleOpdId: lab.opd['DINSOS-LINJAMSOS'] },
        { complaintId: c.id, solution: 'Dibiayai Jamkesda', responsibleOpdId: lab.opd['DINSOS-LINJAMSOS'] },
      ],
    });
  return { a, b, c, ids: [a.id, b.id, c.id], desk, conclude };
}

const sorted = (xs: string[]) => [...xs].sort();

test("a desk's participants lose its complaints when it concludes, in single reads and lists, unless they handle them", async () => {
  const { a, c, ids, desk, conclude } = await deskOnThree('RW 05');
  const visibleTo = async (who: string) => {
    const list = await lab.list(who, { ids }, { perPage: 10 });
    const single = await Promise.all(ids.map((id) => lab.ok(who, `query($id: ID!) { complaint(id: $id) { id } }`, { id })));
    return {
      list: list.items.map((x: { id: string }) => x.id).sort(),
      single: single
        .filter((d) => d.complaint)
        .map((d) => d.complaint.id)
        .sort(),
    };
  };
  expect(await visibleTo('kepala.dinkes')).toEqual({ list: sorted(ids), single: sorted(ids) });
  expect(await visibleTo('kepala.disperkim')).toEqual({ list: sorted(ids), single: sorted(ids) });

  await conclude();

  // Dinkes keeps only the complaint it handled; Disperkim keeps the one the desk gave it.
  expect(await visibleTo('kepala.dinkes')).toEqual({ list: [c.id], single: [c.id] });
  expect(await visibleTo('kepala.disperkim')).toEqual({ list: [a.id], single: [a.id] });
  // Dinas Sosial, which convened it, still sees all three.
  expect(await visibleTo('kepala.dinsos')).toEqual({ list: sorted(ids), single: sorted(ids) });
  // The desk itself stays on record for its participants; the complaints it no longer shows them are null.
  const { desk: seen } = await lab.ok('kepala.dinkes', `query($id: ID!) { desk(id: $id) { status items { complaintId complaint { id } } } }`, { id: desk });
  expect(seen.status).toBe('CONCLUDED');
  expect(Object.fromEntries(seen.items.map((i: any) => [i.complaintId, i.complaint?.id ?? null]))).toEqual({ [a.id]: null, [ids[1]]: null, [c.id]: c.id });
  // Acting on it is refused like any complaint out of scope.
  expect(codeOf(await lab.act('kepala.dinkes', 'addInternalNote', { id: a.id, note: 'Masih boleh?' }))).toBe('FORBIDDEN');

  // The timeline alone rebuilds who may see each complaint.
  for (const id of ids) {
    const { row, events } = await lab.stored(id);
    expect(replayMismatches(row, events)).toEqual([]);
  }
});

test("over graphql-ws, a participant subscribed to complaintChanged stops receiving a desk's complaints when it concludes", async () => {
  const { a, b, c, conclude } = await deskOnThree('RW 07');
  const dinkes = await lab.subscribe('kepala.dinkes');
  // While the desk sits, the participant is told of changes live.
  await lab.must('kepala.dinsos', 'addInternalNote', { id: b.id, note: 'Data DTKS sedang dicek' });
  await dinkes.waitFor((col) => col.types(b.id).includes('INTERNAL_NOTE'), 'the note on b reaches Dinkes while the desk sits');
  const seenBefore = dinkes.changes.length;

  await conclude();
  // Later changes to a and b no longer reach Dinkes; to c they still do. A complaint newly
  // forwarded to Dinkes is the marker: the feed delivers in commit order, so once it arrives
  // everything committed before it has been dealt with.
  await lab.must('kepala.disperkim', 'addProgress', { id: a.id, stage: 'FIELD_CHECK', note: 'Survei rumah dijadwalkan pekan ini.', public: true });
  await lab.must('kepala.dinsos', 'addInternalNote', { id: b.id, note: 'PKH diusulkan ke Kemensos' });
  await lab.must('kepala.dinsos', 'addInternalNote', { id: c.id, note: 'Jamkesda disiapkan' });
  const marker = await lab.forwarded('DINKES', { title: 'Antrean puskesmas terlalu panjang' });
  await dinkes.waitFor((col) => col.types(marker.id).includes('FORWARDED'), 'the marker reaches Dinkes');
  const after = dinkes.changes.slice(seenBefore);
  expect(after.filter((x) => x.complaint.id === a.id || x.complaint.id === b.id).map((x) => `${x.complaint.id}:${x.event.type}`)).toEqual([]);
  expect(after.filter((x) => x.complaint.id === c.id).map((x) => x.event.type)).toEqual(['FORWARDED', 'INTERNAL_NOTE']);
  expect(dinkes.errors).toEqual([]);
  dinkes.stop();
});
