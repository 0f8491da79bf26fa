import type { Logger } from 'pino';
import type { Config } from '../config';
import type { TokenIssuer } from '../auth/tokens';
import type { IdentityDirectory } from '../auth/identity';
import type { ApiClientDirectory } from '../modules/api-clients/api-client.service';
import type { ComplaintFeed } from '../modules/complaints/complaint-feed';
import type { ComplaintService } from '../modules/complaints/complaint.service';
import type { DeskService } from '../modules/desks/desk.service';
import type { OrgDirectory } from '../modules/opds/org-directory';
import type { ComplaintStatsService } from '../modules/reports/stats.service';
import type { ReportService } from '../modules/reports/report.service';
import type { SlaService } from '../modules/sla/sla.service';
import type { EscalationDirectory } from '../modules/escalations/escalation-directory';
import type { DuplicateService } from '../modules/duplicates/duplicate.service';
import type { NotificationDispatcher } from '../modules/notifications/notification.dispatcher';
import type { NotificationSweep } from '../modules/notifications/notification.sweep';
import type pg from 'pg';
import type { SignIn } from '../auth/sign-in';
import type { Metrics } from './metrics';
import type { EmbeddedDatabase } from '../db/embedded';
import { RateLimit } from '../core/rate-limit';
import type { AttachmentService } from '../modules/attachments/attachment.service';

/** Process-wide services, created once at start and reachable from every request's context. */
export interface Services {
  config: Config;
  log: Logger;
  tokens: TokenIssuer;
  identity: IdentityDirectory;
  org: OrgDirectory;
  sla: SlaService;
  escalations: EscalationDirectory;
  duplicates: DuplicateService;
  complaints: ComplaintService;
  attachments: AttachmentService;
  feed: ComplaintFeed;
  stats: ComplaintStatsService;
  desks: DeskService;
  reports: ReportService;
  apiClients: ApiClientDirectory;
  limits: RateLimits;
  signIn: SignIn;
  metrics: Metrics;
  /** The PostgreSQL this process runs itself; null on an external DATABASE_URL. */
  embedded: EmbeddedDatabase | null;
  /** Sends the outbox's e-mail (idle when no channel is configured). */
  dispatcher: NotificationDispatcher;
  /** H-1 reminders and daily digests, written by the deadline sweep. */
  notificationSweep: NotificationSweep;
}

export type RateLimits = ReturnType<typeof createRateLimits>;

/** Shared by all server processes through PostgreSQL (server/core/rate-limit.ts). */
export function createRateLimits(mode: Config['mode'], pool: pg.Pool) {
  // Tests send everything from 127.0.0.1; the sign-in lockout per account is not relaxed.
  const relaxed = mode === 'test' ? 10 : 1;
  return {
    /** Sign-in attempts per address, whatever the account. */
    login: new RateLimit(pool, { name: 'login', points: 10 * relaxed, durationSeconds: 60, sweeps: true }),
    /** Password checks per account and address: a stranger elsewhere cannot use up the owner's. */
    loginAccountAddress: new RateLimit(pool, { name: 'login-acct-addr', points: 5, durationSeconds: 15 * 60 }),
    /** Password checks per account from all addresses: bounds a guesser with many addresses. */
    loginAccount: new RateLimit(pool, { name: 'login-acct', points: 50, durationSeconds: 3600 }),
    publicSubmit: new RateLimit(pool, { name: 'public-submit', points: 5 * relaxed, durationSeconds: 60 }),
    publicRead: new RateLimit(pool, { name: 'public-read', points: 60 * relaxed, durationSeconds: 60 }),
    /**
     * New access codes per complaint and address, then per complaint: a stranger who knows a tracking
     * code uses up only their own address's share, and many addresses together cannot flood the phone.
     */
    accessCodeRenewalAddress: new RateLimit(pool, { name: 'access-renew-addr', points: 2, durationSeconds: 24 * 3600 }),
    accessCodeRenewal: new RateLimit(pool, { name: 'access-renew', points: 6, durationSeconds: 24 * 3600 }),
    /** Citizen pages that read the database (statistics, lists), per address: browsing, not scraping. */
    publicPage: new RateLimit(pool, { name: 'public-page', points: 120 * relaxed, durationSeconds: 60 }),
    /** Per external app: a gateway like SP4N-LAPOR! relays many citizens. */
    clientSubmit: new RateLimit(pool, { name: 'client-submit', points: 600 * relaxed, durationSeconds: 60 }),
    /** Satisfaction survey sheets per address and Opd (server/modules/reports/report.resolver.ts). */
    surveySheet: new RateLimit(pool, { name: 'survey-sheet', points: 1 * relaxed, durationSeconds: 24 * 3600 }),
  };
}
