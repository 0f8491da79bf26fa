import { ROLE_PERMISSIONS, Permission } from '../../../server/auth/permissions';
import { Role } from '../../../server/auth/roles';
import { Lab, collect, waitFor, type Collector } from '../lifecycle/helpers';

/**
 * Staff phone numbers and e-mails reach only those who need them: the superadmin (every
 * account), admins and unit heads (staff of their own Opd or below) and each user for their own
 * account; everyone else reads null, over HTTP and over graphql-ws, on every path a User is
 * reachable by (users, a complaint's assignee and timeline, a desk, a service post).
 */

let lab: Lab;
beforeAll(async () => {
  lab = await Lab.start();
});
afterAll(() => lab.stop());

/** Seeded contacts (server/seed/data/magelang.ts). */
const PHONE: Record<string, string> = {
  superadmin: '081200000101',
  'admin.tengah': '081200000102',
  'petugas.rw': '081200000104',
  'kepala.dinsos': '081200000105',
  'staf.dinsos': '081200000106',
  'kepala.disperkim': '081200000107',
  walikota: '081200000108',
};

/** Usernames whose phone or e-mail `viewer` reads in the users list, out of every account. */
async function contactsSeenBy(viewer: string): Promise<{ seen: Set<string>; all: Map<string, { phone: string | null; email: string | null }> }> {
  const { users } = await lab.ok(viewer, `{ users(perPage: 1000) { total items { username phone email } } }`);
  expect(users.items.length).toBe(users.total);
  const all = new Map<string, { phone: string | null; email: string | null }>(users.items.map((u: any) => [u.username, { phone: u.phone, email: u.email }]));
  return { seen: new Set([...all].filter(([, c]) => c.phone || c.email).map(([u]) => u)), all };
}

test('the permission is data: exactly superadmin, admins and unit heads hold STAFF_CONTACT_READ', () => {
  const holders = Object.values(Role).filter((r) => ROLE_PERMISSIONS[r].includes(Permission.STAFF_CONTACT_READ));
  expect(holders.sort()).toEqual([Role.ADMIN, Role.SUPERADMIN, Role.UNIT_HEAD].sort());
});

test('users: the superadmin sees every contact, admins and heads those of their own Opd tree, a leader only their own', async () => {
  const su = await contactsSeenBy('superadmin');
  expect(su.all.get('kepala.dinsos')).toEqual({ phone: PHONE['kepala.dinsos'], email: 'kepala.dinsos@magelangkota.go.id' });
  expect(su.all.get('walikota')?.phone).toBe(PHONE.walikota);
  const withContact: { username: string }[] = await lab.t.app.db.query(`SELECT username FROM app_user WHERE phone IS NOT NULL OR email IS NOT NULL`);
  expect([...su.seen].sort()).toEqual(withContact.map((u) => u.username).sort());

  const admin = await contactsSeenBy('admin.tengah');
  expect(admin.all.get('petugas.rw')?.phone).toBe(PHONE['petugas.rw']); // Kelurahan Cacaban lies in Kecamatan Magelang Tengah
  expect(admin.all.get('admin.tengah')?.phone).toBe(PHONE['admin.tengah']);
  expect(admin.all.get('kepala.dinsos')).toEqual({ phone: null, email: null });
  for (const u of ['superadmin', 'walikota', 'staf.dinsos', 'kepala.disperkim', 'admin.selatan']) expect([u, admin.seen.has(u)]).toEqual([u, false]);

  const head = await contactsSeenBy('kepala.dinsos');
  expect(head.all.get('staf.dinsos')?.phone).toBe(PHONE['staf.dinsos']);
  expect(head.all.get('kepala.dinsos-linjamsos')?.email).toBe('kepala.dinsos-linjamsos@magelangkota.go.id');
  expect(head.all.get('kepala.disperkim')).toEqual({ phone: null, email: null });
  for (const u of ['superadmin', 'walikota', 'admin.tengah', 'petugas.rw']) expect([u, head.seen.has(u)]).toEqual([u, false]);

  const leader = await contactsSeenBy('walikota');
  expect([...leader.seen]).toEqual(['walikota']);
  expect(leader.all.get('kepala.dinsos')).toEqual({ phone: null, email: null });
  const one = await lab.ok('walikota', `query($id: ID!) { user(id: $id) { username phone email } }`, { id: lab.user['kepala.dinsos'].id });
  expect(one.user).toEqual({ username: 'kepala.dinsos', phone: null, email: null });
});

test('a search by e-mail address finds nobody, so the list cannot be used to guess addresses', async () => {
  for (const who of ['walikota', 'superadmin']) {
    const { users } = await lab.ok(who, `{ users(filter: { q: "@magelangkota.go.id" }) { total } }`);
    expect([who, users.total]).toEqual([who, 0]);
  }
});

