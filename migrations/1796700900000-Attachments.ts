import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Attachments1796700900000 implements MigrationInterface {
  name = 'Attachments1796700900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "complaint_attachment" ("id" SERIAL NOT NULL, "complaintId" integer NOT NULL, "status" character varying(10) NOT NULL, "visibility" character varying(10) NOT NULL, "kind" character varying(10), "fileName" character varying(200) NOT NULL, "mimeType" character varying(50), "size" integer, "width" integer, "height" integer, "sha256" character varying(64), "storageKey" character varying(200), "thumbnailKey" character varying(200), "uploadTokenHash" character varying(64), "uploadExpiresAt" TIMESTAMP WITH TIME ZONE, "eventId" integer, "forEventId" integer, "uploadedById" integer NOT NULL, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "removedAt" TIMESTAMP WITH TIME ZONE, "removedById" integer, "removeReason" text, CONSTRAINT "PK_9ba93e88ea416d6370a5edbcee9" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "IDX_d83f9212dc51b6b49d45767e5e" ON "complaint_attachment"  ("uploadTokenHash") WHERE "uploadTokenHash" IS NOT NULL`);
    await q.query(`CREATE INDEX "IDX_07f8e9fc1a224aef2d93e9c23f" ON "complaint_attachment"  ("eventId") `);
    await q.query(`CREATE INDEX "IDX_e7c6dade2ebf8f20aba7bef656" ON "complaint_attachment"  ("complaintId", "status") `);
    await q.query(`ALTER TABLE "complaint_attachment" ADD CONSTRAINT "FK_8f6c4890adbc7b88df366c8a673" FOREIGN KEY ("complaintId") REFERENCES "complaint"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "complaint_attachment" ADD CONSTRAINT "FK_07f8e9fc1a224aef2d93e9c23f5" FOREIGN KEY ("eventId") REFERENCES "complaint_event"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "complaint_attachment" ADD CONSTRAINT "FK_30251ff0afc7a08b7531e9eb6ea" FOREIGN KEY ("forEventId") REFERENCES "complaint_event"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "complaint_attachment" ADD CONSTRAINT "FK_1fed1874b3dcb93faeaafebd998" FOREIGN KEY ("uploadedById") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "complaint_attachment" ADD CONSTRAINT "FK_4e90cfb4e0e91b7221d0793a41c" FOREIGN KEY ("removedById") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "complaint_attachment" DROP CONSTRAINT "FK_4e90cfb4e0e91b7221d0793a41c"`);
    await q.query(`ALTER TABLE "complaint_attachment" DROP CONSTRAINT "FK_1fed1874b3dcb93faeaafebd998"`);
    await q.query(`ALTER TABLE "complaint_attachment" DROP CONSTRAINT "FK_30251ff0afc7a08b7531e9eb6ea"`);
    await q.query(`ALTER TABLE "complaint_attachment" DROP CONSTRAINT "FK_07f8e9fc1a224aef2d93e9c23f5"`);
    await q.query(`ALTER TABLE "complaint_attachment" DROP CONSTRAINT "FK_8f6c4890adbc7b88df366c8a673"`);
    await q.query(`DROP INDEX "public"."IDX_e7c6dade2ebf8f20aba7bef656"`);
    await q.query(`DROP INDEX "public"."IDX_07f8e9fc1a224aef2d93e9c23f"`);
    await q.query(`DROP INDEX "public"."IDX_d83f9212dc51b6b49d45767e5e"`);
    await q.query(`DROP TABLE "complaint_attachment"`);
  }
}
