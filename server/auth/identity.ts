import pg from 'pg';
import type { Logger } from 'pino';
import type { DataSource, EntitySubscriberInterface } from 'typeorm';
import { AppError } from '../core/errors';
import type { TokenClaims } from './tokens';
import { makeViewer, type Viewer } from './viewer';

export const IDENTITY_CHANNEL = 'identity_changed';
const KEPT = 20_000;

/** The viewer as stored, with what decides whether a token still stands for them. */
type Identity = Omit<Viewer, 'permissions'> & { active: boolean; generation: number; revoked: ReadonlySet<string> };

/** Which users changed: their ids, or every user (an Opd moved in the tree). */
export type IdentityChange = ReadonlySet<number> | 'all';

/**
 * Who a token's holder is now: role, unit (and its place in the tree), service post and
 * whether the account is active, read from the database. Entries are cached only while
 * this process is LISTENing: triggers NOTIFY every change to a user, a revoked token or the
 * Opd tree (migrations/…-Identity.ts), on commit, to every server process. While the
 * listening connection is down nothing is cached, so a change is never missed.
 */
export class IdentityDirectory {
  private cache = new Map<number, Identity>();
  /** Bumped on every invalidation, so a read that raced with one is not cached. */
  private epoch = 0;
  private client: pg.Client | null = null;
  private listening = false;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private listeners = new Set<(change: IdentityChange) => void>();

  constructor(
    private readonly db: DataSource,
    private readonly url: string,
    private readonly log: Logger,
  ) {}

  async start(): Promise<void> {
    // Until the LISTEN connection is up every identity is read from the database, so a blip at startup only costs reads.
    await this.connect().catch((err) => {
      this.log.warn({ err }, 'identity listener could not start yet; reading every identity from the database and retrying');
      this.reconnectSoon();
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.listening = false;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  /** Called after each invalidation, with what changed. */
  onChange(listener: (change: IdentityChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The viewer a verified token stands for now; UNAUTHENTICATED when it no longer stands for anyone. */
  async viewerFor(claims: TokenClaims): Promise<Viewer> {
    let identity = await this.identity(claims.userId);
    // A token newer than what is cached was issued after a change this process has not heard of yet.
    if (identity && claims.generation > identity.generation) identity = await this.identity(claims.userId, true);
    if (claims.expiresAt <= Date.now()) throw AppError.unauthenticated('Your session has expired; sign in again.');
    if (!identity || !identity.active) throw AppError.unauthenticated('This account is no longer active.');
    if (identity.generation !== claims.generation || identity.revoked.has(claims.jti)) {
      throw AppError.unauthenticated('This session was ended; sign in again.');
    }
    const { active: _active, generation: _generation, revoked: _revoked, ...viewer } = identity;
    return makeViewer(viewer);
  }

  /**
   * The viewer a signed link was issued to (attachment downloads), as they stand now: null once the
   * account is deactivated, and their current role and unit decide, not those at signing.
   */
  async viewerOf(userId: number): Promise<Viewer | null> {
    const identity = await this.identity(userId);
    if (!identity || !identity.active) return null;
    const { active: _active, generation: _generation, revoked: _revoked, ...viewer } = identity;
    return makeViewer(viewer);
  }

  private async identity(userId: number, fresh = false): Promise<Identity | null> {
    const hit = fresh ? undefined : this.cache.get(userId);
    if (hit) return hit;
    const epoch = this.epoch;
    const rows: Array<Omit<Identity, 'revoked'> & { revoked: string[] }> = await this.db.query(
      `SELECT u.id AS "userId", u.username, u.role, u."opdId", o.path AS "opdPath", u."servicePostId", u.active, u."mayPublish",
              u."tokenGeneration" AS generation,
              coalesce((SELECT array_agg(r.jti::text) FROM revoked_token r WHERE r."userId" = u.id AND r."expiresAt" > now()), '{}') AS revoked
         FROM app_user u JOIN opd o ON o.id = u."opdId"
        WHERE u.id = $1`,
      [userId],
    );
    if (!rows.length) return null;
    const identity: Identity = { ...rows[0], revoked: new Set(rows[0].revoked) };
    if (this.listening && epoch === this.epoch) {
      if (this.cache.size >= KEPT) this.cache.clear();
      this.cache.set(userId, identity);
    }
    return identity;
  }

  /**
   * Drops cached identities at once, for a change this process is making (see
   * `identityWrites`): its own next request then reads the database, even before the NOTIFY
   * arrives. Other processes wait for the NOTIFY.
   */
  forget(change: IdentityChange) {
    this.epoch++;
    if (change === 'all') this.cache.clear();
    else for (const id of change) this.cache.delete(id);
  }

  private invalidate(change: IdentityChange) {
    this.forget(change);
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch (err) {
        this.log.error({ err }, 'identity change listener failed');
      }
    }
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url, application_name: 'lapor-identity' });
    client.on('notification', (msg) => {
      if (msg.payload === '*') return this.invalidate('all');
      const id = Number(msg.payload);
      if (Number.isSafeInteger(id)) this.invalidate(new Set([id]));
    });
    const lost = (err?: Error) => {
      if (this.client !== client) return;
      this.log.warn({ err }, 'identity listener connection lost; reading every identity from the database until it is back');
      this.listening = false;
      this.client = null;
      this.invalidate('all');
      client.end().catch(() => undefined);
      this.reconnectSoon();
    };
    client.on('error', lost);
    client.on('end', () => lost());
    try {
      await client.connect();
      await client.query(`LISTEN ${IDENTITY_CHANNEL}`);
    } catch (err) {
      await client.end().catch(() => undefined);
      throw err;
    }
    this.client = client;
    // Changes made while no one listened were not heard: start from an empty cache.
    this.invalidate('all');
    this.listening = true;
  }

  private reconnectSoon() {
    if (this.stopped || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.stopped) return;
      this.connect().catch((err) => {
        this.log.warn({ err }, 'identity listener reconnect failed');
        this.reconnectSoon();
      });
    }, 1000);
  }
}

/** A TypeORM subscriber: writes through this process's repositories forget what they change. */
export function identityWrites(identity: IdentityDirectory): EntitySubscriberInterface {
  const forget = (event: { metadata: { tableName: string }; entity?: unknown; databaseEntity?: unknown; entityId?: unknown }) => {
    const table = event.metadata.tableName;
    if (table !== 'app_user' && table !== 'opd' && table !== 'revoked_token') return;
    const row = (event.entity ?? event.databaseEntity) as { id?: unknown; userId?: unknown } | undefined;
    const userId = table === 'app_user' ? (row?.id ?? event.entityId) : table === 'revoked_token' ? row?.userId : undefined;
    identity.forget(typeof userId === 'number' ? new Set([userId]) : 'all');
  };
  return { afterInsert: forget, afterUpdate: forget, afterRemove: forget };
}
