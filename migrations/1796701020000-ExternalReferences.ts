import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ExternalReferences1796701020000 implements MigrationInterface {
  name = 'ExternalReferences1796701020000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "complaint_external_ref" ("id" SERIAL NOT NULL, "complaintId" integer NOT NULL, "source" character varying(20) NOT NULL, "externalId" character varying(100) NOT NULL, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_875d77933b2bdebedeb43f779e4" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_6f57144b786340a2356499c15b" ON "complaint_external_ref"  ("complaintId") `);
    await q.query(`CREATE UNIQUE INDEX "IDX_10279d86d7d432ba6bc9f36d7b" ON "complaint_external_ref"  ("source", "externalId") `);
    await q.query(`ALTER TABLE "complaint_external_ref" ADD CONSTRAINT "FK_6f57144b786340a2356499c15be" FOREIGN KEY ("complaintId") REFERENCES "complaint"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "complaint_external_ref" DROP CONSTRAINT "FK_6f57144b786340a2356499c15be"`);
    await q.query(`DROP INDEX "public"."IDX_10279d86d7d432ba6bc9f36d7b"`);
    await q.query(`DROP INDEX "public"."IDX_6f57144b786340a2356499c15b"`);
    await q.query(`DROP TABLE "complaint_external_ref"`);
  }
}
