import type { MigrationInterface, QueryRunner } from 'typeorm';

export class EventTypeIndex1796408539440 implements MigrationInterface {
  name = 'EventTypeIndex1796408539440';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "IDX_c874a09d71e475e84cd542ade5" ON "complaint_event"  ("type", "createdAt") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."IDX_c874a09d71e475e84cd542ade5"`);
  }
}
