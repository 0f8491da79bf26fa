import type { MigrationInterface, QueryRunner } from 'typeorm';

/** As in 1796701100000-ComplaintTally: one tally row per WIB day, scope, dimension and key of the complaints in `d` (each with its sign). */
const COMPLAINT_ROWS = (source: string) => `
  SELECT (d."createdAt" AT TIME ZONE 'Asia/Jakarta')::date, s.scope, s.ids, g.dim, g.key,
         sum(d.sign)::int,
         sum(d.sign * (d.status NOT IN ('CLOSED','REJECTED','RESPONDED','ARCHIVED','MERGED'))::int)::int,
         sum(d.sign * (d."respondedAt" IS NOT NULL)::int)::int,
         sum(d.sign * coalesce(d."firstResponseAt" <= d."responseDueAt", false)::int)::int,
         sum(d.sign * (d."firstResponseAt" IS NOT NULL)::int)::int,
         sum(d.sign * coalesce(d.rating, 0))::int,
         sum(d.sign * (d.rating IS NOT NULL)::int)::int,
         true
    FROM (${source}) d
   CROSS JOIN LATERAL (VALUES ('A', '{}'::int[]), ('I', ARRAY[d."intakeOpdId"]), ('H', d."handlerOpdIds")) s(scope, ids)
   CROSS JOIN LATERAL (VALUES ('total', NULL::varchar), ('status', d.status), ('channel', d.channel), ('opd', d."currentOpdId"::varchar),
                              ('program', d."programId"::varchar), ('category', d."categoryId"::varchar)) g(dim, key)
   WHERE s.scope <> 'H' OR cardinality(s.ids) > 0
   GROUP BY 1, 2, 3, 4, 5
  HAVING sum(d.sign) <> 0 OR sum(d.sign * (d.status NOT IN ('CLOSED','REJECTED','RESPONDED','ARCHIVED','MERGED'))::int) <> 0
      OR sum(d.sign * (d."respondedAt" IS NOT NULL)::int) <> 0 OR sum(d.sign * coalesce(d."firstResponseAt" <= d."responseDueAt", false)::int) <> 0
      OR sum(d.sign * (d."firstResponseAt" IS NOT NULL)::int) <> 0 OR sum(d.sign * coalesce(d.rating, 0)) <> 0 OR sum(d.sign * (d.rating IS NOT NULL)::int) <> 0`;

/**
 * The handling episodes in `d` (each with its sign) as tally rows of dimension onTime: per WIB day
 * the forward began, scope and the Opd it went to — episodes, those without a first response
 * whose deadline is set (`open`), answered, first responses by the deadline, first responses,
 * ratings (stats.service.ts reads them).
 */
const EPISODE_ROWS = (source: string, folded: boolean) => `
  SELECT (d."startedAt" AT TIME ZONE 'Asia/Jakarta')::date, s.scope, s.ids, 'onTime', d."opdId"::varchar,
         sum(d.sign)::int,
         sum(d.sign * (d."firstResponseAt" IS NULL AND d."dueAt" IS NOT NULL)::int)::int,
         sum(d.sign * (d."respondedAt" IS NOT NULL)::int)::int,
         sum(d.sign * coalesce(d."firstResponseAt" <= d."dueAt", false)::int)::int,
         sum(d.sign * (d."firstResponseAt" IS NOT NULL)::int)::int,
         sum(d.sign * coalesce(d.rating, 0))::int,
         sum(d.sign * (d.rating IS NOT NULL)::int)::int,
         ${folded}
    FROM (${source}) d
   CROSS JOIN LATERAL (VALUES ('A', '{}'::int[]), ('I', ARRAY[d."intakeOpdId"]), ('H', d."handlerOpdIds")) s(scope, ids)
   WHERE s.scope <> 'H' OR cardinality(s.ids) > 0
   GROUP BY 1, 2, 3, 4, 5
  HAVING sum(d.sign) <> 0 OR sum(d.sign * (d."firstResponseAt" IS NULL AND d."dueAt" IS NOT NULL)::int) <> 0
      OR sum(d.sign * (d."respondedAt" IS NOT NULL)::int) <> 0 OR sum(d.sign * coalesce(d."firstResponseAt" <= d."dueAt", false)::int) <> 0
      OR sum(d.sign * (d."firstResponseAt" IS NOT NULL)::int) <> 0 OR sum(d.sign * coalesce(d.rating, 0)) <> 0 OR sum(d.sign * (d.rating IS NOT NULL)::int) <> 0`;

