import path from 'node:path';
import { parseTrustProxy } from './core/client-address';
import { PUBLISHED_SECRETS, secretProblem, TEST_TOKEN_SECRET } from './core/strength';
import type { SmsConfig, SmtpConfig, WhatsAppConfig } from './modules/notifications/notification-channels';
import { DEFAULT_QUIET_HOURS, type QuietHours } from './modules/notifications/notification-rules';
import type { S3Settings } from './modules/attachments/attachment.storage';
import { CAPTCHA_PROVIDERS, type CaptchaConfig, type CaptchaProvider } from './modules/citizen-site/captcha';
import type { MapConfig } from './modules/citizen-site/location';

export type AppMode = 'production' | 'demo' | 'development' | 'test';

export interface Config {
  mode: AppMode;
  port: number;
  host: string;
  /** External PostgreSQL; when absent an embedded server is started. */
  databaseUrl: string | null;
  embeddedDataDir: string;
  embeddedPort: number;
  /** How often the server restarts an embedded PostgreSQL that exited, before it gives up and exits non-zero. */
  embeddedRestartAttempts: number;
  /**
   * Signs login tokens. Empty only for the embedded database outside production (demo, development):
   * startApp then uses the random secret kept in the embedded data directory (server/db/embedded-secret.ts).
   */
  tokenSecret: string;
  /** Keys citizens' access codes (ACCESS_CODE_SECRET); null = derived from tokenSecret with HKDF under its own label. */
  accessCodeSecret: string | null;
  tokenTtlSeconds: number;
  logLevel: string;
  corsOrigins: string[];
  /** Proxies whose X-Forwarded-For is believed (TRUST_PROXY); empty: none, the socket's peer is the client. */
  trustProxy: string[];
  adminDist: string;
  /** Seed demo data (organisation, demo accounts, complaints) when the database is empty. */
  seedDemo: boolean;
  sweepIntervalMs: number;
  /** Prefix of tracking codes, e.g. MGL-2611-00042. */
  trackingPrefix: string;
  /** Code of the Opd whose admins verify public complaints that name no kelurahan. */
  centralIntakeCode: string;
  /** WebSockets open at once from one client address (an office behind one NAT address has many consoles). */
  wsSocketsPerAddress: number;
  /** Changes waiting for one live subscriber before it is told to resume from its cursor (close 1013). */
  feedMaxPending: number;
  /** How long the database may keep a request waiting; past these it gets SERVICE_UNAVAILABLE instead of hanging. */
  database: DatabaseLimits;
  /** Adds `extensions.sqlStatements` to responses (tests and benchmarks only). */
  exposeSqlCount: boolean;
  /** How long the public statistics page may show the same figures (0: computed on every view). */
  publicStatisticsSeconds: number;
  /** On SIGTERM, how long requests already running may take to finish; new ones are refused meanwhile. */
  shutdownDrainMs: number;
  /** Where Prometheus may scrape `/metrics`; with neither a token nor a port it is not served. */
  metrics: MetricsAccess;
  notifications: NotificationsConfig;
  attachments: AttachmentsConfig;
  citizenSite: CitizenSiteConfig;
}

/** The citizen's pages: what they offer beyond the plain forms. */
export interface CitizenSiteConfig {
  /** CAPTCHA_SECRET and friends: /lapor shows the provider's widget and the server verifies its token; null: no CAPTCHA. */
  captcha: CaptchaConfig | null;
  /** MAP_TILE_URL and friends: a small map to pick the point on /lapor; null: the fields and "Gunakan lokasi saya" only. */
  map: MapConfig | null;
  /** CITIZEN_MAX_PHOTOS: photos one post of /lapor or /lacak may carry (within ATTACHMENT_MAX_FILES per complaint). */
  maxPhotos: number;
}

