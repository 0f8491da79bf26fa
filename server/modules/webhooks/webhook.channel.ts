import crypto from 'node:crypto';
import type { DataSource } from 'typeorm';
import { DeliveryError, type ChannelAdapter, type OutgoingMessage } from '../notifications/notification-channels';
import { NotificationChannel } from '../notifications/notification.enums';
import { WebhookEndpoint } from './webhook-endpoint.entity';

export const SIGNATURE_HEADER = 'x-lapor-signature';
export const TIMESTAMP_HEADER = 'x-lapor-timestamp';
export const ID_HEADER = 'x-lapor-webhook-id';

/** `v1=` and the hex HMAC-SHA256, keyed with the endpoint's secret, of `<timestamp>.<body>` (the README shows how to check it). */
export function signature(secret: string, timestamp: number, body: string): string {
  return `v1=${crypto.createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** TypeORM answers an UPDATE … RETURNING on PostgreSQL with `[rows, count]`. */
const rowsOf = <T>(result: T[] | [T[], number]): T[] => (Array.isArray(result[0]) ? (result[0] as T[]) : (result as T[]));

export interface WebhookChannelOptions {
  /** Failed deliveries in a row after which an endpoint is disabled. */
  disableAfter: number;
  timeoutMs: number;
}

/**
 * Posts outbox rows of the WEBHOOK channel (recipient: the endpoint's id) to the app's
 * endpoint, signed. Any 2xx is delivered; anything else is tried again by the dispatcher
 * with its backoff, and an endpoint that keeps failing is switched off.
 */
export class WebhookChannel implements ChannelAdapter {
  readonly channel = NotificationChannel.WEBHOOK;

  constructor(
    private readonly db: DataSource,
    private readonly options: WebhookChannelOptions,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async send(m: OutgoingMessage): Promise<void> {
    const endpoint = await this.db.getRepository(WebhookEndpoint).findOneBy({ id: Number(m.to) });
    if (!endpoint) throw new DeliveryError('the webhook endpoint was removed', true);
    if (!endpoint.active) throw new DeliveryError('the webhook endpoint is disabled', true);
    const timestamp = Math.floor(this.clock().getTime() / 1000);
    let problem: string | null = null;
    try {
      const res = await fetch(endpoint.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'LAPOR-Magelang-Webhook/1',
          [ID_HEADER]: m.dedupeKey,
          [TIMESTAMP_HEADER]: String(timestamp),
          [SIGNATURE_HEADER]: signature(endpoint.secret, timestamp, m.body),
        },
        body: m.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      await res.body?.cancel().catch(() => undefined);
      if (res.status < 200 || res.status >= 300) problem = `HTTP ${res.status}`;
    } catch (err) {
      problem = (err as Error).name === 'TimeoutError' ? `no answer within ${this.options.timeoutMs} ms` : (err as Error).message;
    }
    if (!problem) {
      if (endpoint.consecutiveFailures) await this.db.query(`UPDATE webhook_endpoint SET "consecutiveFailures" = 0 WHERE id = $1`, [endpoint.id]);
      return;
    }
    const result: { active: boolean }[] | [{ active: boolean }[], number] = await this.db.query(
      `UPDATE webhook_endpoint
          SET "consecutiveFailures" = "consecutiveFailures" + 1,
              active = active AND "consecutiveFailures" + 1 < $2,
              "disabledAt" = CASE WHEN active AND "consecutiveFailures" + 1 >= $2 THEN $3::timestamptz ELSE "disabledAt" END,
              "disabledReason" = CASE WHEN active AND "consecutiveFailures" + 1 >= $2 THEN $4 ELSE "disabledReason" END
        WHERE id = $1 RETURNING active`,
      [endpoint.id, this.options.disableAfter, this.clock(), `${this.options.disableAfter} failed deliveries in a row; last: ${problem}`.slice(0, 500)],
    );
    // Once disabled, what is still queued for it is given up at its next attempt.
    throw new DeliveryError(problem, !rowsOf(result)[0]?.active);
  }
}
