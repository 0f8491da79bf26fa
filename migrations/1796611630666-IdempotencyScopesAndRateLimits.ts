import type { MigrationInterface, QueryRunner } from 'typeorm';

export class IdempotencyScopesAndRateLimits1796611630666 implements MigrationInterface {
  name = 'IdempotencyScopesAndRateLimits1796611630666';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."IDX_e3a9a324398cbb2eb10c92d8f4"`);
    await q.query(`ALTER TABLE "complaint" ADD "idempotencyScope" character varying(80)`);
    // Staff-recorded rows belong to their recorder. Whether an unrecorded row came from an API client
    // or from which public address was never stored: they keep a scope no caller has, so their keys
    // are free again for everyone.
    await q.query(
      `UPDATE "complaint" SET "idempotencyScope" = CASE WHEN "recordedById" IS NOT NULL THEN 'user:' || "recordedById" ELSE 'legacy' END
       WHERE "idempotencyKey" IS NOT NULL`,
    );
    await q.query(`CREATE UNIQUE INDEX "IDX_be33aef62f9ed62b1cd36dee75" ON "complaint"  ("idempotencyScope", "idempotencyKey") WHERE "idempotencyKey" IS NOT NULL`);
    // rate-limiter-flexible's RateLimiterPostgres table (server/core/rate-limit.ts), created here so the
    // schema stays under migrations. Unlogged: counters need no crash safety and are written on every request.
    await q.query(`CREATE UNLOGGED TABLE "rate_limit" ("key" character varying(255) PRIMARY KEY, "points" integer NOT NULL DEFAULT 0, "expire" bigint)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "rate_limit"`);
    await q.query(`DROP INDEX "public"."IDX_be33aef62f9ed62b1cd36dee75"`);
    // Keys were unique per caller only: keep the oldest use of each so the old index can return.
    await q.query(
      `UPDATE "complaint" SET "idempotencyKey" = NULL WHERE "idempotencyKey" IS NOT NULL
         AND id NOT IN (SELECT min(id) FROM "complaint" WHERE "idempotencyKey" IS NOT NULL GROUP BY "idempotencyKey")`,
    );
    await q.query(`ALTER TABLE "complaint" DROP COLUMN "idempotencyScope"`);
    await q.query(`CREATE UNIQUE INDEX "IDX_e3a9a324398cbb2eb10c92d8f4" ON "complaint" USING btree ("idempotencyKey") WHERE ("idempotencyKey" IS NOT NULL)`);
  }
}
