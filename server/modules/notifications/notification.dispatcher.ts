import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { DeliveryError, type ChannelAdapter } from './notification-channels';
import { SECRET_PATTERN, sendable } from './notification-rules';
import { NotificationStatus } from './notification.enums';

/** What stays of an access code in a delivered message. */
export const SENT_SECRET_REMOVED = '(terkirim; tidak disimpan)';

export interface DispatchOptions {
  /** Rows claimed (and sent side by side) per transaction. */
  batchSize: number;
  /** Attempts before a message is DEAD. */
  maxAttempts: number;
  /** The wait after the first failure; each further failure doubles it, up to an hour. */
  backoffMs: number;
}

export interface DispatchResult {
  sent: number;
  failed: number;
  dead: number;
}

const MAX_BACKOFF_MS = 3_600_000;

interface Claimed {
  id: number;
  channel: string;
  to: string | null;
  dedupeKey: string;
  subject: string;
  body: string;
  attempts: number;
}

/**
 * Sends what the outbox holds, in every server process. Rows are claimed with FOR UPDATE SKIP
 * LOCKED inside the transaction that records their outcome, so two dispatchers never send the
 * same row at once, and a process that dies mid-send leaves its rows to be claimed again.
 */
export class NotificationDispatcher {
  private readonly adapters: Map<string, ChannelAdapter>;
  private timer: NodeJS.Timeout | null = null;
  private current: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly db: DataSource,
    adapters: readonly ChannelAdapter[],
    private readonly options: DispatchOptions,
    private readonly log: Logger,
    private readonly clock: () => Date = () => new Date(),
    private readonly observe: (channel: string, outcome: 'sent' | 'failed' | 'dead') => void = () => undefined,
  ) {
    this.adapters = new Map(adapters.map((a) => [a.channel, a]));
  }

  get channels(): string[] {
    return [...this.adapters.keys()];
  }

  /** One batch of due messages; what it sent, what failed (to be retried) and what it gave up on. */
  async dispatchOnce(): Promise<DispatchResult> {
    const result: DispatchResult = { sent: 0, failed: 0, dead: 0 };
    if (this.adapters.size === 0) return result;
    await this.db.transaction(async (tx) => {
      const now = this.clock();
      const rows: Claimed[] = await tx.query(
        `SELECT n.id, n.channel, coalesce(n."recipientAddress", CASE WHEN n.channel = 'EMAIL' THEN u.email ELSE u.phone END) AS "to", n."dedupeKey", n.subject, n.body, n.attempts
           FROM notification n LEFT JOIN app_user u ON u.id = n."recipientUserId"
          WHERE n.status IN ('PENDING', 'FAILED') AND n."nextAttemptAt" <= $1 AND n.channel = ANY($2::text[])
          ORDER BY n."nextAttemptAt", n.id
          LIMIT $3
          FOR UPDATE OF n SKIP LOCKED`,
        [now, this.channels, this.options.batchSize],
      );
      const outcomes = await Promise.all(
        rows.map(async (r) => {
          try {
            if (!r.to) throw new DeliveryError('no address to send to', true);
            await this.adapters.get(r.channel)!.send({ dedupeKey: r.dedupeKey, to: r.to, subject: r.subject, body: sendable(r.body) });
            return { r, error: null };
          } catch (err) {
            return { r, error: err instanceof DeliveryError ? err : new DeliveryError((err as Error).message, false) };
          }
        }),
      );
      const done = this.clock();
      for (const { r, error } of outcomes) {
        const attempts = r.attempts + 1;
        if (!error) {
          result.sent += 1;
          this.observe(r.channel, 'sent');
          await tx.query(
            // An access code is the reporter's alone: once delivered it is not kept in clear anywhere.
            `UPDATE notification SET status = $2, attempts = $3, "sentAt" = $4, "nextAttemptAt" = NULL, "lastError" = NULL, "updatedAt" = $4,
                    body = regexp_replace(body, $5, $6, 'g') WHERE id = $1`,
            [r.id, NotificationStatus.SENT, attempts, done, SECRET_PATTERN, SENT_SECRET_REMOVED],
          );
          continue;
        }
        const dead = error.permanent || attempts >= this.options.maxAttempts;
        if (dead) result.dead += 1;
        else result.failed += 1;
        this.observe(r.channel, dead ? 'dead' : 'failed');
        const next = dead ? null : new Date(done.getTime() + Math.min(this.options.backoffMs * 2 ** (attempts - 1), MAX_BACKOFF_MS));
        await tx.query(`UPDATE notification SET status = $2, attempts = $3, "nextAttemptAt" = $4, "lastError" = $5, "updatedAt" = $6 WHERE id = $1`, [
          r.id,
          dead ? NotificationStatus.DEAD : NotificationStatus.FAILED,
          attempts,
          next,
          error.message.slice(0, 2000),
          done,
        ]);
      }
    });
    if (result.failed + result.dead > 0) this.log.warn(result, 'notifications not delivered');
    return result;
  }

  /** Runs every `intervalMs`, at once again while batches come back full; `stop` waits for the batch under way. */
  start(intervalMs: number): void {
    if (intervalMs <= 0 || this.adapters.size === 0) return;
    const tick = () => {
      if (this.stopped) return;
      this.current = this.dispatchOnce()
        .then((r) => r.sent + r.failed + r.dead >= this.options.batchSize)
        .catch((err) => {
          this.log.error({ err }, 'notification dispatch failed');
          return false;
        })
        .then((more) => {
          if (!this.stopped) this.timer = setTimeout(tick, more ? 0 : intervalMs).unref();
        });
    };
    this.timer = setTimeout(tick, intervalMs).unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.current;
    for (const a of this.adapters.values()) a.close?.();
  }
}