/** Photos and documents on complaints: where their bytes go and how much one may hold. */
export interface AttachmentsConfig {
  /** ATTACHMENTS_DIR: the local storage, used unless S3_BUCKET is set. */
  dir: string;
  /** S3_BUCKET and friends: an S3-compatible object store instead of the local directory. */
  s3: S3Settings | null;
  /** ATTACHMENT_MAX_MB: one file, as sent. */
  maxFileBytes: number;
  /** ATTACHMENT_MAX_COMPLAINT_MB: all files of one complaint together, as stored. */
  maxComplaintBytes: number;
  /** ATTACHMENT_MAX_FILES: files one complaint may hold. */
  maxFiles: number;
}

/** Channels are off without configuration (the console's notification centre always works); secrets only from the environment. */
export interface NotificationsConfig {
  /** SMTP_HOST and friends; null: no e-mail is written or sent. */
  smtp: SmtpConfig | null;
  /** WHATSAPP_TOKEN, WHATSAPP_PHONE_NUMBER_ID (+ WHATSAPP_API_URL, WHATSAPP_TEMPLATE, WHATSAPP_LANGUAGE); absent: off. */
  whatsapp?: WhatsAppConfig | null;
  /** SMS_GATEWAY_URL (+ SMS_AUTH_HEADER, SMS_BODY_TEMPLATE); absent: off. WhatsApp is preferred for a reporter's phone when both are on. */
  sms?: SmsConfig | null;
  /** NOTIFY_QUIET_HOURS ("21-6", WIB; "off" for none): messages to citizens written then wait for its end. */
  quietHours?: QuietHours | null;
  /** TRACKING_URL: the public tracking page, `{kode}` standing for the tracking code. */
  trackingUrl: string;
  /** NOTIFY_INTERVAL_MS: how often each process's dispatcher looks for due messages (0 = off). */
  dispatchIntervalMs: number;
  /** NOTIFY_MAX_ATTEMPTS: attempts before a message is given up (DEAD). */
  maxAttempts: number;
  /** NOTIFY_BACKOFF_MS: the wait after a first failure, doubled after each further one. */
  backoffMs: number;
  /** NOTIFY_BATCH_SIZE: messages each dispatcher claims and sends side by side per transaction. */
  batchSize: number;
  /** NOTIFY_CONCURRENCY: batches each process sends at once while a backlog lasts. */
  lanes?: number;
  /** WEBHOOK_DISABLE_AFTER: failed deliveries in a row after which a webhook endpoint is disabled. */
  webhookDisableAfter?: number;
  /** NOTIFY_DIGEST_HOUR (WIB, 0–23; "off" for none): from when each working day's digests are written for the unit heads who asked. */
  digestHour?: number | null;
}

export interface MetricsAccess {
  /** METRICS_TOKEN: `/metrics` on the main port, for `Authorization: Bearer <token>` only. */
  token: string | null;
  /** METRICS_PORT: `/metrics` without a token on a listener of its own (METRICS_HOST, default 127.0.0.1). */
  port: number | null;
  host: string;
}

export interface DatabaseLimits {
  poolSize: number;
  connectTimeoutMs: number;
  statementTimeoutMs: number;
  /** Reports scan whole periods: they get longer. */
  reportStatementTimeoutMs: number;
  lockTimeoutMs: number;
  idleInTransactionTimeoutMs: number;
}

export class ConfigError extends Error {}

const MODES: AppMode[] = ['production', 'demo', 'development', 'test'];

/**
 * TOKEN_SECRET (and ACCESS_CODE_SECRET) by mode: production requires a strong one (core/strength.ts);
 * demo and development refuse a published one, and without one sign with a random secret kept in the
 * embedded data directory (there is no directory to keep it in on an external database, so it is required there);
 * tests may use the fixed test secret.
 */
