import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Interop1796701000000 implements MigrationInterface {
  name = 'Interop1796701000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "webhook_endpoint" ("id" SERIAL NOT NULL, "apiClientId" integer NOT NULL, "url" character varying(500) NOT NULL, "events" character varying(20) array NOT NULL, "allComplaints" boolean NOT NULL DEFAULT false, "secret" character varying(100) NOT NULL, "active" boolean NOT NULL DEFAULT true, "consecutiveFailures" integer NOT NULL DEFAULT '0', "disabledAt" TIMESTAMP WITH TIME ZONE, "disabledReason" character varying(500), "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6c98112122b2b8a4f3984d2efa8" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_3bdfa34893062bb199808a99b6" ON "webhook_endpoint"  ("apiClientId") `);
    await q.query(`CREATE TABLE "complaint_external_ref" ("id" SERIAL NOT NULL, "complaintId" integer NOT NULL, "source" character varying(20) NOT NULL, "externalId" character varying(100) NOT NULL, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_875d77933b2bdebedeb43f779e4" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_6f57144b786340a2356499c15b" ON "complaint_external_ref"  ("complaintId") `);
    await q.query(`CREATE UNIQUE INDEX "IDX_10279d86d7d432ba6bc9f36d7b" ON "complaint_external_ref"  ("source", "externalId") `);
    await q.query(`ALTER TABLE "api_client" ADD "scopes" character varying(40) array NOT NULL DEFAULT '{complaints:submit,public:read}'`);
    await q.query(`ALTER TABLE "api_client" ADD "expiresAt" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "api_client" ADD "rateLimitPerMinute" integer NOT NULL DEFAULT '600'`);
    await q.query(`ALTER TABLE "api_client" ADD "previousKeyPrefix" character varying(16)`);
    await q.query(`ALTER TABLE "api_client" ADD "previousKeyHash" character varying(64)`);
    await q.query(`ALTER TABLE "api_client" ADD "previousKeyValidUntil" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "api_client" ADD "rotatedAt" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "complaint" ADD "apiClientId" integer`);
    await q.query(`CREATE UNIQUE INDEX "IDX_828f31aa4f64e0a04ace35d0ec" ON "api_client"  ("previousKeyPrefix") WHERE "previousKeyPrefix" IS NOT NULL`);
    await q.query(`CREATE INDEX "IDX_6fef21159891254bbb9432aebc" ON "complaint"  ("apiClientId") WHERE "apiClientId" IS NOT NULL`);
    await q.query(`ALTER TABLE "complaint" ADD CONSTRAINT "FK_ac9265cc46b9f37db5e7995ef27" FOREIGN KEY ("apiClientId") REFERENCES "api_client"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "webhook_endpoint" ADD CONSTRAINT "FK_3bdfa34893062bb199808a99b63" FOREIGN KEY ("apiClientId") REFERENCES "api_client"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "complaint_external_ref" ADD CONSTRAINT "FK_6f57144b786340a2356499c15be" FOREIGN KEY ("complaintId") REFERENCES "complaint"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "complaint_external_ref" DROP CONSTRAINT "FK_6f57144b786340a2356499c15be"`);
    await q.query(`ALTER TABLE "webhook_endpoint" DROP CONSTRAINT "FK_3bdfa34893062bb199808a99b63"`);
    await q.query(`ALTER TABLE "complaint" DROP CONSTRAINT "FK_ac9265cc46b9f37db5e7995ef27"`);
    await q.query(`DROP INDEX "public"."IDX_6fef21159891254bbb9432aebc"`);
    await q.query(`DROP INDEX "public"."IDX_828f31aa4f64e0a04ace35d0ec"`);
    await q.query(`ALTER TABLE "complaint" DROP COLUMN "apiClientId"`);
    await q.query(`ALTER TABLE "api_client" DROP COLUMN "rotatedAt"`);
    await q.query(`ALTER TABLE "api_client" DROP COLUMN "previousKeyValidUntil"`);
    await q.query(`ALTER TABLE "api_client" DROP COLUMN "previousKeyHash"`);
    await q.query(`ALTER TABLE "api_client" DROP COLUMN "previousKeyPrefix"`);
    await q.query(`ALTER TABLE "api_client" DROP COLUMN "rateLimitPerMinute"`);
    await q.query(`ALTER TABLE "api_client" DROP COLUMN "expiresAt"`);
    await q.query(`ALTER TABLE "api_client" DROP COLUMN "scopes"`);
    await q.query(`DROP INDEX "public"."IDX_10279d86d7d432ba6bc9f36d7b"`);
    await q.query(`DROP INDEX "public"."IDX_6f57144b786340a2356499c15b"`);
    await q.query(`DROP TABLE "complaint_external_ref"`);
    await q.query(`DROP INDEX "public"."IDX_3bdfa34893062bb199808a99b6"`);
    await q.query(`DROP TABLE "webhook_endpoint"`);
  }
}
