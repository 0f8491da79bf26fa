import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';

/**
 * Numbers skipped when the server finds itself on a restored (or copied) database. Codes issued after
 * the dump was taken are not in it, yet citizens hold them; the restored sequence would hand them out
 * again. The gap must exceed what the city issues between a backup and its restore (a city issuing
 * 1,000 complaints a day would need 100 days to fill it).
 */
export const RESTORE_GAP = 100_000;

/** What tells this physical database apart from a restore of it: the cluster and the database's oid. */
async function databaseIdentity(db: DataSource): Promise<string> {
  const [{ oid }] = await db.query(`SELECT oid::text AS oid FROM pg_database WHERE datname = current_database()`);
  let cluster = 'unknown';
  try {
    const [row] = await db.query(`SELECT system_identifier::text AS id FROM pg_control_system()`);
    cluster = row.id;
  } catch {
    // Without the right to read the control file the oid alone still changes on a restore into a new database.
  }
  return `${cluster}/${oid}`;
}

/**
 * Runs on every start, before the server takes submissions: keeps `complaint_tracking_seq` above every
 * code in the database, and after a restore (the stored identity is another database's) jumps it past
 * RESTORE_GAP, so codes issued after the dump are never issued again.
 */
export async function secureTrackingSequence(db: DataSource, log: Logger): Promise<void> {
  const identity = await databaseIdentity(db);
  await db.transaction(async (tx) => {
    // Two processes starting on one restored database must not both jump (or race the check).
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('complaint_tracking_seq'))`);
    const [stored] = await tx.query(`SELECT identity FROM tracking_lifetime WHERE id = 1`);
    const [{ used }] = await tx.query(`SELECT coalesce(max(substring("trackingCode" from '-([0-9]+)$')::bigint), 0)::text AS used FROM complaint`);
    const [{ last, called }] = await tx.query(`SELECT last_value::text AS last, is_called AS called FROM complaint_tracking_seq`);
    const issued = Math.max(Number(used), called ? Number(last) : Number(last) - 1);
    // A database with complaints but no identity is a restore of a dump from before this check existed, or
    // an upgrade: both take the gap, as it costs only unused numbers.
    const restored = stored ? stored.identity !== identity : issued > 0;
    const next = issued + (restored ? RESTORE_GAP : 0) + 1;
    if (restored || next > (called ? Number(last) + 1 : Number(last))) {
      await tx.query(`SELECT setval('complaint_tracking_seq', $1, false)`, [next]);
    }
    if (restored) log.warn({ previous: stored?.identity ?? null, identity, next }, 'database restored or copied: tracking codes continue after a gap');
    await tx.query(
      `INSERT INTO tracking_lifetime (id, identity, "seenAt") VALUES (1, $1, now()) ON CONFLICT (id) DO UPDATE SET identity = EXCLUDED.identity, "seenAt" = now()`,
      [identity],
    );
  });
}
