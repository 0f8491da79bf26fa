import path from 'node:path';
import { parseTrustProxy } from './core/client-address';

export type AppMode = 'production' | 'demo' | 'development' | 'test';

export interface Config {
  mode: AppMode;
  port: number;
  host: string;
  /** External PostgreSQL; when absent an embedded server is started. */
  databaseUrl: string | null;
  embeddedDataDir: string;
  embeddedPort: number;
  tokenSecret: string;
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
  /** Adds `extensions.sqlStatements` to responses (tests and benchmarks only). */
  exposeSqlCount: boolean;
}

export class ConfigError extends Error {}

const DEV_SECRET = 'lapor-dev-secret-not-for-production';

function int(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new ConfigError(`${name} must be a non-negative integer, got "${raw}"`);
  return n;
}

function trustProxyOf(raw: string | undefined): string[] {
  try {
    return parseTrustProxy(raw);
  } catch (err) {
    throw new ConfigError((err as Error).message, { cause: err });
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const mode = (env.APP_MODE ?? (env.NODE_ENV === 'production' ? 'production' : 'demo')) as AppMode;
  if (!['production', 'demo', 'development', 'test'].includes(mode)) {
    throw new ConfigError(`APP_MODE must be one of production, demo, development, test; got "${mode}"`);
  }
  const secret = env.TOKEN_SECRET ?? '';
  if (mode === 'production' && secret.length < 32) {
    throw new ConfigError('TOKEN_SECRET is required in production mode (at least 32 characters).');
  }
  const root = path.resolve(__dirname, '..', '..');
  return {
    mode,
    port: int(env, 'PORT', 4000),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || null,
    embeddedDataDir: path.resolve(env.EMBEDDED_PG_DIR ?? path.join(root, '.data', 'pg')),
    embeddedPort: int(env, 'EMBEDDED_PG_PORT', 54329),
    tokenSecret: secret || DEV_SECRET,
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
    exposeSqlCount: mode === 'test' || (mode !== 'production' && env.EXPOSE_SQL_COUNT === 'true'),
  };
}
