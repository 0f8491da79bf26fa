import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Webhooks1796701010000 implements MigrationInterface {
  name = 'Webhooks1796701010000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "webhook_endpoint" ("id" SERIAL NOT NULL, "apiClientId" integer NOT NULL, "url" character varying(500) NOT NULL, "events" character varying(20) array NOT NULL, "allComplaints" boolean NOT NULL DEFAULT false, "secret" character varying(100) NOT NULL, "active" boolean NOT NULL DEFAULT true, "consecutiveFailures" integer NOT NULL DEFAULT '0', "disabledAt" TIMESTAMP WITH TIME ZONE, "disabledReason" character varying(500), "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6c98112122b2b8a4f3984d2efa8" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_3bdfa34893062bb199808a99b6" ON "webhook_endpoint"  ("apiClientId") `);
    await q.query(`ALTER TABLE "webhook_endpoint" ADD CONSTRAINT "FK_3bdfa34893062bb199808a99b63" FOREIGN KEY ("apiClientId") REFERENCES "api_client"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "webhook_endpoint" DROP CONSTRAINT "FK_3bdfa34893062bb199808a99b63"`);
    await q.query(`DROP INDEX "public"."IDX_3bdfa34893062bb199808a99b6"`);
    await q.query(`DROP TABLE "webhook_endpoint"`);
  }
}
