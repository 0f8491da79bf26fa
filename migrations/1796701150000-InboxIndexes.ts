import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * By hand (TypeORM expresses neither INCLUDE nor these conditions): each inbox's rows in deadline
 * order with what its row scope reads, so the page is the first matching entries of one ordered walk
 * and the total an index-only count.
 */
export class InboxIndexes1796701150000 implements MigrationInterface {
  name = 'InboxIndexes1796701150000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX "IDX_complaint_inbox_intake" ON "complaint" ("dueAt", "id") INCLUDE ("intakeOpdId", "recordedById") WHERE "status" IN ('SUBMITTED','VERIFIED','RESPONDED')`,
    );
    await q.query(
      `CREATE INDEX "IDX_complaint_inbox_unit" ON "complaint" ("dueAt", "id") INCLUDE ("currentOpdId", "handlerOpdIds", "assigneeId") WHERE "status" IN ('FORWARDED','IN_PROGRESS')`,
    );
    await q.query(
      `CREATE INDEX "IDX_complaint_inbox_open" ON "complaint" ("dueAt", "id") INCLUDE ("status", "intakeOpdId", "currentOpdId", "recordedById") WHERE "status" NOT IN ('CLOSED','REJECTED','ARCHIVED','MERGED')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."IDX_complaint_inbox_open"`);
    await q.query(`DROP INDEX "public"."IDX_complaint_inbox_unit"`);
    await q.query(`DROP INDEX "public"."IDX_complaint_inbox_intake"`);
  }
}