const MEASURES = `total, open, responded, "respondedInTime", "firstResponded", "ratingSum", "ratingCount"`;
const TALLY_COLUMNS = `day, scope, "opdIds", dim, key, ${MEASURES}, compact`;

export class DashboardRollups1796701500000 implements MigrationInterface {
  name = 'DashboardRollups1796701500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "complaint_tally_month" ("id" BIGSERIAL NOT NULL, "month" date NOT NULL, "scope" character(1) NOT NULL, "opdIds" integer array NOT NULL, "dim" character varying(10) NOT NULL, "key" character varying(30), "total" integer NOT NULL, "open" integer NOT NULL, "responded" integer NOT NULL, "respondedInTime" integer NOT NULL, "firstResponded" integer NOT NULL, "ratingSum" integer NOT NULL, "ratingCount" integer NOT NULL, CONSTRAINT "PK_207a153b732a2efbf26dd3d99af" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_00cdb1beb613000367343751aa" ON "complaint_tally_month"  ("scope", "month") `);
    // By hand from here: filling the new columns of existing episodes, and what TypeORM cannot express.
    await q.query(`ALTER TABLE "complaint_handling" ADD "intakeOpdId" integer`);
    await q.query(`ALTER TABLE "complaint_handling" ADD "handlerOpdIds" integer array`);
    await q.query(`UPDATE complaint_handling h SET "intakeOpdId" = c."intakeOpdId", "handlerOpdIds" = c."handlerOpdIds" FROM complaint c WHERE c.id = h."complaintId"`);
    await q.query(`ALTER TABLE "complaint_handling" ALTER COLUMN "intakeOpdId" SET NOT NULL`);
    await q.query(`ALTER TABLE "complaint_handling" ALTER COLUMN "handlerOpdIds" SET NOT NULL`);
    await q.query(`CREATE INDEX "IDX_complaint_tally_month_opds" ON "complaint_tally_month" USING gin ("opdIds")`);
    // The dashboard's on-time figure takes off the episodes whose deadline is still ahead: few, from this index alone.
    await q.query(
      `CREATE INDEX "IDX_complaint_handling_pending" ON "complaint_handling" ("dueAt") INCLUDE ("startedAt", "opdId", "intakeOpdId", "handlerOpdIds") WHERE "firstResponseAt" IS NULL`,
    );

    // The dashboard's overdue count (it moves with the clock) of a period's complaints with a deadline, from this index alone.
    await q.query(
      `CREATE INDEX "IDX_complaint_overdue" ON "complaint" ("createdAt") INCLUDE ("dueAt", "status", "channel", "currentOpdId", "programId", "categoryId", "intakeOpdId", "handlerOpdIds") WHERE "dueAt" IS NOT NULL`,
    );

    // Every change of an episode adds its onTime delta rows (old state −1, new state +1) in the statement that makes it.
    const add = (source: string) => `INSERT INTO complaint_tally (${TALLY_COLUMNS}) ${EPISODE_ROWS(source, false)};`;
    await q.query(`CREATE FUNCTION complaint_handling_tally_apply() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          ${add('SELECT 1 AS sign, n.* FROM handling_new n')}
        ELSIF TG_OP = 'UPDATE' THEN
          ${add('SELECT 1 AS sign, n.* FROM handling_new n UNION ALL SELECT -1, o.* FROM handling_old o')}
        ELSE
          ${add('SELECT -1 AS sign, o.* FROM handling_old o')}
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER complaint_handling_tally_insert AFTER INSERT ON complaint_handling REFERENCING NEW TABLE AS handling_new FOR EACH STATEMENT EXECUTE FUNCTION complaint_handling_tally_apply()`,
    );
    await q.query(
      `CREATE TRIGGER complaint_handling_tally_update AFTER UPDATE ON complaint_handling REFERENCING OLD TABLE AS handling_old NEW TABLE AS handling_new FOR EACH STATEMENT EXECUTE FUNCTION complaint_handling_tally_apply()`,
    );
    await q.query(
      `CREATE TRIGGER complaint_handling_tally_delete AFTER DELETE ON complaint_handling REFERENCING OLD TABLE AS handling_old FOR EACH STATEMENT EXECUTE FUNCTION complaint_handling_tally_apply()`,
    );
    // An episode keeps its complaint's scope: when a change moves it, the episodes follow in an update of their own,
    // whose trigger above moves their onTime rows (a trigger on complaint could not see the episodes' old state).
    await q.query(`CREATE FUNCTION complaint_handling_scope() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM scope_new n JOIN complaint_handling h ON h."complaintId" = n.id
                    WHERE h."intakeOpdId" <> n."intakeOpdId" OR h."handlerOpdIds" <> n."handlerOpdIds") THEN
          UPDATE complaint_handling h SET "intakeOpdId" = n."intakeOpdId", "handlerOpdIds" = n."handlerOpdIds"
            FROM scope_new n WHERE h."complaintId" = n.id AND (h."intakeOpdId" <> n."intakeOpdId" OR h."handlerOpdIds" <> n."handlerOpdIds");
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER complaint_handling_scope AFTER UPDATE ON complaint REFERENCING NEW TABLE AS scope_new FOR EACH STATEMENT EXECUTE FUNCTION complaint_handling_scope()`,
    );

