import crypto from 'node:crypto';
import { secureTrackingSequence } from '../modules/complaints/tracking-codes';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { Config } from '../config';
import { SignIn } from '../auth/sign-in';
import { tokenIssuer } from '../auth/tokens';
import { IdentityDirectory, identityWrites } from '../auth/identity';
import { createDataSource } from '../db/data-source';
import { startEmbeddedPostgres, type EmbeddedDatabase, type EmbeddedWatch } from '../db/embedded';
import { embeddedTokenSecret } from '../db/embedded-secret';
import { poolOf } from '../db/prepared';
import { ApiClientDirectory } from '../modules/api-clients/api-client.service';
import { Complaint } from '../modules/complaints/complaint.entity';
import { ComplaintFeed } from '../modules/complaints/complaint-feed';
import { ComplaintPolicy } from '../modules/complaints/complaint.policy';
import { ComplaintService } from '../modules/complaints/complaint.service';
import { startSweeper, sweepOnce } from '../modules/complaints/complaint.sweep';
import { startCoverageWatch } from '../modules/holidays/holiday-coverage';
import { DeskService } from '../modules/desks/desk.service';
import { OrgDirectory } from '../modules/opds/org-directory';
import { ComplaintStatsService } from '../modules/reports/stats.service';
import { ReportService } from '../modules/reports/report.service';
import { SlaService } from '../modules/sla/sla.service';
import { EscalationDirectory } from '../modules/escalations/escalation-directory';
import { DuplicateService } from '../modules/duplicates/duplicate.service';
import { EmailChannel, SmsChannel, WhatsAppChannel, type ChannelAdapter } from '../modules/notifications/notification-channels';
import { NotificationChannel } from '../modules/notifications/notification.enums';
import { DEFAULT_QUIET_HOURS } from '../modules/notifications/notification-rules';
import { configuredChannels } from '../modules/notifications/notification.service';
import { NotificationDispatcher } from '../modules/notifications/notification.dispatcher';
import { NotificationSweep } from '../modules/notifications/notification.sweep';
import { WebhookChannel } from '../modules/webhooks/webhook.channel';
import { seedDemoComplaints } from '../seed/demo-complaints';
import { AttachmentService } from '../modules/attachments/attachment.service';
import { storageFor } from '../modules/attachments/attachment.storage';
import { seedDemo } from '../seed/seed';
import { startHttp, type RunningHttp } from './http';
import { Metrics, startMetricsListener } from './metrics';
import { createLogger } from '../core/logger';
import { buildAppSchema } from './schema';
import { createRateLimits, type Services } from './services';

export interface RunningApp {
  config: Config;
  db: DataSource;
  http: RunningHttp;
  services: Services;
  url: string;
  /** The METRICS_PORT listener's `/metrics`, when configured. */
  metricsUrl: string | null;
  stop(): Promise<void>;
}

/** `watch`: restart an embedded PostgreSQL that exits (the server does; one-off commands do not). */
export async function openDatabase(
  config: Config,
  log: Logger,
  watch?: EmbeddedWatch,
): Promise<{ db: DataSource; url: string; embedded: EmbeddedDatabase | null }> {
  const embedded = config.databaseUrl ? null : await startEmbeddedPostgres(config.embeddedDataDir, config.embeddedPort, log, watch);
  const url = config.databaseUrl ?? embedded!.url;
  const db = createDataSource(url, { poolSize: config.database.poolSize, limits: config.database });
  try {
    await db.initialize();
    poolOf(db);
  } catch (err) {
    if (db.isInitialized) await db.destroy().catch(() => undefined);
    await embedded?.stop();
    throw err;
  }
  return { db, url, embedded };
}

/** HKDF label of the access-code key: a key of its own even when derived from TOKEN_SECRET. */
export const ACCESS_CODE_KEY_LABEL = 'lapor/complaint-access-code/v1';

/** The key of citizens' access codes: from ACCESS_CODE_SECRET when set, else from TOKEN_SECRET, always through HKDF under its own label. */
export function accessCodeKey(config: Pick<Config, 'tokenSecret' | 'accessCodeSecret'>): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', config.accessCodeSecret || config.tokenSecret, '', ACCESS_CODE_KEY_LABEL, 32));
}

/** HKDF label of the key that signs attachment download links. */
export const ATTACHMENT_LINK_KEY_LABEL = 'lapor/attachment-link/v1';

