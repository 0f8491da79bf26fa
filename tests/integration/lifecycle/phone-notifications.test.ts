import { DeliveryError, SmsChannel, WhatsAppChannel, type WhatsAppConfig } from '../../../server/modules/notifications/notification-channels';
import { quietUntil } from '../../../server/modules/notifications/notification-rules';
import { NotificationDispatcher } from '../../../server/modules/notifications/notification.dispatcher';
import { startLocalProvider, type LocalProvider } from '../../support/local-provider';
import { codeOf, Lab } from './helpers';

/**
 * Messages to a reporter's phone: the WhatsApp Business Cloud API and an HTTP SMS gateway,
 * each against a local server answering as the provider documents; quiet hours; a new access
 * code on request; delivery figures on /metrics.
 */
const TRACKING = 'https://lapor.uji.test/lacak?kode={kode}';
const WA_OK = {
  status: 200,
  body: { messaging_product: 'whatsapp', contacts: [{ input: '6281234567890', wa_id: '6281234567890' }], messages: [{ id: 'wamid.UJI' }] },
};
const PHONE = '0812-3456-7890';
const DIGITS = '6281234567890';

let lab: Lab;
let wa: LocalProvider;
let whatsapp: WhatsAppConfig;

beforeAll(async () => {
  wa = await startLocalProvider(WA_OK);
  whatsapp = { apiUrl: `${wa.url}/v21.0`, phoneNumberId: '1098765', token: 'uji-token', template: 'lapor_pemberitahuan', language: 'id' };
  lab = await Lab.start({
    notifications: { smtp: null, whatsapp, trackingUrl: TRACKING, dispatchIntervalMs: 0, maxAttempts: 4, backoffMs: 0, batchSize: 10 },
  });
}, 60_000);
afterAll(async () => {
  await lab?.stop();
  await wa?.stop();
});

/** Sends everything due by tomorrow (past any quiet hours), as the dispatcher will then. */
async function sendAll(): Promise<void> {
  const tomorrow = new NotificationDispatcher(
    lab.t.app.db,
    [new WhatsAppChannel(whatsapp)],
    { batchSize: 50, maxAttempts: 4, backoffMs: 0 },
    lab.services.log,
    () => new Date(Date.now() + 86_400_000),
  );
  for (let i = 0; i < 10; i++) {
    const r = await tomorrow.dispatchOnce();
    if (r.sent + r.failed + r.dead === 0) return;
  }
}

beforeEach(async () => {
  await sendAll();
  wa.requests = [];
  wa.script = [];
});

interface Row {
  template: string;
  channel: string;
  status: string;
  recipientAddress: string | null;
  body: string;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  nextAttemptAt: Date | null;
}
const outbox = (complaintId: string): Promise<Row[]> =>
  lab.t.app.db.query(
    `SELECT template, channel, status, "recipientAddress", body, attempts, "lastError", "createdAt", "nextAttemptAt" FROM notification WHERE "complaintId" = $1 AND channel <> 'IN_CONSOLE' ORDER BY id`,
    [Number(complaintId)],
  );
const idOf = async (trackingCode: string) => String((await lab.t.app.db.query(`SELECT id FROM complaint WHERE "trackingCode" = $1`, [trackingCode]))[0].id);
const TRACK = `query($tc: String!, $ac: String!) { trackComplaint(trackingCode: $tc, accessCode: $ac) { status } }`;
const RENEW = `mutation($tc: String!) { renewAccessCode(trackingCode: $tc) }`;

