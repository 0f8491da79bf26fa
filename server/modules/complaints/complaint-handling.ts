import { ComplaintEventType as T } from './complaint.enums';

interface EventLike {
  type: T;
  public: boolean;
  data?: Record<string, unknown> | null;
}

interface ComplaintLike {
  id: number;
  intakeOpdId: number;
  verifyDueAt: Date | null;
  rating: number | null;
  handlerOpdIds: number[];
}

/**
 * A desk taking the complaint up (ComplaintService.takeToDesk): public progress, but the unit has
 * not answered anyone, so it is no response and its deadline keeps running. The SQL in
 * rebuildHandling spells the same test as `data->>'deskId' IS NULL`.
 */
export function convenesDesk(e: EventLike): boolean {
  return e.type === T.PROGRESS && e.data?.deskId != null;
}

/** What counts as the unit's first response inside an episode (the SP4N-LAPOR! first-response deadline). */
export function isFirstResponse(e: EventLike): boolean {
  return e.type === T.ACCEPTED || e.type === T.RESPONDED || (e.type === T.PROGRESS && e.public && !convenesDesk(e));
}

const SHAPING = new Set([T.FORWARDED, T.RETURNED, T.ACCEPTED, T.PROGRESS, T.RESPONDED]);

/**
 * The steps that keep complaint_handling in line with a batch of new events of one complaint,
 * all stamped `at`, as CTEs of the statement whose CTE `ev` inserts them (`RETURNING` id, type,
 * "complaintId", "actorId", "createdAt", "fromOpdId", "toOpdId", data). A response counts for
 * the episode open before the batch; a forward or return ends it; a forward opens the next; a
 * rating lands on every answered episode. A new episode carries the scope of `after`, the
 * complaint as this statement leaves it (a trigger would otherwise correct it once more).
 */
export function handlingSteps(
  c: ComplaintLike,
  at: Date,
  events: readonly EventLike[],
  p: (v: unknown) => string,
  after: Pick<ComplaintLike, 'intakeOpdId' | 'handlerOpdIds'> = c,
): string[] {
  const rated = events.find((e) => e.type === T.RATED);
  if (rated) {
    // One statement may change a row only once: a rating comes alone (ComplaintService.rate).
    if (events.some((e) => SHAPING.has(e.type))) throw new Error('a rating is recorded in a batch of its own');
    return [
      `handling_rated AS (UPDATE complaint_handling SET rating = ${p(rated.data?.rating ?? null)}::smallint WHERE "complaintId" = ${p(c.id)} AND "respondedAt" IS NOT NULL)`,
    ];
  }
  const set: string[] = [];
  if (events.some(isFirstResponse)) set.push(`"firstResponseAt" = coalesce("firstResponseAt", ${p(at)}::timestamptz)`);
  if (events.some((e) => e.type === T.RESPONDED))
    set.push(`"respondedAt" = coalesce("respondedAt", ${p(at)}::timestamptz)`, `rating = ${p(c.rating)}::smallint`);
  if (events.some((e) => e.type === T.FORWARDED || e.type === T.RETURNED)) set.push(`"endedAt" = ${p(at)}::timestamptz`);
  const steps: string[] = [];
  if (set.length) steps.push(`handling_open AS (UPDATE complaint_handling SET ${set.join(', ')} WHERE "complaintId" = ${p(c.id)} AND "endedAt" IS NULL)`);
  if (events.some((e) => e.type === T.FORWARDED)) {
    steps.push(
      `handling_new AS (INSERT INTO complaint_handling (id, "complaintId", "opdId", "fromOpdId", "forwardedById", "fromIntake", "intakeDueAt", "startedAt", "dueAt",
                                                        "intakeOpdId", "handlerOpdIds")
         SELECT id, "complaintId", "toOpdId", coalesce("fromOpdId", ${p(c.intakeOpdId)}), "actorId", "fromOpdId" IS NULL,
                CASE WHEN "fromOpdId" IS NULL THEN ${p(c.verifyDueAt)}::timestamptz END, "createdAt", (data->>'responseDueAt')::timestamptz,
                ${p(after.intakeOpdId)}, ${p(after.handlerOpdIds)}::int[]
           FROM ev WHERE type = 'FORWARDED')`,
    );
  }
  return steps;
}

/**
 * Every episode again from the timeline alone: for data written without the service (bulk
 * imports, the benchmark's seed) and to check the incremental writes against. In time order,
 * as the service writes them, so a quarter's episodes lie together on disk.
 */
export async function rebuildHandling(db: { query(sql: string): Promise<unknown> }): Promise<void> {
  await db.query('DELETE FROM complaint_handling');
  await db.query(
    `INSERT INTO complaint_handling (id, "complaintId", "opdId", "fromOpdId", "forwardedById", "fromIntake", "intakeDueAt", "startedAt", "dueAt",
                                     "firstResponseAt", "respondedAt", rating, "endedAt", "intakeOpdId", "handlerOpdIds")
     SELECT m.id, m."complaintId", m."toOpdId", coalesce(m."fromOpdId", c."intakeOpdId"), m."actorId", m."fromOpdId" IS NULL,
            CASE WHEN m."fromOpdId" IS NULL THEN c."verifyDueAt" END, m."createdAt", (m.data->>'responseDueAt')::timestamptz,
            w.first_at, w.responded_at, CASE WHEN w.responded_at IS NOT NULL THEN c.rating END, m.ended_at, c."intakeOpdId", c."handlerOpdIds"
       FROM (SELECT e.id, e."complaintId", e.type, e."actorId", e."fromOpdId", e."toOpdId", e.data, e."createdAt",
                    lead(e.id) OVER w AS ended_id, lead(e."createdAt") OVER w AS ended_at
               FROM complaint_event e
              WHERE e.type IN ('FORWARDED', 'RETURNED')
             WINDOW w AS (PARTITION BY e."complaintId" ORDER BY e.id)) m
       JOIN complaint c ON c.id = m."complaintId"
      CROSS JOIN LATERAL (
        SELECT min(r."createdAt") FILTER (WHERE r.type IN ('ACCEPTED', 'RESPONDED') OR (r.type = 'PROGRESS' AND r.public AND r.data->>'deskId' IS NULL)) AS first_at,
               min(r."createdAt") FILTER (WHERE r.type = 'RESPONDED') AS responded_at
          FROM complaint_event r
         WHERE r."complaintId" = m."complaintId" AND r.id > m.id AND (m.ended_id IS NULL OR r.id < m.ended_id)
      ) w
      WHERE m.type = 'FORWARDED'
      ORDER BY m.id`,
  );
}
