import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Dialogue1796700400000 implements MigrationInterface {
  name = 'Dialogue1796700400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "response_template" ("id" SERIAL NOT NULL, "opdId" integer, "categoryId" integer, "title" character varying(120) NOT NULL, "body" text NOT NULL, "active" boolean NOT NULL DEFAULT true, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_04950db3aaf3e3e795bcb11adaf" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_0cce2323d0a63ae40142b171b4" ON "response_template"  ("opdId", "categoryId") `);
    await q.query(`ALTER TABLE "complaint" ADD "pausedAt" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "complaint" ADD "pauseKind" character varying(20)`);
    await q.query(`ALTER TABLE "complaint" ADD "pauseReason" character varying(2000)`);
    await q.query(`ALTER TABLE "complaint" ADD "pauseUntil" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "complaint" ADD "answerDraft" text`);
    await q.query(`ALTER TABLE "complaint" ADD "answerDraftById" integer`);
    await q.query(`ALTER TABLE "complaint" ADD "answerDraftAt" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "complaint" ADD "ratedAt" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "complaint_event" ADD "internalNote" text`);
    // Ratings given before this: the answer they rated counts as rated (once per answer).
    await q.query(
      `UPDATE complaint c SET "ratedAt" = r.at FROM (SELECT "complaintId", max("createdAt") AS at FROM complaint_event WHERE type = 'RATED' GROUP BY "complaintId") r WHERE r."complaintId" = c.id`,
    );
    await q.query(`CREATE INDEX "IDX_61b97390d497ad4df3341be630" ON "complaint"  ("pauseUntil") WHERE "pauseUntil" IS NOT NULL`);
    await q.query(`ALTER TABLE "response_template" ADD CONSTRAINT "FK_4ab2bd3641917e2f59b11916b4d" FOREIGN KEY ("opdId") REFERENCES "opd"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "response_template" ADD CONSTRAINT "FK_ac0d50610bdca45684da6c22023" FOREIGN KEY ("categoryId") REFERENCES "category"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "complaint" ADD CONSTRAINT "FK_b6d9cff6731d90962d0d55b9122" FOREIGN KEY ("answerDraftById") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "complaint" DROP CONSTRAINT "FK_b6d9cff6731d90962d0d55b9122"`);
    await q.query(`ALTER TABLE "response_template" DROP CONSTRAINT "FK_ac0d50610bdca45684da6c22023"`);
    await q.query(`ALTER TABLE "response_template" DROP CONSTRAINT "FK_4ab2bd3641917e2f59b11916b4d"`);
    await q.query(`DROP INDEX "public"."IDX_61b97390d497ad4df3341be630"`);
    await q.query(`ALTER TABLE "complaint_event" DROP COLUMN "internalNote"`);
    await q.query(`ALTER TABLE "complaint" DROP COLUMN "ratedAt"`);
    await q.query(`ALTER TABLE "complaint" DROP COLUMN "answerDraftAt"`);
    await q.query(`ALTER TABLE "complaint" DROP COLUMN "answerDraftById"`);
    await q.query(`ALTER TABLE "complaint" DROP COLUMN "answerDraft"`);
    await q.query(`ALTER TABLE "complaint" DROP COLUMN "pauseUntil"`);
    await q.query(`ALTER TABLE "complaint" DROP COLUMN "pauseReason"`);
    await q.query(`ALTER TABLE "complaint" DROP COLUMN "pauseKind"`);
    await q.query(`ALTER TABLE "complaint" DROP COLUMN "pausedAt"`);
    await q.query(`DROP INDEX "public"."IDX_0cce2323d0a63ae40142b171b4"`);
    await q.query(`DROP TABLE "response_template"`);
  }
}
