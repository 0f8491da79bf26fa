import { Permission, ROLE_PERMISSIONS } from '../../../server/auth/permissions';
import { Role } from '../../../server/auth/roles';
import { codeOf, startTestApp, type GqlResult, type TestApp } from '../../support/test-app';

let t: TestApp;
let su: string;
let admin: string;
let leader: string;
/** Seeded Opd ids by code. */
const opd: Record<string, string> = {};
let slaPolicyId: string;

beforeAll(async () => {
  t = await startTestApp();
  su = await t.login('superadmin');
  admin = await t.login('admin.tengah');
  leader = await t.login('walikota');
  const { opds } = await t.ok('{ opds(perPage: 1000) { items { id code } } }', {}, su);
  for (const o of opds.items) opd[o.code] = o.id;
  const { slaPolicies } = await t.ok('{ slaPolicies { items { id code } } }', {}, su);
  slaPolicyId = slaPolicies.items[0].id;
});
afterAll(() => t?.stop());

function fail(r: GqlResult, code: string) {
  expect({ code: codeOf(r), data: r.data ?? null }).toMatchObject({ code });
  // A refused mutation returns no data for it.
  const value = r.data ? Object.values(r.data)[0] : null;
  expect(value ?? null).toBeNull();
}

interface Resource {
  type: string;
  single: string;
  plural: string;
  inputType: string;
  fields: string;
  read: Permission;
  /** Two distinct records; the first sorts before the second by `sortField`. */
  inputs(): [Record<string, unknown>, Record<string, unknown>];
  update(first: Record<string, unknown>): Record<string, unknown>;
  /** What the update must have changed. */
  updated: Record<string, unknown>;
  sortField: string;
  /** Search text matching both records and nothing seeded. */
  q: string;
}

