import {
  MAX_RETRY_DELAY_MS,
  READ_ATTEMPTS,
  ServiceUnavailable,
  isTransientFailure,
  retryAfterMsOf,
  retryDelayMs,
  shouldRetryRead,
} from '../../admin/src/providers/retry';

// The console's policy for trying a read again (admin/src/providers/retry.ts); the retry link applies it to queries only.
const unavailableBody = (retryAfterSeconds?: number) => ({
  data: null,
  errors: [{ message: 'busy', extensions: { code: 'SERVICE_UNAVAILABLE', ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) } }],
});

test('Retry-After wins over the error extension, which is the fallback', () => {
  expect(retryAfterMsOf('2', unavailableBody(5))).toBe(2000);
  expect(retryAfterMsOf(null, unavailableBody(5))).toBe(5000);
  expect(retryAfterMsOf('Wed, 21 Oct 2026 07:28:00 GMT', unavailableBody(3))).toBe(3000);
  expect(retryAfterMsOf(null, unavailableBody())).toBeNull();
});

test('transient: SERVICE_UNAVAILABLE, no answer at all, a proxy 502/503/504; not a refusal or a server bug', () => {
  expect(isTransientFailure(new ServiceUnavailable(unavailableBody(5), 5000))).toBe(true);
  expect(isTransientFailure(new TypeError('Failed to fetch'))).toBe(true);
  for (const statusCode of [502, 503, 504]) expect(isTransientFailure(Object.assign(new Error('proxy'), { statusCode }))).toBe(true);
  for (const statusCode of [400, 401, 403, 500]) expect(isTransientFailure(Object.assign(new Error('no'), { statusCode }))).toBe(false);
  expect(isTransientFailure(new Error('a bug in the console'))).toBe(false);
  expect(isTransientFailure(undefined)).toBe(false);
});

test('a read is tried at most READ_ATTEMPTS times in all', () => {
  const error = new TypeError('Failed to fetch');
  const retries = [1, 2, 3, 4, 5].filter((retry) => shouldRetryRead(retry, error));
  expect(retries).toEqual([1, 2, 3]);
  expect(READ_ATTEMPTS).toBe(retries.length + 1);
});

test('the delay doubles, never comes sooner than the server asked, and is capped', () => {
  const network = new TypeError('Failed to fetch');
  const middle = () => 0.5; // no jitter
  expect([1, 2, 3, 4, 5, 6].map((retry) => retryDelayMs(retry, network, middle))).toEqual([500, 1000, 2000, 4000, MAX_RETRY_DELAY_MS, MAX_RETRY_DELAY_MS]);
  // Jitter spreads the consoles of one office between half and one and a half times the step.
  expect(retryDelayMs(2, network, () => 0)).toBe(500);
  expect(retryDelayMs(2, network, () => 0.999)).toBeCloseTo(1499, 0);
  expect(retryDelayMs(1, new ServiceUnavailable(unavailableBody(3), 3000), middle)).toBe(3000);
  expect(retryDelayMs(1, new ServiceUnavailable(unavailableBody(5), 5000), () => 0.999)).toBe(MAX_RETRY_DELAY_MS);
});

test('a server asking for a longer wait than the cap is not retried sooner: the read fails and says so', () => {
  expect(shouldRetryRead(1, new ServiceUnavailable(unavailableBody(5), 5000))).toBe(true);
  expect(shouldRetryRead(1, new ServiceUnavailable(unavailableBody(60), 60_000))).toBe(false);
  expect(shouldRetryRead(1, new ServiceUnavailable(unavailableBody(), null))).toBe(true);
});
