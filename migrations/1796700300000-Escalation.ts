import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Escalation1796700300000 implements MigrationInterface {
  name = 'Escalation1796700300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "escalation_rule" ("id" SERIAL NOT NULL, "opdId" integer, "targetOpdId" integer NOT NULL, "note" character varying(300), CONSTRAINT "PK_59fb330cb48e5cc769aad62fd15" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_bc1727b612268ee59cf200e11b" ON "escalation_rule"  ("targetOpdId") `);
    await q.query(`CREATE UNIQUE INDEX "IDX_2aeeb93bf6d440aaa8255b13a0" ON "escalation_rule"  ("opdId") WHERE "opdId" IS NOT NULL`);
    await q.query(`ALTER TABLE "complaint" ADD "escalatedToOpdId" integer`);
    await q.query(`ALTER TABLE "complaint" ADD "escalatedAt" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "complaint" ADD "escalationReason" character varying(200)`);
    await q.query(`CREATE INDEX "IDX_1c6f0164f4b156ed6cc67d0d12" ON "complaint"  ("escalatedToOpdId") WHERE "escalatedToOpdId" IS NOT NULL`);
    await q.query(`ALTER TABLE "escalation_rule" ADD CONSTRAINT "FK_12b51a528b755b894529bf9e681" FOREIGN KEY ("opdId") REFERENCES "opd"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "escalation_rule" ADD CONSTRAINT "FK_bc1727b612268ee59cf200e11b7" FOREIGN KEY ("targetOpdId") REFERENCES "opd"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "complaint" ADD CONSTRAINT "FK_ee1477d1ed6f29507fd0858f8be" FOREIGN KEY ("escalatedToOpdId") REFERENCES "opd"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "complaint" DROP CONSTRAINT "FK_ee1477d1ed6f29507fd0858f8be"`);
    await q.query(`ALTER TABLE "escalation_rule" DROP CONSTRAINT "FK_bc1727b612268ee59cf200e11b7"`);
    await q.query(`ALTER TABLE "escalation_rule" DROP CONSTRAINT "FK_12b51a528b755b894529bf9e681"`);
    await q.query(`DROP INDEX "public"."IDX_1c6f0164f4b156ed6cc67d0d12"`);
    await q.query(`ALTER TABLE "complaint" DROP COLUMN "escalationReason"`);
    await q.query(`ALTER TABLE "complaint" DROP COLUMN "escalatedAt"`);
    await q.query(`ALTER TABLE "complaint" DROP COLUMN "escalatedToOpdId"`);
    await q.query(`DROP INDEX "public"."IDX_2aeeb93bf6d440aaa8255b13a0"`);
    await q.query(`DROP INDEX "public"."IDX_bc1727b612268ee59cf200e11b"`);
    await q.query(`DROP TABLE "escalation_rule"`);
  }
}
