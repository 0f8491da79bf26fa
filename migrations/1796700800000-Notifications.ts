import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Notifications1796700800000 implements MigrationInterface {
  name = 'Notifications1796700800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "notification" ("id" SERIAL NOT NULL, "channel" character varying(20) NOT NULL, "status" character varying(10) NOT NULL, "template" character varying(40) NOT NULL, "recipientUserId" integer, "recipientAddress" character varying(200), "complaintId" integer NOT NULL, "eventId" integer NOT NULL, "dedupeKey" character varying(200) NOT NULL, "subject" character varying(300) NOT NULL, "body" text NOT NULL, "attempts" integer NOT NULL DEFAULT '0', "nextAttemptAt" TIMESTAMP WITH TIME ZONE, "lastError" text, "sentAt" TIMESTAMP WITH TIME ZONE, "readAt" TIMESTAMP WITH TIME ZONE, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_705b6c7cdf9b2c2ff7ac7872cb7" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "IDX_0e0a4efa44850566408fa4a1fa" ON "notification"  ("dedupeKey") `);
    await q.query(`CREATE INDEX "IDX_notification_trouble" ON "notification"  ("status", "createdAt") WHERE status IN ('FAILED', 'DEAD')`);
    await q.query(`CREATE INDEX "IDX_notification_recipient" ON "notification"  ("recipientUserId", "createdAt") `);
    await q.query(`CREATE INDEX "IDX_notification_due" ON "notification"  ("nextAttemptAt") WHERE status IN ('PENDING', 'FAILED')`);
    await q.query(`ALTER TABLE "notification" ADD CONSTRAINT "FK_419ebf820f56dbe6ac1a647f15f" FOREIGN KEY ("recipientUserId") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "notification" ADD CONSTRAINT "FK_8079b71ff082537f860efabf10e" FOREIGN KEY ("complaintId") REFERENCES "complaint"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "notification" ADD CONSTRAINT "FK_4d8dd208e427731306a6be66add" FOREIGN KEY ("eventId") REFERENCES "complaint_event"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "notification" DROP CONSTRAINT "FK_4d8dd208e427731306a6be66add"`);
    await q.query(`ALTER TABLE "notification" DROP CONSTRAINT "FK_8079b71ff082537f860efabf10e"`);
    await q.query(`ALTER TABLE "notification" DROP CONSTRAINT "FK_419ebf820f56dbe6ac1a647f15f"`);
    await q.query(`DROP INDEX "public"."IDX_notification_due"`);
    await q.query(`DROP INDEX "public"."IDX_notification_recipient"`);
    await q.query(`DROP INDEX "public"."IDX_notification_trouble"`);
    await q.query(`DROP INDEX "public"."IDX_0e0a4efa44850566408fa4a1fa"`);
    await q.query(`DROP TABLE "notification"`);
  }
}
