import type DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import type { DataSource } from 'typeorm';
import type { Loaders } from '../../app/loaders';
import { argumentOf, fieldsUnder } from '../../app/selection';
import { preparedQuery } from '../../db/prepared';
import { entityFromRow } from '../../db/rows';
import { Category } from '../categories/category.entity';
import { Opd } from '../opds/opd.entity';
import { Program } from '../programs/program.entity';
import { ServicePost } from '../service-posts/service-post.entity';
import { User } from '../users/user.entity';
import { Complaint, ComplaintEvent } from './complaint.entity';

type OpdColumn = 'intakeOpdId' | 'currentOpdId' | 'kelurahanId';
type UserColumn = 'assigneeId' | 'recordedById';

/** What the selected fields of a page of complaints will ask the loaders for. */
export interface PagePlan {
  opds: Set<OpdColumn>;
  category: boolean;
  categoryOpd: boolean;
  program: boolean;
  users: Set<UserColumn>;
  servicePost: boolean;
  /** null: the timeline is not selected; depth null: the whole timeline. */
  events: null | { depth: number | null; actor: boolean; opds: boolean };
}

const OPD_FIELDS: Record<string, OpdColumn> = { intakeOpd: 'intakeOpdId', currentOpd: 'currentOpdId', kelurahan: 'kelurahanId' };
const USER_FIELDS: Record<string, UserColumn> = { assignee: 'assigneeId', recordedBy: 'recordedById' };

/**
 * The plan for the complaints under `path` of the resolving field (`['items']` for a page,
 * `[]` for a single complaint), read from the request's selection, fragments included.
 */
export function planFor(info: GraphQLResolveInfo, path: string[]): PagePlan {
  let nodes = info.fieldNodes;
  for (const name of path) nodes = fieldsUnder(info, nodes).get(name) ?? [];
  const fields = fieldsUnder(info, nodes);
  const plan: PagePlan = {
    opds: new Set(), users: new Set(), category: false, categoryOpd: false, program: false, servicePost: false, events: null,
  };
  for (const name of fields.keys()) {
    if (name in OPD_FIELDS) plan.opds.add(OPD_FIELDS[name]);
    if (name in USER_FIELDS) plan.users.add(USER_FIELDS[name]);
  }
  plan.category = fields.has('category') || fields.has('suggestedOpd');
  plan.categoryOpd = fields.has('suggestedOpd');
  plan.program = fields.has('program');
  plan.servicePost = fields.has('servicePost');
  const events = fields.get('events');
  if (events) {
    const lasts = events.map((n) => argumentOf(info, n, 'last'));
    const depth = lasts.some((l) => typeof l !== 'number') ? null : Math.max(...(lasts as number[]));
    const sub = fieldsUnder(info, events);
    plan.events = { depth: depth != null && depth >= 0 && depth <= 1000 ? depth : null, actor: sub.has('actor'), opds: sub.has('fromOpd') || sub.has('toOpd') };
  }
  return plan;
}

const userColumns = new WeakMap<DataSource, string>();

/** Every column but the password hash, which never leaves the database in bulk. */
function userColumnsOf(db: DataSource): string {
  let cols = userColumns.get(db);
  if (!cols) {
    cols = db.getMetadata(User).columns.filter((c) => c.propertyName !== 'passwordHash').map((c) => `u."${c.databaseName}"`).join(', ');
    userColumns.set(db, cols);
  }
  return cols;
}

/**
 * A list's fan-out is predictable: everything the selected fields of a page of complaints
 * will load (Opds, category, programme, people, post, the timeline or its last entries with
 * their actors and Opds) is read in ONE statement, only what the selection asks for, and
 * primed into the request's loaders. A page costs two statements whatever its size.
 */
