import type { MigrationInterface, QueryRunner } from 'typeorm';

/** By hand (INCLUDE): the dashboard's on-time figure (reports/on-time.ts) over a period's episodes from the index alone. */
export class OnTimeIndex1796701180000 implements MigrationInterface {
  name = 'OnTimeIndex1796701180000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "IDX_complaint_handling_on_time" ON "complaint_handling" ("startedAt") INCLUDE ("opdId", "firstResponseAt", "dueAt", "complaintId")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."IDX_complaint_handling_on_time"`);
  }
}