function secretFrom(env: NodeJS.ProcessEnv, name: 'TOKEN_SECRET' | 'ACCESS_CODE_SECRET', mode: AppMode): string {
  const value = env[name] ?? '';
  if (mode === 'test') return value || (name === 'TOKEN_SECRET' ? TEST_TOKEN_SECRET : '');
  if (!value) {
    if (mode === 'production') {
      throw new ConfigError(
        `${name} is required in production mode (APP_MODE=production, the default whenever DATABASE_URL is set); generate one with openssl rand -base64 48`,
      );
    }
    if (env.DATABASE_URL) {
      throw new ConfigError(`${name} is required with an external database (DATABASE_URL) in ${mode} mode; generate one with openssl rand -base64 48`);
    }
    return '';
  }
  if (mode === 'production') {
    const problem = secretProblem(value);
    if (problem) throw new ConfigError(`${name} ${problem}.`);
  } else if (PUBLISHED_SECRETS.includes(value) || value.length < 32) {
    throw new ConfigError(
      `${name} ${PUBLISHED_SECRETS.includes(value) ? 'is a secret published in the source code' : 'is too short (at least 32 characters)'}.`,
    );
  }
  return value;
}

function notifyLanes(env: NodeJS.ProcessEnv): number {
  const n = int(env, 'NOTIFY_CONCURRENCY', 2);
  // Each batch in flight holds one of the pool's connections for its transaction.
  if (n < 1 || n > 8) throw new ConfigError(`NOTIFY_CONCURRENCY must be between 1 and 8, got "${env.NOTIFY_CONCURRENCY}"`);
  return n;
}

function notifyBatchSize(env: NodeJS.ProcessEnv): number {
  const n = int(env, 'NOTIFY_BATCH_SIZE', 50);
  // Each claimed message holds a row lock and an open request until the batch is recorded.
  if (n < 1 || n > 500) throw new ConfigError(`NOTIFY_BATCH_SIZE must be between 1 and 500, got "${env.NOTIFY_BATCH_SIZE}"`);
  return n;
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new ConfigError(`${name} must be a non-negative integer, got "${raw}"`);
  return n;
}

function metricsAccessOf(env: NodeJS.ProcessEnv, mode: AppMode): MetricsAccess {
  const token = env.METRICS_TOKEN || null;
  if (token && mode === 'production') {
    const problem = secretProblem(token);
    if (problem) throw new ConfigError(`METRICS_TOKEN ${problem}.`);
  }
  const port = env.METRICS_PORT === undefined || env.METRICS_PORT === '' ? null : int(env, 'METRICS_PORT', 0);
  if (port !== null && port > 65535) throw new ConfigError(`METRICS_PORT must be a port number (0-65535), got "${env.METRICS_PORT}"`);
  return { token, port, host: env.METRICS_HOST || '127.0.0.1' };
}