const RESOURCES: Resource[] = [
  {
    type: 'Opd',
    single: 'opd',
    plural: 'opds',
    inputType: 'OpdInput',
    read: Permission.ORG_READ,
    fields: 'id code name kind parentId regionCode active',
    inputs: () => [
      { code: 'ZQX-OPD-A', name: 'Zqxopd Alfa', kind: 'OPD', parentId: rootId() },
      { code: 'ZQX-OPD-B', name: 'Zqxopd Beta', kind: 'BIDANG', parentId: opd.DINSOS },
    ],
    update: (a) => ({ ...a, name: 'Zqxopd Alfa Baru', active: false }),
    updated: { name: 'Zqxopd Alfa Baru', active: false },
    sortField: 'name',
    q: 'zqxopd',
  },
  {
    type: 'ServicePost',
    single: 'servicePost',
    plural: 'servicePosts',
    inputType: 'ServicePostInput',
    read: Permission.ORG_READ,
    fields: 'id code name kelurahanId rw address schedule { weekday opensAt closesAt } active kelurahan { code }',
    inputs: () => [
      {
        code: 'ZQX-POS-A',
        name: 'Zqxpos Alfa',
        kelurahanId: opd['KEL-CACABAN'],
        rw: '7',
        address: 'Jl. Uji 1',
        schedule: [{ weekday: 1, opensAt: '09:00', closesAt: '12:00' }],
      },
      { code: 'ZQX-POS-B', name: 'Zqxpos Beta', kelurahanId: opd['KEL-WATES'], rw: '12', schedule: [] },
    ],
    update: (a) => ({ ...a, rw: '08', schedule: [{ weekday: 4, opensAt: '13:00', closesAt: '15:30' }] }),
    updated: { rw: '08', schedule: [{ weekday: 4, opensAt: '13:00', closesAt: '15:30' }] },
    sortField: 'code',
    q: 'zqxpos',
  },
  {
    type: 'Category',
    single: 'category',
    plural: 'categories',
    inputType: 'CategoryInput',
    read: Permission.ORG_READ,
    fields: 'id code name description defaultOpdId slaPolicyId active defaultOpd { code }',
    inputs: () => [
      { code: 'ZQX-CAT-A', name: 'Zqxcat Alfa', description: 'uji', defaultOpdId: opd.DINSOS, slaPolicyId },
      { code: 'ZQX-CAT-B', name: 'Zqxcat Beta' },
    ],
    update: (a) => ({ ...a, name: 'Zqxcat Alfa Baru', defaultOpdId: opd.DISPERKIM }),
    updated: { name: 'Zqxcat Alfa Baru', defaultOpd: { code: 'DISPERKIM' } },
    sortField: 'name',
    q: 'zqxcat',
  },
  {
    type: 'SlaPolicy',
    single: 'slaPolicy',
    plural: 'slaPolicies',
    inputType: 'SlaPolicyInput',
    read: Permission.ORG_READ,
    fields: 'id code name calendar verifyWithin verifyUnit respondWithin respondUnit autoCloseAfterDays isDefault',
    inputs: () => [
      {
        code: 'ZQX-SLA-A',
        name: 'Zqxsla Alfa',
        calendar: 'WORKING_DAYS',
        verifyWithin: 3,
        verifyUnit: 'WORKING_DAYS',
        respondWithin: 5,
        respondUnit: 'WORKING_DAYS',
      },
      {
        code: 'ZQX-SLA-B',
        name: 'Zqxsla Beta',
        calendar: 'CALENDAR_HOURS',
        verifyWithin: 24,
        verifyUnit: 'CLOCK_HOURS',
        respondWithin: 48,
        respondUnit: 'WORKING_HOURS',
      },
    ],
    update: (a) => ({ ...a, respondWithin: 7, autoCloseAfterDays: 14 }),
    updated: { respondWithin: 7, autoCloseAfterDays: 14, isDefault: false },
    sortField: 'name',
    q: 'zqxsla',
  },
  {
    type: 'Program',
    single: 'program',
    plural: 'programs',
    inputType: 'ProgramInput',
    read: Permission.ORG_READ,
    fields: 'id code name ownerOpdId description startsOn endsOn active ownerOpd { code }',
    inputs: () => [
      { code: 'ZQX-PRG-A', name: 'Zqxprg Alfa', ownerOpdId: opd.DINSOS, startsOn: '2026-01-01', endsOn: '2026-12-31' },
      { code: 'ZQX-PRG-B', name: 'Zqxprg Beta', description: 'program uji' },
    ],
    update: (a) => ({ ...a, endsOn: '2027-06-30', ownerOpdId: null }),
    updated: { endsOn: '2027-06-30', ownerOpdId: null, ownerOpd: null },
    sortField: 'code',
    q: 'zqxprg',
  },
  {
    type: 'Holiday',
    single: 'holiday',
    plural: 'holidays',
    inputType: 'HolidayInput',
    read: Permission.ORG_READ,
    fields: 'id date name kind',
    inputs: () => [
      { date: '2031-03-10', name: 'Zqxhol Alfa', kind: 'NATIONAL' },
      { date: '2031-03-11', name: 'Zqxhol Beta', kind: 'CUTI_BERSAMA' },
    ],
    update: (a) => ({ ...a, date: '2031-03-12', kind: 'CUTI_BERSAMA' }),
    updated: { date: '2031-03-12', kind: 'CUTI_BERSAMA' },
    sortField: 'date',
    q: 'zqxhol',
  },
  {
    type: 'User',
    single: 'user',
    plural: 'users',
    inputType: 'UserInput',
    read: Permission.USER_READ,
    fields: 'id username name phone email opdId role active servicePostId opd { code }',
    inputs: () => [
      { username: 'zqxusr.alfa', name: 'Zqxusr Alfa', opdId: opd.DINSOS, role: 'UNIT_STAFF', password: 'rahasia-alfa-1', email: 'alfa@example.org' },
      { username: 'zqxusr.beta', name: 'Zqxusr Beta', opdId: opd.DISPERKIM, role: 'UNIT_HEAD', password: 'rahasia-beta-1' },
    ],
    update: (a) => {
      const { password: _p, ...rest } = a;
      return { ...rest, name: 'Zqxusr Alfa Baru', opdId: opd['DINSOS-LINJAMSOS'] };
    },
    updated: { name: 'Zqxusr Alfa Baru', opd: { code: 'DINSOS-LINJAMSOS' } },
    sortField: 'username',
    q: 'zqxusr',
  },
];

function rootId(): string {
  return Object.entries(opd).find(([code]) => code.startsWith('PEMDA'))![1];
}

const ROLES_AND_USERS: [Role, string][] = [
  [Role.SUPERADMIN, 'superadmin'],
  [Role.ADMIN, 'admin.tengah'],
  [Role.OFFICER, 'petugas.rw'],
  [Role.UNIT_HEAD, 'kepala.dinsos'],
  [Role.UNIT_STAFF, 'staf.dinsos'],
  [Role.LEADER, 'walikota'],
];

