import type { MigrationInterface, QueryRunner } from 'typeorm';

export class NotifyTemplates1796701300000 implements MigrationInterface {
  name = 'NotifyTemplates1796701300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "notification_template_override" ("id" SERIAL NOT NULL, "template" character varying(40) NOT NULL, "subject" character varying(200) NOT NULL, "body" text NOT NULL, "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_fa52afa69866fab47d5deb9f779" UNIQUE ("template"), CONSTRAINT "PK_e64be7949f7995630d642edf7c4" PRIMARY KEY ("id"))`);
    await q.query(`CREATE TABLE "notification_settings" ("id" integer NOT NULL DEFAULT '1', "defaultStaffChannels" character varying(20) array NOT NULL DEFAULT '{}', "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_1728862cf87a6369f430e2d316" CHECK ("id" = 1), CONSTRAINT "PK_d131abd7996c475ef768d4559ba" PRIMARY KEY ("id"))`);
    await q.query(`INSERT INTO "notification_settings" ("id") VALUES (1)`);
    await q.query(`ALTER TABLE "app_user" ADD "dailyDigest" boolean NOT NULL DEFAULT false`);
    // NULL: never chose, the superadmin's defaults apply. An empty choice could not be told from none until now.
    await q.query(`ALTER TABLE "app_user" ALTER COLUMN "notifyBy" DROP NOT NULL`);
    await q.query(`ALTER TABLE "app_user" ALTER COLUMN "notifyBy" DROP DEFAULT`);
    await q.query(`UPDATE "app_user" SET "notifyBy" = NULL WHERE "notifyBy" = '{}'`);
    // Reminders, desk invitations and digests are caused by no complaint event (digests and invitations by no one complaint).
    await q.query(`ALTER TABLE "notification" ALTER COLUMN "complaintId" DROP NOT NULL`);
    await q.query(`ALTER TABLE "notification" ALTER COLUMN "eventId" DROP NOT NULL`);
    await q.query(`ALTER TABLE "notification" ADD "deskId" integer`);
    await q.query(`ALTER TABLE "notification" ADD CONSTRAINT "FK_41acc45448ca326b48afe2fdb7e" FOREIGN KEY ("deskId") REFERENCES "desk"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "notification" DROP CONSTRAINT "FK_41acc45448ca326b48afe2fdb7e"`);
    await q.query(`ALTER TABLE "notification" DROP COLUMN "deskId"`);
    await q.query(`DELETE FROM "notification" WHERE "complaintId" IS NULL OR "eventId" IS NULL`);
    await q.query(`ALTER TABLE "notification" ALTER COLUMN "eventId" SET NOT NULL`);
    await q.query(`ALTER TABLE "notification" ALTER COLUMN "complaintId" SET NOT NULL`);
    await q.query(`UPDATE "app_user" SET "notifyBy" = '{}' WHERE "notifyBy" IS NULL`);
    await q.query(`ALTER TABLE "app_user" ALTER COLUMN "notifyBy" SET DEFAULT '{}'`);
    await q.query(`ALTER TABLE "app_user" ALTER COLUMN "notifyBy" SET NOT NULL`);
    await q.query(`ALTER TABLE "app_user" DROP COLUMN "dailyDigest"`);
    await q.query(`DROP TABLE "notification_settings"`);
    await q.query(`DROP TABLE "notification_template_override"`);
  }
}