    // The whole tally again: the complaints', the episodes', and the months summed from the days.
    await q.query(`CREATE OR REPLACE FUNCTION complaint_tally_rebuild() RETURNS void LANGUAGE sql AS $$
      DELETE FROM complaint_tally;
      DELETE FROM complaint_tally_month;
      INSERT INTO complaint_tally (${TALLY_COLUMNS}) ${COMPLAINT_ROWS(`SELECT 1 AS sign, c.* FROM complaint c`)};
      INSERT INTO complaint_tally (${TALLY_COLUMNS}) ${EPISODE_ROWS(`SELECT 1 AS sign, h.* FROM complaint_handling h`, true)};
      INSERT INTO complaint_tally_month (month, scope, "opdIds", dim, key, ${MEASURES})
      SELECT date_trunc('month', day)::date, scope, "opdIds", dim, key, sum(total)::int, sum(open)::int, sum(responded)::int,
             sum("respondedInTime")::int, sum("firstResponded")::int, sum("ratingSum")::int, sum("ratingCount")::int
        FROM complaint_tally GROUP BY 1, 2, 3, 4, 5
      HAVING sum(total) <> 0 OR sum(open) <> 0 OR sum(responded) <> 0 OR sum("respondedInTime") <> 0 OR sum("firstResponded") <> 0
          OR sum("ratingSum") <> 0 OR sum("ratingCount") <> 0;
    $$`);
    await q.query(`SELECT complaint_tally_rebuild()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE OR REPLACE FUNCTION complaint_tally_rebuild() RETURNS void LANGUAGE sql AS $$
      DELETE FROM complaint_tally;
      INSERT INTO complaint_tally (${TALLY_COLUMNS}) ${COMPLAINT_ROWS(`SELECT 1 AS sign, c.* FROM complaint c`)};
    $$`);
    await q.query(`DROP TRIGGER complaint_handling_scope ON complaint`);
    await q.query(`DROP FUNCTION complaint_handling_scope()`);
    await q.query(`DROP TRIGGER complaint_handling_tally_delete ON complaint_handling`);
    await q.query(`DROP TRIGGER complaint_handling_tally_update ON complaint_handling`);
    await q.query(`DROP TRIGGER complaint_handling_tally_insert ON complaint_handling`);
    await q.query(`DROP FUNCTION complaint_handling_tally_apply()`);
    await q.query(`DELETE FROM complaint_tally WHERE dim = 'onTime'`);
    await q.query(`DROP INDEX "public"."IDX_complaint_overdue"`);
    await q.query(`DROP INDEX "public"."IDX_complaint_handling_pending"`);
    await q.query(`DROP INDEX "public"."IDX_complaint_tally_month_opds"`);
    await q.query(`ALTER TABLE "complaint_handling" DROP COLUMN "handlerOpdIds"`);
    await q.query(`ALTER TABLE "complaint_handling" DROP COLUMN "intakeOpdId"`);
    await q.query(`DROP INDEX "public"."IDX_00cdb1beb613000367343751aa"`);
    await q.query(`DROP TABLE "complaint_tally_month"`);
  }
}