export async function preloadComplaintPage(db: DataSource, loaders: Loaders, page: Complaint[], plan: PagePlan): Promise<void> {
  if (!page.length) return;
  const params: unknown[] = [];
  const p = (v: unknown) => `$${params.push(v)}`;
  const ids = (f: (c: Complaint) => number | null) => [...new Set(page.map(f).filter((v): v is number => v != null))];
  const parts: string[] = [];
  let withEvents = '';

  const ev = plan.events;
  if (ev) {
    const complaintIds = p(page.map((c) => c.id));
    withEvents =
      ev.depth == null
        ? `WITH ev AS (SELECT * FROM complaint_event WHERE "complaintId" = ANY(${complaintIds}::int[])) `
        : `WITH ev AS (SELECT e.* FROM unnest(${complaintIds}::int[]) AS k(id) CROSS JOIN LATERAL ` +
          `(SELECT * FROM complaint_event WHERE "complaintId" = k.id ORDER BY id DESC LIMIT ${p(ev.depth)}) e) `;
    parts.push(`(SELECT json_agg(ev) FROM ev) AS events`);
  }
  const categoryIds = plan.category ? ids((c) => c.categoryId) : [];
  if (categoryIds.length) parts.push(`(SELECT json_agg(c) FROM category c WHERE c.id = ANY(${p(categoryIds)}::int[])) AS categories`);

  const opdIds = [...plan.opds].flatMap((col) => ids((c) => c[col]));
  const opdSources: string[] = [];
  if (opdIds.length) opdSources.push(`o.id = ANY(${p([...new Set(opdIds)])}::int[])`);
  if (ev?.opds) opdSources.push(`o.id IN (SELECT "fromOpdId" FROM ev UNION SELECT "toOpdId" FROM ev)`);
  if (plan.categoryOpd && categoryIds.length) opdSources.push(`o.id IN (SELECT "defaultOpdId" FROM category WHERE id = ANY(${p(categoryIds)}::int[]))`);
  if (opdSources.length) parts.push(`(SELECT json_agg(o) FROM opd o WHERE ${opdSources.join(' OR ')}) AS opds`);

  const programIds = plan.program ? ids((c) => c.programId) : [];
  if (programIds.length) parts.push(`(SELECT json_agg(pr) FROM program pr WHERE pr.id = ANY(${p(programIds)}::int[])) AS programs`);

  const userIds = [...plan.users].flatMap((col) => ids((c) => c[col]));
  const userSources: string[] = [];
  if (userIds.length) userSources.push(`u.id = ANY(${p([...new Set(userIds)])}::int[])`);
  if (ev?.actor) userSources.push(`u.id IN (SELECT "actorId" FROM ev)`);
  if (userSources.length) parts.push(`(SELECT json_agg(u) FROM (SELECT ${userColumnsOf(db)} FROM app_user u WHERE ${userSources.join(' OR ')}) u) AS users`);

  const postIds = plan.servicePost ? ids((c) => c.servicePostId) : [];
  if (postIds.length) parts.push(`(SELECT json_agg(s) FROM service_post s WHERE s.id = ANY(${p(postIds)}::int[])) AS posts`);

  if (!parts.length) return;
  const [row] = await preparedQuery<Record<string, Record<string, unknown>[] | null>>(db, `${withEvents}SELECT ${parts.join(', ')}`, params);

  for (const r of row.opds ?? []) prime(loaders.opd, entityFromRow(db, Opd, r));
  for (const r of row.categories ?? []) prime(loaders.category, entityFromRow(db, Category, r));
  for (const r of row.programs ?? []) prime(loaders.program, entityFromRow(db, Program, r));
  for (const r of row.users ?? []) prime(loaders.user, entityFromRow(db, User, r));
  for (const r of row.posts ?? []) prime(loaders.servicePost, entityFromRow(db, ServicePost, r));
  if (ev) {
    const events = new Map<number, ComplaintEvent[]>(page.map((c) => [c.id, []]));
    for (const r of row.events ?? []) {
      const e = entityFromRow(db, ComplaintEvent, r);
      events.get(e.complaintId)?.push(e);
    }
    for (const [id, list] of events) {
      list.sort((a, b) => a.id - b.id);
      if (ev.depth == null) loaders.eventsByComplaint.clear(id).prime(id, list);
      else loaders.eventTails.set(id, { depth: ev.depth, events: list });
    }
  }
}

function prime<T extends { id: number }>(loader: DataLoader<number, T | null>, value: T) {
  loader.clear(value.id).prime(value.id, value);
}
