import pg from 'pg';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { Viewer } from '../../auth/viewer';
import { AppError } from '../../core/errors';
import type { OrgDirectory } from '../opds/org-directory';
import { Complaint, ComplaintEvent } from './complaint.entity';
import type { ComplaintChangedFilter } from './complaint.inputs';
import type { ComplaintPolicy } from './complaint.policy';

export const CHANNEL = 'complaint_events';
const BATCH = 500;
/** A safety net for a notification lost with a half-open LISTEN connection. */
const POLL_MS = 2000;
const RETRY_MS = [250, 500, 1000, 2000, 5000];
/**
 * A notification is read a few ms later, so changes committed at nearly the same moment by
 * several writers reach each socket as one write instead of one each: with 10k subscribers
 * that is what keeps a burst of concurrent changes well inside half a second.
 */
const GATHER_MS = 5;

export interface ComplaintChange {
  complaint: Complaint;
  event: ComplaintEvent;
  /** The event's place in commit order (complaint_feed.position). */
  position: number;
  committedAt: Date;
}

const CURSOR_PREFIX = 'f1:';

/** The opaque cursor a client keeps: the position of the last change it received. */
export function encodeCursor(position: number): string {
  return Buffer.from(`${CURSOR_PREFIX}${position}`).toString('base64url');
}

export function decodeCursor(cursor: string, field = 'after'): number {
  const text = Buffer.from(cursor, 'base64url').toString();
  const position = text.startsWith(CURSOR_PREFIX) ? Number(text.slice(CURSOR_PREFIX.length)) : NaN;
  if (!Number.isSafeInteger(position) || position < 0) throw AppError.field(field, 'is not a cursor this server issued');
  return position;
}

interface Subscriber {
  viewer: Viewer;
  filter: ComplaintChangedFilter;
  /** The last position this subscriber has been given or has skipped as not its own. */
  cursor: number;
  push(change: ComplaintChange): void;
}

export interface FeedOptions {
  /** Changes waiting for one subscriber; a consumer this far behind is asked to resume from its cursor. */
  maxPending?: number;
  /** Seconds from commit to hand-over to subscribers, per change delivered. */
  delivered?(lagSeconds: number): void;
}

/**
 * Fans committed complaint events out to this process's subscribers, exactly once and in
 * commit order. A trigger gives each event a position at commit (migration CommitOrderFeed),
 * so "everything after position p" never changes once p is visible. The feed reads the
 * table after its last position whenever PostgreSQL NOTIFYs (only after commit, to every
 * LISTENing process) and every few seconds; a failed read is simply read again, so a dropped
 * connection delays changes but never loses one.
 */
