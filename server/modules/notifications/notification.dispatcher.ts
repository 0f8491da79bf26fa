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
  /** Batches in flight at once while a backlog lasts (one when idle): the next batch is claimed while the last is still being sent. */
  lanes?: number;
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
  private readonly inFlight = new Set<Promise<unknown>>();
  private extraLanes = 0;
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
      const ids: number[] = [];
      const statuses: string[] = [];
      const attemptCounts: number[] = [];
      const nextAt: (Date | null)[] = [];
      const errors: (string | null)[] = [];
      for (const { r, error } of outcomes) {
        const attempts = r.attempts + 1;
        let status = NotificationStatus.SENT;
        if (error) {
          status = error.permanent || attempts >= this.options.maxAttempts ? NotificationStatus.DEAD : NotificationStatus.FAILED;
          if (status === NotificationStatus.DEAD) result.dead += 1;
          else result.failed += 1;
        } else result.sent += 1;
        this.observe(r.channel, status === NotificationStatus.SENT ? 'sent' : status === NotificationStatus.DEAD ? 'dead' : 'failed');
        ids.push(r.id);
        statuses.push(status);
        attemptCounts.push(attempts);
        nextAt.push(
          status === NotificationStatus.FAILED ? new Date(done.getTime() + Math.min(this.options.backoffMs * 2 ** (attempts - 1), MAX_BACKOFF_MS)) : null,
        );
        errors.push(error ? error.message.slice(0, 2000) : null);
      }
      if (ids.length === 0) return;
      // One statement for the whole batch. An access code is the reporter's alone: once delivered it is not kept in clear anywhere.
      await tx.query(
        `UPDATE notification n SET status = o.status, attempts = o.attempts, "nextAttemptAt" = o.next, "lastError" = o.error, "updatedAt" = $6,
                "sentAt" = CASE WHEN o.status = 'SENT' THEN $6 ELSE n."sentAt" END,
                body = CASE WHEN o.status = 'SENT' THEN regexp_replace(n.body, $7, $8, 'g') ELSE n.body END
           FROM unnest($1::int[], $2::text[], $3::int[], $4::timestamptz[], $5::text[]) AS o(id, status, attempts, next, error)
          WHERE n.id = o.id`,
        [ids, statuses, attemptCounts, nextAt, errors, done, SECRET_PATTERN, SENT_SECRET_REMOVED],
      );
    });
    if (result.failed + result.dead > 0) this.log.warn(result, 'notifications not delivered');
    return result;
  }

  /**
   * Runs every `intervalMs`, at once again while batches come back full; while they do, up to
   * `lanes` batches run side by side (each claims its own rows). `stop` waits for those under way.
   */
  start(intervalMs: number): void {
    if (intervalMs <= 0 || this.adapters.size === 0) return;
    const lanes = Math.max(1, this.options.lanes ?? 1);
    const run = (first: boolean) => {
      if (this.stopped) return;
      const batch = this.dispatchOnce()
        .then((r) => r.sent + r.failed + r.dead >= this.options.batchSize)
        .catch((err) => {
          this.log.error({ err }, 'notification dispatch failed');
          return false;
        })
        .then((more) => {
          this.inFlight.delete(batch);
          if (this.stopped) return;
          if (more) {
            for (; this.extraLanes < lanes - 1; this.extraLanes++) run(false);
            run(first);
          } else if (first) this.timer = setTimeout(() => run(true), intervalMs).unref();
          else this.extraLanes--;
        });
      this.inFlight.add(batch);
    };
    this.timer = setTimeout(() => run(true), intervalMs).unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
    for (const a of this.adapters.values()) a.close?.();
  }
}
