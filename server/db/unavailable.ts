import { AppError, ErrorCode } from '../core/errors';

export const RETRY_AFTER_SECONDS = 5;

/** SQLSTATEs that say the database could not serve the request now, not that the request was wrong. */
const UNAVAILABLE_STATES = new Set([
  '57014', // query_canceled: statement_timeout
  '55P03', // lock_not_available: lock_timeout
  '25P03', // idle_in_transaction_session_timeout
  '57P01', // admin_shutdown (e.g. pg_terminate_backend)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
]);
const UNAVAILABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);
const UNAVAILABLE_MESSAGES = /timeout exceeded when trying to connect|Connection terminated|Client has encountered a connection error|connection is closed/i;

/** True when `err` (a TypeORM QueryFailedError, a pg error or a socket error) means: try again later. */
export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 3) return false;
  const e = err as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown };
  if (typeof e.code === 'string' && (UNAVAILABLE_STATES.has(e.code) || UNAVAILABLE_NODE_CODES.has(e.code))) return true;
  if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message)) return true;
  return isDatabaseUnavailable(e.driverError, depth + 1) || isDatabaseUnavailable(e.cause, depth + 1);
}

const TIMEOUT_STATES = {
  '57014': 'statement', // query_canceled: statement_timeout (or a cancelled backend)
  '55P03': 'lock', // lock_not_available: lock_timeout
  '25P03': 'idle_in_transaction',
} as const;

export type DatabaseTimeout = (typeof TIMEOUT_STATES)[keyof typeof TIMEOUT_STATES];

/** Which of the session timeouts ended the statement behind `err` (also wrapped in a GraphQLError), or null. */
export function databaseTimeoutOf(err: unknown, depth = 0): DatabaseTimeout | null {
  if (!err || typeof err !== 'object' || depth > 4) return null;
  const e = err as { code?: unknown; driverError?: unknown; cause?: unknown; originalError?: unknown };
  if (typeof e.code === 'string' && e.code in TIMEOUT_STATES) return TIMEOUT_STATES[e.code as keyof typeof TIMEOUT_STATES];
  return databaseTimeoutOf(e.driverError, depth + 1) ?? databaseTimeoutOf(e.originalError, depth + 1) ?? databaseTimeoutOf(e.cause, depth + 1);
}

/** What the caller is told: nothing was done, try again shortly (HTTP adds 503 and Retry-After). */
export function unavailableError(): AppError {
  return new AppError(ErrorCode.SERVICE_UNAVAILABLE, 'The database is unavailable or busy right now; the request was not completed. Try again in a moment.', {
    retryAfterSeconds: RETRY_AFTER_SECONDS,
  });
}
