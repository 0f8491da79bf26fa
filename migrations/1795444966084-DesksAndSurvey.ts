import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DesksAndSurvey1795444966084 implements MigrationInterface {
  name = 'DesksAndSurvey1795444966084';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "desk" ("id" SERIAL NOT NULL, "title" character varying(200) NOT NULL, "status" character varying(20) NOT NULL DEFAULT 'CONVENED', "convenedById" integer NOT NULL, "convenerOpdId" integer NOT NULL, "participantOpdIds" integer array NOT NULL DEFAULT '{}', "scheduledAt" TIMESTAMP WITH TIME ZONE NOT NULL, "place" character varying(300) NOT NULL, "minutes" text, "concludedAt" TIMESTAMP WITH TIME ZONE, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e6f737f60f3b11ef487d158831d" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_b42eedcc1834c456623d26b958" ON "desk"  ("convenerOpdId") `);
    await q.query(`CREATE TABLE "desk_item" ("id" SERIAL NOT NULL, "deskId" integer NOT NULL, "complaintId" integer NOT NULL, "solution" text, "responsibleOpdId" integer, "dueDate" date, CONSTRAINT "PK_eca605e1729ab742631d696467b" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_f24f6dac0b92819b9a6611f40c" ON "desk_item"  ("complaintId") `);
    await q.query(`CREATE UNIQUE INDEX "IDX_3fb810e08e51baa01f743c38f0" ON "desk_item"  ("deskId", "complaintId") `);
    await q.query(`CREATE TABLE "survey_response" ("id" SERIAL NOT NULL, "opdId" integer NOT NULL, "answers" smallint array NOT NULL, "comment" text, "submittedAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d9326eb52bf8b23d56a39ce419a" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_d3b4974e4d2a10d8630aa7ac4e" ON "survey_response"  ("opdId", "submittedAt") `);
    await q.query(`ALTER TABLE "desk" ADD CONSTRAINT "FK_9399dd2f69630a58a45ca926b22" FOREIGN KEY ("convenedById") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "desk" ADD CONSTRAINT "FK_b42eedcc1834c456623d26b9586" FOREIGN KEY ("convenerOpdId") REFERENCES "opd"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "desk_item" ADD CONSTRAINT "FK_9ef997d54015d731774f71656f7" FOREIGN KEY ("deskId") REFERENCES "desk"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "desk_item" ADD CONSTRAINT "FK_f24f6dac0b92819b9a6611f40c9" FOREIGN KEY ("complaintId") REFERENCES "complaint"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "desk_item" ADD CONSTRAINT "FK_d81f508ef7a4ac3f2c4aaa9120b" FOREIGN KEY ("responsibleOpdId") REFERENCES "opd"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "survey_response" ADD CONSTRAINT "FK_c970f3dee63ec4d49ae1d58422a" FOREIGN KEY ("opdId") REFERENCES "opd"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "survey_response" DROP CONSTRAINT "FK_c970f3dee63ec4d49ae1d58422a"`);
    await q.query(`ALTER TABLE "desk_item" DROP CONSTRAINT "FK_d81f508ef7a4ac3f2c4aaa9120b"`);
    await q.query(`ALTER TABLE "desk_item" DROP CONSTRAINT "FK_f24f6dac0b92819b9a6611f40c9"`);
    await q.query(`ALTER TABLE "desk_item" DROP CONSTRAINT "FK_9ef997d54015d731774f71656f7"`);
    await q.query(`ALTER TABLE "desk" DROP CONSTRAINT "FK_b42eedcc1834c456623d26b9586"`);
    await q.query(`ALTER TABLE "desk" DROP CONSTRAINT "FK_9399dd2f69630a58a45ca926b22"`);
    await q.query(`DROP INDEX "public"."IDX_d3b4974e4d2a10d8630aa7ac4e"`);
    await q.query(`DROP TABLE "survey_response"`);
    await q.query(`DROP INDEX "public"."IDX_3fb810e08e51baa01f743c38f0"`);
    await q.query(`DROP INDEX "public"."IDX_f24f6dac0b92819b9a6611f40c"`);
    await q.query(`DROP TABLE "desk_item"`);
    await q.query(`DROP INDEX "public"."IDX_b42eedcc1834c456623d26b958"`);
    await q.query(`DROP TABLE "desk"`);
  }
}
