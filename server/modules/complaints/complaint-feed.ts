import pg from 'pg';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { Viewer } from '../../auth/viewer';
import type { OrgDirectory } from '../opds/org-directory';
import { Complaint, ComplaintEvent } from './complaint.entity';
import type { ComplaintChangedFilter } from './complaint.inputs';
import type { ComplaintPolicy } from './complaint.policy';

export const CHANNEL = 'complaint_events';
const MAX_PENDING = 500;
const RESUME_LIMIT = 1000;

export interface ComplaintChange {
  complaint: Complaint;
  event: ComplaintEvent;
}

interface Subscriber {
  viewer: Viewer;
  filter: ComplaintChangedFilter;
  push(change: ComplaintChange): void;
}

/**
 * Fans committed complaint events out to this process's subscribers. A trigger NOTIFYs each
 * event id; PostgreSQL delivers notifications only after commit, in commit order, to every
 * process LISTENing — so several servers on one database need no other broker.
 */
export class ComplaintFeed {
  private client: pg.Client | null = null;
  private subscribers = new Set<Subscriber>();
  private queue: Promise<void> = Promise.resolve();
  private lastSeenId = 0;
  private recent = new Set<number>();
  private stopped = false;
  private retryTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: DataSource,
    private readonly url: string,
    private readonly org: OrgDirectory,
    private readonly policy: ComplaintPolicy,
    private readonly log: Logger,
  ) {}

  async start(): Promise<void> {
    const [{ max }] = await this.db.query('SELECT coalesce(max(id), 0) AS max FROM complaint_event');
    this.lastSeenId = Number(max);
    await this.connect();
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url, application_name: 'lapor-feed' });
    client.on('notification', (msg) => {
      const id = Number(msg.payload);
      if (Number.isSafeInteger(id)) this.enqueue(() => this.deliver([id]));
    });
    client.on('error', (err) => {
      this.log.warn({ err }, 'complaint feed connection lost; reconnecting');
      this.reconnectSoon();
    });
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    this.client = client;
    // Notifications sent while we were away are gone: catch up from the event table.
    this.enqueue(() => this.catchUp());
  }

  private reconnectSoon() {
    const old = this.client;
    this.client = null;
    old?.end().catch(() => undefined);
    if (this.stopped || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connect().catch((err) => {
        this.log.warn({ err }, 'complaint feed reconnect failed');
        this.reconnectSoon();
      });
    }, 1000);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    await this.client?.end().catch(() => undefined);
    this.client = null;
    await this.queue;
  }

  private enqueue(job: () => Promise<void>) {
    this.queue = this.queue.then(job).catch((err) => this.log.error({ err }, 'complaint feed delivery failed'));
  }

  private async catchUp() {
    const rows: { id: number }[] = await this.db.query('SELECT id FROM complaint_event WHERE id > $1 ORDER BY id LIMIT 10000', [this.lastSeenId]);
    if (rows.length) await this.deliver(rows.map((r) => r.id));
  }

  /** Ids commit out of order across complaints, so dedupe by a window of recent ids, not by max. */
  private async deliver(ids: number[]) {
    const fresh = ids.filter((id) => !this.recent.has(id));
    for (const id of fresh) {
      this.recent.add(id);
      this.lastSeenId = Math.max(this.lastSeenId, id);
    }
    if (this.recent.size > 20_000) this.recent = new Set([...this.recent].slice(-10_000));
    if (!fresh.length || !this.subscribers.size) return;
    const changes = await this.load(fresh);
    await this.org.ready();
    for (const change of changes) {
      for (const sub of this.subscribers) if (this.visible(sub.viewer, sub.filter, change)) sub.push(change);
    }
  }

  private async load(ids: number[]): Promise<ComplaintChange[]> {
    const events = await this.db.getRepository(ComplaintEvent).createQueryBuilder('e').where('e.id = ANY(:ids)', { ids }).orderBy('e.id').getMany();
    const complaintIds = [...new Set(events.map((e) => e.complaintId))];
    const complaints = await this.db.getRepository(Complaint).createQueryBuilder('c').where('c.id = ANY(:ids)', { ids: complaintIds }).getMany();
    const byId = new Map(complaints.map((c) => [c.id, c]));
    return events.map((event) => ({ event, complaint: byId.get(event.complaintId)! }));
  }

  /** The same row scope as queries; each subscriber's own filter on top. */
  visible(viewer: Viewer, filter: ComplaintChangedFilter, { complaint }: ComplaintChange): boolean {
    if (!this.policy.canRead(viewer, complaint)) return false;
    if (filter.complaintId && String(complaint.id) !== String(filter.complaintId)) return false;
    if (filter.status?.length && !filter.status.includes(complaint.status)) return false;
    if (filter.currentOpdId && !this.org.isWithin(complaint.currentOpdId, Number(filter.currentOpdId))) return false;
    return true;
  }

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  /** A live stream for one subscriber; with `afterEventId`, first the events it missed. */
  subscribe(viewer: Viewer, filter: ComplaintChangedFilter, afterEventId: number | null): AsyncIterableIterator<ComplaintChange> {
    const pending: ComplaintChange[] = [];
    let wake: (() => void) | null = null;
    let done = false;
    let replaying = afterEventId != null;
    const seen = new Set<number>();
    const held: ComplaintChange[] = [];
    const sub: Subscriber = {
      viewer,
      filter,
      push: (change) => {
        if (replaying) return void held.push(change);
        if (seen.has(change.event.id)) return;
        if (pending.length >= MAX_PENDING) {
          // A consumer this far behind should reconnect and resume from its last event id.
          done = true;
        } else pending.push(change);
        wake?.();
      },
    };
    this.subscribers.add(sub);
    const finish = () => {
      done = true;
      this.subscribers.delete(sub);
      wake?.();
    };
    if (afterEventId != null) {
      void this.missedSince(viewer, filter, afterEventId)
        .then((missed) => {
          for (const change of missed) {
            seen.add(change.event.id);
            pending.push(change);
          }
          replaying = false;
          for (const change of held) sub.push(change);
          held.length = 0;
          wake?.();
        })
        .catch((err) => {
          this.log.error({ err }, 'resume failed');
          finish();
        });
    }
    const iterator: AsyncIterableIterator<ComplaintChange> = {
      [Symbol.asyncIterator]() {
        return iterator;
      },
      async next() {
        while (!pending.length && !done) await new Promise<void>((r) => (wake = r));
        wake = null;
        if (pending.length) return { value: pending.shift()!, done: false };
        finish();
        return { value: undefined, done: true };
      },
      async return() {
        finish();
        return { value: undefined, done: true };
      },
    };
    return iterator;
  }

  private async missedSince(viewer: Viewer, filter: ComplaintChangedFilter, afterEventId: number): Promise<ComplaintChange[]> {
    const rows: { id: number }[] = await this.db.query('SELECT id FROM complaint_event WHERE id > $1 ORDER BY id LIMIT $2', [afterEventId, RESUME_LIMIT]);
    if (!rows.length) return [];
    await this.org.ready();
    return (await this.load(rows.map((r) => r.id))).filter((c) => this.visible(viewer, filter, c));
  }
}
