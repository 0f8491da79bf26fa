import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DuplicateSearch1796700500000 implements MigrationInterface {
  name = 'DuplicateSearch1796700500000';

  async up(q: QueryRunner): Promise<void> {
    // Trigram similarity for likely duplicates; pg_trgm is a trusted extension, so the database owner may create it.
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`CREATE INDEX "IDX_complaint_title_trgm" ON "complaint" USING gin ("title" gin_trgm_ops)`);
    await q.query(`CREATE INDEX "IDX_f7841743f1a8a84990ad9ec2d7" ON "complaint"  ("duplicateOfId") WHERE "duplicateOfId" IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."IDX_complaint_title_trgm"`);
    // RESTRICT: refused, not cascaded, if anything else in the database uses pg_trgm.
    await q.query(`DROP EXTENSION IF EXISTS pg_trgm RESTRICT`);
    await q.query(`DROP INDEX "public"."IDX_f7841743f1a8a84990ad9ec2d7"`);
  }
}
