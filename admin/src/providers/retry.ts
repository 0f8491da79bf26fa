/**
 * When the console tries a read again by itself. Only reads: a write the server may or may
 * not have carried out is the user's to repeat (see `errors.notSaved` in the i18n files).
 */

/** Attempts of one read, the first included. */
export const READ_ATTEMPTS = 4;
/** No read waits longer than this between attempts; a server asking for more is not retried. */
export const MAX_RETRY_DELAY_MS = 5_000;
const FIRST_RETRY_DELAY_MS = 500;

interface GraphQLBody {
  data?: unknown;
  errors?: ReadonlyArray<{ message: string; extensions?: Record<string, unknown> }>;
}

/** `SERVICE_UNAVAILABLE` among the errors of a response: nothing was done, the server asks to try again. */
export const unavailableIn = (body: GraphQLBody | null | undefined) => body?.errors?.find((error) => error.extensions?.code === 'SERVICE_UNAVAILABLE');

/**
 * A read the server answered with SERVICE_UNAVAILABLE, raised inside the link chain so the
 * retry link sees it; if every attempt fails, the caller gets the server's answer itself.
 */
export class ServiceUnavailable extends Error {
  readonly statusCode = 503;
  constructor(
    readonly result: GraphQLBody,
    /** From `Retry-After`, else `extensions.retryAfterSeconds`. */
    readonly retryAfterMs: number | null,
  ) {
    super(unavailableIn(result)?.message ?? 'Service unavailable');
    this.name = 'ServiceUnavailable';
  }
}

/** `Retry-After` in seconds (an HTTP date is not used by our server), else the error's `retryAfterSeconds`. */
export const retryAfterMsOf = (header: string | null | undefined, body: GraphQLBody | null | undefined): number | null => {
  const seconds = header && /^\d+$/.test(header.trim()) ? Number(header) : unavailableIn(body)?.extensions?.retryAfterSeconds;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : null;
};

/**
 * Worth another attempt: the server said it could not serve the request now, or it could not
 * be reached at all (no HTTP status), or a proxy in front of it said so (502, 503, 504).
 */
export const isTransientFailure = (error: unknown): boolean => {
  if (error instanceof ServiceUnavailable) return true;
  if (!error || typeof error !== 'object') return false;
  const status = (error as { statusCode?: unknown }).statusCode;
  if (status === undefined) return error instanceof TypeError; // fetch's "Failed to fetch"
  return status === 502 || status === 503 || status === 504;
};

/** Backoff doubling from 500 ms with jitter, never sooner than the server asked, never longer than the cap. */
export const retryDelayMs = (retry: number, error: unknown, random: () => number = Math.random): number => {
  const backoff = FIRST_RETRY_DELAY_MS * 2 ** (retry - 1) * (0.5 + random());
  const asked = error instanceof ServiceUnavailable ? (error.retryAfterMs ?? 0) : 0;
  return Math.min(MAX_RETRY_DELAY_MS, Math.max(backoff, asked));
};

/** `retry` counts from 1 (the first retry); `READ_ATTEMPTS` includes the first attempt. */
export const shouldRetryRead = (retry: number, error: unknown): boolean => {
  if (retry >= READ_ATTEMPTS || !isTransientFailure(error)) return false;
  // Retrying sooner than the server asked would not be honouring it: give up and say so.
  return !(error instanceof ServiceUnavailable && (error.retryAfterMs ?? 0) > MAX_RETRY_DELAY_MS);
};