test('record → forward → answer → close by WhatsApp: a template message per public step, the receipt at once with both codes, the rest outside quiet hours', async () => {
  const { trackingCode, accessCode } = await lab.submit('admin.tengah', { reporterPhone: PHONE, reporterName: 'Sari' });
  const id = await idOf(trackingCode);
  await lab.must('admin.tengah', 'verifyComplaint', { id });
  await lab.must('admin.tengah', 'forwardComplaint', { id, opdId: lab.opd.DINSOS, note: 'Instruksi internal: cek DTKS' });
  await lab.must('kepala.dinsos', 'respondToComplaint', { id, answer: 'Bantuan sudah dicairkan melalui rekening KKS.' });
  await lab.must('admin.tengah', 'closeComplaint', { id });

  const rows = await outbox(id);
  expect(rows.map((r) => [r.template, r.channel, r.recipientAddress])).toEqual(
    ['RECEIVED', 'VERIFIED', 'FORWARDED', 'ANSWERED', 'CLOSED'].map((t) => [`${t}_TO_REPORTER`, 'WHATSAPP', PHONE]),
  );
  // The receipt goes at once; the others wait for 06:00 WIB when written at night.
  expect(rows[0].nextAttemptAt!.getTime()).toBe(rows[0].createdAt.getTime());
  for (const r of rows.slice(1)) expect(r.nextAttemptAt!.getTime()).toBe((quietUntil(r.createdAt) ?? r.createdAt).getTime());

  await sendAll();
  expect(wa.requests).toHaveLength(5);
  for (const req of wa.requests) {
    expect(req.path).toBe('/v21.0/1098765/messages');
    expect(req.headers.authorization).toBe('Bearer uji-token');
    expect(req.body).toMatchObject({
      messaging_product: 'whatsapp',
      to: DIGITS,
      type: 'template',
      template: { name: 'lapor_pemberitahuan', language: { code: 'id' } },
    });
    const text = JSON.stringify(req.body);
    expect(text).toContain(TRACKING.replace('{kode}', trackingCode));
    // Nothing internal, nobody's name.
    expect(text).not.toContain('DTKS');
    expect(text).not.toContain(lab.user['kepala.dinsos'].name);
  }
  const [subject, body] = wa.requests[0].body.template.components[0].parameters.map((p: { text: string }) => p.text);
  expect(subject).toBe(`[${trackingCode}] Pengaduan Anda telah diterima`);
  expect(body).toContain(`Kode akses: ${accessCode}`);
  expect(JSON.stringify(wa.requests[3].body)).toContain('Bantuan sudah dicairkan melalui rekening KKS.');
  // Delivered, the access code is kept nowhere in clear; the superadmin's list never showed it.
  const after = await outbox(id);
  expect(after.map((r) => r.status)).toEqual(rows.map(() => 'SENT'));
  expect(after[0].body).not.toContain(accessCode);
  const listed = await lab.ok('superadmin', `{ notifications(perPage: 200) { items { body } } }`);
  expect(JSON.stringify(listed)).not.toContain(accessCode);
});

test('a provider failing twice is retried and delivers once; rate-limited waits; an invalid number is given up at once, the number kept out of the error', async () => {
  const { trackingCode } = await lab.submit(null, { reporterPhone: PHONE });
  const id = await idOf(trackingCode);
  const failure = { status: 500, body: { error: { message: 'Something went wrong', type: 'OAuthException', code: 131000 } } };
  wa.script = [failure, failure];
  await sendAll();
  expect(wa.requests).toHaveLength(3);
  expect(new Set(wa.requests.map((r) => r.body.biz_opaque_callback_data)).size).toBe(1);
  expect((await outbox(id))[0]).toMatchObject({ status: 'SENT', attempts: 3 });

  const busy = await lab.submit(null, { reporterPhone: '081298765432' });
  wa.script = [{ status: 429, body: { error: { message: '(#130429) Rate limit hit', code: 130429 } } }];
  const once = new NotificationDispatcher(
    lab.t.app.db,
    [new WhatsAppChannel(whatsapp)],
    { batchSize: 50, maxAttempts: 4, backoffMs: 60_000 },
    lab.services.log,
  );
  await once.dispatchOnce();
  expect((await outbox(await idOf(busy.trackingCode)))[0]).toMatchObject({ status: 'FAILED', attempts: 1 });

  const invalid = await lab.submit(null, { reporterPhone: '0812 0000 0001' });
  wa.script = [{ status: 400, body: { error: { message: 'Message Undeliverable. 6281200000001 is not a WhatsApp user', code: 131026 } } }];
  await once.dispatchOnce();
  const dead = (await outbox(await idOf(invalid.trackingCode)))[0];
  expect(dead).toMatchObject({ status: 'DEAD', attempts: 1 });
  expect(dead.lastError).toContain('131026');
  expect(dead.lastError).not.toContain('6281200000001');
});

