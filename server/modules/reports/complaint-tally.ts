import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

const SUMS = `sum(total)::int, sum(open)::int, sum(responded)::int, sum("respondedInTime")::int, sum("firstResponded")::int, sum("ratingSum")::int, sum("ratingCount")::int`;

/**
 * Folds the deltas of every day that has some into one row per group (complaint-tally.entity.ts),
 * in one statement: the sums, and so every figure, stay what they were in every snapshot. Rows
 * committed meanwhile are not in this statement's snapshot and wait for the next fold.
 */
export const FOLD_TALLY_SQL = `
WITH days AS (SELECT DISTINCT day FROM complaint_tally WHERE NOT compact),
gone AS (DELETE FROM complaint_tally t USING days WHERE t.day = days.day RETURNING t.*)
INSERT INTO complaint_tally (day, scope, "opdIds", dim, key, total, open, responded, "respondedInTime", "firstResponded", "ratingSum", "ratingCount", compact)
SELECT day, scope, "opdIds", dim, key, ${SUMS}, true FROM gone GROUP BY day, scope, "opdIds", dim, key
HAVING sum(total) <> 0 OR sum(open) <> 0 OR sum(responded) <> 0 OR sum("respondedInTime") <> 0 OR sum("firstResponded") <> 0
    OR sum("ratingSum") <> 0 OR sum("ratingCount") <> 0`;

export async function foldTally(db: DataSource | EntityManager | QueryRunner): Promise<void> {
  await db.query(FOLD_TALLY_SQL);
}

/** The tally anew from the complaints: after a bulk load that bypassed the triggers (session_replication_role = replica). */
export async function rebuildTally(db: { query(sql: string): Promise<unknown> }): Promise<void> {
  await db.query('SELECT complaint_tally_rebuild()');
}
