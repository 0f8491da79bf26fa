import { legacySubmissionFingerprint } from '../../../server/modules/complaints/complaint.service';
import type { ComplaintInput } from '../../../server/modules/complaints/complaint.inputs';
import { complaintInput, expectError, Lab, unique } from './helpers';

let lab: Lab;
beforeAll(async () => {
  lab = await Lab.start();
});
afterAll(() => lab?.stop());

const SUBMIT = `mutation($input: ComplaintInput!, $key: String) { submitComplaint(input: $input, idempotencyKey: $key) { trackingCode accessCode replayed complaint { id } } }`;

test('a retry with the fields in another order, or an optional field sent as null, returns the original complaint', async () => {
  const token = null;
  const key = unique('upgrade');
  const input = { type: 'COMPLAINT', ...complaintInput(), anonymous: false, confidential: false };
  const first = (await lab.t.ok(SUBMIT, { input, key }, token)).submitComplaint;
  const reordered = Object.fromEntries(Object.entries({ ...input, reporterEmail: null, address: null }).reverse());
  const again = (await lab.t.ok(SUBMIT, { input: reordered, key }, token)).submitComplaint;
  expect(again).toEqual({ ...first, replayed: true });
  expectError(await lab.t.gql(SUBMIT, { input: { ...input, title: 'Another complaint entirely' }, key }, token), 'CONFLICT');
});

test('a complaint whose fingerprint was stored by the previous version is still returned on retry', async () => {
  const ctx = await lab.ctx(null);
  const key = unique('legacy');
  const input = { type: 'COMPLAINT', anonymous: false, confidential: false, ...complaintInput() } as unknown as ComplaintInput;
  const first = await lab.services.complaints.submit(ctx, input, key);
  // As the previous version stored it.
  const legacy = legacySubmissionFingerprint(input, first.complaint.channel, `public:${ctx.source}`);
  await lab.t.app.db.query(`UPDATE complaint SET "inputHash" = $1 WHERE id = $2`, [legacy, first.complaint.id]);
  const again = await lab.services.complaints.submit(await lab.ctx(null), input, key);
  expect({ id: again.complaint.id, trackingCode: again.trackingCode, replayed: again.replayed }).toEqual({
    id: first.complaint.id,
    trackingCode: first.trackingCode,
    replayed: true,
  });
  await expect(lab.services.complaints.submit(ctx, { ...input, title: 'Something else happened' } as ComplaintInput, key)).rejects.toMatchObject({
    code: 'CONFLICT',
  });
});
