import crypto from 'node:crypto';
import { accessCodeKey } from '../../../server/app/bootstrap';
import { LEGACY_DEV_SECRET, TEST_TOKEN_SECRET } from '../../../server/core/strength';
import { ACCESS_ALPHABET } from '../../../server/modules/complaints/complaint.service';
import { startTestApp, type TestApp } from '../../support/test-app';

const SUBMIT = `mutation($input: ComplaintInput!, $key: String) { submitComplaint(input: $input, idempotencyKey: $key) { trackingCode accessCode } }`;
const TRACK = `query($tc: String!, $ac: String!) { trackComplaint(trackingCode: $tc, accessCode: $ac) { trackingCode } }`;
const input = {
  type: 'COMPLAINT',
  title: 'Lampu jalan padam',
  description: 'Lampu jalan di gang kami padam sejak seminggu.',
  reporterName: 'Warga',
  reporterPhone: '081234567890',
  anonymous: false,
  confidential: false,
};

/** The access code an HMAC keyed by `key` would give for a public caller's idempotency key: the scheme's shape, with any key. */
function codeWith(key: crypto.BinaryLike | crypto.KeyObject, idempotencyKey: string): string {
  // Keys are scoped per caller; the public's scope is its address (the tests call from 127.0.0.1).
  const bytes = crypto.createHmac('sha256', key).update(`access:public:127.0.0.1|${idempotencyKey}`).digest();
  return Array.from(bytes.subarray(0, 10), (b) => ACCESS_ALPHABET[b % ACCESS_ALPHABET.length]).join('');
}

const tokenSecret = crypto.randomBytes(48).toString('base64');
const accessSecret = crypto.randomBytes(48).toString('base64');
let derived: TestApp;
let own: TestApp;

beforeAll(async () => {
  // One server deriving the access-code key from its token secret, one with ACCESS_CODE_SECRET.
  derived = await startTestApp({ tokenSecret, accessCodeSecret: null });
  own = await startTestApp({ tokenSecret, accessCodeSecret: accessSecret });
});
afterAll(async () => {
  await derived?.stop();
  await own?.stop();
});

async function submit(t: TestApp, key: string): Promise<{ trackingCode: string; accessCode: string }> {
  return (await t.ok(SUBMIT, { input, key })).submitComplaint;
}

test('access codes cannot be computed from the token secret or from any secret in the repository', async () => {
  const key = `idem-${crypto.randomUUID()}`;
  const fromDerived = await submit(derived, key);
  const candidates = [tokenSecret, LEGACY_DEV_SECRET, TEST_TOKEN_SECRET].map((secret) => codeWith(secret, key));
  expect(candidates).not.toContain(fromDerived.accessCode);
  // It is the HKDF-derived key under its own label: a different key from the token secret, yet stable for a retried submission.
  expect(codeWith(accessCodeKey({ tokenSecret, accessCodeSecret: null }), key)).toBe(fromDerived.accessCode);
  expect((await submit(derived, key)).accessCode).toBe(fromDerived.accessCode);

  // With ACCESS_CODE_SECRET, knowing the token secret does not help at all.
  const fromOwn = await submit(own, key);
  expect([...candidates, fromDerived.accessCode]).not.toContain(fromOwn.accessCode);
  expect(codeWith(accessCodeKey({ tokenSecret, accessCodeSecret: accessSecret }), key)).toBe(fromOwn.accessCode);
  expect((await own.ok(TRACK, { tc: fromOwn.trackingCode, ac: fromOwn.accessCode })).trackComplaint.trackingCode).toBe(fromOwn.trackingCode);
});

test('codes issued before the change keep working: only their hash is stored, and checking one needs no key', async () => {
  const { trackingCode } = await submit(own, `idem-${crypto.randomUUID()}`);
  // A code as the earlier versions issued it (HMAC keyed by the token secret), stored as they stored it.
  const oldCode = codeWith(tokenSecret, 'an-earlier-submission');
  await own.app.db.query('UPDATE complaint SET "accessCodeHash" = $1 WHERE "trackingCode" = $2', [
    crypto.createHash('sha256').update(oldCode).digest('hex'),
    trackingCode,
  ]);
  expect((await own.ok(TRACK, { tc: trackingCode, ac: oldCode.toLowerCase() })).trackComplaint.trackingCode).toBe(trackingCode);
  const wrong = await own.gql(TRACK, { tc: trackingCode, ac: codeWith(accessSecret, 'an-earlier-submission') });
  expect(wrong.data?.trackComplaint ?? null).toBeNull();
  expect(wrong.errors?.length ?? 0).toBeGreaterThan(0);
});
