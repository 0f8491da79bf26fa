import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CommitOrderFeed1796700100000 implements MigrationInterface {
  name = 'CommitOrderFeed1796700100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "complaint_feed" ("position" bigint NOT NULL, "eventId" integer NOT NULL, "committedAt" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_1d1110c23f51a2910c3b184dbd6" PRIMARY KEY ("position"))`);
    await q.query(`CREATE UNIQUE INDEX "IDX_d30d38e63b17db54e4ea5e6507" ON "complaint_feed"  ("eventId") `);

    // Reviewed additions (see complaint-feed.ts and README "Live feed"). A deferred trigger gives
    // each event its position at commit, under a transaction-scoped advisory lock: the next
    // writer can take a position only after this one's commit is visible, so positions are in
    // commit order and a reader never sees a later one while an earlier one is in flight.
    // Writers of events already serialise their commits on NOTIFY's queue lock.
    await q.query(`CREATE SEQUENCE "complaint_feed_position_seq" AS bigint OWNED BY "complaint_feed"."position"`);
    await q.query(`INSERT INTO "complaint_feed" ("position", "eventId", "committedAt") SELECT row_number() OVER (ORDER BY id), id, "createdAt" FROM "complaint_event"`);
    await q.query(`SELECT setval('complaint_feed_position_seq', coalesce((SELECT max("position") FROM "complaint_feed"), 0) + 1, false)`);
    // One NOTIFY per transaction (PostgreSQL folds identical ones): it only wakes the readers.
    await q.query(`CREATE FUNCTION complaint_feed_append() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtext('complaint_feed_position'));
        INSERT INTO complaint_feed ("position", "eventId", "committedAt") VALUES (nextval('complaint_feed_position_seq'), NEW.id, clock_timestamp());
        PERFORM pg_notify('complaint_events', '');
        RETURN NULL;
      END $$`);
    await q.query(`CREATE CONSTRAINT TRIGGER complaint_feed_append AFTER INSERT ON "complaint_event" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION complaint_feed_append()`);
    await q.query(`DROP TRIGGER complaint_event_notify ON "complaint_event"`);
    await q.query(`DROP FUNCTION complaint_event_notify()`);
    await q.query(`CREATE FUNCTION complaint_feed_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'complaint_feed is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER complaint_feed_no_change BEFORE UPDATE OR DELETE ON "complaint_feed" FOR EACH ROW EXECUTE FUNCTION complaint_feed_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER complaint_feed_no_change ON "complaint_feed"`);
    await q.query(`DROP FUNCTION complaint_feed_append_only()`);
    await q.query(`DROP TRIGGER complaint_feed_append ON "complaint_event"`);
    await q.query(`DROP FUNCTION complaint_feed_append()`);
    await q.query(`CREATE FUNCTION complaint_event_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('complaint_events', NEW.id::text);
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER complaint_event_notify AFTER INSERT ON "complaint_event" FOR EACH ROW EXECUTE FUNCTION complaint_event_notify()`);
    await q.query(`DROP INDEX "public"."IDX_d30d38e63b17db54e4ea5e6507"`);
    await q.query(`DROP TABLE "complaint_feed"`);
  }
}