test("a complaint's assignee, recorder and timeline actors, a desk's convener and a post's officers show contacts only as allowed", async () => {
  const c = await lab.forwarded('DINSOS');
  await lab.must('kepala.dinsos', 'assignComplaint', { id: c.id, userId: lab.user['staf.dinsos'].id });
  const FIELDS = `assignee { username phone } recordedBy { username phone email } events { actor { username phone email } }`;
  const read = async (who: string) => {
    const x = await lab.complaint(who, c.id, FIELDS);
    const actors = Object.fromEntries(x.events.filter((e: any) => e.actor).map((e: any) => [e.actor.username, e.actor.phone]));
    return { assignee: x.assignee.phone, recorder: x.recordedBy.phone, actors };
  };
  // The staff member sees their own number, nobody else's.
  expect(await read('staf.dinsos')).toEqual({ assignee: PHONE['staf.dinsos'], recorder: null, actors: { 'admin.tengah': null, 'kepala.dinsos': null } });
  // Their head sees his staff (and himself), not the intake admin at the kecamatan.
  expect(await read('kepala.dinsos')).toEqual({
    assignee: PHONE['staf.dinsos'],
    recorder: null,
    actors: { 'admin.tengah': null, 'kepala.dinsos': PHONE['kepala.dinsos'] },
  });
  expect(await read('walikota')).toEqual({ assignee: null, recorder: null, actors: { 'admin.tengah': null, 'kepala.dinsos': null } });
  expect(await read('superadmin')).toEqual({
    assignee: PHONE['staf.dinsos'],
    recorder: PHONE['admin.tengah'],
    actors: { 'admin.tengah': PHONE['admin.tengah'], 'kepala.dinsos': PHONE['kepala.dinsos'] },
  });

  const { conveneDesk } = await lab.ok('kepala.dinsos', `mutation($i: DeskInput!) { conveneDesk(input: $i) { id } }`, {
    i: {
      title: 'Forum desk kontak',
      complaintIds: [c.id],
      participantOpdIds: [lab.opd.DISPERKIM],
      scheduledAt: new Date().toISOString(),
      place: 'Aula Dinsos',
    },
  });
  const convener = async (who: string) =>
    (await lab.ok(who, `query($id: ID!) { desk(id: $id) { convenedBy { username phone email } } }`, { id: conveneDesk.id })).desk.convenedBy;
  expect(await convener('kepala.disperkim')).toEqual({ username: 'kepala.dinsos', phone: null, email: null });
  expect(await convener('staf.dinsos')).toEqual({ username: 'kepala.dinsos', phone: null, email: null });
  expect((await convener('kepala.dinsos')).phone).toBe(PHONE['kepala.dinsos']);

  const officers = async (who: string) => {
    const { servicePosts } = await lab.ok(who, `{ servicePosts(perPage: 1000) { items { officers { username phone email } } } }`);
    return servicePosts.items.flatMap((p: any) => p.officers).find((o: any) => o.username === 'petugas.rw');
  };
  expect(await officers('kepala.disperkim')).toEqual({ username: 'petugas.rw', phone: null, email: null });
  expect((await officers('admin.tengah')).phone).toBe(PHONE['petugas.rw']);
});

const ACTORS = `subscription { complaintChanged { event { id type complaintId actor { username phone email } } complaint { id } } }`;

async function subscribe(username: string): Promise<Collector> {
  await lab.settleFeed();
  const before = lab.services.feed.subscriberCount;
  const col = collect(lab.t.ws(await lab.token(username)), {}, ACTORS);
  await waitFor(() => lab.services.feed.subscriberCount > before || col.errors.length > 0 || col.completed, 'the subscription to start');
  return col;
}

test('over graphql-ws the live feed masks contacts the same way', async () => {
  const c = await lab.forwarded('DINSOS');
  const leader = await subscribe('walikota');
  const su = await subscribe('superadmin');
  await lab.must('kepala.dinsos', 'addInternalNote', { id: c.id, note: 'Dicek ke lapangan besok' });
  const note = (col: Collector) => col.changes.find((x) => x.complaint.id === c.id && x.event.type === 'INTERNAL_NOTE');
  await leader.waitFor((col) => !!note(col), 'the note reaches the leader');
  await su.waitFor((col) => !!note(col), 'the note reaches the superadmin');
  expect(note(leader).event.actor).toEqual({ username: 'kepala.dinsos', phone: null, email: null });
  expect(note(su).event.actor).toEqual({ username: 'kepala.dinsos', phone: PHONE['kepala.dinsos'], email: 'kepala.dinsos@magelangkota.go.id' });
  expect([...leader.errors, ...su.errors]).toEqual([]);
  leader.stop();
  su.stop();
});
