import type { DataSource } from 'typeorm';

export interface SchemaChanges {
  up: { query: string; parameters?: unknown[] }[];
  down: { query: string; parameters?: unknown[] }[];
}

/** What the entities need that the migrated database lacks: empty when they agree. */
export async function pendingSchemaChanges(db: DataSource): Promise<SchemaChanges> {
  const log = await db.driver.createSchemaBuilder().log();
  return { up: log.upQueries, down: log.downQueries.reverse() };
}