export function createServices(config: Config, log: Logger, db: DataSource, url: string, embedded: EmbeddedDatabase | null = null): Services {
  if (!config.tokenSecret) throw new Error('no token secret: loadConfig requires TOKEN_SECRET, or startApp takes the embedded one');
  const org = new OrgDirectory(db);
  const sla = new SlaService(db);
  const escalations = new EscalationDirectory(db, org);
  const policy = new ComplaintPolicy(org);
  const limits = createRateLimits(config.mode, poolOf(db));
  const notify = config.notifications;
  const complaints = new ComplaintService(db, org, sla, escalations, policy, accessCodeKey(config), config.trackingPrefix, config.centralIntakeCode, {
    email: !!notify.smtp,
    phone: notify.whatsapp ? NotificationChannel.WHATSAPP : notify.sms ? NotificationChannel.SMS : null,
    trackingUrl: notify.trackingUrl,
    quietHours: notify.quietHours === undefined ? DEFAULT_QUIET_HOURS : notify.quietHours,
    staffChannels: configuredChannels(notify),
  });
  const identity = new IdentityDirectory(db, url, log);
  db.subscribers.push(identityWrites(identity));
  const metrics = new Metrics(poolOf(db));
  const linkKey = Buffer.from(crypto.hkdfSync('sha256', config.tokenSecret, '', ATTACHMENT_LINK_KEY_LABEL, 32));
  const attachments = new AttachmentService(db, complaints, identity, org, storageFor(config.attachments), config.attachments, linkKey, log);
  return {
    config,
    log,
    tokens: tokenIssuer(config.tokenSecret, config.tokenTtlSeconds),
    identity,
    org,
    sla,
    escalations,
    duplicates: new DuplicateService(db, org, policy),
    complaints,
    attachments,
    feed: new ComplaintFeed(db, url, org, policy, log, {
      maxPending: config.feedMaxPending,
      delivered: (lag) => metrics.observeFeedLag(lag),
    }),
    stats: new ComplaintStatsService(db, org, policy),
    desks: new DeskService(db, org, complaints, sla, configuredChannels(notify)),
    reports: new ReportService(db, org, config.database.reportStatementTimeoutMs),
    apiClients: new ApiClientDirectory(db, poolOf(db)),
    limits,
    signIn: new SignIn(db, limits),
    metrics,
    embedded,
    notificationSweep: new NotificationSweep(db, sla, (id) => org.get(id)?.name ?? null, {
      staffChannels: configuredChannels(notify),
      digestHour: notify.digestHour ?? null,
    }),
    dispatcher: new NotificationDispatcher(
      db,
      [...channelAdapters(notify), new WebhookChannel(db, { disableAfter: notify.webhookDisableAfter ?? 10, timeoutMs: 10_000 })],
      notify,
      log,
      undefined,
      (channel, outcome) => metrics.countDelivery(channel, outcome),
    ),
  };
}

/** The channels configured: each one without configuration is off. */
function channelAdapters(notify: Config['notifications']): ChannelAdapter[] {
  return [
    ...(notify.smtp ? [new EmailChannel(notify.smtp)] : []),
    ...(notify.whatsapp ? [new WhatsAppChannel(notify.whatsapp)] : []),
    ...(notify.sms ? [new SmsChannel(notify.sms)] : []),
  ];
}

export interface AppHooks {
  /** The embedded PostgreSQL exited and could not be restarted: the caller should stop and exit non-zero. */
  onDatabaseLost?(err: Error): void;
}

/** Starts everything the product needs; `stop()` drains connections and stops what it started. */
export async function startApp(config: Config, log: Logger = createLogger(config.logLevel), hooks: AppHooks = {}): Promise<RunningApp> {
  const {
    db,
    url: dbUrl,
    embedded,
  } = await openDatabase(config, log, {
    restartAttempts: config.embeddedRestartAttempts,
    onGiveUp: (err) => (hooks.onDatabaseLost ? hooks.onDatabaseLost(err) : log.fatal({ err }, 'the embedded database is gone')),
  });
  const stops: Array<() => Promise<void>> = [
    async () => {
      await db.destroy();
    },
    async () => {
      await embedded?.stop();
    },
  ];
  const stopAll = async () => {
    for (const stop of stops) await stop().catch((err) => log.error({ err }, 'while stopping'));
  };
  try {
    if (!config.tokenSecret && embedded) {
      // After openDatabase: initdb wants an empty directory, so the secret joins it once it exists.
      config = { ...config, tokenSecret: embeddedTokenSecret(config.embeddedDataDir) };
    }
    const ran = await db.runMigrations({ transaction: 'each' });
    if (ran.length) log.info({ migrations: ran.map((m) => m.name) }, 'migrations applied');
    await secureTrackingSequence(db, log);
    const services = createServices(config, log, db, dbUrl, embedded);
    await services.signIn.ready();
    if (config.seedDemo) {
      await seedDemo(db, log, { demoAccounts: true });
      if ((await db.getRepository(Complaint).count()) === 0) await seedDemoComplaints(services, db);
    }
    await services.identity.start();
    stops.unshift(() => services.identity.stop());
    await services.feed.start();
    stops.unshift(() => services.feed.stop());
    const stopSweeper = startSweeper(
      () =>
        services.metrics.timeSweep(async () => {
          const result = await sweepOnce(db, services.org, services.complaints, services.notificationSweep);
          await services.attachments.sweepExpired();
          return result;
        }),
      config.sweepIntervalMs,
      log,
    );
    stops.unshift(async () => stopSweeper());
    services.dispatcher.start(config.notifications.dispatchIntervalMs);
    stops.unshift(() => services.dispatcher.stop());
    const stopCoverageWatch = startCoverageWatch(db, log);
    stops.unshift(async () => stopCoverageWatch());
    const schema = await buildAppSchema();
    const http = await startHttp(schema, db, services, config.port, config.host);
    stops.unshift(() => http.stop());
    const url = `http://127.0.0.1:${http.port}`;
    let metricsUrl: string | null = null;
    if (config.metrics.port !== null) {
      const listener = await startMetricsListener(services.metrics, config.metrics.port, config.metrics.host);
      stops.unshift(() => listener.stop());
      metricsUrl = `http://${config.metrics.host.includes(':') ? `[${config.metrics.host}]` : config.metrics.host}:${listener.port}/metrics`;
    }
    log.info({ url: `${url}/graphql`, console: `${url}/admin/`, mode: config.mode, database: config.databaseUrl ? 'external' : 'embedded' }, 'server ready');
    return { config, db, http, services, url, metricsUrl, stop: stopAll };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
