import { codeOf, complaintInput, Lab } from '../lifecycle/helpers';

let lab: Lab;
beforeAll(async () => {
  lab = await Lab.start();
});
afterAll(() => lab?.stop());

async function withKey(key: string, query: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(`${lab.t.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': key },
    body: JSON.stringify({ query, variables }),
  });
  return res.json() as Promise<any>;
}

const SUBMIT = `mutation($i: ComplaintInput!) { submitComplaint(input: $i) { trackingCode accessCode } }`;
const CREATE = `mutation($n: String!, $s: [ApiScope!]!, $e: DateTimeISO, $r: Int) {
  createApiClient(name: $n, channel: EXTERNAL_APP, scopes: $s, expiresAt: $e, rateLimitPerMinute: $r) { key client { id scopes expiresAt rateLimitPerMinute } } }`;
const OWN = `{ appSubmissions(perPage: 50) { total items { trackingCode status currentUnit answer timeline { type status unit message } } } }`;
const ONE = `query($c: String!) { appSubmission(trackingCode: $c) { trackingCode status currentUnit answer timeline { type message } } }`;

async function app(name: string, scopes: string[], extra: Record<string, unknown> = {}) {
  const r = await lab.ok('superadmin', CREATE, { n: name, s: scopes, ...extra });
  return r.createApiClient as { key: string; client: { id: string; scopes: string[]; expiresAt: string | null; rateLimitPerMinute: number } };
}

async function submitWith(key: string, over: Record<string, unknown> = {}) {
  const r = await withKey(key, SUBMIT, { i: complaintInput({ channel: 'WEB', ...over }) });
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data.submitComplaint as { trackingCode: string; accessCode: string };
}

test('scopes are chosen at creation and shown; an app reads back only its own submissions, as public facts', async () => {
  const inFuture = new Date(Date.now() + 30 * 86400_000).toISOString();
  const kota = await app('Aplikasi Kota', ['COMPLAINTS_SUBMIT', 'COMPLAINTS_READ_OWN'], { e: inFuture, r: 100 });
  expect(kota.client).toMatchObject({ scopes: ['COMPLAINTS_SUBMIT', 'COMPLAINTS_READ_OWN'], expiresAt: inFuture, rateLimitPerMinute: 100 });
  const other = await app('Aplikasi Lain', ['COMPLAINTS_SUBMIT', 'COMPLAINTS_READ_OWN']);
  const listed = await lab.ok('superadmin', `{ apiClients { name scopes } }`);
  expect(listed.apiClients).toEqual(expect.arrayContaining([{ name: 'Aplikasi Kota', scopes: ['COMPLAINTS_SUBMIT', 'COMPLAINTS_READ_OWN'] }]));

  const mine = await submitWith(kota.key, { title: 'Lampu jalan mati di Jalan Pahlawan', reporterName: 'Budi Santoso', kelurahanId: lab.opd['KEL-CACABAN'] });
  const secret = await submitWith(kota.key, { title: 'Pungutan liar di kantor kelurahan', confidential: true });
  const theirs = await submitWith(other.key, { title: 'Saluran air tersumbat' });
  await lab.submit(null, { title: 'Laporan warga langsung' });

  // The complaint records the app; staff see which one.
  const [row] = await lab.t.app.db.query('SELECT id, "apiClientId" FROM complaint WHERE "trackingCode" = $1', [mine.trackingCode]);
  expect(String(row.apiClientId)).toBe(kota.client.id);
  const seen = await lab.ok('superadmin', `query($id: ID!) { complaint(id: $id) { apiClientId apiClient { name } } }`, { id: String(row.id) });
  expect(seen.complaint).toEqual({ apiClientId: kota.client.id, apiClient: { name: 'Aplikasi Kota' } });

  // Handled with internal notes along the way; the app sees status, unit, public timeline and answer only.
  const id = String(row.id);
  await lab.must('admin.tengah', 'verifyComplaint', { id, note: 'CATATAN INTERNAL verifikasi' });
  await lab.must('admin.tengah', 'forwardComplaint', { id, opdId: lab.opd.DISPERKIM, note: 'CATATAN INTERNAL teruskan' });
  await lab.must('kepala.disperkim', 'addInternalNote', { id, note: 'CATATAN INTERNAL kepala' });
  await lab.must('kepala.disperkim', 'respondToComplaint', { id, answer: 'Lampu sudah diganti oleh petugas PJU.' });

  const own = (await withKey(kota.key, OWN)).data.appSubmissions;
  expect(own.total).toBe(1);
  expect(own.items.map((c: { trackingCode: string }) => c.trackingCode)).toEqual([mine.trackingCode]);
  const [one] = own.items;
  expect(one).toMatchObject({ status: 'RESPONDED', currentUnit: lab.opdName.DISPERKIM, answer: 'Lampu sudah diganti oleh petugas PJU.' });
  expect(one.timeline.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['SUBMITTED', 'FORWARDED', 'RESPONDED']));
  const text = JSON.stringify(await withKey(kota.key, ONE, { c: mine.trackingCode }));
  expect(text).toContain('Lampu sudah diganti');
  expect(text).not.toContain('CATATAN INTERNAL');
  expect(text).not.toContain('Budi Santoso');

  // Never another app's, a citizen's or a confidential complaint.
  for (const code of [theirs.trackingCode, secret.trackingCode]) expect(codeOf(await withKey(kota.key, ONE, { c: code }))).toBe('NOT_FOUND');
  expect((await withKey(other.key, OWN)).data.appSubmissions.items.map((c: { trackingCode: string }) => c.trackingCode)).toEqual([theirs.trackingCode]);
  // Staff accounts do not use the app operations.
  expect(codeOf(await lab.gql('superadmin', OWN))).toBe('FORBIDDEN');
});

test('each scope is enforced: a key may do what its scopes grant and nothing else', async () => {
  const readOnly = await app('Hanya Baca', ['COMPLAINTS_READ_OWN']);
  const r = await withKey(readOnly.key, SUBMIT, { i: complaintInput({ channel: 'WEB' }) });
  expect(codeOf(r)).toBe('FORBIDDEN');
  expect(r.errors[0].message).toContain('complaints:submit');
  const publicQuery = await withKey(readOnly.key, `{ publicPrograms { name } }`);
  expect(codeOf(publicQuery)).toBe('FORBIDDEN');
  expect(publicQuery.errors[0].message).toContain('public:read');

  const submitOnly = await app('Hanya Kirim', ['COMPLAINTS_SUBMIT']);
  await submitWith(submitOnly.key);
  expect(codeOf(await withKey(submitOnly.key, OWN))).toBe('FORBIDDEN');
  const reader = await app('Pembaca Publik', ['PUBLIC_READ']);
  expect((await withKey(reader.key, `{ publicPrograms { name } }`)).errors).toBeUndefined();
  // Bad input names the field.
  const none = await lab.gql('superadmin', CREATE, { n: 'Tanpa Lingkup', s: [] });
  expect(none.errors?.[0]?.extensions?.fields).toEqual(['scopes']);
});

test('keys expire, rotate with a grace period (or at once for a leaked key), and each has its own rate limit', async () => {
  const a = await app('Aplikasi Rotasi', ['COMPLAINTS_SUBMIT', 'PUBLIC_READ']);
  const ping = (key: string) => withKey(key, `{ publicPrograms { name } }`);
  const rotated = await lab.ok(
    'superadmin',
    `mutation($id: ID!) { rotateApiClientKey(id: $id, graceHours: 1) { key client { previousKeyPrefix previousKeyValidUntil rotatedAt } } }`,
    {
      id: a.client.id,
    },
  );
  const second: string = rotated.rotateApiClientKey.key;
  expect(rotated.rotateApiClientKey.client.previousKeyPrefix).toBe(a.key.split('.')[0]);
  expect((await ping(a.key)).errors).toBeUndefined();
  expect((await ping(second)).errors).toBeUndefined();
  const third = (await lab.ok('superadmin', `mutation($id: ID!) { rotateApiClientKey(id: $id, graceHours: 0) { key } }`, { id: a.client.id }))
    .rotateApiClientKey.key;
  for (const old of [a.key, second]) expect(codeOf(await ping(old))).toBe('UNAUTHENTICATED');
  expect((await ping(third)).errors).toBeUndefined();

  // Expired: refused with a message saying so.
  await lab.t.app.db.query(`UPDATE api_client SET "expiresAt" = now() - interval '1 minute' WHERE id = $1`, [Number(a.client.id)]);
  lab.services.apiClients.invalidate();
  const expired = await ping(third);
  expect(codeOf(expired)).toBe('UNAUTHENTICATED');
  expect(expired.errors[0].message).toContain('expired');
  const past = await lab.gql(
    'superadmin',
    `mutation($id: ID!) { updateApiClient(id: $id, scopes: [PUBLIC_READ], expiresAt: "2020-01-01T00:00:00Z", rateLimitPerMinute: 5) { id } }`,
    {
      id: a.client.id,
    },
  );
  expect(past.errors?.[0]?.extensions?.fields).toEqual(['expiresAt']);

  // Per key: a key with 3 requests a minute gets its fourth refused; another key is untouched.
  const slow = await app('Aplikasi Pelan', ['PUBLIC_READ'], { r: 3 });
  const codes = [];
  for (let i = 0; i < 4; i++) codes.push(codeOf(await ping(slow.key)) ?? 'OK');
  expect(codes).toEqual(['OK', 'OK', 'OK', 'RATE_LIMITED']);
  const fresh = await app('Aplikasi Cepat', ['PUBLIC_READ'], { r: 3 });
  expect((await ping(fresh.key)).errors).toBeUndefined();
});
