import type DataLoader from 'dataloader';
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import type { Loaders } from '../../app/loaders';
import { Category } from '../categories/category.entity';
import { Opd } from '../opds/opd.entity';
import { Program } from '../programs/program.entity';
import { ServicePost } from '../service-posts/service-post.entity';
import { User } from '../users/user.entity';
import { Complaint, ComplaintEvent } from './complaint.entity';

/**
 * A list's fan-out is predictable: everything a page of complaints can show (its Opds,
 * category, programme, people, post and timeline with the timeline's actors and Opds) is
 * read in ONE statement and primed into the request's loaders, so a page costs two
 * statements whatever its size and whichever of these fields the client selects.
 */
export async function preloadComplaintPage(db: DataSource, loaders: Loaders, page: Complaint[]): Promise<void> {
  if (!page.length) return;
  const ids = page.map((c) => c.id);
  const pick = (f: (c: Complaint) => number | null) => [...new Set(page.map(f).filter((v): v is number => v != null))];
  const rows: { kind: string; row: Record<string, unknown> }[] = await db.query(
    `WITH ev AS (SELECT * FROM complaint_event WHERE "complaintId" = ANY($1::int[])),
          cat AS (SELECT * FROM category WHERE id = ANY($3::int[]))
     SELECT 'event' AS kind, to_jsonb(ev) AS row FROM ev
     UNION ALL SELECT 'opd', to_jsonb(o) FROM opd o
       WHERE o.id = ANY($2::int[]) OR o.id IN (SELECT "fromOpdId" FROM ev UNION SELECT "toOpdId" FROM ev UNION SELECT "defaultOpdId" FROM cat)
     UNION ALL SELECT 'category', to_jsonb(cat) FROM cat
     UNION ALL SELECT 'program', to_jsonb(p) FROM program p WHERE p.id = ANY($4::int[])
     UNION ALL SELECT 'user', to_jsonb(u) - 'passwordHash' FROM app_user u WHERE u.id = ANY($5::int[]) OR u.id IN (SELECT "actorId" FROM ev)
     UNION ALL SELECT 'post', to_jsonb(s) FROM service_post s WHERE s.id = ANY($6::int[])`,
    [
      ids,
      pick((c) => c.intakeOpdId).concat(pick((c) => c.currentOpdId), pick((c) => c.kelurahanId)),
      pick((c) => c.categoryId),
      pick((c) => c.programId),
      pick((c) => c.assigneeId).concat(pick((c) => c.recordedById)),
      pick((c) => c.servicePostId),
    ],
  );
  const events = new Map<number, ComplaintEvent[]>(ids.map((id) => [id, []]));
  for (const { kind, row } of rows) {
    switch (kind) {
      case 'event': {
        const e = entity(db, ComplaintEvent, row);
        events.get(e.complaintId)?.push(e);
        break;
      }
      case 'opd': prime(loaders.opd, entity(db, Opd, row)); break;
      case 'category': prime(loaders.category, entity(db, Category, row)); break;
      case 'program': prime(loaders.program, entity(db, Program, row)); break;
      case 'user': prime(loaders.user, entity(db, User, row)); break;
      case 'post': prime(loaders.servicePost, entity(db, ServicePost, row)); break;
    }
  }
  for (const [id, list] of events) loaders.eventsByComplaint.prime(id, list.sort((a, b) => a.id - b.id));
}

function prime<T extends { id: number }>(loader: DataLoader<number, T | null>, value: T) {
  loader.clear(value.id).prime(value.id, value);
}

/** JSON rows carry timestamps as text: turn them back into the entity's Dates. */
function entity<T extends ObjectLiteral>(db: DataSource, target: EntityTarget<T>, row: Record<string, unknown>): T {
  const meta = db.getMetadata(target);
  for (const col of meta.columns) {
    const v = row[col.propertyName];
    if (typeof v === 'string' && (col.type === 'timestamptz' || col.type === 'timestamp with time zone' || col.isCreateDate || col.isUpdateDate)) {
      row[col.propertyName] = new Date(v);
    }
  }
  return db.getRepository(target).create(row as T);
}
