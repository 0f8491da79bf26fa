import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PublishGrant1796700700000 implements MigrationInterface {
  name = 'PublishGrant1796700700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "app_user" ADD "mayPublish" boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "app_user" DROP COLUMN "mayPublish"`);
  }
}
