import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ListIndexes1795449896060 implements MigrationInterface {
  name = 'ListIndexes1795449896060';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."IDX_ec64187f13bd5da22dc91b9bce"`);
    await q.query(`DROP INDEX "public"."IDX_9d29d097a4d9f8db7ea2178138"`);
    await q.query(`CREATE INDEX "IDX_2ccf47ea4134310b9e69ffd944" ON "complaint"  ("categoryId", "status", "createdAt") `);
    await q.query(`CREATE INDEX "IDX_5f7f56ccc314e852ad1f1eb692" ON "complaint"  ("intakeOpdId", "status", "createdAt") `);
    await q.query(`CREATE INDEX "IDX_8f6d3d7384744573b7a618b7ec" ON "complaint"  ("currentOpdId", "status", "createdAt") `);
    await q.query(`CREATE INDEX "IDX_6e3f82e65c2cbeec24cb2d2d6f" ON "complaint"  ("createdAt") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."IDX_6e3f82e65c2cbeec24cb2d2d6f"`);
    await q.query(`DROP INDEX "public"."IDX_8f6d3d7384744573b7a618b7ec"`);
    await q.query(`DROP INDEX "public"."IDX_5f7f56ccc314e852ad1f1eb692"`);
    await q.query(`DROP INDEX "public"."IDX_2ccf47ea4134310b9e69ffd944"`);
    await q.query(`CREATE INDEX "IDX_9d29d097a4d9f8db7ea2178138" ON "complaint" USING btree ("currentOpdId", "status") `);
    await q.query(`CREATE INDEX "IDX_ec64187f13bd5da22dc91b9bce" ON "complaint" USING btree ("intakeOpdId", "status") `);
  }
}
