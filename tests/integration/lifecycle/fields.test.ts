import {
  execute,
  getNamedType,
  GraphQLID,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  isObjectType,
  parse,
  type GraphQLField,
  type GraphQLNamedType,
} from 'graphql';
import { buildAppSchema } from '../../../server/app/schema';
import { Complaint } from '../../../server/modules/complaints/complaint.entity';
import { Lab } from './helpers';

/**
 * Every field of Complaint and ComplaintEvent, asked alone in a list and in `complaint(id)`,
 * equals the same field resolved on a row loaded the ordinary way (TypeORM, every column):
 * a field that reads a column the list reader left out fails here, not in production.
 */
let lab: Lab;
let schema: GraphQLSchema;
/** The same types under a query whose complaint comes from TypeORM's findOneBy. */
let ordinary: GraphQLSchema;
let ids: string[];

beforeAll(async () => {
  lab = await Lab.start();
  schema = await buildAppSchema();
  const complaintType = schema.getType('Complaint') as GraphQLObjectType;
  ordinary = new GraphQLSchema({
    query: new GraphQLObjectType({
      name: 'Query',
      fields: {
        row: {
          type: complaintType,
          args: { id: { type: new GraphQLNonNull(GraphQLID) } },
          resolve: (_root, { id }) => lab.t.app.db.getRepository(Complaint).findOneByOrFail({ id: Number(id) }),
        },
      },
    }),
  });

  // Complaints in every shape the fields care about: anonymous, assigned, at a desk, answered and rated, rejected as a duplicate.
  const anon = await lab.forwarded(
    'DINSOS',
    {
      title: 'Jalan berlubang di RW 03',
      anonymous: true,
      reporterNik: '3371010101010001',
      reporterEmail: 'warga@example.id',
      reporterAddress: 'Jl. Tidar 1',
      kelurahanId: lab.opd['KEL-MAGERSARI'],
      categoryId: lab.category.BANSOS,
      programId: lab.program.PKH,
      address: 'Jl. Tidar',
      rt: '01',
      rw: '03',
      latitude: -7.47,
      longitude: 110.21,
    },
    'petugas.rw',
  );
  await lab.must('kepala.dinsos', 'assignComplaint', { id: anon.id, userId: lab.user['staf.dinsos'].id });
  await lab.must('staf.dinsos', 'addProgress', { id: anon.id, stage: 'FIELD_CHECK', note: 'Cek lapangan besok pagi', public: false });
  const answered = await lab.responded({ categoryId: lab.category.RTLH });
  await lab.must('admin.tengah', 'closeComplaint', { id: answered.id, note: 'Selesai' });
  const original = (await lab.submit('admin.tengah')).complaint;
  const dup = (await lab.submit('admin.tengah')).complaint;
  await lab.must('admin.tengah', 'rejectComplaint', { id: dup.id, reason: 'Sama dengan laporan sebelumnya', duplicateOf: original.id });
  const { trackingCode } = await lab.submit(null, { kelurahanId: lab.opd['KEL-CACABAN'] });
  const [{ id: publicId }] = await lab.t.app.db.query('SELECT id FROM complaint WHERE "trackingCode" = $1', [trackingCode]);
  // Never verified, ten days ago: overdue now.
  const late = await lab.submitDirect(
    'admin.tengah',
    { title: 'Laporan lama belum diverifikasi' },
    lab.services.complaints.withClock(() => new Date(Date.now() - 10 * 86_400_000)),
  );
  ids = [anon.id, answered.id, original.id, dup.id, String(publicId), String(late.id)];
  // And some of the demo data, whatever it holds.
  const demo: { id: number }[] = await lab.t.app.db.query('SELECT id FROM complaint ORDER BY id LIMIT 12');
  ids = [...new Set([...ids, ...demo.map((r) => String(r.id))])];
}, 60_000);
afterAll(() => lab?.stop());

