import type { MigrationInterface, QueryRunner } from 'typeorm';

export class StaffChannels1796701210000 implements MigrationInterface {
  name = 'StaffChannels1796701210000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "app_user" ADD "notifyBy" character varying(20) array NOT NULL DEFAULT '{}'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "app_user" DROP COLUMN "notifyBy"`);
  }
}
