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
import { RateLimiter } from '../core/rate-limit';

/** Process-wide services, created once at start and reachable from every request's context. */
export interface Services {
  config: Config;
  log: Logger;
  tokens: TokenIssuer;
  identity: IdentityDirectory;
  org: OrgDirectory;
  sla: SlaService;
  complaints: ComplaintService;
  feed: ComplaintFeed;
  stats: ComplaintStatsService;
  desks: DeskService;
  reports: ReportService;
  apiClients: ApiClientDirectory;
  limits: {
    login: RateLimiter;
    publicSubmit: RateLimiter;
    publicRead: RateLimiter;
    clientSubmit: RateLimiter;
  };
}

export function createRateLimits(mode: Config['mode']) {
  const relaxed = mode === 'test' ? 10 : 1;
  return {
    login: new RateLimiter(10 * relaxed, 60_000),
    publicSubmit: new RateLimiter(5 * relaxed, 60_000),
    publicRead: new RateLimiter(60 * relaxed, 60_000),
    /** Per external app: a gateway like SP4N-LAPOR! relays many citizens. */
    clientSubmit: new RateLimiter(600 * relaxed, 60_000),
  };
}
