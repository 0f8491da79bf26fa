import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ListSorts1796701160000 implements MigrationInterface {
  name = 'ListSorts1796701160000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "IDX_317bf9f75ab4a7b41f6bd762b7" ON "complaint"  ("verifyDueAt") `);
    await q.query(`CREATE INDEX "IDX_698a9d96cd17f1d06677ebdb40" ON "complaint"  ("responseDueAt") `);
    await q.query(`CREATE INDEX "IDX_c86bcedc91c500e657e623afed" ON "complaint"  ("status", "id") `);
    await q.query(`CREATE INDEX "IDX_13fd1c4e36db35c4d630f4a884" ON "complaint"  ("title", "id") `);
    await q.query(`CREATE INDEX "IDX_2fc211dde3d30e607571948885" ON "complaint"  ("updatedAt") `);
    await q.query(`CREATE INDEX "IDX_a4d3f017a3ecf267347c7120b2" ON "complaint"  ("channel", "createdAt") `);
    await q.query(`CREATE INDEX "IDX_48e1bb22209c7e47dc192419f6" ON "complaint"  ("progressStage", "createdAt") `);
    await q.query(`CREATE INDEX "IDX_1c2e46c91d3f2d58f7f3948ef1" ON "complaint"  ("type", "createdAt") `);
    // By hand: best rated first with the unrated last, the order the list sorts by rating DESC in.
    await q.query(`CREATE INDEX "IDX_complaint_rating_desc" ON "complaint" ("rating" DESC NULLS LAST, "id" DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."IDX_complaint_rating_desc"`);
    await q.query(`DROP INDEX "public"."IDX_1c2e46c91d3f2d58f7f3948ef1"`);
    await q.query(`DROP INDEX "public"."IDX_48e1bb22209c7e47dc192419f6"`);
    await q.query(`DROP INDEX "public"."IDX_a4d3f017a3ecf267347c7120b2"`);
    await q.query(`DROP INDEX "public"."IDX_2fc211dde3d30e607571948885"`);
    await q.query(`DROP INDEX "public"."IDX_13fd1c4e36db35c4d630f4a884"`);
    await q.query(`DROP INDEX "public"."IDX_c86bcedc91c500e657e623afed"`);
    await q.query(`DROP INDEX "public"."IDX_698a9d96cd17f1d06677ebdb40"`);
    await q.query(`DROP INDEX "public"."IDX_317bf9f75ab4a7b41f6bd762b7"`);
  }
}
