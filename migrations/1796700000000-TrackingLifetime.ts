import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TrackingLifetime1796700000000 implements MigrationInterface {
  name = 'TrackingLifetime1796700000000';

  async up(q: QueryRunner): Promise<void> {
    // Which physical database last issued tracking codes (server/modules/complaints/tracking-codes.ts):
    // a restored dump carries the old identity, so the server can tell it is running on a restore.
    await q.query(`CREATE TABLE "tracking_lifetime" ("id" smallint PRIMARY KEY CHECK ("id" = 1), "identity" text NOT NULL, "seenAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now())`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "tracking_lifetime"`);
  }
}
