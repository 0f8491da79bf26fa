import { AppError } from '../../../server/core/errors';
import type { Context } from '../../../server/core/context';
import type { ComplaintService } from '../../../server/modules/complaints/complaint.service';
import { Lab } from './helpers';

/**
 * Every staff action is refused by the domain itself, not only by the GraphQL permission in
 * front of it: the service methods are called directly, as every role that must not act, and
 * through the desk service, which has no checks of its own for the complaint's side.
 */
let lab: Lab;
beforeAll(async () => {
  lab = await Lab.start();
});
afterAll(() => lab?.stop());

const STAFF = ['admin.tengah', 'admin.selatan', 'petugas.rw', 'kepala.dinsos', 'staf.dinsos', 'kepala.disperkim', 'walikota', 'superadmin'];

type Call = (svc: ComplaintService, ctx: Context, id: string) => Promise<unknown>;
interface Case {
  /** A complaint where the action is legal for `rightful`. */
  setup: () => Promise<{ id: string }>;
  call: Call;
  rightful: string;
  /** Everyone else on the staff list, and the public. */
  also?: string[];
}

const ACTIONS: Record<string, Case> = {
  REJECT: {
    setup: async () => (await lab.submit('admin.tengah')).complaint,
    call: (s, c, id) => s.reject(c, id, null, 'Bukan pengaduan'),
    rightful: 'admin.tengah',
  },
  FORWARD: { setup: () => lab.verified(), call: (s, c, id) => s.forward(c, id, null, lab.opd.DINSOS), rightful: 'admin.tengah' },
  RETURN: { setup: () => lab.forwarded('DINSOS'), call: (s, c, id) => s.returnToIntake(c, id, null, 'Bukan kewenangan kami'), rightful: 'kepala.dinsos' },
  ASSIGN: { setup: () => lab.forwarded('DINSOS'), call: (s, c, id) => s.assign(c, id, null, lab.user['staf.dinsos'].id), rightful: 'kepala.dinsos' },
  PROGRESS: {
    setup: () => lab.forwarded('DINSOS'),
    call: (s, c, id) => s.addProgress(c, id, null, 'FIELD_CHECK' as never, 'Cek lapangan hari ini', true),
    rightful: 'kepala.dinsos',
  },
  NOTE: { setup: () => lab.forwarded('DINSOS'), call: (s, c, id) => s.addInternalNote(c, id, null, 'Mohon dipercepat'), rightful: 'admin.tengah' },
  CLOSE: { setup: () => lab.responded(), call: (s, c, id) => s.close(c, id, null), rightful: 'admin.tengah' },
  VERIFY: { setup: async () => (await lab.submit('admin.tengah')).complaint, call: (s, c, id) => s.verify(c, id, null), rightful: 'admin.tengah' },
  ACCEPT: { setup: () => lab.forwarded('DINSOS'), call: (s, c, id) => s.accept(c, id, null), rightful: 'kepala.dinsos' },
  REOPEN: { setup: () => lab.responded(), call: (s, c, id) => s.reopen(c, id, null, 'Belum tuntas'), rightful: 'admin.tengah' },
};
// Who else may do some of these, by the matrix: staff of the unit write progress and notes, the intake and the unit both note.
const ALSO_ALLOWED: Record<string, string[]> = { PROGRESS: ['staf.dinsos'], NOTE: ['kepala.dinsos', 'staf.dinsos'] };

async function refusal(p: Promise<unknown>): Promise<string> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof AppError)) throw new Error(`expected a refusal, got ${err === null ? 'success' : String(err)}`);
  return err.code;
}

test.each(Object.keys(ACTIONS))(
  '%s called on the service directly: every other role is FORBIDDEN, the public UNAUTHENTICATED, nothing is written',
  async (action) => {
    const { setup, call, rightful } = ACTIONS[action];
    const { id } = await setup();
    const svc = lab.services.complaints;
    const before = await lab.stored(id);

    const codes: Record<string, string> = {};
    for (const who of STAFF.filter((u) => u !== rightful && !(ALSO_ALLOWED[action] ?? []).includes(u))) {
      codes[who] = await refusal(call(svc, await lab.ctx(who), id));
    }
    codes.public = await refusal(call(svc, await lab.ctx(null), id));
    expect(Object.values(codes).filter((c) => c !== 'FORBIDDEN' && c !== 'UNAUTHENTICATED')).toEqual([]);
    expect(codes.public).toBe('UNAUTHENTICATED');
    expect(Object.entries(codes).filter(([who, c]) => who !== 'public' && c !== 'FORBIDDEN')).toEqual([]);

    const after = await lab.stored(id);
    expect(after.row.version).toBe(before.row.version);
    expect(after.events.length).toBe(before.events.length);

    // The same call as the one who may: so the refusals above are about the actor, not the call.
    await call(svc, await lab.ctx(rightful), id);
    expect((await lab.stored(id)).row.version).toBe(before.row.version + 1);
  },
);

