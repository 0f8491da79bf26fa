import DataLoader from 'dataloader';
import { DataSource, In, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { ApiClient } from '../modules/api-clients/api-client.entity';
import { ExternalReference } from '../modules/external-refs/external-ref.entity';
import { ComplaintEvent } from '../modules/complaints/complaint.entity';
import { DeskItem } from '../modules/desks/desk.entity';
import { Category } from '../modules/categories/category.entity';
import { Opd } from '../modules/opds/opd.entity';
import { Program } from '../modules/programs/program.entity';
import { ServicePost } from '../modules/service-posts/service-post.entity';
import { SlaPolicy } from '../modules/sla/sla-policy.entity';
import { User } from '../modules/users/user.entity';
import { Role } from '../auth/roles';
import { Attachment } from '../modules/attachments/attachment.entity';
import { AttachmentStatus, type AttachmentVisibility } from '../modules/attachments/attachment.enums';

/** Files shown on a complaint: attached ones and the records of deleted ones. */
const SHOWN_ATTACHMENTS = [AttachmentStatus.ACTIVE, AttachmentStatus.REMOVED];

export type AttachmentCounts = Partial<Record<AttachmentVisibility, number>>;

/**
 * By id, batched; what a page's preload read is also answered at once by `get`. A field that
 * returns a promise costs the executor a microtask and its closures, for every row of a page.
 */
export class ByIdLoader<T extends { id: number }> extends DataLoader<number, T | null> {
  private readonly known = new Map<number, T>();

  /** The row as it is now: replaces what was cached. */
  know(value: T): void {
    this.clear(value.id).prime(value.id, value);
    this.known.set(value.id, value);
  }

  get(id: number): T | null | Promise<T | null> {
    return this.known.get(id) ?? this.load(id);
  }

  override clear(id: number): this {
    this.known.delete(id);
    return super.clear(id);
  }

  override clearAll(): this {
    this.known.clear();
    return super.clearAll();
  }
}

export function byIdLoader<T extends ObjectLiteral & { id: number }>(db: DataSource, entity: EntityTarget<T>) {
  return new ByIdLoader<T>(async (ids) => {
    const rows = await db.getRepository(entity).findBy({ id: In([...ids]) } as never);
    const map = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => map.get(id) ?? null);
  });
}

/** The last entries of a complaint's timeline, oldest first, as a page's preload read them. */
export interface EventTail {
  /** How many at most. */
  depth: number;
  /** The columns read (the events hold only these); null: all. */
  columns: ReadonlySet<string> | null;
  events: ComplaintEvent[];
}

/** Loaders live for one operation only: never share them between requests. */
export function createLoaders(db: DataSource) {
  return {
    opd: byIdLoader(db, Opd),
    user: byIdLoader(db, User),
    category: byIdLoader(db, Category),
    program: byIdLoader(db, Program),
    servicePost: byIdLoader(db, ServicePost),
    slaPolicy: byIdLoader(db, SlaPolicy),
    apiClient: byIdLoader(db, ApiClient),
    officersByPost: new DataLoader<number, User[]>(async (postIds) => {
      const rows = await db.getRepository(User).find({ where: { servicePostId: In([...postIds]) }, order: { name: 'ASC' } });
      return postIds.map((id) => rows.filter((u) => u.servicePostId === id));
    }),
    /** A complaint's timeline, oldest first; one statement for a whole page of complaints. */
    eventsByComplaint: new DataLoader<number, ComplaintEvent[]>(async (ids) => {
      const rows = await db
        .getRepository(ComplaintEvent)
        .createQueryBuilder('e')
        .where('e.complaintId = ANY(:ids)', { ids: [...ids] })
        .orderBy('e.id')
        .getMany();
      const byComplaint = new Map<number, ComplaintEvent[]>(ids.map((id) => [id, []]));
      for (const e of rows) byComplaint.get(e.complaintId)?.push(e);
      return ids.map((id) => byComplaint.get(id)!);
    }),
    eventTails: new Map<number, EventTail>(),
    /** A complaint's files in the order they came, every visibility: the resolver filters by the policy. */
    attachmentsByComplaint: new DataLoader<number, Attachment[]>(async (ids) => {
      const rows = await db
        .getRepository(Attachment)
        .createQueryBuilder('a')
        .where('a.complaintId = ANY(:ids) AND a.status = ANY(:shown)', { ids: [...ids], shown: SHOWN_ATTACHMENTS })
        .orderBy('a.id')
        .getMany();
      return ids.map((id) => rows.filter((a) => a.complaintId === id));
    }),
    /** Attached files per complaint and visibility (complaint.preload.ts reads them with a page). */
    attachmentCounts: new DataLoader<number, AttachmentCounts>(async (ids) => {
      const rows: { complaintId: number; visibility: AttachmentVisibility; n: number }[] = await db.query(
        `SELECT "complaintId", visibility, count(*)::int AS n FROM complaint_attachment WHERE "complaintId" = ANY($1::int[]) AND status = 'ACTIVE' GROUP BY 1, 2`,
        [[...ids]],
      );
      return ids.map((id) => Object.fromEntries(rows.filter((r) => r.complaintId === id).map((r) => [r.visibility, r.n])));
    }),
    externalRefs: new DataLoader<number, ExternalReference[]>(async (ids) => {
      const rows = await db.getRepository(ExternalReference).find({ where: { complaintId: In([...ids]) }, order: { id: 'ASC' } });
      return ids.map((id) => rows.filter((r) => r.complaintId === id));
    }),
    deskItems: new DataLoader<number, DeskItem[]>(async (deskIds) => {
      const rows = await db.getRepository(DeskItem).find({ where: { deskId: In([...deskIds]) }, order: { id: 'ASC' } });
      return deskIds.map((id) => rows.filter((r) => r.deskId === id));
    }),
    /** Number of active unit heads per Opd: an Opd can receive forwards only with one. */
    unitHeadCount: new DataLoader<number, number>(async (opdIds) => {
      const rows: { opdId: number; n: string }[] = await db.query(
        `SELECT "opdId", count(*) AS n FROM app_user WHERE role = $1 AND active AND "opdId" = ANY($2) GROUP BY "opdId"`,
        [Role.UNIT_HEAD, [...opdIds]],
      );
      const map = new Map(rows.map((r) => [Number(r.opdId), Number(r.n)]));
      return opdIds.map((id) => map.get(id) ?? 0);
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
