import crypto from 'node:crypto';
import { Client } from 'pg';
import { AUDIT_SUBJECTS } from '../../../server/modules/audit/audit.subjects';
import { codeOf, startTestApp, type TestApp } from '../../support/test-app';

let t: TestApp;
let su: string;
let suId: string;
/** Seeded Opd ids by code. */
const opd: Record<string, string> = {};

const ENTRY = 'id createdAt actorId actorUsername actorRole actorSystem requestId kind entityId entityLabel action changes { field before after redacted }';
const ENTRIES = `query($filter: AuditFilter, $page: Int, $perPage: Int, $sortField: String, $sortOrder: SortOrder) {
  auditEntries(filter: $filter, page: $page, perPage: $perPage, sortField: $sortField, sortOrder: $sortOrder) { total items { ${ENTRY} } }
}`;

type Change = { field: string; before: unknown; after: unknown; redacted: boolean };
type Entry = {
  id: string;
  actorId: string | null;
  actorUsername: string | null;
  actorSystem: string | null;
  kind: string;
  entityId: string;
  action: string;
  entityLabel: string;
  changes: Change[];
};

async function entries(filter: Record<string, unknown>, token = su): Promise<Entry[]> {
  const { auditEntries } = await t.ok(ENTRIES, { filter, perPage: 1000 }, token);
  return auditEntries.items;
}

const changesOf = (e: Entry) => Object.fromEntries(e.changes.map((c) => [c.field, c.redacted ? 'REDACTED' : [c.before, c.after]]));

async function auditRowCount(): Promise<number> {
  const [{ n }] = await t.app.db.query('SELECT count(*)::int AS n FROM admin_audit');
  return n;
}

/** Every stored audit entry as text, to look for secrets anywhere in it. */
async function everyEntryAsText(): Promise<string> {
  const rows = await t.app.db.query('SELECT * FROM admin_audit ORDER BY id');
  return JSON.stringify(rows);
}

beforeAll(async () => {
  t = await startTestApp();
  su = await t.login('superadmin');
  suId = (await t.ok('{ me { id } }', {}, su)).me.id;
  const { opds } = await t.ok('{ opds(perPage: 1000) { items { id code } } }', {}, su);
  for (const o of opds.items) opd[o.code] = o.id;
});
afterAll(() => t?.stop());

const USER_FIELDS = 'id username name active role';
const CREATE_USER = `mutation($input: UserInput!) { createUser(input: $input) { ${USER_FIELDS} } }`;
const UPDATE_USER = `mutation($id: ID!, $input: UserInput!) { updateUser(id: $id, input: $input) { ${USER_FIELDS} } }`;

test('a user created, renamed, given a new password, deactivated and deleted leaves five entries naming the superadmin; no password or hash anywhere', async () => {
  const first = 'Rahasia-Pertama-123';
  const second = 'Rahasia-Kedua-456';
  const input = { username: 'audit.user', name: 'Audit Pengguna', opdId: opd.DINSOS, role: 'UNIT_STAFF', password: first, email: 'audit@example.org' };
  const { createUser } = await t.ok(CREATE_USER, { input }, su);
  const id = createUser.id;
  const base = { ...input, password: null };
  await t.ok(UPDATE_USER, { id, input: { ...base, name: 'Audit Pengguna Baru' } }, su);
  await t.ok(UPDATE_USER, { id, input: { ...base, name: 'Audit Pengguna Baru', password: second } }, su);
  await t.ok(UPDATE_USER, { id, input: { ...base, name: 'Audit Pengguna Baru', active: false } }, su);
  // Saving without a change is no administrative change.
  await t.ok(UPDATE_USER, { id, input: { ...base, name: 'Audit Pengguna Baru', active: false } }, su);
  await t.ok(`mutation($id: ID!) { deleteUser(id: $id) { id } }`, { id }, su);

  const log = await entries({ kind: 'USER', entityId: id }, su);
  expect(log.map((e) => e.action)).toEqual(['CREATE', 'UPDATE', 'UPDATE', 'UPDATE', 'DELETE']);
  for (const e of log) expect(e).toMatchObject({ actorId: suId, actorUsername: 'superadmin', actorSystem: null, kind: 'USER', entityId: id });
  expect(changesOf(log[0])).toEqual({
    username: [null, 'audit.user'],
    name: [null, 'Audit Pengguna'],
    email: [null, 'audit@example.org'],
    opdId: [null, Number(opd.DINSOS)],
    role: [null, 'UNIT_STAFF'],
    active: [null, true],
    mayPublish: [null, false],
    password: 'REDACTED',
  });
  expect(changesOf(log[1])).toEqual({ name: ['Audit Pengguna', 'Audit Pengguna Baru'] });
  // A password change: that it changed, no value before or after.
  expect(log[2].changes).toEqual([{ field: 'password', before: null, after: null, redacted: true }]);
  expect(changesOf(log[3])).toEqual({ active: [true, false] });
  expect(log[4].entityLabel).toBe('Audit Pengguna Baru (audit.user)');
  expect(changesOf(log[4])).toMatchObject({ username: ['audit.user', null], active: [false, null], password: 'REDACTED' });

  const stored = await everyEntryAsText();
  const hashes = await t.app.db.query('SELECT "passwordHash" FROM app_user');
  expect(hashes.length).toBeGreaterThan(5);
  for (const { passwordHash } of hashes) expect(stored.includes(passwordHash)).toBe(false);
  expect(stored).not.toMatch(/\$argon2/);
  expect(stored.includes(first) || stored.includes(second)).toBe(false);
  expect(stored).not.toMatch(/passwordHash/);
});

