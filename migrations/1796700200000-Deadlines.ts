import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Deadlines1796700200000 implements MigrationInterface {
  name = 'Deadlines1796700200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "sla_policy" ADD "followUpWithin" integer NOT NULL DEFAULT '5'`);
    await q.query(`ALTER TABLE "sla_policy" ADD "followUpUnit" character varying(20) NOT NULL DEFAULT 'WORKING_DAYS'`);
    await q.query(`ALTER TABLE "sla_policy" ADD "settleWithin" integer NOT NULL DEFAULT '60'`);
    await q.query(`ALTER TABLE "sla_policy" ADD "settleUnit" character varying(20) NOT NULL DEFAULT 'CALENDAR_DAYS'`);
    await q.query(`ALTER TABLE "complaint" ADD "followUpDueAt" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "complaint" ADD "settleDueAt" TIMESTAMP WITH TIME ZONE`);
    // Reviewed: widened in place (the generated drop-and-add would lose every policy's units), then
    // the older units saved as what they meant (sla/working-calendar.ts explicitUnit).
    await q.query(`ALTER TABLE "sla_policy" ALTER COLUMN "verifyUnit" TYPE character varying(20)`);
    await q.query(`ALTER TABLE "sla_policy" ALTER COLUMN "respondUnit" TYPE character varying(20)`);
    for (const col of ['verifyUnit', 'respondUnit']) {
      await q.query(
        `UPDATE "sla_policy" SET "${col}" = CASE WHEN "${col}" = 'HOURS' THEN 'CLOCK_HOURS' WHEN calendar = 'CALENDAR_HOURS' THEN 'CALENDAR_DAYS' ELSE 'WORKING_DAYS' END
          WHERE "${col}" IN ('HOURS', 'DAYS')`,
      );
    }
    // Complaints still running get the settlement limit from their receipt (the built-in 60 days).
    await q.query(
      `UPDATE "complaint" SET "settleDueAt" = "createdAt" + interval '60 days' WHERE status NOT IN ('RESPONDED', 'CLOSED', 'REJECTED')`,
    );
    // A unit that already responded had no running deadline; its follow-up starts now (5 working
    // days, taken as a week: SQL does not know the holidays). Then `dueAt` becomes what the
    // service derives from the deadlines (complaint-deadlines.ts runningDue), so the next write
    // does not move it; a moved one has not been reported overdue.
    await q.query(
      `UPDATE "complaint" SET "followUpDueAt" = now() + interval '7 days' WHERE status IN ('FORWARDED', 'IN_PROGRESS') AND "dueAt" IS NULL`,
    );
    await q.query(
      `UPDATE "complaint" c SET "dueAt" = d.due, "overdueNotified" = c."overdueNotified" AND d.due IS NOT DISTINCT FROM c."dueAt"
         FROM (SELECT id, LEAST(CASE WHEN status IN ('SUBMITTED', 'VERIFIED') THEN "verifyDueAt" ELSE coalesce("followUpDueAt", "responseDueAt") END, "settleDueAt") AS due
                 FROM "complaint" WHERE status NOT IN ('RESPONDED', 'CLOSED', 'REJECTED')) d
        WHERE d.id = c.id`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const col of ['verifyUnit', 'respondUnit']) {
      await q.query(
        `UPDATE "sla_policy" SET "${col}" = CASE WHEN "${col}" IN ('CLOCK_HOURS', 'WORKING_HOURS', 'OFFICE_HOURS') THEN 'HOURS' ELSE 'DAYS' END`,
      );
    }
    await q.query(`ALTER TABLE "sla_policy" ALTER COLUMN "respondUnit" TYPE character varying(10)`);
    await q.query(`ALTER TABLE "sla_policy" ALTER COLUMN "verifyUnit" TYPE character varying(10)`);
    await q.query(`ALTER TABLE "complaint" DROP COLUMN "settleDueAt"`);
    await q.query(`ALTER TABLE "complaint" DROP COLUMN "followUpDueAt"`);
    await q.query(`ALTER TABLE "sla_policy" DROP COLUMN "settleUnit"`);
    await q.query(`ALTER TABLE "sla_policy" DROP COLUMN "settleWithin"`);
    await q.query(`ALTER TABLE "sla_policy" DROP COLUMN "followUpUnit"`);
    await q.query(`ALTER TABLE "sla_policy" DROP COLUMN "followUpWithin"`);
  }
}
