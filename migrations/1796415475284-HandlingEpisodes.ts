import type { MigrationInterface, QueryRunner } from 'typeorm';

export class HandlingEpisodes1796415475284 implements MigrationInterface {
  name = 'HandlingEpisodes1796415475284';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."IDX_0e1226d8ac4292ac117b2c0cd0"`);
    await q.query(`DROP INDEX "public"."IDX_6e3f82e65c2cbeec24cb2d2d6f"`);
    await q.query(`CREATE TABLE "complaint_handling" ("id" integer NOT NULL, "complaintId" integer NOT NULL, "opdId" integer NOT NULL, "fromOpdId" integer NOT NULL, "forwardedById" integer, "fromIntake" boolean NOT NULL, "intakeDueAt" TIMESTAMP WITH TIME ZONE, "startedAt" TIMESTAMP WITH TIME ZONE NOT NULL, "dueAt" TIMESTAMP WITH TIME ZONE, "firstResponseAt" TIMESTAMP WITH TIME ZONE, "respondedAt" TIMESTAMP WITH TIME ZONE, "rating" smallint, "endedAt" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_da1f433c9f043c2b10888b3c0cb" PRIMARY KEY ("id"))`);
    // The episodes of the timeline so far, before their indexes and keys (a frozen copy of rebuildHandling).
    await q.query(`INSERT INTO complaint_handling (id, "complaintId", "opdId", "fromOpdId", "forwardedById", "fromIntake", "intakeDueAt", "startedAt", "dueAt",
                                     "firstResponseAt", "respondedAt", rating, "endedAt")
     SELECT m.id, m."complaintId", m."toOpdId", coalesce(m."fromOpdId", c."intakeOpdId"), m."actorId", m."fromOpdId" IS NULL,
            CASE WHEN m."fromOpdId" IS NULL THEN c."verifyDueAt" END, m."createdAt", (m.data->>'responseDueAt')::timestamptz,
            w.first_at, w.responded_at, CASE WHEN w.responded_at IS NOT NULL THEN c.rating END, m.ended_at
       FROM (SELECT e.id, e."complaintId", e.type, e."actorId", e."fromOpdId", e."toOpdId", e.data, e."createdAt",
                    lead(e.id) OVER w AS ended_id, lead(e."createdAt") OVER w AS ended_at
               FROM complaint_event e
              WHERE e.type IN ('FORWARDED', 'RETURNED')
             WINDOW w AS (PARTITION BY e."complaintId" ORDER BY e.id)) m
       JOIN complaint c ON c.id = m."complaintId"
      CROSS JOIN LATERAL (
        SELECT min(r."createdAt") FILTER (WHERE r.type IN ('ACCEPTED', 'RESPONDED') OR (r.type = 'PROGRESS' AND r.public)) AS first_at,
               min(r."createdAt") FILTER (WHERE r.type = 'RESPONDED') AS responded_at
          FROM complaint_event r
         WHERE r."complaintId" = m."complaintId" AND r.id > m.id AND (m.ended_id IS NULL OR r.id < m.ended_id)
      ) w
      WHERE m.type = 'FORWARDED'
      ORDER BY m.id`);
    await q.query(`CREATE INDEX "IDX_4b4cce06d4983ab8aedee8e531" ON "complaint_handling"  ("complaintId") `);
    await q.query(`CREATE INDEX "IDX_9136cc42000558845269958965" ON "complaint_handling"  ("startedAt") `);
    await q.query(`CREATE INDEX "IDX_aa47d314fe2d3752e223f74f3b" ON "complaint"  ("dueAt", "currentOpdId", "intakeOpdId") `);
    await q.query(`CREATE INDEX "IDX_ee35fa396f5c97258d57351a6c" ON "complaint"  ("createdAt", "intakeOpdId") `);
    await q.query(`ALTER TABLE "complaint_handling" ADD CONSTRAINT "FK_da1f433c9f043c2b10888b3c0cb" FOREIGN KEY ("id") REFERENCES "complaint_event"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "complaint_handling" ADD CONSTRAINT "FK_4b4cce06d4983ab8aedee8e531b" FOREIGN KEY ("complaintId") REFERENCES "complaint"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "complaint_handling" ADD CONSTRAINT "FK_88aba4ba6bd7a7b9008533ff451" FOREIGN KEY ("opdId") REFERENCES "opd"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "complaint_handling" ADD CONSTRAINT "FK_046506aa9247efda55c578d7d60" FOREIGN KEY ("fromOpdId") REFERENCES "opd"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "complaint_handling" ADD CONSTRAINT "FK_3e3d813723e01fea55e5c170252" FOREIGN KEY ("forwardedById") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "complaint_handling" DROP CONSTRAINT "FK_3e3d813723e01fea55e5c170252"`);
    await q.query(`ALTER TABLE "complaint_handling" DROP CONSTRAINT "FK_046506aa9247efda55c578d7d60"`);
    await q.query(`ALTER TABLE "complaint_handling" DROP CONSTRAINT "FK_88aba4ba6bd7a7b9008533ff451"`);
    await q.query(`ALTER TABLE "complaint_handling" DROP CONSTRAINT "FK_4b4cce06d4983ab8aedee8e531b"`);
    await q.query(`ALTER TABLE "complaint_handling" DROP CONSTRAINT "FK_da1f433c9f043c2b10888b3c0cb"`);
    await q.query(`DROP INDEX "public"."IDX_ee35fa396f5c97258d57351a6c"`);
    await q.query(`DROP INDEX "public"."IDX_aa47d314fe2d3752e223f74f3b"`);
    await q.query(`DROP INDEX "public"."IDX_9136cc42000558845269958965"`);
    await q.query(`DROP INDEX "public"."IDX_4b4cce06d4983ab8aedee8e531"`);
    await q.query(`DROP TABLE "complaint_handling"`);
    await q.query(`CREATE INDEX "IDX_6e3f82e65c2cbeec24cb2d2d6f" ON "complaint" USING btree ("createdAt") `);
    await q.query(`CREATE INDEX "IDX_0e1226d8ac4292ac117b2c0cd0" ON "complaint" USING btree ("dueAt") `);
  }
}