test('every organisation resource records create, update (changed fields only) and delete with the actor', async () => {
  const { slaPolicies } = await t.ok('{ slaPolicies { items { id } } }', {}, su);
  const cases: { type: string; kind: string; input: Record<string, unknown>; update: Record<string, unknown>; changed: Record<string, unknown> }[] = [
    {
      type: 'Opd',
      kind: 'OPD',
      input: { code: 'AUD-OPD', name: 'Audit Opd', kind: 'BIDANG', parentId: opd.DINSOS },
      update: { name: 'Audit Opd Baru', active: false },
      changed: { name: ['Audit Opd', 'Audit Opd Baru'], active: [true, false] },
    },
    {
      type: 'Category',
      kind: 'CATEGORY',
      input: { code: 'AUD-CAT', name: 'Audit Kategori', defaultOpdId: opd.DINSOS, slaPolicyId: slaPolicies.items[0].id },
      update: { defaultOpdId: opd.DISPERKIM },
      changed: { defaultOpdId: [Number(opd.DINSOS), Number(opd.DISPERKIM)] },
    },
    {
      type: 'SlaPolicy',
      kind: 'SLA_POLICY',
      input: { code: 'AUD-SLA', name: 'Audit SLA', calendar: 'WORKING_DAYS', verifyWithin: 3, verifyUnit: 'DAYS', respondWithin: 5, respondUnit: 'DAYS' },
      update: { respondWithin: 7 },
      changed: { respondWithin: [5, 7] },
    },
    {
      type: 'Holiday',
      kind: 'HOLIDAY',
      input: { date: '2031-08-17', name: 'Audit Libur', kind: 'NATIONAL' },
      update: { kind: 'CUTI_BERSAMA' },
      changed: { kind: ['NATIONAL', 'CUTI_BERSAMA'] },
    },
    {
      type: 'Program',
      kind: 'PROGRAM',
      input: { code: 'AUD-PRG', name: 'Audit Program', startsOn: '2026-01-01' },
      update: { endsOn: '2026-12-31', description: 'uraian' },
      changed: { endsOn: [null, '2026-12-31'], description: ['', 'uraian'] },
    },
    {
      type: 'ServicePost',
      kind: 'SERVICE_POST',
      input: { code: 'AUD-POS', name: 'Audit Pos', kelurahanId: opd['KEL-CACABAN'], rw: '3', schedule: [{ weekday: 1, opensAt: '09:00', closesAt: '12:00' }] },
      update: { schedule: [{ weekday: 4, opensAt: '13:00', closesAt: '15:00' }] },
      changed: { schedule: [[{ weekday: 1, opensAt: '09:00', closesAt: '12:00' }], [{ weekday: 4, opensAt: '13:00', closesAt: '15:00' }]] },
    },
  ];
  for (const c of cases) {
    const created = (await t.ok(`mutation($input: ${c.type}Input!) { r: create${c.type}(input: $input) { id } }`, { input: c.input }, su)).r;
    await t.ok(
      `mutation($id: ID!, $input: ${c.type}Input!) { r: update${c.type}(id: $id, input: $input) { id } }`,
      { id: created.id, input: { ...c.input, ...c.update } },
      su,
    );
    await t.ok(`mutation($id: ID!) { r: delete${c.type}(id: $id) { id } }`, { id: created.id }, su);
    const log = await entries({ kind: c.kind, entityId: created.id });
    expect({ type: c.type, actions: log.map((e) => e.action) }).toEqual({ type: c.type, actions: ['CREATE', 'UPDATE', 'DELETE'] });
    for (const e of log) expect(e).toMatchObject({ actorId: suId, actorUsername: 'superadmin' });
    expect({ type: c.type, changed: changesOf(log[1]) }).toEqual({ type: c.type, changed: c.changed });
    // Create shows the values set; delete the values removed.
    const name = c.input.name as string;
    expect(changesOf(log[0]).name).toEqual([null, name]);
    expect(changesOf(log[2]).name).toEqual([name === 'Audit Opd' ? 'Audit Opd Baru' : name, null]);
  }
});

