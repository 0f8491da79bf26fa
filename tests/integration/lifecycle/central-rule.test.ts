import { AppError } from '../../../server/core/errors';
import { ComplaintAction, ComplaintEventType, ComplaintStatus } from '../../../server/modules/complaints/complaint.enums';
import { Lab } from './helpers';

let lab: Lab;
beforeAll(async () => {
  lab = await Lab.start();
});
afterAll(() => lab?.stop());

const ANSWER = 'Bantuan sudah dicairkan melalui rekening KKS bulan ini.';
const OUTSIDERS = ['admin.tengah', 'petugas.rw', 'staf.dinsos', 'walikota', 'superadmin', 'kepala.disperkim', 'kepala.dinsos-linjamsos', 'admin.puskesmas'];

test.each(['FORWARDED', 'IN_PROGRESS'])('only the head of the unit answers a %s complaint; everybody else gets FORBIDDEN', async (status) => {
  const c = await lab.forwarded('DINSOS', {}, 'petugas.rw');
  if (status === 'IN_PROGRESS') await lab.must('kepala.dinsos', 'acceptComplaint', { id: c.id });
  const before = await lab.complaint('walikota', c.id);
  expect(before.status).toBe(status);

  for (const who of OUTSIDERS) {
    const r = await lab.act(who, 'respondToComplaint', { id: c.id, answer: ANSWER });
    expect({ who, code: r.errors?.[0]?.extensions?.code, data: r.data?.respondToComplaint ?? null }).toEqual({ who, code: 'FORBIDDEN', data: null });
    if (who === 'admin.tengah') {
      // The admin is told what to do instead.
      expect(r.errors![0].message).toMatch(/forward/i);
    }
  }
  const unchanged = await lab.complaint('walikota', c.id);
  expect(unchanged).toMatchObject({ status, version: before.version, answer: null });

  const ok = await lab.must('kepala.dinsos', 'respondToComplaint', { id: c.id, answer: ANSWER });
  expect(ok).toMatchObject({ status: 'RESPONDED', answer: ANSWER });
});

test('the rule lives in the domain: calling the service directly as an ADMIN is refused too', async () => {
  const c = await lab.forwarded('DINSOS');
  const svc = lab.services.complaints;

  for (const who of ['admin.tengah', 'staf.dinsos', 'kepala.disperkim', 'walikota', 'superadmin']) {
    const err = await svc.respond(await lab.ctx(who), c.id, null, ANSWER).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    expect({ who, code: (err as AppError).code }).toEqual({ who, code: 'FORBIDDEN' });
    if (who === 'admin.tengah') expect((err as AppError).message).toMatch(/forward/i);
  }
  const anon = await svc.respond(await lab.ctx(null), c.id, null, ANSWER).then(
    () => null,
    (e: unknown) => e,
  );
  expect((anon as AppError).code).toBe('UNAUTHENTICATED');

  // Not even through the one write path itself (private to the service; reached here on purpose).
  const { row } = await lab.stored(c.id);
  const commit = (svc as unknown as { commit: (...a: unknown[]) => Promise<unknown> }).commit.bind(svc);
  const viaCommit = await commit(
    row,
    row.version,
    ComplaintAction.RESPOND,
    { viewer: await lab.viewer('admin.tengah') },
    async (_c: unknown, now: Date) => ({
      patch: { status: ComplaintStatus.RESPONDED, answer: ANSWER, respondedAt: now },
      events: [{ type: ComplaintEventType.RESPONDED, public: true, message: ANSWER }],
    }),
    { statusFor: () => ComplaintStatus.IN_PROGRESS },
  ).then(
    () => null,
    (e: unknown) => e,
  );
  expect((viaCommit as AppError)?.code).toBe('FORBIDDEN');

  const still = await lab.stored(c.id);
  expect(still.row).toMatchObject({ status: 'FORWARDED', version: c.version, answer: null });
  expect(still.events.map((e) => e.type)).toEqual(['SUBMITTED', 'VERIFIED', 'FORWARDED']);

  const answered = await svc.respond(await lab.ctx('kepala.dinsos'), c.id, null, ANSWER);
  expect(answered.status).toBe('RESPONDED');
});

test('availableActions never offers RESPOND to the admin, in any status', async () => {
  const FIELDS = 'id status availableActions';
  const seen: Record<string, string[]> = {};
  const headSaw: Record<string, string[]> = {};
  const look = async (id: string) => {
    const a = await lab.complaint('admin.tengah', id, FIELDS);
    seen[a.status] = a.availableActions;
    expect(a.availableActions).not.toContain('RESPOND');
    const h = await lab.complaint('kepala.dinsos', id, FIELDS);
    if (h) headSaw[h.status] = h.availableActions;
  };

  const { complaint } = await lab.submit('admin.tengah');
  const id = complaint.id;
  await look(id);
  await lab.must('admin.tengah', 'verifyComplaint', { id });
  await look(id);
  await lab.must('admin.tengah', 'forwardComplaint', { id, opdId: lab.opd.DINSOS });
  await look(id);
  await lab.must('kepala.dinsos', 'acceptComplaint', { id });
  await look(id);
  await lab.must('kepala.dinsos', 'respondToComplaint', { id, answer: ANSWER });
  await look(id);
  await lab.ok('admin.tengah', 'mutation($id: ID!) { reopenComplaint(id: $id, reason: "Belum tuntas") }', { id });
  await look(id);
  await lab.must('kepala.dinsos', 'respondToComplaint', { id, answer: ANSWER });
  await lab.must('admin.tengah', 'closeComplaint', { id });
  await look(id);
  const other = await lab.submit('admin.tengah');
  await lab.must('admin.tengah', 'rejectComplaint', { id: other.complaint.id, reason: 'Bukan pengaduan' });
  await look(other.complaint.id);

  expect(Object.keys(seen).sort()).toEqual(['CLOSED', 'FORWARDED', 'IN_PROGRESS', 'REJECTED', 'RESPONDED', 'SUBMITTED', 'VERIFIED']);
  // What the admin is offered instead.
  expect(seen.SUBMITTED).toEqual(expect.arrayContaining(['VERIFY', 'REJECT']));
  expect(seen.VERIFIED).toEqual(expect.arrayContaining(['FORWARD', 'REJECT']));
  expect(seen.RESPONDED).toEqual(expect.arrayContaining(['CLOSE', 'REOPEN']));
  // The same field does offer RESPOND to the unit head, so the check above could fail.
  expect(headSaw.FORWARDED).toContain('RESPOND');
  expect(headSaw.IN_PROGRESS).toContain('RESPOND');
  expect(headSaw.RESPONDED).not.toContain('RESPOND');
});
