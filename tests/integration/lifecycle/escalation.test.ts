import { Lab, expectError } from './helpers';

/**
 * A late complaint escalates to a person: the head of the parent unit, or for units directly
 * under the city the coordinator; rules are data the superadmin edits. The head it reaches
 * finds it in the "Eskalasi" view and may remind, re-route or take it over.
 */
let lab: Lab;
beforeAll(async () => {
  lab = await Lab.start();
}, 60_000);
afterAll(() => lab?.stop());

const E = 'id status version currentOpdId escalatedToOpdId escalatedAt escalationReason escalatedTo { code } availableActions';
const DAY = 86_400_000;

/** Forwarded to `opdCode`, then its deadline passes on the sweep's clock. */
async function lateAt(opdCode: string, title: string) {
  const c = await lab.forwarded(opdCode, { title });
  const later = lab.services.complaints.withClock(() => new Date(Date.now() + 30 * DAY));
  await later.markOverdue((await lab.stored(c.id)).row);
  return c;
}

const eskalasi = async (username: string) =>
  (await lab.list(username, { escalatedToMe: true }, { perPage: 100 }, 'id escalationReason escalatedTo { code }')).items;

test('every Opd of the seed has an escalation target with an active head, never itself', async () => {
  const opds: { id: number; code: string; parentId: number | null }[] = await lab.t.app.db.query('SELECT id, code, "parentId" FROM opd WHERE active');
  const headed = new Set(
    (await lab.t.app.db.query(`SELECT DISTINCT "opdId" FROM app_user WHERE role = 'UNIT_HEAD' AND active`)).map((r: { opdId: number }) => r.opdId),
  );
  const missing: string[] = [];
  for (const o of opds.filter((x) => x.parentId != null)) {
    const target = await lab.services.escalations.targetFor(o.id);
    if (!target || target.id === o.id || !headed.has(target.id)) missing.push(o.code);
  }
  expect(missing).toEqual([]);
  expect(opds.length).toBeGreaterThan(40);
});

test('a bidang’s late complaint reaches the head of its Opd; an Opd under the city reaches the coordinator', async () => {
  const bidang = await lateAt('DINSOS-LINJAMSOS', 'Eskalasi bidang: kartu KIS belum aktif');
  const inBidang = await lab.complaint('kepala.dinsos', bidang.id, E);
  expect(inBidang).toMatchObject({ escalatedTo: { code: 'DINSOS' }, escalationReason: 'Melewati batas waktu tanggapan' });

  const opd = await lateAt('DINSOS', 'Eskalasi OPD: bantuan sosial tunai terlambat');
  // The coordinator (Diskominsta) now sees it, though it never handled it.
  const seen = await lab.complaint('kepala.diskominsta', opd.id, E);
  expect(seen).toMatchObject({ escalatedTo: { code: 'DISKOMINSTA' }, status: 'FORWARDED' });
  expect(seen.availableActions).toEqual(expect.arrayContaining(['REMIND', 'FORWARD', 'NOTE']));
  expect((await eskalasi('kepala.diskominsta')).map((c: any) => c.id)).toContain(opd.id);
  expect((await eskalasi('kepala.diskominsta')).map((c: any) => c.id)).not.toContain(bidang.id);

  const events = await lab.events(opd.id, 'type fromOpdId toOpdId public');
  expect(events.slice(-2)).toEqual([
    { type: 'OVERDUE', fromOpdId: lab.opd.DINSOS, toOpdId: null, public: false },
    { type: 'ESCALATED', fromOpdId: lab.opd.DINSOS, toOpdId: lab.opd.DISKOMINSTA, public: false },
  ]);
});

test('the escalation’s head reminds and re-routes; anyone else is refused; a re-routed complaint leaves the view', async () => {
  const c = await lateAt('DINSOS', 'Eskalasi: rumah tidak layak huni belum disurvei');
  const other = await lab.act('kepala.disperkim', 'remindComplaint', { id: c.id });
  expectError(other, 'FORBIDDEN');

  const reminded = await lab.ok(
    'kepala.diskominsta',
    `mutation($id: ID!) { remindComplaint(id: $id, note: "Mohon segera ditindaklanjuti hari ini") { id status } }`,
    { id: c.id },
  );
  expect(reminded.remindComplaint.status).toBe('FORWARDED');
  // Escalation lets the head remind and re-route, never answer for the unit: the central rule holds.
  expectError(await lab.act('kepala.diskominsta', 'respondToComplaint', { id: c.id, answer: 'Jawaban dari unit yang bukan penanganan.' }), 'FORBIDDEN');
  const last = (await lab.events(c.id, 'type fromOpdId toOpdId message public')).at(-1);
  expect(last).toEqual({
    type: 'REMINDED',
    fromOpdId: lab.opd.DISKOMINSTA,
    toOpdId: lab.opd.DINSOS,
    message: 'Mohon segera ditindaklanjuti hari ini',
    public: false,
  });

  // Re-route: the head sends it to the unit that should have had it.
  const moved = await lab.must('kepala.diskominsta', 'forwardComplaint', { id: c.id, opdId: lab.opd.DISPERKIM }, E);
  expect(moved).toMatchObject({ status: 'FORWARDED', currentOpdId: lab.opd.DISPERKIM, escalatedToOpdId: null, escalationReason: null });
  expect((await eskalasi('kepala.diskominsta')).map((x: any) => x.id)).not.toContain(c.id);
  // Reminding is over with the escalation.
  expectError(await lab.act('kepala.diskominsta', 'remindComplaint', { id: c.id }), 'FORBIDDEN');
});

test('the superadmin edits escalation rules as data; others may not', async () => {
  expectError(
    await lab.gql('admin.tengah', `mutation($i: EscalationRuleInput!) { createEscalationRule(input: $i) { id } }`, {
      i: { opdId: lab.opd.DISPERKIM, targetOpdId: lab.opd.INSPEKTORAT },
    }),
    'FORBIDDEN',
  );
  const rule = await lab.ok('superadmin', `mutation($i: EscalationRuleInput!) { createEscalationRule(input: $i) { id opd { code } targetOpd { code } } }`, {
    i: { opdId: lab.opd.DISPERKIM, targetOpdId: lab.opd.INSPEKTORAT, note: 'Uji aturan' },
  });
  expect(rule.createEscalationRule).toMatchObject({ opd: { code: 'DISPERKIM' }, targetOpd: { code: 'INSPEKTORAT' } });
  const twice = await lab.gql('superadmin', `mutation($i: EscalationRuleInput!) { createEscalationRule(input: $i) { id } }`, {
    i: { opdId: lab.opd.DISPERKIM, targetOpdId: lab.opd.DISKOMINSTA },
  });
  expectError(twice, 'BAD_USER_INPUT', ['input.opdId']);
  const self = await lab.gql('superadmin', `mutation($i: EscalationRuleInput!) { createEscalationRule(input: $i) { id } }`, {
    i: { opdId: lab.opd.DISHUB, targetOpdId: lab.opd.DISHUB },
  });
  expectError(self, 'BAD_USER_INPUT', ['input.targetOpdId']);

  const c = await lateAt('DISPERKIM', 'Eskalasi menurut aturan: drainase tersumbat');
  expect(await lab.complaint('kepala.inspektorat', c.id, 'escalatedTo { code }')).toEqual({ escalatedTo: { code: 'INSPEKTORAT' } });
});