test('side effects on other records are recorded too: a demoted default SLA policy, officers staffed to a post', async () => {
  const { slaPolicies } = await t.ok('{ slaPolicies { items { id isDefault } } }', {}, su);
  const oldDefault = slaPolicies.items.find((p: { isDefault: boolean }) => p.isDefault);
  expect(oldDefault).toBeDefined();
  const input = {
    code: 'AUD-DEF',
    name: 'Audit Default',
    calendar: 'WORKING_DAYS',
    verifyWithin: 2,
    verifyUnit: 'DAYS',
    respondWithin: 4,
    respondUnit: 'DAYS',
    isDefault: true,
  };
  await t.ok(`mutation($input: SlaPolicyInput!) { createSlaPolicy(input: $input) { id } }`, { input }, su);
  const demoted = await entries({ kind: 'SLA_POLICY', entityId: oldDefault.id });
  expect(demoted.map((e) => [e.action, changesOf(e)])).toEqual([
    ['CREATE', expect.anything()],
    ['UPDATE', { isDefault: [true, false] }],
  ]);

  const { users } = await t.ok('{ users(filter: { role: OFFICER }, perPage: 5) { items { id servicePostId } } }', {}, su);
  const officer = users.items[0];
  const post = {
    code: 'AUD-POS2',
    name: 'Audit Pos Dua',
    kelurahanId: opd['KEL-WATES'],
    rw: '4',
    schedule: [],
    officerIds: [officer.id],
  };
  const { createServicePost } = await t.ok(`mutation($input: ServicePostInput!) { createServicePost(input: $input) { id } }`, { input: post }, su);
  const userLog = await entries({ kind: 'USER', entityId: officer.id });
  expect(userLog.map((e) => [e.action, changesOf(e)]).slice(-1)).toEqual([
    ['UPDATE', { servicePostId: [officer.servicePostId == null ? null : Number(officer.servicePostId), Number(createServicePost.id)] }],
  ]);
  // Deleting the post frees its officer (ON DELETE SET NULL): recorded as a change of the user.
  await t.ok(`mutation($id: ID!) { deleteServicePost(id: $id) { id } }`, { id: createServicePost.id }, su);
  const after = await entries({ kind: 'USER', entityId: officer.id });
  expect(after.map((e) => [e.action, changesOf(e)]).slice(-1)).toEqual([['UPDATE', { servicePostId: [Number(createServicePost.id), null] }]]);
});

