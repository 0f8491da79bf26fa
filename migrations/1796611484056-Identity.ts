import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Identity1796611484056 implements MigrationInterface {
  name = 'Identity1796611484056';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "revoked_token" ("jti" uuid NOT NULL, "userId" integer NOT NULL, "expiresAt" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_51805a32c382d2841b953c16880" PRIMARY KEY ("jti"))`);
    await q.query(`CREATE INDEX "IDX_9441609ff7307fb73d22eed453" ON "revoked_token"  ("userId") `);
    await q.query(`ALTER TABLE "app_user" ADD "tokenGeneration" integer NOT NULL DEFAULT '0'`);
    await q.query(`ALTER TABLE "revoked_token" ADD CONSTRAINT "FK_9441609ff7307fb73d22eed453d" FOREIGN KEY ("userId") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);

    // Reviewed additions: what a token stands for is re-read from here, so any change to it
    // (by the API, a command or plain SQL) retires older tokens and tells every server process.
    await q.query(`CREATE FUNCTION app_user_token_generation() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.role IS DISTINCT FROM OLD.role OR NEW."opdId" IS DISTINCT FROM OLD."opdId"
           OR NEW."servicePostId" IS DISTINCT FROM OLD."servicePostId" OR NEW.active IS DISTINCT FROM OLD.active
           OR NEW."passwordHash" IS DISTINCT FROM OLD."passwordHash" OR NEW.username IS DISTINCT FROM OLD.username THEN
          NEW."tokenGeneration" := OLD."tokenGeneration" + 1;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER app_user_token_generation BEFORE UPDATE ON "app_user" FOR EACH ROW EXECUTE FUNCTION app_user_token_generation()`);
    await q.query(`CREATE FUNCTION identity_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_TABLE_NAME = 'opd' THEN
          PERFORM pg_notify('identity_changed', '*');
        ELSIF TG_OP = 'DELETE' THEN
          PERFORM pg_notify('identity_changed', OLD."userId"::text);
        ELSE
          PERFORM pg_notify('identity_changed', NEW."userId"::text);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE FUNCTION app_user_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('identity_changed', coalesce(NEW.id, OLD.id)::text);
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER app_user_notify AFTER UPDATE ON "app_user" FOR EACH ROW
      WHEN (NEW."tokenGeneration" IS DISTINCT FROM OLD."tokenGeneration") EXECUTE FUNCTION app_user_notify()`);
    await q.query(`CREATE TRIGGER app_user_notify_delete AFTER DELETE ON "app_user" FOR EACH ROW EXECUTE FUNCTION app_user_notify()`);
    await q.query(`CREATE TRIGGER revoked_token_notify AFTER INSERT ON "revoked_token" FOR EACH ROW EXECUTE FUNCTION identity_notify()`);
    await q.query(`CREATE TRIGGER opd_identity_notify AFTER UPDATE OF "parentId", "path" OR DELETE ON "opd" FOR EACH ROW EXECUTE FUNCTION identity_notify()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER opd_identity_notify ON "opd"`);
    await q.query(`DROP TRIGGER revoked_token_notify ON "revoked_token"`);
    await q.query(`DROP TRIGGER app_user_notify_delete ON "app_user"`);
    await q.query(`DROP TRIGGER app_user_notify ON "app_user"`);
    await q.query(`DROP FUNCTION app_user_notify()`);
    await q.query(`DROP FUNCTION identity_notify()`);
    await q.query(`DROP TRIGGER app_user_token_generation ON "app_user"`);
    await q.query(`DROP FUNCTION app_user_token_generation()`);
    await q.query(`ALTER TABLE "revoked_token" DROP CONSTRAINT "FK_9441609ff7307fb73d22eed453d"`);
    await q.query(`ALTER TABLE "app_user" DROP COLUMN "tokenGeneration"`);
    await q.query(`DROP INDEX "public"."IDX_9441609ff7307fb73d22eed453"`);
    await q.query(`DROP TABLE "revoked_token"`);
  }
}
