import { codeOf, startTestApp, type GqlResult, type TestApp } from '../../support/test-app';

let t: TestApp;
let su: string;
const opd: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestApp();
  su = await t.login('superadmin');
  const { opds } = await t.ok('{ opds(perPage: 1000) { items { id code kind } } }', {}, su);
  for (const o of opds.items) opd[o.kind === 'PEMDA' ? 'PEMDA' : o.code] = o.id;
});
afterAll(() => t?.stop());

/** Asserts BAD_USER_INPUT naming exactly these fields, with a message for each and no internals. */
function expectFields(r: GqlResult, fields: string[]) {
  if (!r.errors) throw new Error(`expected BAD_USER_INPUT naming ${fields.join(', ')}; the operation succeeded: ${JSON.stringify(r.data)}`);
  expect(r.errors).toHaveLength(1);
  const [err] = r.errors!;
  expect({ code: err.extensions?.code, fields: err.extensions?.fields }).toEqual({ code: 'BAD_USER_INPUT', fields });
  const problems = err.extensions?.problems as { field: string; message: string }[];
  expect(problems.map((p) => p.field)).toEqual(fields);
  for (const p of problems) expect(p.message).toEqual(expect.any(String));
  expect(err.message).not.toMatch(/QueryFailedError|duplicate key|violates|constraint|at \S+\.js/i);
  expect(err.extensions).not.toHaveProperty('stacktrace');
}

const CREATE_OPD = 'mutation($input: OpdInput!) { createOpd(input: $input) { id code } }';
const CREATE_POST = 'mutation($input: ServicePostInput!) { createServicePost(input: $input) { id } }';
const CREATE_USER = 'mutation($input: UserInput!) { createUser(input: $input) { id } }';
const CREATE_HOLIDAY = 'mutation($input: HolidayInput!) { createHoliday(input: $input) { id date } }';
const CREATE_PROGRAM = 'mutation($input: ProgramInput!) { createProgram(input: $input) { id } }';
const CREATE_CATEGORY = 'mutation($input: CategoryInput!) { createCategory(input: $input) { id } }';

const opdInput = (extra: Record<string, unknown> = {}) => ({ code: 'ZQV-OPD', name: 'Zqv Opd', kind: 'OPD', parentId: opd.PEMDA, ...extra });
const postInput = (extra: Record<string, unknown> = {}) => ({
  code: 'ZQV-POS',
  name: 'Pos Zqv',
  kelurahanId: opd['KEL-CACABAN'],
  rw: '03',
  schedule: [{ weekday: 1, opensAt: '09:00', closesAt: '12:00' }],
  ...extra,
});
const userInput = (extra: Record<string, unknown> = {}) => ({
  username: 'zqv.user',
  name: 'Zqv User',
  opdId: opd.DINSOS,
  role: 'UNIT_STAFF',
  password: 'rahasia-zqv-1',
  ...extra,
});

