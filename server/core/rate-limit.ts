import type pg from 'pg';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { AppError, ErrorCode } from './errors';

/** The table of migration RateLimits: every limiter's counters, keyed `<limiter>:<key>`. */
export const RATE_LIMIT_TABLE = 'rate_limit';

export interface LimitOptions {
  /** Distinguishes this limiter's keys from the others' in the shared table. */
  name: string;
  points: number;
  durationSeconds: number;
  /** Removes rows that expired over an hour ago, every 5 minutes; one limiter per table is enough. */
  sweeps?: boolean;
}

/**
 * A fixed-window counter shared by every server process through PostgreSQL (rate-limiter-flexible's
 * atomic upsert). When PostgreSQL does not answer, an in-memory counter with the same limit decides
 * instead: each process then limits on its own, which is looser but never unlimited, and requests
 * that need the database fail on their own anyway.
 */
export class RateLimit {
  readonly limiter: RateLimiterAbstract;

  constructor(
    pool: pg.Pool,
    readonly options: LimitOptions,
  ) {
    this.limiter = new RateLimiterPostgres({
      storeClient: pool,
      storeType: 'pool',
      tableName: RATE_LIMIT_TABLE,
      tableCreated: true,
      clearExpiredByTimeout: options.sweeps ?? false,
      keyPrefix: options.name,
      points: options.points,
      duration: options.durationSeconds,
      insuranceLimiter: new RateLimiterMemory({ keyPrefix: options.name, points: options.points, duration: options.durationSeconds }),
    });
  }

  get limit(): number {
    return this.options.points;
  }

  /** Counts one attempt for `key`; past the limit, RATE_LIMITED with the seconds until the window ends. */
  async check(key: string, what: string): Promise<void> {
    const refusal = await this.take(key);
    if (refusal) throw RateLimit.refused(`Too many ${what} from your address; try again later.`, refusal);
  }

  /** Counts one attempt; returns the seconds to wait when it is over the limit, null when allowed. */
  async take(key: string): Promise<number | null> {
    try {
      await this.limiter.consume(key);
      return null;
    } catch (err) {
      if (err instanceof RateLimiterRes) return Math.max(1, Math.ceil(err.msBeforeNext / 1000));
      throw err;
    }
  }

  /** Gives back one attempt (a success that should not count against the caller). */
  async giveBack(key: string): Promise<void> {
    await this.limiter.reward(key, 1).catch(() => undefined);
  }

  /** Forgets `key`'s count. */
  async reset(key: string): Promise<void> {
    await this.limiter.delete(key).catch(() => false);
  }

  static refused(message: string, retryAfterSeconds: number): AppError {
    return new AppError(ErrorCode.RATE_LIMITED, message, { retryAfterSeconds });
  }
}