function notificationsOf(env: NodeJS.ProcessEnv, mode: AppMode): NotificationsConfig {
  let smtp: SmtpConfig | null = null;
  if (env.SMTP_HOST) {
    const port = int(env, 'SMTP_PORT', 587);
    if (!env.SMTP_FROM) throw new ConfigError('SMTP_FROM is required with SMTP_HOST (the sender of e-mails, e.g. "LAPOR Magelang" <lapor@example.go.id>)');
    if (env.SMTP_USER && !env.SMTP_PASSWORD) throw new ConfigError('SMTP_PASSWORD is required with SMTP_USER');
    smtp = {
      host: env.SMTP_HOST,
      port,
      secure: env.SMTP_SECURE ? env.SMTP_SECURE === 'true' : port === 465,
      user: env.SMTP_USER || null,
      password: env.SMTP_PASSWORD || null,
      from: env.SMTP_FROM,
    };
  }
  const trackingUrl = env.TRACKING_URL || '';
  if (trackingUrl && !trackingUrl.includes('{kode}')) throw new ConfigError('TRACKING_URL must contain {kode}, where the tracking code goes');
  if (smtp && !trackingUrl && mode === 'production') {
    throw new ConfigError('TRACKING_URL is required with SMTP_HOST in production: e-mails to reporters link to the tracking page');
  }
  let whatsapp: WhatsAppConfig | null = null;
  if (env.WHATSAPP_TOKEN || env.WHATSAPP_PHONE_NUMBER_ID) {
    if (!env.WHATSAPP_TOKEN || !env.WHATSAPP_PHONE_NUMBER_ID) throw new ConfigError('WHATSAPP_TOKEN and WHATSAPP_PHONE_NUMBER_ID go together');
    whatsapp = {
      apiUrl: env.WHATSAPP_API_URL || 'https://graph.facebook.com/v21.0',
      phoneNumberId: env.WHATSAPP_PHONE_NUMBER_ID,
      token: env.WHATSAPP_TOKEN,
      template: env.WHATSAPP_TEMPLATE || 'lapor_pemberitahuan',
      language: env.WHATSAPP_LANGUAGE || 'id',
    };
  }
  let sms: SmsConfig | null = null;
  if (env.SMS_GATEWAY_URL) {
    const bodyTemplate = env.SMS_BODY_TEMPLATE || '{"to":"{to}","text":"{text}","id":"{id}"}';
    const filled = bodyTemplate.replaceAll('{to}', '62').replaceAll('{text}', 'x').replaceAll('{id}', 'x');
    let json = true;
    try {
      JSON.parse(filled);
    } catch {
      json = false;
    }
    if (!json || !bodyTemplate.includes('{to}') || !bodyTemplate.includes('{text}')) {
      throw new ConfigError('SMS_BODY_TEMPLATE must be JSON with the {to} and {text} placeholders inside strings, e.g. {"to":"{to}","text":"{text}"}');
    }
    const header = env.SMS_AUTH_HEADER ? /^([A-Za-z0-9-]+):\s*(.+)$/.exec(env.SMS_AUTH_HEADER) : null;
    if (env.SMS_AUTH_HEADER && !header) throw new ConfigError('SMS_AUTH_HEADER must read "Header-Name: value", e.g. "Authorization: Basic dXNlcjpwYXNz"');
    sms = { url: env.SMS_GATEWAY_URL, authHeader: header ? { name: header[1], value: header[2] } : null, bodyTemplate };
  }
  let quietHours: QuietHours | null = DEFAULT_QUIET_HOURS;
  const quiet = env.NOTIFY_QUIET_HOURS?.trim();
  if (quiet === 'off') quietHours = null;
  else if (quiet) {
    const m = /^(\d{1,2})-(\d{1,2})$/.exec(quiet);
    if (!m || Number(m[1]) > 23 || Number(m[2]) > 23 || m[1] === m[2])
      throw new ConfigError(`NOTIFY_QUIET_HOURS must read "from-to" in whole WIB hours, e.g. "21-6", or "off"; got "${quiet}"`);
    quietHours = { from: Number(m[1]), to: Number(m[2]) };
  }
  return {
    smtp,
    quietHours,
    whatsapp,
    sms,
    trackingUrl: trackingUrl || 'http://localhost:4000/lacak?kode={kode}',
    dispatchIntervalMs: int(env, 'NOTIFY_INTERVAL_MS', 2000),
    maxAttempts: Math.max(1, int(env, 'NOTIFY_MAX_ATTEMPTS', 6)),
    backoffMs: int(env, 'NOTIFY_BACKOFF_MS', 30_000),
    batchSize: notifyBatchSize(env),
    lanes: notifyLanes(env),
    webhookDisableAfter: Math.max(1, int(env, 'WEBHOOK_DISABLE_AFTER', 10)),
    digestHour: digestHourOf(env),
  };
}

function digestHourOf(env: NodeJS.ProcessEnv): number | null {
  const raw = env.NOTIFY_DIGEST_HOUR?.trim();
  if (raw === 'off') return null;
  if (!raw) return 7;
  if (!/^\d{1,2}$/.test(raw) || Number(raw) > 23) throw new ConfigError(`NOTIFY_DIGEST_HOUR must be a whole WIB hour (0-23) or "off"; got "${raw}"`);
  return Number(raw);
}

