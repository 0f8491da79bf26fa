import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AdminAudit1796611635391 implements MigrationInterface {
  name = 'AdminAudit1796611635391';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "admin_audit" ("id" SERIAL NOT NULL, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actorId" integer, "actorUsername" character varying(60), "actorRole" character varying(20), "actorSystem" character varying(200), "requestId" character varying(100), "kind" character varying(20) NOT NULL, "entityId" integer NOT NULL, "entityLabel" character varying(300) NOT NULL, "action" character varying(10) NOT NULL, "changes" jsonb NOT NULL DEFAULT '[]', CONSTRAINT "CHK_3a55e2ae7e8eda970712212308" CHECK ("actorId" IS NOT NULL OR "actorSystem" IS NOT NULL), CONSTRAINT "PK_5ad48a4d9d16397ef37e28bb0be" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_96e8572dc47ac90d5f74df1ae8" ON "admin_audit"  ("createdAt", "id") `);
    await q.query(`CREATE INDEX "IDX_4439ebf110f9d6b73648e22957" ON "admin_audit"  ("actorId", "id") `);
    await q.query(`CREATE INDEX "IDX_d20feb7aa7a0cca14465f0c6bd" ON "admin_audit"  ("kind", "entityId", "id") `);

    // Reviewed addition the entity metadata cannot express: the audit trail is append-only,
    // enforced by the database itself (as complaint_event is).
    await q.query(`CREATE FUNCTION admin_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'admin_audit is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER admin_audit_no_change BEFORE UPDATE OR DELETE ON "admin_audit" FOR EACH ROW EXECUTE FUNCTION admin_audit_append_only()`);
    await q.query(`CREATE TRIGGER admin_audit_no_truncate BEFORE TRUNCATE ON "admin_audit" FOR EACH STATEMENT EXECUTE FUNCTION admin_audit_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER admin_audit_no_truncate ON "admin_audit"`);
    await q.query(`DROP TRIGGER admin_audit_no_change ON "admin_audit"`);
    await q.query(`DROP FUNCTION admin_audit_append_only()`);
    await q.query(`DROP INDEX "public"."IDX_d20feb7aa7a0cca14465f0c6bd"`);
    await q.query(`DROP INDEX "public"."IDX_4439ebf110f9d6b73648e22957"`);
    await q.query(`DROP INDEX "public"."IDX_96e8572dc47ac90d5f74df1ae8"`);
    await q.query(`DROP TABLE "admin_audit"`);
  }
}
