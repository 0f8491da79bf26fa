import { buildAppSchema } from '../../../server/app/schema';
import { getNamedType, isLeafType, isObjectType, isNonNullType, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { Lab, collect, waitFor } from '../lifecycle/helpers';

let lab: Lab;
let schema: GraphQLSchema;
beforeAll(async () => {
  lab = await Lab.start({ sweepIntervalMs: 0 });
  schema = await buildAppSchema();
});
afterAll(() => lab.stop());

/** Every field reachable from a type, to `depth` levels, skipping fields that need arguments. */
function selection(type: GraphQLObjectType, depth: number, seen: string[] = []): string {
  const parts: string[] = [];
  for (const field of Object.values(type.getFields())) {
    if (field.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined)) continue;
    const named = getNamedType(field.type);
    if (isLeafType(named)) parts.push(field.name);
    else if (isObjectType(named) && depth > 0 && !seen.includes(named.name)) {
      const inner = selection(named, depth - 1, [...seen, type.name]);
      if (inner) parts.push(`${field.name} { ${inner} }`);
    }
  }
  return parts.join(' ');
}

const ROLES = ['superadmin', 'admin.tengah', 'admin.selatan', 'petugas.rw', 'kepala.dinsos', 'staf.dinsos', 'kepala.disperkim', 'walikota'];
const IDENTITY = {
  reporterName: 'Wahyuningsih Rahasia',
  reporterNik: '3371034509870001',
  reporterPhone: '081299887766',
  reporterEmail: 'wahyu.rahasia@example.id',
  reporterAddress: 'Jl. Rahasia No. 7 RT 02 RW 03',
};
const secrets = Object.values(IDENTITY);
const leaked = (json: unknown) => secrets.filter((s) => JSON.stringify(json).includes(s));

