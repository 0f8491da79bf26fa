import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ApiKeyScopes1796701000000 implements MigrationInterface {
  name = 'ApiKeyScopes1796701000000';

  async up(q: QueryRunner): Promise<void> {
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
  }

  async down(q: QueryRunner): Promise<void> {
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
  }
}