test('a reporter who lost the access code gets a new one on the phone on file; the old one stops working; the answer never tells whether anything was sent', async () => {
  const { trackingCode, accessCode } = await lab.submit(null, { reporterPhone: PHONE });
  await sendAll();
  wa.requests = [];
  expect((await lab.ok(null, RENEW, { tc: trackingCode.toLowerCase() })).renewAccessCode).toBe(true);
  expect(codeOf(await lab.gql(null, TRACK, { tc: trackingCode, ac: accessCode }))).toBe('NOT_FOUND');
  await sendAll();
  expect(wa.requests).toHaveLength(1);
  const fresh = /Kode akses baru untuk pengaduan \S+: ([A-Z0-9]{10})/.exec(JSON.stringify(wa.requests[0].body))![1];
  expect(fresh).not.toBe(accessCode);
  expect((await lab.ok(null, TRACK, { tc: trackingCode, ac: fresh })).trackComplaint.status).toBe('SUBMITTED');
  const rows = await outbox(await idOf(trackingCode));
  expect(rows.at(-1)).toMatchObject({ template: 'ACCESS_CODE_TO_REPORTER', status: 'SENT' });
  expect(rows.at(-1)!.body).not.toContain(fresh);
  // The timeline records it, without the code, and the reporter's page does not show it.
  const [event] = await lab.t.app.db.query(`SELECT public, message, data FROM complaint_event WHERE type = 'ACCESS_CODE_RENEWED' ORDER BY id DESC LIMIT 1`);
  expect(event.public).toBe(false);
  expect(JSON.stringify(event)).not.toContain(fresh);

  // Unknown code, or no phone or e-mail on file: the same answer, and nothing changes.
  wa.requests = [];
  expect((await lab.ok(null, RENEW, { tc: 'MGL-0000-99999' })).renewAccessCode).toBe(true);
  const walkIn = await lab.submit('admin.tengah', { reporterPhone: null, reporterEmail: null, reporterAddress: 'Jl. Pemuda 1' });
  expect((await lab.ok(null, RENEW, { tc: walkIn.trackingCode })).renewAccessCode).toBe(true);
  expect((await lab.ok(null, TRACK, { tc: walkIn.trackingCode, ac: walkIn.accessCode })).trackComplaint.status).toBe('SUBMITTED');
  await sendAll();
  expect(wa.requests).toHaveLength(0);
  // Two a day per complaint from one address (tests/integration/security/shared-limits.test.ts: and six from all).
  await lab.ok(null, RENEW, { tc: trackingCode });
  expect(codeOf(await lab.gql(null, RENEW, { tc: trackingCode }))).toBe('RATE_LIMITED');
});

test('a reporter who asked for no updates gets the receipt only', async () => {
  const { trackingCode } = await lab.submit('admin.tengah', { reporterPhone: PHONE, notifyReporter: false });
  const id = await idOf(trackingCode);
  await lab.must('admin.tengah', 'verifyComplaint', { id });
  expect((await lab.complaint('admin.tengah', id, 'notifyReporter')).notifyReporter).toBe(false);
  expect((await outbox(id)).map((r) => r.template)).toEqual(['RECEIVED_TO_REPORTER']);
});

