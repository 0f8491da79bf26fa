import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ReporterUpdates1796701200000 implements MigrationInterface {
  name = 'ReporterUpdates1796701200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "complaint" ADD "notifyReporter" boolean NOT NULL DEFAULT true`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "complaint" DROP COLUMN "notifyReporter"`);
  }
}