export class ComplaintFeed {
  private client: pg.Client | null = null;
  private live = new Set<Subscriber>();
  /** Subscribers resuming from a cursor, brought up to `head` inside the pump before going live. */
  private joining = new Set<{ sub: Subscriber; joined(): void; failed(err: unknown): void }>();
  /** The last position handed to live subscribers. */
  private head = 0;
  private pump: Promise<void> | null = null;
  private dirty = false;
  private failures = 0;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private pumpRetry: NodeJS.Timeout | null = null;
  private poll: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: DataSource,
    private readonly url: string,
    private readonly org: OrgDirectory,
    private readonly policy: ComplaintPolicy,
    private readonly log: Logger,
    private readonly options: FeedOptions = {},
  ) {}

  async start(): Promise<void> {
    this.head = await this.lastPosition();
    // The poll below reads what commits meanwhile; a database blip at startup must not stop the server.
    await this.connect().catch((err) => {
      this.log.warn({ err }, 'complaint feed could not LISTEN yet; polling and retrying');
      this.reconnectSoon();
    });
    this.poll = setInterval(() => this.wake(), POLL_MS);
    this.poll.unref();
  }

  private async lastPosition(): Promise<number> {
    const [{ max }] = await this.db.query('SELECT coalesce(max(position), 0) AS max FROM complaint_feed');
    return Number(max);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url, application_name: 'lapor-feed' });
    client.on('notification', () => this.gather());
    client.on('error', (err) => {
      // A client that failed while connecting is retried by whoever awaited connect().
      if (this.client !== client) return void client.end().catch(() => undefined);
      this.log.warn({ err }, 'complaint feed connection lost; reconnecting');
      this.reconnectSoon();
    });
    client.on('end', () => this.client === client && this.reconnectSoon());
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    this.client = client;
    // Notifications sent while we were away are gone: read what committed meanwhile.
    this.wake();
  }

  private reconnectSoon() {
    const old = this.client;
    this.client = null;
    old?.end().catch(() => undefined);
    if (this.stopped || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.stopped) return;
      this.connect().catch((err) => {
        this.log.warn({ err }, 'complaint feed reconnect failed');
        this.reconnectSoon();
      });
    }, 1000);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of [this.retryTimer, this.pumpRetry, this.gatherTimer]) if (t) clearTimeout(t);
    if (this.poll) clearInterval(this.poll);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
    await this.pump;
  }

  private gatherTimer: NodeJS.Timeout | null = null;

  private gather() {
    this.gatherTimer ??= setTimeout(() => {
      this.gatherTimer = null;
      this.wake();
    }, GATHER_MS);
  }

  /** Reads and hands out what committed after `head`; one pump at a time, re-run if woken meanwhile. */
  private wake() {
    if (this.stopped) return;
    if (this.pump) {
      this.dirty = true;
      return;
    }
    this.dirty = false;
    this.pump = this.drain()
      .then(() => {
        this.failures = 0;
      })
      .catch((err) => {
        // Nothing moved past `head`: the same changes are read again.
        const delay = RETRY_MS[Math.min(this.failures++, RETRY_MS.length - 1)];
        this.log.warn({ err, retryInMs: delay }, 'complaint feed read failed; retrying');
        this.pumpRetry ??= setTimeout(() => {
          this.pumpRetry = null;
          this.wake();
        }, delay);
      })
      .finally(() => {
        this.pump = null;
        if (this.dirty) this.wake();
      });
  }

  private async drain() {
    for (;;) {
      await this.admitJoining();
      // Nobody to hand changes to: nothing to read (a new subscriber starts from the table's end).
      if (!this.live.size) return;
      const changes = await this.read(this.head, BATCH);
      if (!changes.length) return;
      await this.org.ready();
      for (const change of changes) this.dispatch(change);
      this.head = Math.max(this.head, changes[changes.length - 1].position);
      if (changes.length < BATCH) return;
    }
  }

  private dispatch(change: ComplaintChange) {
    const lag = (Date.now() - change.committedAt.getTime()) / 1000;
    let delivered = false;
    for (const sub of this.live) {
      if (change.position <= sub.cursor) continue;
      sub.cursor = change.position;
      if (this.visible(sub.viewer, sub.filter, change)) {
        sub.push(change);
        delivered = true;
      }
    }
    if (delivered) this.options.delivered?.(lag);
  }

  /** Inside the pump, so nothing is dispatched meanwhile: bring each resuming subscriber to `head`. */
  private async admitJoining() {
    for (const entry of [...this.joining]) {
      const { sub } = entry;
      try {
        while (sub.cursor < this.head && this.joining.has(entry)) {
          const changes = await this.read(sub.cursor, BATCH, this.head);
          if (!changes.length) break;
          await this.org.ready();
          for (const change of changes) if (this.visible(sub.viewer, sub.filter, change)) sub.push(change);
          sub.cursor = changes[changes.length - 1].position;
        }
        if (!this.joining.delete(entry)) continue;
        sub.cursor = Math.max(sub.cursor, this.head);
        this.live.add(sub);
        entry.joined();
      } catch (err) {
        this.joining.delete(entry);
        entry.failed(err);
      }
    }
  }

  /** Changes after `after` in commit order, at most `limit`, none after `upTo`. */
  private async read(after: number, limit: number, upTo?: number): Promise<ComplaintChange[]> {
    const params: unknown[] = [after, limit];
    const bound = upTo == null ? '' : `AND position <= $${params.push(upTo)}`;
    const rows: { position: string; eventId: number; committedAt: Date }[] = await this.db.query(
      `SELECT position, "eventId", "committedAt" FROM complaint_feed WHERE position > $1 ${bound} ORDER BY position LIMIT $2`,
      params,
    );
    if (!rows.length) return [];
    const events = await this.db
      .getRepository(ComplaintEvent)
      .createQueryBuilder('e')
      .where('e.id = ANY(:ids)', { ids: rows.map((r) => r.eventId) })
      .getMany();
    const eventById = new Map(events.map((e) => [e.id, e]));
    const complaintIds = [...new Set(events.map((e) => e.complaintId))];
    const complaints = await this.db.getRepository(Complaint).createQueryBuilder('c').where('c.id = ANY(:ids)', { ids: complaintIds }).getMany();
    const complaintById = new Map(complaints.map((c) => [c.id, c]));
    return rows.map((r) => {
      const event = eventById.get(r.eventId)!;
      return { event, complaint: complaintById.get(event.complaintId)!, position: Number(r.position), committedAt: new Date(r.committedAt) };
    });
  }

  /** The same row scope as queries; each subscriber's own filter on top. */
  visible(viewer: Viewer, filter: ComplaintChangedFilter, { complaint }: ComplaintChange): boolean {
    if (!this.policy.canRead(viewer, complaint)) return false;
    if (filter.complaintId && String(complaint.id) !== String(filter.complaintId)) return false;
    if (filter.status?.length && !filter.status.includes(complaint.status)) return false;
    if (filter.currentOpdId && !this.org.isWithin(complaint.currentOpdId, Number(filter.currentOpdId))) return false;
    return true;
  }

  /** Resolves once every change committed before the call has been handed to subscribers. */
  async caughtUp(): Promise<void> {
    const target = await this.lastPosition();
    while ((this.live.size && this.head < target) || this.pump) {
      if (!this.pump) this.wake();
      await (this.pump ?? new Promise((r) => setTimeout(r, 10)));
    }
  }

  get subscriberCount(): number {
    return this.live.size + this.joining.size;
  }

  /** The cursor of the newest committed change: a client that starts there misses nothing after it. */
  async latestCursor(): Promise<string> {
    return encodeCursor(await this.lastPosition());
  }

  /** The position just after which a client that last saw event `eventId` resumes (no gap; it may see repeats). */
  async positionOfEvent(eventId: number): Promise<number> {
    const [{ position }] = await this.db.query(
      `SELECT coalesce((SELECT position FROM complaint_feed WHERE "eventId" = $1), (SELECT max(position) FROM complaint_feed WHERE "eventId" < $1), 0) AS position`,
      [eventId],
    );
    return Number(position);
  }

  /**
   * A stream for one subscriber: with `after` (a position), first every change after it, then
   * live ones, each once, in commit order. `resumeRequired` ends the transport (the client then
   * resumes from its cursor) when the consumer falls too far behind.
   */
  async subscribe(
    viewer: Viewer,
    filter: ComplaintChangedFilter,
    after: number | null,
    resumeRequired: (reason: string) => void,
  ): Promise<AsyncIterableIterator<ComplaintChange>> {
    const end = await this.lastPosition();
    if (after != null && after > end) throw AppError.field('after', 'is ahead of every committed change');
    // Idle until now, `head` stood still: move it to the table's end before anyone reads from it.
    if (!this.live.size && !this.joining.size) this.head = Math.max(this.head, end);
    const maxPending = this.options.maxPending ?? 2000;
    // Replayed at most this many at a time, and only while fewer wait: a resume never overflows.
    const chunk = Math.max(1, Math.min(BATCH, Math.floor(maxPending / 2)));
    const pending: ComplaintChange[] = [];
    let wake: (() => void) | null = null;
    let space: (() => void) | null = null;
    let done = false;
    let failure: unknown = null;
    const sub: Subscriber = {
      viewer,
      filter,
      cursor: after ?? Math.max(this.head, end),
      push: (change) => {
        if (done) return;
        if (pending.length >= maxPending) {
          finish();
          resumeRequired('Too many changes waiting; resume from your last cursor.');
          return;
        }
        pending.push(change);
        wake?.();
      },
    };
    const entry = {
      sub,
      joined: () => wake?.(),
      failed: (err: unknown) => {
        this.log.warn({ err }, 'resuming a subscriber failed; it must resume again');
        failure = err;
        finish();
        resumeRequired('The server could not replay what you missed; resume from your last cursor.');
      },
    };
    const finish = () => {
      done = true;
      this.live.delete(sub);
      this.joining.delete(entry);
      wake?.();
      space?.();
    };
    // Far behind: replay outside the pump, at the consumer's pace, then join at `head` inside it.
    const catchUp = async () => {
      while (!done && this.head - sub.cursor > chunk) {
        while (!done && pending.length > chunk) await new Promise<void>((r) => (space = r));
        const changes = await this.read(sub.cursor, chunk);
        if (!changes.length) break;
        await this.org.ready();
        for (const change of changes) if (this.visible(viewer, filter, change)) sub.push(change);
        sub.cursor = changes[changes.length - 1].position;
      }
      if (done) return;
      this.joining.add(entry);
      this.wake();
    };
    if (after == null || after >= this.head) this.live.add(sub);
    else catchUp().catch(entry.failed);
    const iterator: AsyncIterableIterator<ComplaintChange> = {
      [Symbol.asyncIterator]() {
        return iterator;
      },
      async next() {
        while (!pending.length && !done) await new Promise<void>((r) => (wake = r));
        wake = null;
        if (pending.length && !failure) {
          const value = pending.shift()!;
          if (pending.length <= chunk) space?.();
          return { value, done: false };
        }
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
}
