import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ContactAndPost1796700600000 implements MigrationInterface {
  name = 'ContactAndPost1796700600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "complaint" ADD "contactRevealedToOpdId" integer`);
    await q.query(`ALTER TABLE "complaint" ADD "contactRevealedAt" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "complaint" ADD "outsideServiceHours" boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "complaint" DROP COLUMN "outsideServiceHours"`);
    await q.query(`ALTER TABLE "complaint" DROP COLUMN "contactRevealedAt"`);
    await q.query(`ALTER TABLE "complaint" DROP COLUMN "contactRevealedToOpdId"`);
  }
}
