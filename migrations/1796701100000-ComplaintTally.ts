import type { MigrationInterface, QueryRunner } from 'typeorm';

/** One tally row per WIB day, scope, dimension and key of the complaints in `d` (each with its sign). */
const TALLY_ROWS = (source: string, folded: boolean) => `
  SELECT (d."createdAt" AT TIME ZONE 'Asia/Jakarta')::date, s.scope, s.ids, g.dim, g.key,
         sum(d.sign)::int,
         sum(d.sign * (d.status NOT IN ('CLOSED','REJECTED','RESPONDED','ARCHIVED','MERGED'))::int)::int,
         sum(d.sign * (d."respondedAt" IS NOT NULL)::int)::int,
         sum(d.sign * coalesce(d."firstResponseAt" <= d."responseDueAt", false)::int)::int,
         sum(d.sign * (d."firstResponseAt" IS NOT NULL)::int)::int,
         sum(d.sign * coalesce(d.rating, 0))::int,
         sum(d.sign * (d.rating IS NOT NULL)::int)::int,
         ${folded}
    FROM (${source}) d
   CROSS JOIN LATERAL (VALUES ('A', '{}'::int[]), ('I', ARRAY[d."intakeOpdId"]), ('H', d."handlerOpdIds")) s(scope, ids)
   CROSS JOIN LATERAL (VALUES ('total', NULL::varchar), ('status', d.status), ('channel', d.channel), ('opd', d."currentOpdId"::varchar),
                              ('program', d."programId"::varchar), ('category', d."categoryId"::varchar)) g(dim, key)
   WHERE s.scope <> 'H' OR cardinality(s.ids) > 0
   GROUP BY 1, 2, 3, 4, 5
  HAVING sum(d.sign) <> 0 OR sum(d.sign * (d.status NOT IN ('CLOSED','REJECTED','RESPONDED','ARCHIVED','MERGED'))::int) <> 0
      OR sum(d.sign * (d."respondedAt" IS NOT NULL)::int) <> 0 OR sum(d.sign * coalesce(d."firstResponseAt" <= d."responseDueAt", false)::int) <> 0
      OR sum(d.sign * (d."firstResponseAt" IS NOT NULL)::int) <> 0 OR sum(d.sign * coalesce(d.rating, 0)) <> 0 OR sum(d.sign * (d.rating IS NOT NULL)::int) <> 0`;

const TALLY_COLUMNS = `day, scope, "opdIds", dim, key, total, open, responded, "respondedInTime", "firstResponded", "ratingSum", "ratingCount", compact`;

export class ComplaintTally1796701100000 implements MigrationInterface {
  name = 'ComplaintTally1796701100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "complaint_tally" ("id" BIGSERIAL NOT NULL, "day" date NOT NULL, "scope" character(1) NOT NULL, "opdIds" integer array NOT NULL, "dim" character varying(10) NOT NULL, "key" character varying(30), "total" integer NOT NULL, "open" integer NOT NULL, "responded" integer NOT NULL, "respondedInTime" integer NOT NULL, "firstResponded" integer NOT NULL, "ratingSum" integer NOT NULL, "ratingCount" integer NOT NULL, "compact" boolean NOT NULL DEFAULT false, CONSTRAINT "PK_ca5c193062dc85ee955b9b755db" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_ce1a8b2142d00de259ba3c5314" ON "complaint_tally"  ("day") WHERE NOT "compact"`);
    await q.query(`CREATE INDEX "IDX_a94c016cce2afde874a84066f1" ON "complaint_tally"  ("scope", "day") `);
    // By hand from here: what TypeORM cannot express.
    await q.query(`CREATE INDEX "IDX_complaint_tally_opds" ON "complaint_tally" USING gin ("opdIds")`);
    // Every change of a complaint adds its delta rows in the statement that makes it, whoever writes it.
    // Every change of a complaint adds its delta rows (old state −1, new state +1) in the statement that makes it, whoever writes it.
    const add = (source: string) => `INSERT INTO complaint_tally (${TALLY_COLUMNS}) ${TALLY_ROWS(source, false)};`;
    await q.query(`CREATE FUNCTION complaint_tally_apply() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          ${add('SELECT 1 AS sign, n.* FROM tally_new n')}
        ELSIF TG_OP = 'UPDATE' THEN
          ${add('SELECT 1 AS sign, n.* FROM tally_new n UNION ALL SELECT -1, o.* FROM tally_old o')}
        ELSE
          ${add('SELECT -1 AS sign, o.* FROM tally_old o')}
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER complaint_tally_insert AFTER INSERT ON complaint REFERENCING NEW TABLE AS tally_new FOR EACH STATEMENT EXECUTE FUNCTION complaint_tally_apply()`,
    );
    await q.query(
      `CREATE TRIGGER complaint_tally_update AFTER UPDATE ON complaint REFERENCING OLD TABLE AS tally_old NEW TABLE AS tally_new FOR EACH STATEMENT EXECUTE FUNCTION complaint_tally_apply()`,
    );
    await q.query(
      `CREATE TRIGGER complaint_tally_delete AFTER DELETE ON complaint REFERENCING OLD TABLE AS tally_old FOR EACH STATEMENT EXECUTE FUNCTION complaint_tally_apply()`,
    );
    // The whole tally again from the complaints (this migration, and bulk loads that bypass triggers).
    await q.query(`CREATE FUNCTION complaint_tally_rebuild() RETURNS void LANGUAGE sql AS $$
      DELETE FROM complaint_tally;
      INSERT INTO complaint_tally (${TALLY_COLUMNS}) ${TALLY_ROWS(`SELECT 1 AS sign, c.* FROM complaint c`, true)};
    $$`);
    await q.query(`SELECT complaint_tally_rebuild()`);

    // The list's text search (q, complaint-search.ts; the words themselves in the SearchVector migration): the anonymous
    // reporters' names apart (only those who may see them search them), and the tracking code's prefix with the
    // submission time, so a month's codes are sorted from the index alone.
    await q.query(`CREATE INDEX "IDX_complaint_anonymous_name" ON "complaint" USING gin (to_tsvector('simple', coalesce("reporterName", ''))) WHERE "anonymous"`);
    await q.query(`CREATE INDEX "IDX_complaint_tracking_prefix" ON "complaint" ("trackingCode" varchar_pattern_ops) INCLUDE ("createdAt")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."IDX_complaint_tracking_prefix"`);
    await q.query(`DROP INDEX "public"."IDX_complaint_anonymous_name"`);
    await q.query(`DROP TRIGGER complaint_tally_delete ON complaint`);
    await q.query(`DROP TRIGGER complaint_tally_update ON complaint`);
    await q.query(`DROP TRIGGER complaint_tally_insert ON complaint`);
    await q.query(`DROP FUNCTION complaint_tally_rebuild()`);
    await q.query(`DROP FUNCTION complaint_tally_apply()`);
    await q.query(`DROP INDEX "public"."IDX_complaint_tally_opds"`);
    await q.query(`DROP INDEX "public"."IDX_a94c016cce2afde874a84066f1"`);
    await q.query(`DROP INDEX "public"."IDX_ce1a8b2142d00de259ba3c5314"`);
    await q.query(`DROP TABLE "complaint_tally"`);
  }
}