describe('input validation names the offending field', () => {
  test('createOpd with code "bad code" → input.code, and nothing is created', async () => {
    expectFields(await t.gql(CREATE_OPD, { input: opdInput({ code: 'bad code' }) }, su), ['input.code']);
    const { opds } = await t.ok('{ opds(filter: { q: "zqv" }) { total } }', {}, su);
    expect(opds.total).toBe(0);
  });

  test('several bad fields are all named', async () => {
    const r = await t.gql(CREATE_OPD, { input: opdInput({ code: 'bad code', name: 'x', regionCode: '3371' }) }, su);
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect([...new Set(r.errors![0].extensions!.fields)].sort()).toEqual(['input.code', 'input.name', 'input.regionCode']);
  });

  test('a name of only spaces → input.name (names are trimmed before they are stored)', async () => {
    expectFields(await t.gql(CREATE_OPD, { input: opdInput({ name: '    ' }) }, su), ['input.name']);
    expectFields(await t.gql(CREATE_HOLIDAY, { input: { date: '2031-05-05', name: '   ', kind: 'NATIONAL' } }, su), ['input.name']);
  });

  test('a schedule with more than 21 slots → input.schedule', async () => {
    const schedule = Array.from({ length: 22 }, (_, i) => ({ weekday: (i % 7) + 1, opensAt: '08:00', closesAt: '09:00' }));
    expectFields(await t.gql(CREATE_POST, { input: postInput({ schedule }) }, su), ['input.schedule']);
  });

  test('createOpd of a non-PEMDA kind without parent → input.parentId', async () => {
    expectFields(await t.gql(CREATE_OPD, { input: opdInput({ parentId: null }) }, su), ['input.parentId']);
  });

  test('createOpd under a parent that does not exist → input.parentId', async () => {
    expectFields(await t.gql(CREATE_OPD, { input: opdInput({ parentId: '999999' }) }, su), ['input.parentId']);
  });

  test('a region code on an Opd that is not a kecamatan or kelurahan → input.regionCode', async () => {
    expectFields(await t.gql(CREATE_OPD, { input: opdInput({ regionCode: '33.71.09' }) }, su), ['input.regionCode']);
  });

  test('duplicate Opd code → input.code', async () => {
    expectFields(await t.gql(CREATE_OPD, { input: opdInput({ code: 'DINSOS' }) }, su), ['input.code']);
  });

  test('duplicate region code → input.regionCode', async () => {
    const r = await t.gql(
      CREATE_OPD,
      { input: opdInput({ code: 'ZQV-KEL', kind: 'KELURAHAN', parentId: opd['KEC-TENGAH'], regionCode: '33.71.03.1002' }) },
      su,
    );
    expectFields(r, ['input.regionCode']);
  });

  test("updating an Opd to another one's code → input.code", async () => {
    const r = await t.gql(
      'mutation($id: ID!, $input: OpdInput!) { updateOpd(id: $id, input: $input) { id } }',
      { id: opd.DISPERKIM, input: opdInput({ code: 'DINSOS', name: 'Dinas Perumahan dan Kawasan Permukiman' }) },
      su,
    );
    expectFields(r, ['input.code']);
    const { opd: still } = await t.ok('query($id: ID!) { opd(id: $id) { code } }', { id: opd.DISPERKIM }, su);
    expect(still.code).toBe('DISPERKIM');
  });

  test('createServicePost with closesAt before opensAt → input.schedule.0.closesAt', async () => {
    const r = await t.gql(CREATE_POST, { input: postInput({ schedule: [{ weekday: 2, opensAt: '12:00', closesAt: '09:00' }] }) }, su);
    expectFields(r, ['input.schedule.0.closesAt']);
  });

  test('createServicePost with a malformed time in the second slot → input.schedule.1.opensAt', async () => {
    const schedule = [
      { weekday: 1, opensAt: '09:00', closesAt: '12:00' },
      { weekday: 4, opensAt: '25:00', closesAt: '12:00' },
    ];
    expectFields(await t.gql(CREATE_POST, { input: postInput({ schedule }) }, su), ['input.schedule.1.opensAt']);
  });

  test('createServicePost with weekday 8 → input.schedule.0.weekday', async () => {
    const r = await t.gql(CREATE_POST, { input: postInput({ schedule: [{ weekday: 8, opensAt: '09:00', closesAt: '12:00' }] }) }, su);
    expectFields(r, ['input.schedule.0.weekday']);
  });

  test('createServicePost at an Opd that is not a kelurahan → input.kelurahanId', async () => {
    expectFields(await t.gql(CREATE_POST, { input: postInput({ kelurahanId: opd.DINSOS }) }, su), ['input.kelurahanId']);
  });

  test('createUser without password → input.password', async () => {
    const { password: _p, ...noPassword } = userInput();
    expectFields(await t.gql(CREATE_USER, { input: noPassword }, su), ['input.password']);
    expectFields(await t.gql(CREATE_USER, { input: { ...noPassword, password: '' } }, su), ['input.password']);
  });

  test('createUser with a short password → input.password', async () => {
    expectFields(await t.gql(CREATE_USER, { input: userInput({ password: 'short' }) }, su), ['input.password']);
  });

  test('createUser with an existing username → input.username', async () => {
    expectFields(await t.gql(CREATE_USER, { input: userInput({ username: 'admin.tengah' }) }, su), ['input.username']);
  });

  test('createUser with a bad email → input.email', async () => {
    expectFields(await t.gql(CREATE_USER, { input: userInput({ email: 'not-an-email' }) }, su), ['input.email']);
  });

  test('createUser at a service post while not an officer → input.servicePostId', async () => {
    const { servicePosts } = await t.ok('{ servicePosts(perPage: 1) { items { id } } }', {}, su);
    const r = await t.gql(CREATE_USER, { input: userInput({ servicePostId: servicePosts.items[0].id }) }, su);
    expectFields(r, ['input.servicePostId']);
  });

  test('createUser in an Opd that does not exist → input.opdId', async () => {
    expectFields(await t.gql(CREATE_USER, { input: userInput({ opdId: '999999' }) }, su), ['input.opdId']);
  });

  test('superadmin cannot deactivate itself → input.role', async () => {
    const { me } = await t.ok('{ me { id username name role opd { id } } }', {}, su);
    const r = await t.gql(
      'mutation($id: ID!, $input: UserInput!) { updateUser(id: $id, input: $input) { id } }',
      { id: me.id, input: { username: me.username, name: me.name, opdId: me.opd.id, role: me.role, active: false } },
      su,
    );
    expectFields(r, ['input.role']);
  });

  test('createProgram ending before it starts → input.endsOn', async () => {
    const r = await t.gql(CREATE_PROGRAM, { input: { code: 'ZQV-PRG', name: 'Zqv Program', startsOn: '2026-06-01', endsOn: '2026-05-31' } }, su);
    expectFields(r, ['input.endsOn']);
  });

  test('createCategory with an SLA policy that does not exist → input.slaPolicyId', async () => {
    const r = await t.gql(CREATE_CATEGORY, { input: { code: 'ZQV-CAT', name: 'Zqv Category', slaPolicyId: '999999' } }, su);
    expectFields(r, ['input.slaPolicyId']);
  });

  test('createHoliday on 2026-02-30 → BAD_USER_INPUT', async () => {
    const r = await t.gql(CREATE_HOLIDAY, { input: { date: '2026-02-30', name: 'Tidak ada', kind: 'NATIONAL' } }, su);
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.data?.createHoliday ?? null).toBeNull();
    // Written inline instead of as a variable, too.
    const inline = await t.gql('mutation { createHoliday(input: { date: "2026-02-30", name: "Tidak ada", kind: NATIONAL }) { id } }', {}, su);
    expect(codeOf(inline)).toBe('BAD_USER_INPUT');
  });

  test('a second holiday on the same date → input.date', async () => {
    const { holidays } = await t.ok('{ holidays(perPage: 1) { items { date } } }', {}, su);
    const r = await t.gql(CREATE_HOLIDAY, { input: { date: holidays.items[0].date, name: 'Dobel', kind: 'NATIONAL' } }, su);
    expectFields(r, ['input.date']);
  });
});