describe.each(RESOURCES)('$type', (r) => {
  const create = `mutation($input: ${r.inputType}!) { create${r.type}(input: $input) { ${r.fields} } }`;
  const update = `mutation($id: ID!, $input: ${r.inputType}!) { update${r.type}(id: $id, input: $input) { ${r.fields} } }`;
  const remove = `mutation($id: ID!) { delete${r.type}(id: $id) { id } }`;
  const one = `query($id: ID!) { ${r.single}(id: $id) { ${r.fields} } }`;
  const list = `query($filter: ${r.type}Filter, $page: Int, $perPage: Int, $sortField: String, $sortOrder: SortOrder) {
    ${r.plural}(filter: $filter, page: $page, perPage: $perPage, sortField: $sortField, sortOrder: $sortOrder) { total items { id } }
  }`;
  let a: Record<string, any>;
  let b: Record<string, any>;
  let inputs: [Record<string, unknown>, Record<string, unknown>];

  test('superadmin creates two records', async () => {
    inputs = r.inputs();
    a = (await t.ok(create, { input: inputs[0] }, su))[`create${r.type}`];
    b = (await t.ok(create, { input: inputs[1] }, su))[`create${r.type}`];
    expect(a.id).toEqual(expect.any(String));
    expect(b.id).not.toBe(a.id);
    for (const [k, v] of Object.entries(inputs[0])) {
      if (k === 'password') continue;
      if (k === 'rw') expect(a.rw).toBe(String(v).padStart(2, '0'));
      else expect(a[k]).toEqual(v);
    }
    expect(a).not.toHaveProperty('password');
    expect((await t.ok(one, { id: a.id }, su))[r.single]).toEqual(a);
  });

  test('the list finds them by q and ids, with the right total, paging and sort', async () => {
    const byQ = (await t.ok(list, { filter: { q: r.q.toUpperCase() } }, su))[r.plural];
    expect(byQ.total).toBe(2);
    expect(byQ.items.map((x: { id: string }) => x.id).sort()).toEqual([a.id, b.id].sort());

    const byIds = (await t.ok(list, { filter: { ids: [b.id] } }, su))[r.plural];
    expect(byIds).toEqual({ total: 1, items: [{ id: b.id }] });

    const asc = (await t.ok(list, { filter: { q: r.q }, sortField: r.sortField, sortOrder: 'ASC' }, su))[r.plural];
    expect(asc.items.map((x: { id: string }) => x.id)).toEqual([a.id, b.id]);
    const desc = (await t.ok(list, { filter: { q: r.q }, sortField: r.sortField, sortOrder: 'DESC' }, su))[r.plural];
    expect(desc.items.map((x: { id: string }) => x.id)).toEqual([b.id, a.id]);

    const page2 = (await t.ok(list, { filter: { q: r.q }, sortField: r.sortField, page: 2, perPage: 1 }, su))[r.plural];
    expect(page2).toEqual({ total: 2, items: [{ id: b.id }] });

    const all = (await t.ok(list, { perPage: 1 }, su))[r.plural];
    expect(all.items).toHaveLength(1);
    expect(all.total).toBeGreaterThanOrEqual(2);
  });

  test('admin.tengah and walikota get FORBIDDEN for create, update and delete, and nothing changes', async () => {
    const [, spare] = r.inputs();
    for (const token of [admin, leader]) {
      fail(await t.gql(create, { input: { ...spare, ...uniqueBits(r.type) } }, token), 'FORBIDDEN');
      fail(await t.gql(update, { id: a.id, input: r.update(inputs[0]) }, token), 'FORBIDDEN');
      fail(await t.gql(remove, { id: a.id }, token), 'FORBIDDEN');
    }
    expect((await t.ok(one, { id: a.id }, su))[r.single]).toEqual(a);
    expect((await t.ok(list, { filter: { q: r.q } }, su))[r.plural].total).toBe(2);
  });

  test('without a token create, update, delete and reads give UNAUTHENTICATED', async () => {
    fail(await t.gql(create, { input: { ...inputs[1], ...uniqueBits(r.type) } }), 'UNAUTHENTICATED');
    fail(await t.gql(update, { id: a.id, input: r.update(inputs[0]) }), 'UNAUTHENTICATED');
    fail(await t.gql(remove, { id: a.id }), 'UNAUTHENTICATED');
    fail(await t.gql(list, {}), 'UNAUTHENTICATED');
    fail(await t.gql(one, { id: a.id }), 'UNAUTHENTICATED');
    expect((await t.ok(one, { id: a.id }, su))[r.single]).toEqual(a);
  });

  test(`reads are allowed exactly to the roles holding ${r.read}`, async () => {
    for (const [role, username] of ROLES_AND_USERS) {
      const token = await t.login(username);
      const allowed = ROLE_PERMISSIONS[role].includes(r.read);
      const res = await t.gql(list, { filter: { ids: [a.id] } }, token);
      const single = await t.gql(one, { id: a.id }, token);
      if (allowed) {
        expect({ role, errors: res.errors, single: single.errors }).toEqual({ role, errors: undefined, single: undefined });
        expect(res.data[r.plural].total).toBe(1);
        expect(single.data[r.single].id).toBe(a.id);
      } else {
        expect({ role, code: codeOf(res), single: codeOf(single) }).toEqual({ role, code: 'FORBIDDEN', single: 'FORBIDDEN' });
      }
    }
  });

  test('superadmin updates a record', async () => {
    const res = (await t.ok(update, { id: a.id, input: r.update(inputs[0]) }, su))[`update${r.type}`];
    expect(res).toMatchObject(r.updated);
    expect(res.id).toBe(a.id);
    expect((await t.ok(one, { id: a.id }, su))[r.single]).toMatchObject(r.updated);
    // The other record is untouched.
    expect((await t.ok(one, { id: b.id }, su))[r.single]).toEqual(b);
  });

  test('superadmin deletes both records', async () => {
    for (const rec of [a, b]) {
      const res = (await t.ok(remove, { id: rec.id }, su))[`delete${r.type}`];
      expect(res.id).toBe(rec.id);
      expect((await t.ok(one, { id: rec.id }, su))[r.single]).toBeNull();
    }
    expect((await t.ok(list, { filter: { q: r.q } }, su))[r.plural].total).toBe(0);
    // Deleting again: there is nothing to delete.
    expect(codeOf(await t.gql(remove, { id: a.id }, su))).toBe('NOT_FOUND');
  });
});