function attachmentsOf(env: NodeJS.ProcessEnv, root: string): AttachmentsConfig {
  const mb = (name: string, fallback: number) => int(env, name, fallback) * 1024 * 1024;
  let s3: S3Settings | null = null;
  if (env.S3_BUCKET) {
    if (!!env.S3_ACCESS_KEY_ID !== !!env.S3_SECRET_ACCESS_KEY) throw new ConfigError('S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together');
    s3 = {
      bucket: env.S3_BUCKET,
      region: env.S3_REGION || 'us-east-1',
      endpoint: env.S3_ENDPOINT || null,
      accessKeyId: env.S3_ACCESS_KEY_ID || null,
      secretAccessKey: env.S3_SECRET_ACCESS_KEY || null,
      // S3-compatible servers other than AWS mostly want bucket/key paths, not bucket host names.
      forcePathStyle: env.S3_FORCE_PATH_STYLE ? env.S3_FORCE_PATH_STYLE === 'true' : !!env.S3_ENDPOINT,
    };
  }
  return {
    dir: path.resolve(env.ATTACHMENTS_DIR ?? path.join(root, '.data', 'attachments')),
    s3,
    maxFileBytes: mb('ATTACHMENT_MAX_MB', 10),
    maxComplaintBytes: mb('ATTACHMENT_MAX_COMPLAINT_MB', 50),
    maxFiles: int(env, 'ATTACHMENT_MAX_FILES', 20),
  };
}

