import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ReportIndexes1796701510000 implements MigrationInterface {
  name = 'ReportIndexes1796701510000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."IDX_4b4cce06d4983ab8aedee8e531"`);
    await q.query(`CREATE INDEX "IDX_612c4c6945f640302c96e4bb3b" ON "complaint_handling"  ("complaintId", "startedAt") `);
    // By hand from here (INCLUDE, WHERE): what the compliance report reads of a period, from indexes alone.
    // A period's episodes with every column the report counts (the dashboard's on-time index was a part of it).
    await q.query(`DROP INDEX "public"."IDX_complaint_handling_on_time"`);
    await q.query(
      `CREATE INDEX "IDX_complaint_handling_report" ON "complaint_handling" ("startedAt") INCLUDE ("opdId", "fromOpdId", "complaintId", "firstResponseAt", "respondedAt", "dueAt", "rating", "fromIntake", "forwardedById", "intakeDueAt")`,
    );
    // The officers' verifications, and the units' answers and progress notes (staff), of a period.
    await q.query(
      `CREATE INDEX "IDX_complaint_event_verified" ON "complaint_event" ("createdAt") INCLUDE ("actorId") WHERE type = 'VERIFIED' AND "actorId" IS NOT NULL AND "fromOpdId" IS NULL`,
    );
    await q.query(
      `CREATE INDEX "IDX_complaint_event_unit_acts" ON "complaint_event" ("createdAt") INCLUDE ("actorId", "complaintId", type) WHERE type IN ('RESPONDED', 'PROGRESS') AND "actorId" IS NOT NULL AND "actorRole" IN ('UNIT_HEAD', 'UNIT_STAFF')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."IDX_complaint_event_unit_acts"`);
    await q.query(`DROP INDEX "public"."IDX_complaint_event_verified"`);
    await q.query(`DROP INDEX "public"."IDX_complaint_handling_report"`);
    await q.query(`CREATE INDEX "IDX_complaint_handling_on_time" ON "complaint_handling" ("startedAt") INCLUDE ("opdId", "firstResponseAt", "dueAt", "complaintId")`);
    await q.query(`DROP INDEX "public"."IDX_612c4c6945f640302c96e4bb3b"`);
    await q.query(`CREATE INDEX "IDX_4b4cce06d4983ab8aedee8e531" ON "complaint_handling" ("complaintId") `);
  }
}