/** Keeps a refused create from colliding with existing records, so only the permission can refuse it. */
function uniqueBits(type: string): Record<string, unknown> {
  switch (type) {
    case 'Holiday':
      return { date: '2031-04-01', name: 'Zqxhol Gamma' };
    case 'User':
      return { username: 'zqxusr.gamma' };
    default:
      return { code: `ZQX-${type.toUpperCase()}-G` };
  }
}

test('a user created by superadmin can sign in, and an update without password keeps it', async () => {
  const { createUser } = await t.ok(
    `mutation($input: UserInput!) { createUser(input: $input) { id username } }`,
    { input: { username: 'zqx.login', name: 'Zqx Login', opdId: opd.DINSOS, role: 'UNIT_STAFF', password: 'sandi-rahasia-9' } },
    su,
  );
  const token = await t.login('zqx.login', 'sandi-rahasia-9');
  expect((await t.ok('{ me { username role } }', {}, token)).me).toEqual({ username: 'zqx.login', role: 'UNIT_STAFF' });
  await t.ok(
    `mutation($id: ID!, $input: UserInput!) { updateUser(id: $id, input: $input) { id } }`,
    { id: createUser.id, input: { username: 'zqx.login', name: 'Zqx Login Baru', opdId: opd.DINSOS, role: 'UNIT_STAFF' } },
    su,
  );
  const again = await t.gql(`mutation { login(username: "zqx.login", password: "sandi-rahasia-9") { token } }`);
  expect(again.errors).toBeUndefined();
});

