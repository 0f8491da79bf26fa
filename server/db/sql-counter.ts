import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger as TypeOrmLogger } from 'typeorm';

/** Counts SQL statements per request: the N+1 guard in tests and the figure in benchmarks. */
export const sqlScope = new AsyncLocalStorage<{ statements: number }>();

export const countingLogger: TypeOrmLogger = {
  logQuery(query) {
    const scope = sqlScope.getStore();
    if (scope && query !== 'START TRANSACTION' && query !== 'COMMIT' && query !== 'ROLLBACK') scope.statements += 1;
  },
  logQueryError() {},
  logQuerySlow() {},
  logSchemaBuild() {},
  logMigration() {},
  log() {},
};
