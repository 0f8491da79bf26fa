import { loadConfig } from '../../../server/config';
import { LocalWebhookReceiver } from '../../support/local-webhook-receiver';
import { codeOf, complaintInput, Lab, sleep } from '../lifecycle/helpers';

let lab: Lab;
let hooks: LocalWebhookReceiver;
let key: string;
let appId: string;

async function withKey(k: string, query: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(`${lab.t.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': k },
    body: JSON.stringify({ query, variables }),
  });
  return res.json() as Promise<any>;
}

const REGISTER = `mutation($u: String!, $e: [WebhookEvent!]!, $all: Boolean) {
  registerWebhook(url: $u, events: $e, allComplaints: $all) { secret endpoint { id url events active } } }`;
const ALL_EVENTS = ['RECEIVED', 'VERIFIED', 'FORWARDED', 'PROGRESS', 'ANSWERED', 'CLOSED'];

async function register(path: string, events = ALL_EVENTS, k = key) {
  const r = await withKey(k, REGISTER, { u: hooks.url(path), e: events });
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  hooks.secrets.set(path, r.data.registerWebhook.secret);
  return r.data.registerWebhook.endpoint as { id: string };
}

async function submit(k: string, over: Record<string, unknown> = {}) {
  const r = await withKey(k, `mutation($i: ComplaintInput!) { submitComplaint(input: $i) { trackingCode } }`, {
    i: complaintInput({ channel: 'WEB', kelurahanId: lab.opd['KEL-CACABAN'], ...over }),
  });
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  const [row] = await lab.t.app.db.query('SELECT id FROM complaint WHERE "trackingCode" = $1', [r.data.submitComplaint.trackingCode]);
  return { id: String(row.id), trackingCode: r.data.submitComplaint.trackingCode as string };
}

/** Runs the dispatcher until nothing is due (retries wait for their short backoff). */
async function drain(rounds = 20) {
  for (let i = 0; i < rounds; i++) {
    const r = await lab.services.dispatcher.dispatchOnce();
    const [{ due }] = await lab.t.app.db.query(`SELECT count(*)::int AS due FROM notification WHERE channel = 'WEBHOOK' AND status IN ('PENDING', 'FAILED')`);
    if (r.sent + r.failed + r.dead === 0 && due === 0) return;
    await sleep(60);
  }
}

beforeAll(async () => {
  hooks = await LocalWebhookReceiver.start();
  const defaults = loadConfig({ APP_MODE: 'test' }).notifications;
  lab = await Lab.start({ notifications: { ...defaults, dispatchIntervalMs: 0, maxAttempts: 5, backoffMs: 20, webhookDisableAfter: 3 } });
  const r = await lab.ok(
    'superadmin',
    `mutation { createApiClient(name: "Jogja Smart Service", scopes: [COMPLAINTS_SUBMIT, WEBHOOKS_MANAGE]) { key client { id } } }`,
  );
  key = r.createApiClient.key;
  appId = r.createApiClient.client.id;
});
afterAll(async () => {
  await lab?.stop();
  await hooks?.stop();
});

test('only https endpoints (http to 127.0.0.1 in test mode), at least one event, and only with the webhooks:manage scope', async () => {
  const r = await withKey(key, REGISTER, { u: 'http://hooks.example.id/lapor', e: ['RECEIVED'] });
  expect({ code: codeOf(r), fields: r.errors[0].extensions.fields }).toEqual({ code: 'BAD_USER_INPUT', fields: ['url'] });
  expect(codeOf(await withKey(key, REGISTER, { u: 'https://hooks.example.id/lapor', e: [] }))).toBe('BAD_USER_INPUT');
  expect(codeOf(await withKey(key, REGISTER, { u: 'https://hooks.example.id/lapor', e: ['RECEIVED'], all: true }))).toBe('BAD_USER_INPUT');
  const submitOnly = (await lab.ok('superadmin', `mutation { createApiClient(name: "Tanpa Webhook", scopes: [COMPLAINTS_SUBMIT]) { key } }`)).createApiClient
    .key;
  expect(codeOf(await withKey(submitOnly, REGISTER, { u: 'https://hooks.example.id/lapor', e: ['RECEIVED'] }))).toBe('FORBIDDEN');
  expect(codeOf(await lab.gql('superadmin', REGISTER, { u: 'https://hooks.example.id/lapor', e: ['RECEIVED'] }))).toBe('FORBIDDEN');
});

test("an app's endpoint receives its complaints' public changes, signed, through the outbox, retried after a failure", async () => {
  const endpoint = await register('/hooks/main');
  const c = await submit(key, { reporterName: 'Rahmat Hidayat', title: 'Trotoar rusak di Jalan Tidar' });
  // The delivery row is written by the statement that wrote the event.
  const [row] = await lab.t.app.db.query(
    `SELECT n.channel, n.status, n."recipientAddress", e.type, n.xmin = e.xmin AS "sameTransaction"
       FROM notification n JOIN complaint_event e ON e.id = n."eventId" WHERE n."complaintId" = $1 AND n.channel = 'WEBHOOK'`,
    [Number(c.id)],
  );
  expect(row).toEqual({ channel: 'WEBHOOK', status: 'PENDING', recipientAddress: endpoint.id, type: 'SUBMITTED', sameTransaction: true });

  hooks.failNext = 1;
  await drain();
  const first = hooks.received.filter((h) => h.path === '/hooks/main');
  expect(first).toHaveLength(2);
  expect(first[0].id).toBe(first[1].id);
  expect(first.every((h) => h.verified)).toBe(true);

  await lab.must('admin.tengah', 'verifyComplaint', { id: c.id, note: 'RAHASIA catatan verifikasi' });
  await lab.must('admin.tengah', 'forwardComplaint', { id: c.id, opdId: lab.opd.DISPERKIM, note: 'RAHASIA instruksi' });
  await lab.must('kepala.disperkim', 'addInternalNote', { id: c.id, note: 'RAHASIA catatan kepala' });
  await lab.must('kepala.disperkim', 'addProgress', { id: c.id, stage: 'FIELD_CHECK', note: 'Petugas meninjau lokasi', public: true });
  await lab.must('kepala.disperkim', 'addProgress', { id: c.id, stage: 'IN_WORK', note: 'RAHASIA progres internal', public: false });
  await lab.must('kepala.disperkim', 'respondToComplaint', { id: c.id, answer: 'Trotoar diperbaiki minggu ini.' });
  await lab.must('admin.tengah', 'closeComplaint', { id: c.id });
  await drain();

  const got = hooks.received.filter((h) => h.path === '/hooks/main' && h.verified);
  // A batch is sent side by side: receivers order by the event id in `id` (or occurredAt), not by arrival.
  const eventIdOf = (b: { id: string }) => Number(b.id.split(':')[1]);
  const bodies = got.map((h) => JSON.parse(h.body)).sort((a, b) => eventIdOf(a) - eventIdOf(b));
  expect([...new Set(bodies.map((b) => b.type))]).toEqual([
    'complaint.received',
    'complaint.verified',
    'complaint.forwarded',
    'complaint.progress',
    'complaint.answered',
    'complaint.closed',
  ]);
  const answered = bodies.find((b) => b.type === 'complaint.answered');
  expect(answered).toMatchObject({
    id: expect.stringMatching(/^w:\d+:\d+$/),
    complaint: { trackingCode: c.trackingCode, status: 'RESPONDED', unit: lab.opdName.DISPERKIM },
    event: { message: 'Trotoar diperbaiki minggu ini.' },
  });
  expect(bodies.find((b) => b.type === 'complaint.forwarded').event.unit).toBe(lab.opdName.DISPERKIM);
  const all = hooks.received.map((h) => h.body).join('\n');
  expect(all).not.toContain('RAHASIA');
  expect(all).not.toContain('Rahmat');

  // The app reads its delivery log; staff read it in the console.
  const log = await withKey(key, `query($id: ID!) { webhookDeliveries(endpointId: $id, perPage: 50) { total items { status attempts lastError subject } } }`, {
    id: endpoint.id,
  });
  expect(log.data.webhookDeliveries.total).toBe(6);
  expect(log.data.webhookDeliveries.items.every((d: { status: string }) => d.status === 'SENT')).toBe(true);
  expect(log.data.webhookDeliveries.items.at(-1)).toMatchObject({ attempts: 2, subject: `complaint.received ${c.trackingCode}` });
  const staff = await lab.ok('superadmin', `query($id: ID!) { webhookDeliveryLog(endpointId: $id) { total } }`, { id: endpoint.id });
  expect(staff.webhookDeliveryLog.total).toBe(6);

  // Not told of other apps', citizens' or confidential complaints.
  const before = hooks.received.length;
  await lab.submit(null, { title: 'Laporan warga langsung' });
  await submit(key, { title: 'Pungutan liar', confidential: true });
  await drain();
  expect(hooks.received.length).toBe(before);
  await withKey(key, `mutation($id: ID!) { deleteWebhook(id: $id) { id } }`, { id: endpoint.id });
});

test('an endpoint that keeps failing is disabled after the limit; staff see why and switch it on again', async () => {
  const endpoint = await register('/hooks/broken', ['RECEIVED']);
  hooks.broken.add('/hooks/broken');
  for (let i = 0; i < 4; i++) await submit(key, { title: `Laporan uji gagal ${i + 1}` });
  await drain();
  const [state] = (
    await lab.ok('superadmin', `query($id: ID!) { apiClientWebhooks(apiClientId: $id) { id active consecutiveFailures disabledReason } }`, { id: appId })
  ).apiClientWebhooks;
  // Sent side by side, a batch may fail a little past the limit before the endpoint is off.
  expect(state).toMatchObject({ id: endpoint.id, active: false });
  expect(state.consecutiveFailures).toBeGreaterThanOrEqual(3);
  expect(state.disabledReason).toContain('HTTP 500');
  const log = await lab.ok('superadmin', `query($id: ID!) { webhookDeliveryLog(endpointId: $id, perPage: 10) { items { status lastError } } }`, {
    id: endpoint.id,
  });
  expect(log.webhookDeliveryLog.items.every((d: { status: string }) => d.status === 'DEAD')).toBe(true);
  expect(log.webhookDeliveryLog.items).toHaveLength(4);
  expect(hooks.received.filter((h) => h.path === '/hooks/broken').length).toBeLessThanOrEqual(4);

  hooks.broken.delete('/hooks/broken');
  const on = await lab.ok('superadmin', `mutation($id: ID!) { setWebhookActive(id: $id, active: true) { active consecutiveFailures } }`, { id: endpoint.id });
  expect(on.setWebhookActive).toEqual({ active: true, consecutiveFailures: 0 });
  await submit(key, { title: 'Laporan setelah diperbaiki' });
  await drain();
  expect(hooks.received.filter((h) => h.path === '/hooks/broken').at(-1)!.verified).toBe(true);
});