describe('Opd tree', () => {
  const OPD_FIELDS = 'id code name kind parentId regionCode active';
  const createOpd = `mutation($input: OpdInput!) { createOpd(input: $input) { ${OPD_FIELDS} } }`;
  const updateOpd = `mutation($id: ID!, $input: OpdInput!) { updateOpd(id: $id, input: $input) { ${OPD_FIELDS} } }`;
  const within = async (id: string) =>
    (await t.ok(`query($id: ID!) { opds(filter: { withinId: $id }, perPage: 1000) { total items { id code } } }`, { id }, su)).opds as {
      total: number;
      items: { id: string; code: string }[];
    };
  const inputOf = (o: Record<string, unknown>) => ({
    code: o.code,
    name: o.name,
    kind: o.kind,
    parentId: o.parentId,
    regionCode: o.regionCode,
    active: o.active,
  });

  test('deleting an Opd that is still referenced gives CONFLICT and keeps it', async () => {
    const kec = opd['KEC-TENGAH'];
    const r = await t.gql(`mutation($id: ID!) { deleteOpd(id: $id) { id } }`, { id: kec }, su);
    expect(codeOf(r)).toBe('CONFLICT');
    expect(r.errors![0].message).not.toMatch(/violates|constraint|fk_|sql/i);
    expect((await t.ok(`query($id: ID!) { opd(id: $id) { code } }`, { id: kec }, su)).opd.code).toBe('KEC-TENGAH');
    expect((await within(kec)).total).toBeGreaterThan(1);
  });

  test('moving an Opd under its own child or itself gives BAD_USER_INPUT on input.parentId', async () => {
    const { opd: kec } = await t.ok(`query($id: ID!) { opd(id: $id) { ${OPD_FIELDS} } }`, { id: opd['KEC-TENGAH'] }, su);
    for (const parentId of [opd['KEL-CACABAN'], kec.id]) {
      const r = await t.gql(updateOpd, { id: kec.id, input: { ...inputOf(kec), parentId } }, su);
      expect(codeOf(r)).toBe('BAD_USER_INPUT');
      expect(r.errors![0].extensions!.fields).toEqual(['input.parentId']);
    }
    const after = await t.ok(`query($id: ID!) { opd(id: $id) { parentId } }`, { id: kec.id }, su);
    expect(after.opd.parentId).toBe(kec.parentId);
  });

  test('moving a subtree moves its descendants in withinId filtering', async () => {
    const root = rootId();
    const x = (await t.ok(createOpd, { input: { code: 'ZQX-TREE-X', name: 'Zqxtree X', kind: 'OPD', parentId: root } }, su)).createOpd;
    const y = (await t.ok(createOpd, { input: { code: 'ZQX-TREE-Y', name: 'Zqxtree Y', kind: 'BIDANG', parentId: x.id } }, su)).createOpd;
    const z = (await t.ok(createOpd, { input: { code: 'ZQX-TREE-Z', name: 'Zqxtree Z', kind: 'UPT', parentId: y.id } }, su)).createOpd;
    const codes = async (id: string) => (await within(id)).items.map((o) => o.code);

    expect((await codes(x.id)).sort()).toEqual(['ZQX-TREE-X', 'ZQX-TREE-Y', 'ZQX-TREE-Z']);
    const dinsosBefore = await within(opd.DINSOS);
    expect(dinsosBefore.items.map((o) => o.code)).not.toContain('ZQX-TREE-Y');

    // Move X (with Y and Z) under Dinas Sosial.
    await t.ok(updateOpd, { id: x.id, input: { ...inputOf(x), kind: 'BIDANG', parentId: opd.DINSOS } }, su);
    const dinsosAfter = await within(opd.DINSOS);
    expect(dinsosAfter.items.map((o) => o.code)).toEqual(expect.arrayContaining(['ZQX-TREE-X', 'ZQX-TREE-Y', 'ZQX-TREE-Z']));
    expect(dinsosAfter.total).toBe(dinsosBefore.total + 3);
    expect((await codes(x.id)).sort()).toEqual(['ZQX-TREE-X', 'ZQX-TREE-Y', 'ZQX-TREE-Z']);
    expect(await codes(root)).toEqual(expect.arrayContaining(['ZQX-TREE-Z']));

    // Move Y (with Z) under Disperkim: it leaves Dinas Sosial, X stays.
    await t.ok(updateOpd, { id: y.id, input: { ...inputOf(y), parentId: opd.DISPERKIM } }, su);
    expect(await codes(opd.DINSOS)).toContain('ZQX-TREE-X');
    expect(await codes(opd.DINSOS)).not.toContain('ZQX-TREE-Y');
    expect(await codes(opd.DINSOS)).not.toContain('ZQX-TREE-Z');
    expect(await codes(opd.DISPERKIM)).toEqual(expect.arrayContaining(['ZQX-TREE-Y', 'ZQX-TREE-Z']));
    expect((await codes(x.id)).sort()).toEqual(['ZQX-TREE-X']);
    // Now X may go under Z: it is no longer X's descendant.
    await t.ok(updateOpd, { id: x.id, input: { ...inputOf(x), kind: 'BIDANG', parentId: z.id } }, su);
    expect((await codes(y.id)).sort()).toEqual(['ZQX-TREE-X', 'ZQX-TREE-Y', 'ZQX-TREE-Z']);
    expect(await codes(opd.DINSOS)).not.toContain('ZQX-TREE-X');
  });
});
