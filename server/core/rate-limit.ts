import { AppError, ErrorCode } from './errors';

/** Fixed-window counters per key, in memory (per process). */
export class RateLimiter {
  private windows = new Map<string, { start: number; count: number }>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  hit(key: string, now = Date.now()): boolean {
    const w = this.windows.get(key);
    if (!w || now - w.start >= this.windowMs) {
      if (this.windows.size > 50_000) this.sweep(now);
      this.windows.set(key, { start: now, count: 1 });
      return true;
    }
    w.count += 1;
    return w.count <= this.limit;
  }

  check(key: string, what: string): void {
    if (!this.hit(key)) {
      throw new AppError(ErrorCode.RATE_LIMITED, `Too many ${what} from your address; try again in a moment.`, {
        retryAfterSeconds: Math.ceil(this.windowMs / 1000),
      });
    }
  }

  private sweep(now: number) {
    for (const [k, w] of this.windows) if (now - w.start >= this.windowMs) this.windows.delete(k);
  }
}
