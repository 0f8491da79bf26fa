import { codeOf, startTestApp, type TestApp } from '../../support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.stop());

async function withKey(key: string, query: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(`${t.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': key },
    body: JSON.stringify({ query, variables }),
  });
  return res.json() as Promise<any>;
}

const SUBMIT = `mutation($i: ComplaintInput!, $k: String) { submitComplaint(input: $i, idempotencyKey: $k) { trackingCode accessCode complaint { id } } }`;
const input = {
  title: 'Laporan dari SP4N-LAPOR!',
  description: 'Jalan berlubang di depan SD Negeri Cacaban 1.',
  reporterPhone: '081234567890',
  channel: 'WEB',
};

test('an external app submits with its key on its own channel, never sees staff data, and a revoked or wrong key is refused', async () => {
  const su = await t.login('superadmin');
  const admin = await t.login('admin.tengah');
  const refused = await t.gql(`mutation { createApiClient(name: "SP4N-LAPOR!", channel: SP4N_LAPOR) { key } }`, {}, admin);
  expect(codeOf(refused)).toBe('FORBIDDEN');
  const { createApiClient } = await t.ok(
    `mutation { createApiClient(name: "SP4N-LAPOR!", channel: SP4N_LAPOR) { key client { id keyPrefix channel } } }`,
    {},
    su,
  );
  const key: string = createApiClient.key;
  expect(key.startsWith(`${createApiClient.client.keyPrefix}.`)).toBe(true);

  const r = await withKey(key, SUBMIT, { i: input, k: 'lapor-000123-abc' });
  expect(r.errors).toBeUndefined();
  expect(r.data.submitComplaint.complaint).toBeNull();
  const [row] = await t.app.db.query('SELECT channel FROM complaint WHERE "trackingCode" = $1', [r.data.submitComplaint.trackingCode]);
  expect(row.channel).toBe('SP4N_LAPOR');
  // The key grants no staff reads.
  expect(codeOf(await withKey(key, `{ complaints { total } }`))).toBe('UNAUTHENTICATED');
  // The citizen-facing tracking works with the codes handed back.
  const tracked = await withKey(key, `query($c: String!, $a: String!) { trackComplaint(trackingCode: $c, accessCode: $a) { status } }`, {
    c: r.data.submitComplaint.trackingCode,
    a: r.data.submitComplaint.accessCode,
  });
  expect(tracked.data.trackComplaint.status).toBe('SUBMITTED');

  expect(codeOf(await withKey(`${createApiClient.client.keyPrefix}.wrongwrongwrongwrongwrong`, SUBMIT, { i: input }))).toBe('UNAUTHENTICATED');
  expect(codeOf(await withKey('garbage', `{ publicPrograms { name } }`))).toBe('UNAUTHENTICATED');
  await t.ok(`mutation($id: ID!) { deactivateApiClient(id: $id) { active } }`, { id: createApiClient.client.id }, su);
  expect(codeOf(await withKey(key, SUBMIT, { i: input }))).toBe('UNAUTHENTICATED');
  const [{ keyHash }] = await t.app.db.query('SELECT "keyHash" FROM api_client WHERE id = $1', [createApiClient.client.id]);
  expect(keyHash).not.toContain(key.split('.')[1]);
});
