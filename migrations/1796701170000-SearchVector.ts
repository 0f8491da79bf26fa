import type { MigrationInterface, QueryRunner } from 'typeorm';

const WORDS = `to_tsvector('simple', "trackingCode" || ' ' || "title" || ' ' || "description" || ' ' || CASE WHEN "anonymous" THEN '' ELSE coalesce("reporterName", '') END)`;

/**
 * The words the list's `q` searches (full-text, `simple` configuration: Indonesian has no stemmer
 * here), stored: a search then checks its matches without reading and splitting their text again.
 * By hand: filled in one rewrite as a generated column, then a plain column kept by a trigger.
 */
export class SearchVector1796701170000 implements MigrationInterface {
  name = 'SearchVector1796701170000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "complaint" ADD "searchVector" tsvector GENERATED ALWAYS AS (${WORDS}) STORED`);
    await q.query(`ALTER TABLE "complaint" ALTER COLUMN "searchVector" DROP EXPRESSION`);
    await q.query(`ALTER TABLE "complaint" ALTER COLUMN "searchVector" SET NOT NULL`);
    await q.query(`CREATE FUNCTION complaint_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW."searchVector" := to_tsvector('simple', NEW."trackingCode" || ' ' || NEW.title || ' ' || NEW.description || ' ' ||
                                          CASE WHEN NEW.anonymous THEN '' ELSE coalesce(NEW."reporterName", '') END);
        RETURN NEW;
      END $$`);
    await q.query(
      `CREATE TRIGGER complaint_search_vector BEFORE INSERT OR UPDATE OF "trackingCode", "title", "description", "reporterName", "anonymous" ON "complaint" FOR EACH ROW EXECUTE FUNCTION complaint_search_vector()`,
    );
    await q.query(`CREATE INDEX "IDX_complaint_search" ON "complaint" USING gin ("searchVector")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."IDX_complaint_search"`);
    await q.query(`DROP TRIGGER complaint_search_vector ON "complaint"`);
    await q.query(`DROP FUNCTION complaint_search_vector()`);
    await q.query(`ALTER TABLE "complaint" DROP COLUMN "searchVector"`);
  }
}