/** A selection that shows the field: scalars as they are, objects by their id (or every scalar they have). */
function show(field: GraphQLField<unknown, unknown>, sub = ''): string {
  const t = getNamedType(field.type) as GraphQLNamedType;
  if (!isObjectType(t)) return field.name;
  return `${field.name} { ${sub || ('id' in t.getFields() ? 'id' : Object.keys(t.getFields()).filter((f) => !isObjectType(getNamedType(t.getFields()[f].type)))[0])} }`;
}

const VIEWERS = ['walikota', 'admin.tengah', 'kepala.dinsos', 'petugas.rw'];

async function compare(selection: string): Promise<string[]> {
  const problems: string[] = [];
  for (const who of VIEWERS) {
    const token = await lab.token(who);
    const list = await lab.t.gql(`query($ids: [ID!]) { complaints(filter: { ids: $ids }, perPage: 100) { items { id ${selection} } } }`, { ids }, token);
    if (list.errors) problems.push(`${who} list ${selection}: ${JSON.stringify(list.errors)}`);
    const visible: { id: string }[] = list.data?.complaints.items ?? [];
    const singles = await lab.t.gql(`{ ${visible.map((c) => `c${c.id}: complaint(id: ${c.id}) { id ${selection} }`).join(' ')} }`, {}, token);
    if (singles.errors) problems.push(`${who} single ${selection}: ${JSON.stringify(singles.errors)}`);
    const ctx = await lab.ctx(who);
    const base = await execute({
      schema: ordinary,
      document: parse(`{ ${visible.map((c) => `c${c.id}: row(id: ${c.id}) { id ${selection} }`).join(' ')} }`),
      contextValue: ctx,
    });
    if (base.errors) problems.push(`${who} ordinary ${selection}: ${JSON.stringify(base.errors)}`);
    const expected = JSON.parse(JSON.stringify(base.data ?? {}));
    for (const item of visible) {
      const want = expected[`c${item.id}`];
      if (JSON.stringify(item) !== JSON.stringify(want))
        problems.push(`${who} list #${item.id} ${selection}: ${JSON.stringify(item)} ≠ ${JSON.stringify(want)}`);
      const one = singles.data?.[`c${item.id}`];
      if (JSON.stringify(one) !== JSON.stringify(want))
        problems.push(`${who} complaint(id: ${item.id}) ${selection}: ${JSON.stringify(one)} ≠ ${JSON.stringify(want)}`);
    }
  }
  return problems;
}

test('the rows under test are visible and varied', async () => {
  const { complaints } = await lab.ok(
    'walikota',
    `query($ids: [ID!]) { complaints(filter: { ids: $ids }, perPage: 100) { items { status anonymous overdue } } }`,
    { ids },
  );
  const statuses = new Set(complaints.items.map((c: any) => c.status));
  expect(complaints.items.length).toBe(ids.length);
  expect(statuses.size).toBeGreaterThanOrEqual(4);
  expect(complaints.items.some((c: any) => c.anonymous)).toBe(true);
  expect(complaints.items.some((c: any) => c.overdue)).toBe(true);
});

test('every Complaint field, alone, in a list and in complaint(id), equals the field on a fully loaded row', async () => {
  const fields = Object.values((schema.getType('Complaint') as GraphQLObjectType).getFields());
  expect(fields.length).toBeGreaterThan(40);
  const problems: string[] = [];
  for (const f of fields) {
    if (f.name === 'events') continue; // walked below, with and without `last`
    problems.push(...(await compare(show(f))));
  }
  expect(problems).toEqual([]);
}, 120_000);

test('every ComplaintEvent field, alone, on the whole timeline and on its last entries, equals the same on fully loaded events', async () => {
  const eventFields = Object.values((schema.getType('ComplaintEvent') as GraphQLObjectType).getFields());
  expect(eventFields.map((f) => f.name)).toEqual(expect.arrayContaining(['actor', 'actorKind', 'fromOpd', 'toOpd', 'message', 'createdAt']));
  const problems: string[] = [];
  for (const f of eventFields) {
    for (const args of ['', '(last: 2)']) problems.push(...(await compare(`events${args} { id ${show(f)} }`)));
  }
  expect(problems).toEqual([]);
}, 120_000);
