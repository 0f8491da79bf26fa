import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ApiClients1795445554674 implements MigrationInterface {
  name = 'ApiClients1795445554674';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "api_client" ("id" SERIAL NOT NULL, "name" character varying(200) NOT NULL, "channel" character varying(20) NOT NULL DEFAULT 'EXTERNAL_APP', "keyPrefix" character varying(16) NOT NULL, "keyHash" character varying(64) NOT NULL, "active" boolean NOT NULL DEFAULT true, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_82a5ec6981d2be903a9eb1d9b9a" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "IDX_81b8a9850a5a22f9a23eeadc6a" ON "api_client"  ("keyPrefix") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."IDX_81b8a9850a5a22f9a23eeadc6a"`);
    await q.query(`DROP TABLE "api_client"`);
  }
}
