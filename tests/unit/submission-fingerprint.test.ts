import { legacySubmissionFingerprint, submissionFingerprint } from '../../server/modules/complaints/complaint.service';

const input = {
  type: 'COMPLAINT',
  title: 'Jalan berlubang',
  description: 'Lubang besar di depan pasar sejak sebulan.',
  reporterPhone: '0812',
  anonymous: false,
};

test('the fingerprint ignores key order and treats an absent optional field like null', () => {
  const reordered = { reporterPhone: '0812', anonymous: false, description: input.description, title: input.title, type: 'COMPLAINT' };
  const withNulls = { ...input, reporterEmail: null, address: undefined, latitude: null };
  class ComplaintInputLike {
    constructor() {
      Object.assign(this, reordered);
    }
  }
  const a = submissionFingerprint(input, 'WEB', 'public:1.2.3.4');
  expect(submissionFingerprint(reordered, 'WEB', 'public:1.2.3.4')).toBe(a);
  expect(submissionFingerprint(withNulls, 'WEB', 'public:1.2.3.4')).toBe(a);
  expect(submissionFingerprint(new ComplaintInputLike(), 'WEB', 'public:1.2.3.4')).toBe(a);
  expect(a).toMatch(/^[0-9a-f]{64}$/);
});

test('the fingerprint still tells different submissions, channels and callers apart', () => {
  const a = submissionFingerprint(input, 'WEB', 'public:1.2.3.4');
  expect(submissionFingerprint({ ...input, title: 'Jalan berlubang!' }, 'WEB', 'public:1.2.3.4')).not.toBe(a);
  expect(submissionFingerprint({ ...input, anonymous: true }, 'WEB', 'public:1.2.3.4')).not.toBe(a);
  expect(submissionFingerprint({ ...input, reporterEmail: 'a@b.id' }, 'WEB', 'public:1.2.3.4')).not.toBe(a);
  expect(submissionFingerprint(input, 'SMS', 'public:1.2.3.4')).not.toBe(a);
  expect(submissionFingerprint(input, 'WEB', 'public:5.6.7.8')).not.toBe(a);
});

test('the version tag keeps v2 fingerprints apart from the ones stored before it', () => {
  expect(submissionFingerprint(input, 'WEB', 'x')).not.toBe(legacySubmissionFingerprint(input, 'WEB', 'x'));
  // The old way depended on key order: exactly why it was replaced.
  const { type, ...rest } = input;
  expect(legacySubmissionFingerprint({ type, ...rest }, 'WEB', 'x')).toBe(legacySubmissionFingerprint(input, 'WEB', 'x'));
  expect(legacySubmissionFingerprint({ ...rest, type }, 'WEB', 'x')).not.toBe(legacySubmissionFingerprint(input, 'WEB', 'x'));
});
