import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795443975692 implements MigrationInterface {
  name = 'Initial1795443975692';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "opd" ("id" SERIAL NOT NULL, "code" character varying(40) NOT NULL, "name" character varying(200) NOT NULL, "kind" character varying(20) NOT NULL, "parentId" integer, "path" character varying(400) NOT NULL DEFAULT '/', "regionCode" character varying(20), "active" boolean NOT NULL DEFAULT true, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_dbb2120c6f56ac31e1bd5bd512e" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "IDX_55a160a7e2981c19ca9b6cebfb" ON "opd"  ("code") `);
    await q.query(`CREATE INDEX "IDX_916717f705e4d84132ab2ce009" ON "opd"  ("parentId") `);
    await q.query(`CREATE INDEX "IDX_d36aa84dd699415f6a3db55913" ON "opd"  ("path") `);
    await q.query(`CREATE UNIQUE INDEX "IDX_570dc4e308fa54de2adacbd3d9" ON "opd"  ("regionCode") WHERE "regionCode" IS NOT NULL`);
    await q.query(`CREATE TABLE "sla_policy" ("id" SERIAL NOT NULL, "code" character varying(40) NOT NULL, "name" character varying(200) NOT NULL, "calendar" character varying(20) NOT NULL DEFAULT 'WORKING_DAYS', "verifyWithin" integer NOT NULL, "verifyUnit" character varying(10) NOT NULL, "respondWithin" integer NOT NULL, "respondUnit" character varying(10) NOT NULL, "autoCloseAfterDays" integer NOT NULL DEFAULT '10', "isDefault" boolean NOT NULL DEFAULT false, CONSTRAINT "PK_19c1aa9dd53b9fc80648ae034b4" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "IDX_7f718ed311e6710564a1b89cef" ON "sla_policy"  ("code") `);
    await q.query(`CREATE TABLE "category" ("id" SERIAL NOT NULL, "code" character varying(40) NOT NULL, "name" character varying(200) NOT NULL, "description" text NOT NULL DEFAULT '', "defaultOpdId" integer, "slaPolicyId" integer, "active" boolean NOT NULL DEFAULT true, CONSTRAINT "PK_9c4e4a89e3674fc9f382d733f03" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "IDX_652a15c02538138f021f1320de" ON "category"  ("code") `);
    await q.query(`CREATE TABLE "program" ("id" SERIAL NOT NULL, "code" character varying(40) NOT NULL, "name" character varying(200) NOT NULL, "ownerOpdId" integer, "description" text NOT NULL DEFAULT '', "eligibility" text NOT NULL DEFAULT '', "benefits" text NOT NULL DEFAULT '', "contact" text NOT NULL DEFAULT '', "startsOn" date, "endsOn" date, "active" boolean NOT NULL DEFAULT true, CONSTRAINT "PK_3bade5945afbafefdd26a3a29fb" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "IDX_c6b8c4c1adba14ec96387d3c00" ON "program"  ("code") `);
    await q.query(`CREATE TABLE "service_post" ("id" SERIAL NOT NULL, "code" character varying(40) NOT NULL, "name" character varying(200) NOT NULL, "kelurahanId" integer NOT NULL, "rw" character varying(10) NOT NULL, "address" character varying(300) NOT NULL DEFAULT '', "schedule" jsonb NOT NULL DEFAULT '[]', "active" boolean NOT NULL DEFAULT true, CONSTRAINT "PK_1ade4f22a40c8376fec6248aafc" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "IDX_483cf6829095694048bfcef47c" ON "service_post"  ("code") `);
    await q.query(`CREATE INDEX "IDX_cc393f1786521fdde7024cc4fe" ON "service_post"  ("kelurahanId") `);
    await q.query(`CREATE TABLE "app_user" ("id" SERIAL NOT NULL, "username" character varying(60) NOT NULL, "name" character varying(200) NOT NULL, "phone" character varying(30), "email" character varying(200), "opdId" integer NOT NULL, "servicePostId" integer, "role" character varying(20) NOT NULL, "active" boolean NOT NULL DEFAULT true, "passwordHash" character varying(200) NOT NULL, "failedLogins" integer NOT NULL DEFAULT '0', "lockedUntil" TIMESTAMP WITH TIME ZONE, "lastLoginAt" TIMESTAMP WITH TIME ZONE, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_22a5c4a3d9b2fb8e4e73fc4ada1" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "IDX_c480e576dd71729addbc2d51b6" ON "app_user"  ("username") `);
    await q.query(`CREATE INDEX "IDX_d4dde151cd09a14013cce6b1f9" ON "app_user"  ("opdId") `);
    await q.query(`CREATE TABLE "complaint" ("id" SERIAL NOT NULL, "trackingCode" character varying(30) NOT NULL, "type" character varying(30) NOT NULL, "channel" character varying(20) NOT NULL, "title" character varying(200) NOT NULL, "description" text NOT NULL, "categoryId" integer, "programId" integer, "address" character varying(300), "rt" character varying(5), "rw" character varying(5), "kelurahanId" integer, "latitude" numeric(9,6), "longitude" numeric(9,6), "reporterName" character varying(200), "reporterNik" character varying(16), "reporterPhone" character varying(30), "reporterEmail" character varying(200), "reporterAddress" character varying(300), "anonymous" boolean NOT NULL DEFAULT false, "confidential" boolean NOT NULL DEFAULT false, "status" character varying(20) NOT NULL, "progressStage" character varying(20), "intakeOpdId" integer NOT NULL, "currentOpdId" integer, "handlerOpdIds" integer array NOT NULL DEFAULT '{}', "assigneeId" integer, "recordedById" integer, "servicePostId" integer, "duplicateOfId" integer, "verifyDueAt" TIMESTAMP WITH TIME ZONE, "responseDueAt" TIMESTAMP WITH TIME ZONE, "dueAt" TIMESTAMP WITH TIME ZONE, "overdueNotified" boolean NOT NULL DEFAULT false, "firstResponseAt" TIMESTAMP WITH TIME ZONE, "respondedAt" TIMESTAMP WITH TIME ZONE, "autoCloseAt" TIMESTAMP WITH TIME ZONE, "closedAt" TIMESTAMP WITH TIME ZONE, "answer" text, "rejectReason" text, "rating" smallint, "ratingComment" text, "accessCodeHash" character varying(64) NOT NULL, "idempotencyKey" character varying(100), "inputHash" character varying(64), "version" integer NOT NULL DEFAULT '1', "lastEventId" integer, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a9c8dbc2ab4988edcc2ff0a7337" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "IDX_dbe100e2eb4b5a21b47dd91f3d" ON "complaint"  ("trackingCode") `);
    await q.query(`CREATE INDEX "IDX_c4c65ae18f700ae98cf3813c20" ON "complaint"  ("categoryId") `);
    await q.query(`CREATE INDEX "IDX_0011f9981f3469b6d9d4947518" ON "complaint"  ("programId") `);
    await q.query(`CREATE INDEX "IDX_270c9d4258b606a3d49ffc6ca8" ON "complaint"  ("assigneeId") `);
    await q.query(`CREATE INDEX "IDX_79efd6148fda4358dafd4ecbb3" ON "complaint"  ("recordedById") `);
    await q.query(`CREATE INDEX "IDX_f21e1eb2de9e58ff5cb1b539ac" ON "complaint"  ("servicePostId") `);
    await q.query(`CREATE INDEX "IDX_0e1226d8ac4292ac117b2c0cd0" ON "complaint"  ("dueAt") `);
    await q.query(`CREATE UNIQUE INDEX "IDX_e3a9a324398cbb2eb10c92d8f4" ON "complaint"  ("idempotencyKey") WHERE "idempotencyKey" IS NOT NULL`);
    await q.query(`CREATE INDEX "IDX_ec64187f13bd5da22dc91b9bce" ON "complaint"  ("intakeOpdId", "status") `);
    await q.query(`CREATE INDEX "IDX_9d29d097a4d9f8db7ea2178138" ON "complaint"  ("currentOpdId", "status") `);
    await q.query(`CREATE INDEX "IDX_15d268c3fbb3d70c3550fbebdf" ON "complaint"  ("status", "createdAt") `);
    await q.query(`CREATE TABLE "complaint_event" ("id" SERIAL NOT NULL, "complaintId" integer NOT NULL, "type" character varying(20) NOT NULL, "actorId" integer, "actorRole" character varying(20), "fromStatus" character varying(20), "toStatus" character varying(20), "fromOpdId" integer, "toOpdId" integer, "stage" character varying(20), "message" text, "public" boolean NOT NULL, "data" jsonb NOT NULL DEFAULT '{}', "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f4117f03e71804f6f1dab349a36" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_76e00d7610d32116ea6fb6f5b2" ON "complaint_event"  ("complaintId", "id") `);
    await q.query(`CREATE TABLE "holiday" ("id" SERIAL NOT NULL, "date" date NOT NULL, "name" character varying(200) NOT NULL, "kind" character varying(20) NOT NULL, CONSTRAINT "PK_3e7492c25f80418a7aad0aec053" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "IDX_89b26e4ed3db8895b86c8df55e" ON "holiday"  ("date") `);
    await q.query(`ALTER TABLE "opd" ADD CONSTRAINT "FK_916717f705e4d84132ab2ce0099" FOREIGN KEY ("parentId") REFERENCES "opd"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "category" ADD CONSTRAINT "FK_b70deac3180802fe31dc2e7ba9e" FOREIGN KEY ("defaultOpdId") REFERENCES "opd"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "category" ADD CONSTRAINT "FK_7ea2a0407d558a13b02234526d4" FOREIGN KEY ("slaPolicyId") REFERENCES "sla_policy"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "program" ADD CONSTRAINT "FK_ee0a7596b109d85c67552d648f8" FOREIGN KEY ("ownerOpdId") REFERENCES "opd"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "service_post" ADD CONSTRAINT "FK_cc393f1786521fdde7024cc4fed" FOREIGN KEY ("kelurahanId") REFERENCES "opd"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "app_user" ADD CONSTRAINT "FK_d4dde151cd09a14013cce6b1f94" FOREIGN KEY ("opdId") REFERENCES "opd"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "app_user" ADD CONSTRAINT "FK_bd5dbd77e125e48d2eea6a5226b" FOREIGN KEY ("servicePostId") REFERENCES "service_post"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "complaint" ADD CONSTRAINT "FK_c4c65ae18f700ae98cf3813c207" FOREIGN KEY ("categoryId") REFERENCES "category"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "complaint" ADD CONSTRAINT "FK_0011f9981f3469b6d9d49475189" FOREIGN KEY ("programId") REFERENCES "program"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "complaint" ADD CONSTRAINT "FK_e6339a482eaf669ef243d3dcdab" FOREIGN KEY ("kelurahanId") REFERENCES "opd"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "complaint" ADD CONSTRAINT "FK_30a64f569a232efe350ff9c78e4" FOREIGN KEY ("intakeOpdId") REFERENCES "opd"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "complaint" ADD CONSTRAINT "FK_73075e9b242073ac9b196cd3683" FOREIGN KEY ("currentOpdId") REFERENCES "opd"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "complaint" ADD CONSTRAINT "FK_270c9d4258b606a3d49ffc6ca84" FOREIGN KEY ("assigneeId") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "complaint" ADD CONSTRAINT "FK_79efd6148fda4358dafd4ecbb34" FOREIGN KEY ("recordedById") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "complaint" ADD CONSTRAINT "FK_f21e1eb2de9e58ff5cb1b539ac1" FOREIGN KEY ("servicePostId") REFERENCES "service_post"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "complaint" ADD CONSTRAINT "FK_cc7b76566a18b895250c3d770c1" FOREIGN KEY ("duplicateOfId") REFERENCES "complaint"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "complaint_event" ADD CONSTRAINT "FK_7f865d2b497aa28897b247d8e8c" FOREIGN KEY ("complaintId") REFERENCES "complaint"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "complaint_event" ADD CONSTRAINT "FK_8bc9136554ca53295a723ed36c7" FOREIGN KEY ("actorId") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "complaint_event" ADD CONSTRAINT "FK_1503879f0b4c8bf29d05de3c955" FOREIGN KEY ("fromOpdId") REFERENCES "opd"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "complaint_event" ADD CONSTRAINT "FK_c06aa2e609320f41ffb65faea88" FOREIGN KEY ("toOpdId") REFERENCES "opd"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);

    // Reviewed additions the entity metadata cannot express:
    // tracking-code numbers, the handler-Opd GIN index for row scope,
    // append-only events enforced by the database, and NOTIFY on every event (sent on commit).
    await q.query(`CREATE SEQUENCE "complaint_tracking_seq"`);
    await q.query(`CREATE INDEX "IDX_complaint_handlers" ON "complaint" USING gin ("handlerOpdIds")`);
    await q.query(`CREATE FUNCTION complaint_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'complaint_event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER complaint_event_no_change BEFORE UPDATE OR DELETE ON "complaint_event" FOR EACH ROW EXECUTE FUNCTION complaint_event_append_only()`);
    await q.query(`CREATE TRIGGER complaint_event_no_truncate BEFORE TRUNCATE ON "complaint_event" FOR EACH STATEMENT EXECUTE FUNCTION complaint_event_append_only()`);
    await q.query(`CREATE FUNCTION complaint_event_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('complaint_events', NEW.id::text);
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER complaint_event_notify AFTER INSERT ON "complaint_event" FOR EACH ROW EXECUTE FUNCTION complaint_event_notify()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER complaint_event_notify ON "complaint_event"`);
    await q.query(`DROP FUNCTION complaint_event_notify()`);
    await q.query(`DROP TRIGGER complaint_event_no_truncate ON "complaint_event"`);
    await q.query(`DROP TRIGGER complaint_event_no_change ON "complaint_event"`);
    await q.query(`DROP FUNCTION complaint_event_append_only()`);
    await q.query(`DROP INDEX "IDX_complaint_handlers"`);
    await q.query(`DROP SEQUENCE "complaint_tracking_seq"`);
    await q.query(`ALTER TABLE "complaint_event" DROP CONSTRAINT "FK_c06aa2e609320f41ffb65faea88"`);
    await q.query(`ALTER TABLE "complaint_event" DROP CONSTRAINT "FK_1503879f0b4c8bf29d05de3c955"`);
    await q.query(`ALTER TABLE "complaint_event" DROP CONSTRAINT "FK_8bc9136554ca53295a723ed36c7"`);
    await q.query(`ALTER TABLE "complaint_event" DROP CONSTRAINT "FK_7f865d2b497aa28897b247d8e8c"`);
    await q.query(`ALTER TABLE "complaint" DROP CONSTRAINT "FK_cc7b76566a18b895250c3d770c1"`);
    await q.query(`ALTER TABLE "complaint" DROP CONSTRAINT "FK_f21e1eb2de9e58ff5cb1b539ac1"`);
    await q.query(`ALTER TABLE "complaint" DROP CONSTRAINT "FK_79efd6148fda4358dafd4ecbb34"`);
    await q.query(`ALTER TABLE "complaint" DROP CONSTRAINT "FK_270c9d4258b606a3d49ffc6ca84"`);
    await q.query(`ALTER TABLE "complaint" DROP CONSTRAINT "FK_73075e9b242073ac9b196cd3683"`);
    await q.query(`ALTER TABLE "complaint" DROP CONSTRAINT "FK_30a64f569a232efe350ff9c78e4"`);
    await q.query(`ALTER TABLE "complaint" DROP CONSTRAINT "FK_e6339a482eaf669ef243d3dcdab"`);
    await q.query(`ALTER TABLE "complaint" DROP CONSTRAINT "FK_0011f9981f3469b6d9d49475189"`);
    await q.query(`ALTER TABLE "complaint" DROP CONSTRAINT "FK_c4c65ae18f700ae98cf3813c207"`);
    await q.query(`ALTER TABLE "app_user" DROP CONSTRAINT "FK_bd5dbd77e125e48d2eea6a5226b"`);
    await q.query(`ALTER TABLE "app_user" DROP CONSTRAINT "FK_d4dde151cd09a14013cce6b1f94"`);
    await q.query(`ALTER TABLE "service_post" DROP CONSTRAINT "FK_cc393f1786521fdde7024cc4fed"`);
    await q.query(`ALTER TABLE "program" DROP CONSTRAINT "FK_ee0a7596b109d85c67552d648f8"`);
    await q.query(`ALTER TABLE "category" DROP CONSTRAINT "FK_7ea2a0407d558a13b02234526d4"`);
    await q.query(`ALTER TABLE "category" DROP CONSTRAINT "FK_b70deac3180802fe31dc2e7ba9e"`);
    await q.query(`ALTER TABLE "opd" DROP CONSTRAINT "FK_916717f705e4d84132ab2ce0099"`);
    await q.query(`DROP INDEX "public"."IDX_89b26e4ed3db8895b86c8df55e"`);
    await q.query(`DROP TABLE "holiday"`);
    await q.query(`DROP INDEX "public"."IDX_76e00d7610d32116ea6fb6f5b2"`);
    await q.query(`DROP TABLE "complaint_event"`);
    await q.query(`DROP INDEX "public"."IDX_15d268c3fbb3d70c3550fbebdf"`);
    await q.query(`DROP INDEX "public"."IDX_9d29d097a4d9f8db7ea2178138"`);
    await q.query(`DROP INDEX "public"."IDX_ec64187f13bd5da22dc91b9bce"`);
    await q.query(`DROP INDEX "public"."IDX_e3a9a324398cbb2eb10c92d8f4"`);
    await q.query(`DROP INDEX "public"."IDX_0e1226d8ac4292ac117b2c0cd0"`);
    await q.query(`DROP INDEX "public"."IDX_f21e1eb2de9e58ff5cb1b539ac"`);
    await q.query(`DROP INDEX "public"."IDX_79efd6148fda4358dafd4ecbb3"`);
    await q.query(`DROP INDEX "public"."IDX_270c9d4258b606a3d49ffc6ca8"`);
    await q.query(`DROP INDEX "public"."IDX_0011f9981f3469b6d9d4947518"`);
    await q.query(`DROP INDEX "public"."IDX_c4c65ae18f700ae98cf3813c20"`);
    await q.query(`DROP INDEX "public"."IDX_dbe100e2eb4b5a21b47dd91f3d"`);
    await q.query(`DROP TABLE "complaint"`);
    await q.query(`DROP INDEX "public"."IDX_d4dde151cd09a14013cce6b1f9"`);
    await q.query(`DROP INDEX "public"."IDX_c480e576dd71729addbc2d51b6"`);
    await q.query(`DROP TABLE "app_user"`);
    await q.query(`DROP INDEX "public"."IDX_cc393f1786521fdde7024cc4fe"`);
    await q.query(`DROP INDEX "public"."IDX_483cf6829095694048bfcef47c"`);
    await q.query(`DROP TABLE "service_post"`);
    await q.query(`DROP INDEX "public"."IDX_c6b8c4c1adba14ec96387d3c00"`);
    await q.query(`DROP TABLE "program"`);
    await q.query(`DROP INDEX "public"."IDX_652a15c02538138f021f1320de"`);
    await q.query(`DROP TABLE "category"`);
    await q.query(`DROP INDEX "public"."IDX_7f718ed311e6710564a1b89cef"`);
    await q.query(`DROP TABLE "sla_policy"`);
    await q.query(`DROP INDEX "public"."IDX_570dc4e308fa54de2adacbd3d9"`);
    await q.query(`DROP INDEX "public"."IDX_d36aa84dd699415f6a3db55913"`);
    await q.query(`DROP INDEX "public"."IDX_916717f705e4d84132ab2ce009"`);
    await q.query(`DROP INDEX "public"."IDX_55a160a7e2981c19ca9b6cebfb"`);
    await q.query(`DROP TABLE "opd"`);
  }
}