test('an anonymous reporter’s identity never appears outside the intake Opd’s admins and officers; a confidential complaint never in public queries', async () => {
  const complaintType = schema.getType('Complaint') as GraphQLObjectType;
  const all = selection(complaintType, 2);
  expect(all).toContain('reporterNik');

  // Recorded at the RW post (intake: Kelurahan Cacaban under Kecamatan Magelang Tengah), anonymous and confidential.
  const { complaint, trackingCode, accessCode } = await lab.submit('petugas.rw', {
    ...IDENTITY,
    anonymous: true,
    confidential: true,
    title: 'Dugaan pungutan liar bantuan',
    description: 'Pelapor meminta identitasnya dirahasiakan karena takut.',
  });
  const id = complaint.id;
  const mayKnow = new Set(['petugas.rw', 'admin.tengah']);
  const subs = new Map<string, ReturnType<typeof collect>>();
  const fullChange = `subscription { complaintChanged { event { id type message } complaint { ${all} } } }`;
  for (const who of ROLES) subs.set(who, collect(lab.t.ws(await lab.token(who)), {}, fullChange));
  await waitFor(() => lab.services.feed.subscriberCount >= ROLES.length, 'subscribers');

  await lab.must('admin.tengah', 'verifyComplaint', { id });
  await lab.must('admin.tengah', 'forwardComplaint', { id, opdId: lab.opd.DINSOS });
  await lab.must('kepala.dinsos', 'assignComplaint', { id, userId: lab.user['staf.dinsos'].id });
  await lab.must('kepala.dinsos', 'addProgress', { id, stage: 'FIELD_CHECK', note: 'Cek lapangan dilakukan.', public: true });
  await lab.must('kepala.dinsos', 'respondToComplaint', { id, answer: 'Laporan ditindaklanjuti oleh inspektorat.' });
  // Everyone whose row scope includes the complaint receives the answer; the others nothing.
  const inScope = ['superadmin', 'admin.tengah', 'petugas.rw', 'kepala.dinsos', 'staf.dinsos', 'walikota'];
  await waitFor(() => inScope.every((who) => subs.get(who)!.types(id).includes('RESPONDED')), 'payloads', 15_000);

  const queries: [string, string, Record<string, unknown>][] = [
    ['detail', `query($id: ID!) { complaint(id: $id) { ${all} } }`, { id }],
    ['list', `query($ids: [ID!]) { complaints(filter: { ids: $ids }) { items { ${all} } } }`, { ids: [id] }],
    ['inbox', `{ myInbox(perPage: 100) { items { ${all} } } }`, {}],
    ['search by name', `query($q: String) { complaints(filter: { q: $q }) { total items { id } } }`, { q: IDENTITY.reporterName }],
    ['search by phone', `query($q: String) { complaints(filter: { q: $q }) { total items { id } } }`, { q: IDENTITY.reporterPhone }],
    ['desks', `{ desks { items { items { complaint { ${all} } } } } }`, {}],
    ['stats', `{ complaintStats { totals { total } byOpd { key opd { name } } } }`, {}],
    ['report csv', `{ complianceReportCsv(period: "2026") }`, {}],
    ['forbidden respond', `mutation($id: ID!) { respondToComplaint(id: $id, answer: "Jawaban dari pihak yang tidak berwenang") { id } }`, { id }],
  ];
  for (const who of ROLES) {
    for (const [name, q, vars] of queries) {
      const r = await lab.gql(who, q, vars);
      const found = leaked(r);
      if (mayKnow.has(who) && (name === 'detail' || name === 'list')) {
        expect({ who, name, found: found.length }).toEqual({ who, name, found: secrets.length });
      } else if (mayKnow.has(who) && name === 'inbox') {
        // The intake may see it in its inbox too (or the complaint has left that inbox).
      } else {
        expect({ who, name, found }).toEqual({ who, name, found: [] });
      }
    }
    const payloads = subs.get(who)!.changes.filter((c) => c.complaint.id === id);
    const inPayloads = leaked(payloads);
    if (mayKnow.has(who)) expect(inPayloads).toEqual(secrets);
    else expect({ who, subscription: inPayloads }).toEqual({ who, subscription: [] });
    if (!inScope.includes(who)) expect(payloads).toEqual([]);
  }

  // The public: tracking (the reporter's own codes), public programme lists, a wrong code's error message.
  const track = await lab.gql(
    null,
    `query($c: String!, $a: String!) { trackComplaint(trackingCode: $c, accessCode: $a) { ${selection(schema.getType('PublicComplaint') as GraphQLObjectType, 2)} } }`,
    { c: trackingCode, a: accessCode },
  );
  expect(track.data.trackComplaint.status).toBe('RESPONDED');
  expect(leaked(track)).toEqual([]);
  expect(JSON.stringify(track)).not.toContain(lab.user['staf.dinsos'].name);
  expect(
    leaked(await lab.gql(null, `query($c: String!) { trackComplaint(trackingCode: $c, accessCode: "WRONGCODE") { title } }`, { c: trackingCode })),
  ).toEqual([]);
  expect(leaked(await lab.gql(null, `{ publicPrograms { name description } }`))).toEqual([]);
  // Confidential: never listed for the public or an external app (no public listing exists at all).
  const publicQueries = Object.values(schema.getQueryType()!.getFields())
    .filter((f) => f.extensions?.permission === 'PUBLIC')
    .map((f) => f.name);
  expect(publicQueries.sort()).toEqual(['ikm', 'ikmElements', 'publicPrograms', 'trackComplaint']);
  for (const s of subs.values()) s.stop();
});

test('a non-anonymous reporter is visible to the units handling the complaint, and nowhere public', async () => {
  const { complaint, trackingCode, accessCode } = await lab.submit('admin.tengah', { ...IDENTITY, reporterName: 'Budi Terbuka', anonymous: false });
  await lab.must('admin.tengah', 'verifyComplaint', { id: complaint.id });
  await lab.must('admin.tengah', 'forwardComplaint', { id: complaint.id, opdId: lab.opd.DINSOS });
  const seen = await lab.complaint('kepala.dinsos', complaint.id, 'reporterName reporterPhone identityVisible');
  expect(seen).toEqual({ reporterName: 'Budi Terbuka', reporterPhone: IDENTITY.reporterPhone, identityVisible: true });
  const track = await lab.gql(
    null,
    `query($c: String!, $a: String!) { trackComplaint(trackingCode: $c, accessCode: $a) { title timeline { message unit } } }`,
    { c: trackingCode, a: accessCode },
  );
  expect(JSON.stringify(track)).not.toContain('Budi Terbuka');
  expect(JSON.stringify(track)).not.toContain(IDENTITY.reporterPhone);
});
