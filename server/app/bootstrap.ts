import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { Config } from '../config';
import { tokenIssuer } from '../auth/tokens';
import { createDataSource } from '../db/data-source';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../db/embedded';
import { seedDemo } from '../seed/seed';
import { startHttp, type RunningHttp } from './http';
import { createLogger } from './logger';
import { buildAppSchema } from './schema';
import { createRateLimits, type Services } from './services';

export interface RunningApp {
  config: Config;
  db: DataSource;
  http: RunningHttp;
  services: Services;
  url: string;
  stop(): Promise<void>;
}

export async function openDatabase(config: Config, log: Logger): Promise<{ db: DataSource; embedded: EmbeddedDatabase | null }> {
  const embedded = config.databaseUrl ? null : await startEmbeddedPostgres(config.embeddedDataDir, config.embeddedPort, log);
  const db = createDataSource(config.databaseUrl ?? embedded!.url);
  try {
    await db.initialize();
  } catch (err) {
    await embedded?.stop();
    throw err;
  }
  return { db, embedded };
}

/** Starts everything the product needs; `stop()` drains connections and stops what it started. */
export async function startApp(config: Config, log: Logger = createLogger(config.logLevel)): Promise<RunningApp> {
  const { db, embedded } = await openDatabase(config, log);
  const stops: Array<() => Promise<void>> = [async () => { await db.destroy(); }, async () => { await embedded?.stop(); }];
  const stopAll = async () => {
    for (const stop of stops) await stop().catch((err) => log.error({ err }, 'while stopping'));
  };
  try {
    const ran = await db.runMigrations({ transaction: 'each' });
    if (ran.length) log.info({ migrations: ran.map((m) => m.name) }, 'migrations applied');
    if (config.seedDemo) await seedDemo(db, log, { demoAccounts: config.mode !== 'production' });
    const services: Services = {
      config,
      log,
      tokens: tokenIssuer(config.tokenSecret, config.tokenTtlSeconds),
      limits: createRateLimits(config.mode),
    };
    const schema = await buildAppSchema();
    const http = await startHttp(schema, db, services, config.port, config.host);
    stops.unshift(() => http.stop());
    const url = `http://127.0.0.1:${http.port}`;
    log.info({ url: `${url}/graphql`, console: `${url}/admin/`, mode: config.mode, database: config.databaseUrl ? 'external' : 'embedded' }, 'server ready');
    return { config, db, http, services, url, stop: stopAll };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