test('API clients: registering and deactivating are recorded; the key and its hash never are', async () => {
  const { createApiClient } = await t.ok(`mutation { createApiClient(name: "Audit App", channel: SP4N_LAPOR) { key client { id keyPrefix } } }`, {}, su);
  const id = createApiClient.client.id;
  await t.ok(`mutation($id: ID!) { deactivateApiClient(id: $id) { id } }`, { id }, su);
  const log = await entries({ kind: 'API_CLIENT', entityId: id });
  expect(log.map((e) => e.action)).toEqual(['CREATE', 'UPDATE']);
  expect(changesOf(log[0])).toEqual({
    name: [null, 'Audit App'],
    channel: [null, 'SP4N_LAPOR'],
    scopes: [null, ['complaints:submit', 'public:read']],
    rateLimitPerMinute: [null, 600],
    keyPrefix: [null, createApiClient.client.keyPrefix],
    active: [null, true],
    key: 'REDACTED',
  });
  expect(changesOf(log[1])).toEqual({ active: [true, false] });
  const stored = await everyEntryAsText();
  const key: string = createApiClient.key;
  expect(stored.includes(key.split('.')[1])).toBe(false);
  expect(stored.includes(crypto.createHash('sha256').update(key).digest('hex'))).toBe(false);
});

test('an entry is written by the very transaction that makes the change', async () => {
  const { createCategory } = await t.ok(`mutation { createCategory(input: { code: "AUD-TX", name: "Audit Transaksi" }) { id } }`, {}, su);
  const [row] = await t.app.db.query('SELECT xmin::text AS tx FROM category WHERE id = $1', [Number(createCategory.id)]);
  const logged = await t.app.db.query(`SELECT xmin::text AS tx FROM admin_audit WHERE kind = 'CATEGORY' AND "entityId" = $1`, [Number(createCategory.id)]);
  expect(logged).toEqual([{ tx: row.tx }]);
});

test('a refused or failed change records nothing: validation, a unique clash, a failure after the row was saved', async () => {
  const before = await auditRowCount();
  const refused = [
    // Refused before any write (bad input).
    t.gql(CREATE_USER, { input: { username: 'Bukan Valid!', name: 'X', opdId: opd.DINSOS, role: 'ADMIN', password: 'rahasia-123' } }, su),
    // Refused by the database inside the transaction (unique username).
    t.gql(CREATE_USER, { input: { username: 'walikota', name: 'Ganda', opdId: opd.DINSOS, role: 'ADMIN', password: 'rahasia-123' } }, su),
    // The post is saved, then its officer list is refused: the whole change rolls back.
    t.gql(
      `mutation($input: ServicePostInput!) { createServicePost(input: $input) { id } }`,
      {
        input: { code: 'AUD-ROLLBACK', name: 'Gagal', kelurahanId: opd['KEL-WATES'], rw: '1', schedule: [], officerIds: [suId] },
      },
      su,
    ),
  ];
  const results = await Promise.all(refused.map(async (r) => codeOf(await r)));
  expect(results).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT', 'BAD_USER_INPUT']);
  expect(await auditRowCount()).toBe(before);
  const { servicePosts } = await t.ok(`{ servicePosts(filter: { q: "AUD-ROLLBACK" }) { total } }`, {}, su);
  expect(servicePosts.total).toBe(0);
});

test('only the superadmin reads the audit trail, over HTTP and over the WebSocket', async () => {
  for (const who of ['admin.tengah', 'kepala.dinsos', 'staf.dinsos', 'petugas.rw', 'walikota']) {
    const r = await t.gql(ENTRIES, {}, await t.login(who));
    expect({ who, code: codeOf(r), data: r.data?.auditEntries ?? null }).toEqual({ who, code: 'FORBIDDEN', data: null });
  }
  expect(codeOf(await t.gql(ENTRIES, {}, null))).toBe('UNAUTHENTICATED');

  const overWs = async (token: string) => {
    const client = t.ws(token);
    const results = client.iterate({ query: '{ auditEntries(perPage: 1) { total } }' });
    const first = await results.next();
    await results.return?.();
    return first.value as { data?: { auditEntries: { total: number } }; errors?: { extensions?: { code?: string } }[] };
  };
  expect((await overWs(su)).data?.auditEntries.total).toBeGreaterThan(0);
  const refused = await overWs(await t.login('walikota'));
  expect({ code: refused.errors?.[0]?.extensions?.code, data: refused.data?.auditEntries ?? null }).toEqual({ code: 'FORBIDDEN', data: null });
});

