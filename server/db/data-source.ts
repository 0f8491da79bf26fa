import 'reflect-metadata';
import path from 'node:path';
import pg from 'pg';
import { DataSource } from 'typeorm';
import type { DatabaseLimits } from '../config';
import { ENTITIES } from './entities';
import { countingLogger } from './sql-counter';
import { readTimestamp } from './timestamps';

// `date` columns are calendar days in WIB; keep them as 'YYYY-MM-DD' instead of local-midnight Dates.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
pg.types.setTypeParser(pg.types.builtins.TIMESTAMPTZ, readTimestamp);

/**
 * pg-pool hands a new connection out from inside its socket's read loop, and TypeORM adds its
 * error listener a microtask later; a termination that arrives in the same read finds no
 * listener and would crash the process. The pool and each borrower still see the error.
 */
function keepErrorsHandled(client: pg.ClientBase): void {
  client.on('error', () => undefined);
}

export const MIGRATIONS_GLOB = path.join(__dirname, '..', '..', 'migrations', '*.js');

export function createDataSource(
  url: string,
  options: { poolSize?: number; applicationName?: string; limits?: Omit<DatabaseLimits, 'poolSize' | 'reportStatementTimeoutMs'> } = {},
): DataSource {
  const limits = options.limits;
  return new DataSource({
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: [MIGRATIONS_GLOB],
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    logger: countingLogger,
    extra: {
      max: options.poolSize ?? 10,
      application_name: options.applicationName ?? 'lapor',
      onConnect: keepErrorsHandled,
      // Every session gets them, so one long lock or a forgotten transaction cannot stall every request.
      ...(limits && {
        connectionTimeoutMillis: limits.connectTimeoutMs,
        statement_timeout: limits.statementTimeoutMs,
        lock_timeout: limits.lockTimeoutMs,
        idle_in_transaction_session_timeout: limits.idleInTransactionTimeoutMs,
      }),
    },
  });
}