describe('list arguments', () => {
  test('perPage 5000 → perPage', async () => {
    expectFields(await t.gql('{ opds(perPage: 5000) { total } }', {}, su), ['perPage']);
  });

  test('perPage 0 → perPage, page 0 → page', async () => {
    expectFields(await t.gql('{ holidays(perPage: 0) { total } }', {}, su), ['perPage']);
    expectFields(await t.gql('{ holidays(page: 0) { total } }', {}, su), ['page']);
  });

  test('unknown sortField → sortField, even one that is a real column', async () => {
    expectFields(await t.gql('{ opds(sortField: "nope") { total } }', {}, su), ['sortField']);
    expectFields(await t.gql('{ users(sortField: "passwordHash") { total } }', {}, su), ['sortField']);
    expectFields(await t.gql('{ categories(sortField: "name; DROP TABLE opd") { total } }', {}, su), ['sortField']);
  });

  test('a sortField named like a property every object has (constructor, __proto__, toString) → sortField, on every list', async () => {
    const lists = ['opds', 'users', 'categories', 'holidays', 'programs', 'servicePosts', 'slaPolicies', 'complaints', 'myInbox'];
    for (const list of lists) {
      for (const field of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
        const r = await t.gql(`query($f: String) { ${list}(sortField: $f) { total } }`, { f: field }, su);
        expect({ list, field, code: codeOf(r), fields: r.errors?.[0]?.extensions?.fields }).toEqual({
          list,
          field,
          code: 'BAD_USER_INPUT',
          fields: ['sortField'],
        });
      }
    }
  });

  test('q is matched literally: % and _ are not wildcards', async () => {
    const d = await t.ok('{ all: opds { total } pct: opds(filter: { q: "%" }) { total } und: opds(filter: { q: "_" }) { total } }', {}, su);
    expect(d.all.total).toBeGreaterThan(10);
    expect(d.pct.total).toBe(0);
    expect(d.und.total).toBe(0);
  });

  test('a malformed id in filter.ids → filter.ids.1', async () => {
    expectFields(await t.gql('{ opds(filter: { ids: ["1", "abc"] }) { total } }', {}, su), ['filter.ids.1']);
  });
});

describe('ids', () => {
  test('a malformed id "abc" → id, for queries and mutations', async () => {
    expectFields(await t.gql('{ opd(id: "abc") { id } }', {}, su), ['id']);
    expectFields(await t.gql('{ user(id: "-1") { id } }', {}, su), ['id']);
    expectFields(await t.gql('{ category(id: "99999999999") { id } }', {}, su), ['id']);
    expectFields(await t.gql('mutation { deleteHoliday(id: "abc") { id } }', {}, su), ['id']);
    expectFields(await t.gql('mutation($input: OpdInput!) { updateOpd(id: "abc", input: $input) { id } }', { input: opdInput() }, su), ['id']);
  });

  test('a well-formed id that does not exist: null for a read, NOT_FOUND for a change', async () => {
    const r = await t.ok('{ opd(id: "999999") { id } }', {}, su);
    expect(r.opd).toBeNull();
    expect(codeOf(await t.gql('mutation { deleteProgram(id: "999999") { id } }', {}, su))).toBe('NOT_FOUND');
    const upd = await t.gql('mutation($input: OpdInput!) { updateOpd(id: "999999", input: $input) { id } }', { input: opdInput() }, su);
    expect(codeOf(upd)).toBe('NOT_FOUND');
  });

  test('malformed GraphQL and unknown fields → BAD_USER_INPUT without internals', async () => {
    const parse = await t.gql('{ opds(', {}, su);
    expect(codeOf(parse)).toBe('BAD_USER_INPUT');
    const unknown = await t.gql('{ opds { items { secret } } }', {}, su);
    expect(codeOf(unknown)).toBe('BAD_USER_INPUT');
    for (const r of [parse, unknown]) expect(r.errors![0].extensions).not.toHaveProperty('stacktrace');
  });
});