test('filters: action, actor, period, text; the seed is recorded as a system process; sortField is checked', async () => {
  const updates = await entries({ action: 'UPDATE', actorId: suId });
  expect(updates.length).toBeGreaterThan(3);
  expect(updates.every((e) => e.action === 'UPDATE' && e.actorId === suId)).toBe(true);

  const future = await entries({ from: new Date(Date.now() + 3600_000).toISOString() });
  expect(future).toEqual([]);
  const all = (await t.ok(ENTRIES, { perPage: 1 }, su)).auditEntries.total;
  const untilNow = (await t.ok(ENTRIES, { filter: { to: new Date(Date.now() + 1000).toISOString() }, perPage: 1 }, su)).auditEntries.total;
  expect(untilNow).toBe(all);

  const byText = await entries({ q: 'Audit Pengguna' });
  expect(byText.length).toBeGreaterThan(0);
  expect(byText.every((e) => e.entityLabel.includes('Audit Pengguna'))).toBe(true);

  const seeded = await entries({ kind: 'USER', action: 'CREATE', q: 'walikota' });
  expect(seeded).toEqual([expect.objectContaining({ actorId: null, actorUsername: null, actorSystem: 'seed (demo data)' })]);
  expect(changesOf(seeded[0])).toMatchObject({ username: [null, 'walikota'], password: 'REDACTED' });

  const newest = (await t.ok(ENTRIES, { sortField: 'createdAt', sortOrder: 'DESC', perPage: 2 }, su)).auditEntries.items;
  expect(Number(newest[0].id)).toBeGreaterThan(Number(newest[1].id));
  for (const sortField of ['changes', 'constructor', '__proto__']) {
    expect({ sortField, code: codeOf(await t.gql(ENTRIES, { sortField }, su)) }).toEqual({ sortField, code: 'BAD_USER_INPUT' });
  }
  const badRange = await t.gql(ENTRIES, { filter: { from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' } }, su);
  expect({ code: codeOf(badRange), fields: badRange.errors?.[0]?.extensions?.fields }).toEqual({ code: 'BAD_USER_INPUT', fields: ['filter.to'] });
});

test('the database itself refuses UPDATE, DELETE and TRUNCATE on admin_audit', async () => {
  const db = new Client({ connectionString: t.dbUrl });
  await db.connect();
  try {
    const before = await auditRowCount();
    expect(before).toBeGreaterThan(0);
    for (const sql of [
      `UPDATE admin_audit SET "actorUsername" = 'orang lain'`,
      `UPDATE admin_audit SET changes = '[]' WHERE kind = 'USER'`,
      'DELETE FROM admin_audit',
      `DELETE FROM admin_audit WHERE id = (SELECT max(id) FROM admin_audit)`,
      'TRUNCATE admin_audit',
    ]) {
      const refused = await db.query(sql).then(
        () => null,
        (e: Error) => e.message,
      );
      expect({ sql, refused }).toEqual({ sql, refused: expect.stringMatching(/append-only/) });
    }
    expect(await auditRowCount()).toBe(before);
    // Appending stays possible (that is how the server records).
    await db.query(`INSERT INTO admin_audit ("actorSystem", kind, "entityId", "entityLabel", action) VALUES ('test', 'USER', 1, 'x', 'UPDATE')`);
    expect(await auditRowCount()).toBe(before + 1);
  } finally {
    await db.end();
  }
});

test('every column of every audited record is either recorded, kept secret or deliberately ignored', () => {
  const unplaced: string[] = [];
  for (const subject of AUDIT_SUBJECTS) {
    const placed = [...subject.recorded, ...Object.keys(subject.secret), ...subject.ignored];
    expect({ kind: subject.kind, twice: placed.filter((c, i) => placed.indexOf(c) !== i) }).toEqual({ kind: subject.kind, twice: [] });
    for (const column of t.app.db.getMetadata(subject.entity).columns) {
      if (!placed.includes(column.propertyName)) unplaced.push(`${subject.kind}.${column.propertyName}`);
    }
    // And nothing listed that is not a column.
    const columns = t.app.db.getMetadata(subject.entity).columns.map((c) => c.propertyName);
    expect({ kind: subject.kind, unknown: placed.filter((c) => !columns.includes(c)) }).toEqual({ kind: subject.kind, unknown: [] });
  }
  expect(unplaced).toEqual([]);
});
