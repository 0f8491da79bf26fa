import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ServiceStandards1796700750000 implements MigrationInterface {
  name = 'ServiceStandards1796700750000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "service_standard" ("id" SERIAL NOT NULL, "opdId" integer NOT NULL, "serviceName" character varying(200) NOT NULL, "requirements" text NOT NULL, "procedure" text NOT NULL, "timeLimit" text NOT NULL, "fee" text NOT NULL, "product" text NOT NULL, "complaintHandling" text NOT NULL, "legalBasis" text, "facilities" text, "staffCompetence" text, "internalSupervision" text, "staffCount" text, "serviceGuarantee" text, "safetyGuarantee" text, "performanceEvaluation" text, "active" boolean NOT NULL DEFAULT true, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_cbe2e7eaa623f68ce92164a5da8" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "IDX_573a6b10ec7623c69578c34490" ON "service_standard"  ("opdId", "serviceName") `);
    await q.query(`ALTER TABLE "service_standard" ADD CONSTRAINT "FK_9bc35d321a55d582a89e4085535" FOREIGN KEY ("opdId") REFERENCES "opd"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "service_standard" DROP CONSTRAINT "FK_9bc35d321a55d582a89e4085535"`);
    await q.query(`DROP INDEX "public"."IDX_573a6b10ec7623c69578c34490"`);
    await q.query(`DROP TABLE "service_standard"`);
  }
}