test('/metrics shows the backlog per channel and the deliveries by outcome', async () => {
  await lab.submit(null, { reporterPhone: PHONE });
  const sample = (text: string, series: string) => Number(new RegExp(`^${series.replace(/[{}"]/g, '\\$&')} (\\d+)`, 'm').exec(text)?.[1] ?? NaN);
  expect(sample(await lab.services.metrics.scrape(), 'lapor_notification_backlog{channel="WHATSAPP"}')).toBeGreaterThanOrEqual(1);
  const before = sample(await lab.services.metrics.scrape(), 'lapor_notification_deliveries_total{channel="WHATSAPP",outcome="sent"}');
  await lab.services.dispatcher.dispatchOnce();
  const text = await lab.services.metrics.scrape();
  expect(sample(text, 'lapor_notification_deliveries_total{channel="WHATSAPP",outcome="sent"}')).toBeGreaterThanOrEqual(
    (Number.isNaN(before) ? 0 : before) + 1,
  );
});

describe('an HTTP SMS gateway, configured by URL, one auth header and a JSON body template', () => {
  let gateway: LocalProvider;
  let sms: SmsChannel;
  beforeAll(async () => {
    gateway = await startLocalProvider({ status: 200, body: { status: 'queued' } });
    sms = new SmsChannel({
      url: `${gateway.url}/send`,
      authHeader: { name: 'X-Api-Key', value: 'rahasia' },
      bodyTemplate: '{"msisdn":"{to}","message":"{text}","ref":"{id}"}',
    });
  });
  afterAll(() => gateway?.stop());
  const message = { dedupeKey: 'n:1:RECEIVED_TO_REPORTER:SMS:reporter', to: PHONE, subject: '[MGL-1] Pengaduan "diterima"', body: 'Baris satu\nBaris dua' };

  test('success: the body filled in (JSON-escaped), the key header and a dedupe key sent', async () => {
    await sms.send(message);
    expect(gateway.requests[0]).toMatchObject({
      path: '/send',
      headers: { 'x-api-key': 'rahasia', 'idempotency-key': message.dedupeKey },
      body: { msisdn: DIGITS, message: '[MGL-1] Pengaduan "diterima"\nBaris satu\nBaris dua', ref: message.dedupeKey },
    });
  });

  test.each([
    [429, false],
    [503, false],
    [400, true],
  ])('HTTP %i is a %s refusal', async (status, permanent) => {
    gateway.script = [{ status, body: { error: `nomor ${DIGITS} ditolak` } }];
    const err: DeliveryError = await sms.send(message).then(
      () => {
        throw new Error('sent');
      },
      (e) => e,
    );
    expect(err).toBeInstanceOf(DeliveryError);
    expect(err.permanent).toBe(permanent);
    expect(err.message).not.toContain(DIGITS);
  });

  test('an unreachable gateway is retried later; a number that is not one is refused for good', async () => {
    const down = new SmsChannel({ url: 'http://127.0.0.1:9/send', authHeader: null, bodyTemplate: '{"to":"{to}","text":"{text}"}' });
    await expect(down.send(message)).rejects.toMatchObject({ permanent: false });
    await expect(sms.send({ ...message, to: '12' })).rejects.toMatchObject({ permanent: true });
  });
});

test('the Lapor page says the codes also went to the WhatsApp number given', async () => {
  const res = await fetch(`${lab.t.url}/lapor`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      key: `k${Date.now()}`,
      title: 'Sampah belum diangkut tiga hari',
      description: 'Sampah di depan pasar belum diangkut sejak Senin, baunya sampai ke rumah warga.',
      kelurahanId: lab.opd['KEL-CACABAN'],
      reporterPhone: PHONE,
    }).toString(),
  });
  const html = await res.text();
  expect(res.status).toBe(200);
  expect(html).toContain('Kedua kode juga kami kirim ke WhatsApp yang Anda isi.');
  const trackingCode = /data-tracking-code>([^<]+)</.exec(html)![1];
  expect((await outbox(await idOf(trackingCode))).map((r) => r.template)).toEqual(['RECEIVED_TO_REPORTER']);
});