/** A URL the server itself calls: https, except on this machine in test and development. */
function serverUrl(name: string, value: string, mode: AppMode): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${name} must be a URL, got "${value}"`);
  }
  const local = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local && (mode === 'test' || mode === 'development'))) {
    throw new ConfigError(`${name} must be an https URL (plain http only to this machine in test and development mode)`);
  }
  return value;
}

function citizenSiteOf(env: NodeJS.ProcessEnv, mode: AppMode): CitizenSiteConfig {
  let captcha: CaptchaConfig | null = null;
  if (env.CAPTCHA_SECRET || env.CAPTCHA_SITE_KEY || env.CAPTCHA_VERIFY_URL) {
    if (!env.CAPTCHA_SECRET || !env.CAPTCHA_SITE_KEY)
      throw new ConfigError('CAPTCHA_SECRET and CAPTCHA_SITE_KEY go together (and with CAPTCHA_VERIFY_URL, if set)');
    const named = env.CAPTCHA_PROVIDER || (env.CAPTCHA_VERIFY_URL?.includes('turnstile') ? 'turnstile' : 'hcaptcha');
    if (!(named in CAPTCHA_PROVIDERS)) throw new ConfigError(`CAPTCHA_PROVIDER must be ${Object.keys(CAPTCHA_PROVIDERS).join(' or ')}, got "${named}"`);
    const preset = CAPTCHA_PROVIDERS[named as CaptchaProvider];
    captcha = {
      ...preset,
      verifyUrl: serverUrl('CAPTCHA_VERIFY_URL', env.CAPTCHA_VERIFY_URL || preset.verifyUrl, mode),
      scriptUrl: env.CAPTCHA_SCRIPT_URL || preset.scriptUrl,
      secret: env.CAPTCHA_SECRET,
      siteKey: env.CAPTCHA_SITE_KEY,
    };
  }
  let map: MapConfig | null = null;
  if (env.MAP_TILE_URL) {
    if (!['{z}', '{x}', '{y}'].every((p) => env.MAP_TILE_URL!.includes(p))) {
      throw new ConfigError('MAP_TILE_URL must contain {z}, {x} and {y}, e.g. https://tiles.example.go.id/{z}/{x}/{y}.png');
    }
    const center = (env.MAP_CENTER || '-7.4797,110.2177').split(',').map((s) => Number(s.trim()));
    if (center.length !== 2 || !center.every(Number.isFinite) || Math.abs(center[0]) > 90 || Math.abs(center[1]) > 180) {
      throw new ConfigError(`MAP_CENTER must read "latitude,longitude", e.g. -7.4797,110.2177; got "${env.MAP_CENTER}"`);
    }
    const zoom = int(env, 'MAP_ZOOM', 15);
    if (zoom < 3 || zoom > 19) throw new ConfigError('MAP_ZOOM must be from 3 to 19');
    map = { tileUrl: env.MAP_TILE_URL, attribution: env.MAP_TILE_ATTRIBUTION ?? '', center: [center[0], center[1]], zoom };
  }
  return { captcha, map, maxPhotos: Math.max(1, int(env, 'CITIZEN_MAX_PHOTOS', 3)) };
}

function trustProxyOf(raw: string | undefined): string[] {
  try {
    return parseTrustProxy(raw);
  } catch (err) {
    throw new ConfigError((err as Error).message, { cause: err });
  }
}

/** `secrets: false` for the commands that only need the database (migrate, load-org, create-superadmin): they sign nothing. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, options: { secrets?: boolean } = {}): Config {
  // Safe by default: an external database means a real deployment unless APP_MODE says otherwise.
  const mode = (env.APP_MODE || (env.DATABASE_URL || env.NODE_ENV === 'production' ? 'production' : 'demo')) as AppMode;
  if (!MODES.includes(mode)) {
    throw new ConfigError(`APP_MODE must be one of ${MODES.join(', ')}; got "${mode}"`);
  }
  const secrets = options.secrets ?? true;
  const tokenSecret = secrets ? secretFrom(env, 'TOKEN_SECRET', mode) : '';
  const accessCodeSecret = secrets && env.ACCESS_CODE_SECRET ? secretFrom(env, 'ACCESS_CODE_SECRET', mode) : null;
  if (accessCodeSecret && accessCodeSecret === tokenSecret) {
    throw new ConfigError('ACCESS_CODE_SECRET must differ from TOKEN_SECRET (or leave it unset to derive one from TOKEN_SECRET).');
  }
  const root = path.resolve(__dirname, '..', '..');
  return {
    mode,
    port: int(env, 'PORT', 4000),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || null,
    embeddedDataDir: path.resolve(env.EMBEDDED_PG_DIR ?? path.join(root, '.data', 'pg')),
    embeddedPort: int(env, 'EMBEDDED_PG_PORT', 54329),
    embeddedRestartAttempts: int(env, 'EMBEDDED_PG_RESTART_ATTEMPTS', 3),
    tokenSecret,
    accessCodeSecret,
    tokenTtlSeconds: int(env, 'TOKEN_TTL_SECONDS', 12 * 3600),
    logLevel: env.LOG_LEVEL ?? (mode === 'test' ? 'silent' : 'info'),
    corsOrigins: (env.CORS_ORIGINS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    trustProxy: trustProxyOf(env.TRUST_PROXY),
    adminDist: path.join(root, 'admin', 'dist'),
    seedDemo: mode !== 'production' && env.SEED_DEMO !== 'false',
    sweepIntervalMs: int(env, 'SWEEP_INTERVAL_MS', 60_000),
    trackingPrefix: (env.TRACKING_PREFIX ?? 'MGL').toUpperCase(),
    centralIntakeCode: env.CENTRAL_INTAKE_OPD ?? 'DISKOMINSTA',
    wsSocketsPerAddress: int(env, 'WS_SOCKETS_PER_ADDRESS', 500),
    feedMaxPending: int(env, 'FEED_MAX_PENDING', 2000),
    database: {
      poolSize: int(env, 'DB_POOL_SIZE', 10),
      connectTimeoutMs: int(env, 'DB_CONNECT_TIMEOUT_MS', 5000),
      statementTimeoutMs: int(env, 'DB_STATEMENT_TIMEOUT_MS', 30_000),
      reportStatementTimeoutMs: int(env, 'DB_REPORT_STATEMENT_TIMEOUT_MS', 120_000),
      lockTimeoutMs: int(env, 'DB_LOCK_TIMEOUT_MS', 10_000),
      idleInTransactionTimeoutMs: int(env, 'DB_IDLE_IN_TRANSACTION_TIMEOUT_MS', 60_000),
    },
    publicStatisticsSeconds: int(env, 'PUBLIC_STATISTICS_SECONDS', mode === 'test' ? 0 : 60),
    exposeSqlCount: mode === 'test' || (mode !== 'production' && env.EXPOSE_SQL_COUNT === 'true'),
    metrics: metricsAccessOf(env, mode),
    shutdownDrainMs: int(env, 'SHUTDOWN_DRAIN_MS', 10_000),
    notifications: notificationsOf(env, mode),
    attachments: attachmentsOf(env, root),
    citizenSite: citizenSiteOf(env, mode),
  };
}
