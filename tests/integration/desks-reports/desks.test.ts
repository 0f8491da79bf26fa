import { endOfWibDay, wibDate } from '../../../server/core/wib';
import { replayMismatches } from '../../../server/modules/complaints/complaint-replay';
import { Lab, codeOf } from '../lifecycle/helpers';

let lab: Lab;
beforeAll(async () => {
  lab = await Lab.start();
});
afterAll(() => lab.stop());

const DESK = `id status title participants { code } items { complaintId solution dueDate responsibleOpd { code }
  complaint { id status progressStage currentOpd { code } } }`;

test('a desk on two complaints concludes, routes each to its responsible unit, whose head answers; admins still cannot', async () => {
  const a = await lab.forwarded('DINSOS', { title: 'Rumah tidak layak huni di RW 03' });
  const b = await lab.forwarded('DINSOS', { title: 'Lansia belum menerima bantuan' });
  const participant = await lab.subscribe('kepala.disperkim');

  const { conveneDesk: desk } = await lab.ok('kepala.dinsos', `mutation($i: DeskInput!) { conveneDesk(input: $i) { ${DESK} } }`, {
    i: {
      title: 'Forum desk Cacaban',
      complaintIds: [a.id, b.id],
      participantOpdIds: [lab.opd.DISPERKIM],
      scheduledAt: '2026-11-26T02:00:00Z',
      place: 'Kelurahan Cacaban',
    },
  });
  expect(desk.status).toBe('CONVENED');
  expect(desk.items.map((i: any) => [i.complaint.status, i.complaint.progressStage])).toEqual([
    ['IN_PROGRESS', 'DESK'],
    ['IN_PROGRESS', 'DESK'],
  ]);
  // The participating unit's head sees the desk and its complaints, live.
  const seen = await lab.ok('kepala.disperkim', `{ desks { total items { id } } }`);
  expect(seen.desks.items.map((d: any) => d.id)).toContain(desk.id);
  expect((await lab.complaint('kepala.disperkim', a.id, 'id progressStage')).progressStage).toBe('DESK');
  await participant.waitFor((col) => col.types(a.id).includes('PROGRESS'), 'desk progress reaches the participant');
  // A unit that is not on the desk does not see it.
  expect((await lab.ok('kepala.dinkes', `{ desks { total } }`)).desks.total).toBe(0);

  await lab.ok(
    'kepala.dinsos',
    `mutation($id: ID!) { recordDeskMinutes(id: $id, minutes: "Disepakati: Disperkim survei rumah, Dinsos verifikasi DTKS") { minutes } }`,
    { id: desk.id },
  );
  // Only the convening unit concludes.
  const foreign = await lab.gql('kepala.disperkim', `mutation($id: ID!, $d: [DeskDecisionInput!]!) { concludeDesk(id: $id, decisions: $d) { id } }`, {
    id: desk.id,
    d: [],
  });
  expect(codeOf(foreign)).toBe('FORBIDDEN');
  // Every complaint on the agenda needs a decision.
  const partial = await lab.gql('kepala.dinsos', `mutation($id: ID!, $d: [DeskDecisionInput!]!) { concludeDesk(id: $id, decisions: $d) { id } }`, {
    id: desk.id,
    d: [{ complaintId: a.id, solution: 'Renovasi RTLH', responsibleOpdId: lab.opd.DISPERKIM }],
  });
  expect(codeOf(partial)).toBe('BAD_USER_INPUT');

  // A week from today (WIB), inside the bound on a desk's due date.
  const due = wibDate(Date.now() + 7 * 86_400_000);
  const { concludeDesk: done } = await lab.ok(
    'kepala.dinsos',
    `mutation($id: ID!, $d: [DeskDecisionInput!]!) { concludeDesk(id: $id, decisions: $d) { ${DESK} } }`,
    {
      id: desk.id,
      d: [
        { complaintId: a.id, solution: 'Diusulkan bantuan renovasi RTLH Rp 15 juta', responsibleOpdId: lab.opd.DISPERKIM, dueDate: due },
        // Within Dinas Sosial, to the bidang that runs PKH: a desk never sends a complaint back to the unit holding it.
        { complaintId: b.id, solution: 'Didaftarkan ke DTKS dan diusulkan PKH', responsibleOpdId: lab.opd['DINSOS-LINJAMSOS'] },
      ],
    },
  );
  expect(done.status).toBe('CONCLUDED');
  const byId = Object.fromEntries(done.items.map((i: any) => [i.complaintId, i]));
  expect(byId[a.id].complaint).toMatchObject({ status: 'FORWARDED', currentOpd: { code: 'DISPERKIM' } });
  expect(byId[b.id].complaint).toMatchObject({ status: 'FORWARDED', currentOpd: { code: 'DINSOS-LINJAMSOS' } });
  const aNow = await lab.complaint('walikota', a.id, 'responseDueAt events { type message internalNote public }');
  expect(aNow.responseDueAt).toBe(endOfWibDay(due).toISOString());
  expect(aNow.events.at(-1)).toMatchObject({ type: 'FORWARDED', public: true });
  // The solution is the desk's instruction to the unit (internal); the reporter reads who follows it up.
  expect(aNow.events.at(-1).internalNote).toContain('Diusulkan bantuan renovasi RTLH');
  expect(aNow.events.at(-1).message).not.toContain('Diusulkan bantuan renovasi RTLH');
  expect(aNow.events.at(-1).message).toContain('Dinas Perumahan');

  // The central rule holds through desks: admins are refused, the responsible head answers.
  for (const who of ['admin.tengah', 'kepala.dinsos']) {
    const r = await lab.act(who, 'respondToComplaint', { id: a.id, answer: 'Rumah sudah masuk daftar renovasi tahun ini.' });
    expect(codeOf(r)).toBe('FORBIDDEN');
  }
  const answered = await lab.must('kepala.disperkim', 'respondToComplaint', {
    id: a.id,
    answer: 'Rumah Bapak masuk daftar renovasi RTLH dan dikerjakan Desember.',
  });
  expect(answered.status).toBe('RESPONDED');
  // The head of Dinas Sosial answers for its bidang (the central rule allows the unit above).
  expect((await lab.must('kepala.dinsos', 'respondToComplaint', { id: b.id, answer: 'Ibu sudah didaftarkan ke DTKS; PKH cair bulan depan.' })).status).toBe(
    'RESPONDED',
  );

  // Every step is on the timeline, and the timeline still rebuilds each row.
  for (const id of [a.id, b.id]) {
    const { row, events } = await lab.stored(id);
    expect(replayMismatches(row, events)).toEqual([]);
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['PROGRESS', 'INTERNAL_NOTE', 'FORWARDED', 'RESPONDED']));
  }
  participant.stop();
});

test('only complaints the convener handles can go on a desk', async () => {
  const atDisperkim = await lab.forwarded('DISPERKIM');
  const r = await lab.gql('kepala.dinsos', `mutation($i: DeskInput!) { conveneDesk(input: $i) { id } }`, {
    i: { title: 'Forum', complaintIds: [atDisperkim.id], participantOpdIds: [], scheduledAt: '2026-11-26T02:00:00Z', place: 'Balai kota' },
  });
  expect(codeOf(r)).toBe('FORBIDDEN');
  const submitted = (await lab.submit('admin.tengah')).complaint;
  const admin = await lab.gql('admin.tengah', `mutation($i: DeskInput!) { conveneDesk(input: $i) { id } }`, {
    i: { title: 'Forum', complaintIds: [submitted.id], participantOpdIds: [], scheduledAt: '2026-11-26T02:00:00Z', place: 'Balai kota' },
  });
  expect(codeOf(admin)).toBe('FORBIDDEN');
});