test('the write path itself asks the policy for every staff actor, not only for RESPOND', async () => {
  const c = await lab.forwarded('DINSOS');
  const { row } = await lab.stored(c.id);
  const commit = (lab.services.complaints as unknown as { commit: (...a: unknown[]) => Promise<unknown> }).commit.bind(lab.services.complaints);
  const build = async () => ({ patch: {}, events: [{ type: 'INTERNAL_NOTE', public: false, message: 'x' }] });
  // A leader reads everything but changes nothing; the admin is not on the unit's side for a return.
  expect(await refusal(commit(row, null, 'NOTE', { viewer: await lab.viewer('walikota') }, build))).toBe('FORBIDDEN');
  expect(await refusal(commit(row, null, 'RETURN', { viewer: await lab.viewer('admin.tengah') }, build))).toBe('FORBIDDEN');
  // Without an account only the reporter's and the sweep's own actions exist.
  expect(await refusal(commit(row, null, 'FORWARD', { viewer: null, label: 'SYSTEM' }, build))).toBe('UNAUTHENTICATED');
  expect(await refusal(commit(row, null, 'NOTE', { viewer: null, label: 'CITIZEN' }, build))).toBe('UNAUTHENTICATED');
  expect(await refusal(commit(row, null, 'NOTE', { viewer: null }, build))).toBe('UNAUTHENTICATED');
  // Staff do not take the system's actions.
  expect(await refusal(commit(row, row.version, 'MARK_OVERDUE', { viewer: await lab.viewer('kepala.dinsos') }, build))).toBe('FORBIDDEN');
  expect((await lab.stored(c.id)).events.length).toBe(3);
});

test('the sweep’s own actions refuse a complaint that is not due', async () => {
  const c = await lab.forwarded('DINSOS');
  const { row } = await lab.stored(c.id);
  expect(await refusal(lab.services.complaints.markOverdue(row))).toBe('CONFLICT');
  const answered = await lab.responded();
  expect(await refusal(lab.services.complaints.autoClose((await lab.stored(answered.id)).row))).toBe('CONFLICT');
  expect((await lab.stored(c.id)).row.version).toBe(row.version);
});

describe('through desks', () => {
  const deskInput = (complaintIds: string[]) => ({
    title: 'Forum desk uji',
    complaintIds,
    participantOpdIds: [lab.opd.DISPERKIM],
    scheduledAt: new Date('2026-12-10T02:00:00Z'),
    place: 'Kantor Dinsos',
  });

  test('taking a complaint to a desk (PROGRESS) is refused to a head whose unit no longer holds it', async () => {
    // Disperkim handled it once (so it can read it) and returned it; it is now at Dinsos.
    const c = await lab.forwarded('DISPERKIM');
    await lab.must('kepala.disperkim', 'returnComplaint', { id: c.id, reason: 'Bukan kewenangan kami' });
    await lab.must('admin.tengah', 'forwardComplaint', { id: c.id, opdId: lab.opd.DINSOS });
    const before = await lab.stored(c.id);
    const desks = lab.services.desks;
    expect(await refusal(desks.convene(await lab.ctx('kepala.disperkim'), deskInput([c.id])))).toBe('FORBIDDEN');
    expect(await refusal(desks.convene(await lab.ctx('admin.tengah'), deskInput([c.id])))).toBe('FORBIDDEN');
    expect(await refusal(desks.convene(await lab.ctx('walikota'), deskInput([c.id])))).toBe('FORBIDDEN');
    expect((await lab.stored(c.id)).events.length).toBe(before.events.length);
    const [{ n }] = await lab.t.app.db.query('SELECT count(*)::int AS n FROM desk_item WHERE "complaintId" = $1', [Number(c.id)]);
    expect(n).toBe(0);
    const desk = await desks.convene(await lab.ctx('kepala.dinsos'), deskInput([c.id]));
    expect(desk.id).toBeGreaterThan(0);
  });

  test('minutes (NOTE) and the decision (FORWARD) are refused once the complaint has left the convening unit', async () => {
    const c = await lab.forwarded('DINSOS');
    const desks = lab.services.desks;
    const head = await lab.ctx('kepala.dinsos');
    const desk = await desks.convene(head, deskInput([c.id]));
    // The unit passes it on to Disperkim outside the desk; the desk is still open.
    await lab.must('kepala.dinsos', 'forwardComplaint', { id: c.id, opdId: lab.opd.DISPERKIM });
    const before = await lab.stored(c.id);

    expect(await refusal(desks.recordMinutes(head, String(desk.id), 'Disepakati survei lapangan'))).toBe('FORBIDDEN');
    expect(await refusal(desks.conclude(head, String(desk.id), [{ complaintId: c.id, solution: 'Renovasi RTLH', responsibleOpdId: lab.opd.DINSOS }]))).toBe(
      'FORBIDDEN',
    );
    const after = await lab.stored(c.id);
    expect(after.row.version).toBe(before.row.version);
    expect(after.events.length).toBe(before.events.length);
    const [{ minutes, status }] = await lab.t.app.db.query('SELECT minutes, status FROM desk WHERE id = $1', [desk.id]);
    expect({ minutes, status }).toEqual({ minutes: null, status: 'CONVENED' });
  });
});
