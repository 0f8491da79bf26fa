import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * By hand (INCLUDE, WHERE on status): a unit's inbox (ComplaintService.inboxSql, UNIT_WORK) by its Opds first, so
 * the total counts the entries of those Opds instead of every forwarded complaint's in deadline order.
 */
export class UnitInboxIndex1796701520000 implements MigrationInterface {
  name = 'UnitInboxIndex1796701520000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX "IDX_complaint_inbox_unit_opd" ON "complaint" ("currentOpdId", "dueAt", "id") INCLUDE ("handlerOpdIds", "assigneeId") WHERE "status" IN ('FORWARDED','IN_PROGRESS')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."IDX_complaint_inbox_unit_opd"`);
  }
}
