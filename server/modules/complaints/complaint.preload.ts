import type { FieldNode, GraphQLResolveInfo } from 'graphql';
import type { DataSource } from 'typeorm';
import type { EventTail, Loaders } from '../../app/loaders';
import { argumentOf, fieldsUnder } from '../../core/selection';
import { preparedQuery } from '../../db/prepared';
import { entityFromRow } from '../../db/rows';
import { Category } from '../categories/category.entity';
import { Opd } from '../opds/opd.entity';
import { Program } from '../programs/program.entity';
import { ServicePost } from '../service-posts/service-post.entity';
import { User } from '../users/user.entity';
import { Complaint, ComplaintEvent } from './complaint.entity';
import { Attachment } from '../attachments/attachment.entity';

type OpdColumn = 'intakeOpdId' | 'currentOpdId' | 'kelurahanId' | 'escalatedToOpdId';
type UserColumn = 'assigneeId' | 'recordedById' | 'answerDraftById';

/** What the selected fields of a page of complaints will ask the loaders for. */
export interface PagePlan {
  /** The complaint fields the selection names. */
  fields: Set<string>;
  opds: Set<OpdColumn>;
  category: boolean;
  categoryOpd: boolean;
  program: boolean;
  users: Set<UserColumn>;
  servicePost: boolean;
  /** The complaint's files (`attachments`), and how many it holds by visibility (`attachmentCount`). */
  attachments: boolean;
  attachmentCounts: boolean;
  /** null: the timeline is not selected; depth null: the whole timeline; fields: the timeline fields shown. */
  events: null | { depth: number | null; fields: string[] };
}

/** Timeline fields that are not columns of their own, and the columns they read. */
const EVENT_FIELD_COLUMNS: Record<string, readonly string[]> = {
  actor: ['actorId'],
  actorKind: ['actorId', 'data'],
  publishedFrom: ['data'],
  fromOpd: ['fromOpdId'],
  toOpd: ['toOpdId'],
  __typename: [],
};

const eventColumnNames = new WeakMap<DataSource, Map<string, string>>();

/** Timeline column names by property. */
function eventColumnsOf(db: DataSource): Map<string, string> {
  let cols = eventColumnNames.get(db);
  if (!cols) eventColumnNames.set(db, (cols = new Map(db.getMetadata(ComplaintEvent).columns.map((c) => [c.propertyName, c.databaseName]))));
  return cols;
}

/**
 * The event columns these timeline fields read, with the id and complaint always; null when
 * a field is not known here, so everything is read.
 */
function eventColumnsFor(db: DataSource, fields: Iterable<string>): string[] | null {
  const columns = eventColumnsOf(db);
  const read = new Set(['id', 'complaintId']);
  for (const f of fields) {
    const cols = EVENT_FIELD_COLUMNS[f] ?? (columns.has(f) ? [f] : null);
    if (!cols) return null;
    for (const c of cols) read.add(c);
  }
  return [...read];
}

const eventColumnsByNodes = new WeakMap<readonly FieldNode[], string[] | null>();

/**
 * Whether a preloaded tail holds every column this timeline field shows. Asked once per
 * complaint of a page with the same nodes, so the answer's columns are kept per node list.
 */
export function tailServes(info: GraphQLResolveInfo, db: DataSource, tail: EventTail): boolean {
  if (!tail.columns) return true;
  let wanted = eventColumnsByNodes.get(info.fieldNodes);
  if (wanted === undefined) eventColumnsByNodes.set(info.fieldNodes, (wanted = eventColumnsFor(db, fieldsUnder(info, info.fieldNodes).keys())));
  return wanted !== null && wanted.every((c) => tail.columns!.has(c));
}

const OPD_FIELDS: Record<string, OpdColumn> = {
  intakeOpd: 'intakeOpdId',
  currentOpd: 'currentOpdId',
  kelurahan: 'kelurahanId',
  escalatedTo: 'escalatedToOpdId',
};
const USER_FIELDS: Record<string, UserColumn> = { assignee: 'assigneeId', recordedBy: 'recordedById', answerDraftBy: 'answerDraftById' };

/**
 * The plan for the complaints under `path` of the resolving field (`['items']` for a page,
 * `[]` for a single complaint), read from the request's selection, fragments included.
 */
export function planFor(info: GraphQLResolveInfo, path: string[]): PagePlan {
  let nodes = info.fieldNodes;
  for (const name of path) nodes = fieldsUnder(info, nodes).get(name) ?? [];
  const fields = fieldsUnder(info, nodes);
  const plan: PagePlan = {
    fields: new Set(fields.keys()),
    opds: new Set(),
    users: new Set(),
    category: false,
    categoryOpd: false,
    program: false,
    servicePost: false,
    attachments: fields.has('attachments'),
    attachmentCounts: fields.has('attachmentCount'),
    events: null,
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
    // The depth is written into the statement: only a whole number in the range the field accepts.
    const depth = lasts.some((l) => typeof l !== 'number') ? null : Math.max(...(lasts as number[]));
    const sub = fieldsUnder(info, events);
    plan.events = {
      depth: depth != null && Number.isInteger(depth) && depth >= 0 && depth <= 1000 ? depth : null,
      fields: [...sub.keys()],
    };
  }
  return plan;
}

/**
 * The only complaint columns a read leaves out unless the selection names their own field:
 * long texts, the reporter's identity, and what never leaves the server (no field at all).
 * Every other column is always read, so a field resolver may use any of them; a list of 50
 * still does not carry 50 descriptions and answers it will not show.
 */
export const WIDE_COLUMNS: ReadonlySet<string> = new Set([
  'searchVector',
  'description',
  'answer',
  'answerDraft',
  'rejectReason',
  'ratingComment',
  'address',
  'reporterName',
  'reporterNik',
  'reporterPhone',
  'reporterEmail',
  'reporterAddress',
  'accessCodeHash',
  'idempotencyKey',
  'idempotencyScope',
  'inputHash',
]);

/** The select list for complaints under this plan (`c.` columns). */
export function complaintColumns(db: DataSource, plan: PagePlan): string {
  return db
    .getMetadata(Complaint)
    .columns.filter((c) => !WIDE_COLUMNS.has(c.propertyName) || plan.fields.has(c.propertyName))
    .map((c) => `c."${c.databaseName}"`)
    .join(', ');
}

const userColumns = new WeakMap<DataSource, string>();

/** Every column but the password hash, which never leaves the database in bulk. */
function userColumnsOf(db: DataSource): string {
  let cols = userColumns.get(db);
  if (!cols) {
    cols = db
      .getMetadata(User)
      .columns.filter((c) => c.propertyName !== 'passwordHash')
      .map((c) => `u."${c.databaseName}"`)
      .join(', ');
    userColumns.set(db, cols);
  }
  return cols;
}

/** Which complaints to read, in order: a statement over `complaint c`, and how to count all that match. */
export interface ComplaintSource {
  sql: string;
  params: unknown[];
  /** A `SELECT count(*)` over the same filter and parameters; absent: no total wanted. */
  countSql?: string;
}

type Json = Record<string, unknown>[] | null;
type Row = Record<string, unknown> & {
  __pos?: string | null;
  __first?: number | null;
  __total?: string | null;
  __events?: Json;
  __categories?: Json;
  __opds?: Json;
  __programs?: Json;
  __users?: Json;
  __posts?: Json;
  __attachments?: Json;
  __attachmentCounts?: Json;
};

/**
 * A list's fan-out is predictable: the complaints themselves, their total and everything the
 * selected fields will load (Opds, category, programme, people, post, the timeline or its
 * last entries with their actors and Opds) are read in ONE statement, only what the
 * selection asks for, and primed into the request's loaders. A page or a single complaint
 * costs one statement whatever its size.
 */
export async function readComplaints(
  db: DataSource,
  loaders: Loaders,
  source: ComplaintSource,
  plan: PagePlan,
): Promise<{ items: Complaint[]; total: number | null }> {
  const ctes = [`pg AS (SELECT s.*, row_number() OVER () AS "__pos" FROM (${source.sql}) s)`];
  // Extras ride on the first row (or alone when the page is empty): the complaints come as plain rows.
  const parts = [`1 AS "__first"`];
  if (source.countSql) parts.push(`(${source.countSql}) AS "__total"`);
  const of = (col: string) => `SELECT "${col}" FROM pg`;

  const ev = plan.events;
  // A whole timeline primes the loader other fields read, so it has every column; tails only what their fields show.
  const tailColumns = ev && ev.depth != null ? eventColumnsFor(db, ev.fields) : null;
  if (ev) {
    const names = eventColumnsOf(db);
    ctes.push(
      ev.depth == null
        ? `ev AS (SELECT * FROM complaint_event WHERE "complaintId" IN (SELECT id FROM pg))`
        : `ev AS (SELECT e.* FROM pg CROSS JOIN LATERAL (SELECT ${tailColumns ? tailColumns.map((c) => `"${names.get(c)}"`).join(', ') : '*'} FROM complaint_event WHERE "complaintId" = pg.id ORDER BY id DESC LIMIT ${ev.depth}) e)`,
    );
    parts.push(`(SELECT json_agg(ev) FROM ev) AS "__events"`);
  }
  if (plan.category) parts.push(`(SELECT json_agg(c) FROM category c WHERE c.id IN (${of('categoryId')})) AS "__categories"`);

  const opdSources = [...plan.opds].map(of);
  if (ev?.fields.includes('fromOpd')) opdSources.push(`SELECT "fromOpdId" FROM ev`);
  if (ev?.fields.includes('toOpd')) opdSources.push(`SELECT "toOpdId" FROM ev`);
  if (plan.categoryOpd) opdSources.push(`SELECT "defaultOpdId" FROM category WHERE id IN (${of('categoryId')})`);
  if (opdSources.length) parts.push(`(SELECT json_agg(o) FROM opd o WHERE o.id IN (${opdSources.join(' UNION ')})) AS "__opds"`);

  if (plan.program) parts.push(`(SELECT json_agg(pr) FROM program pr WHERE pr.id IN (${of('programId')})) AS "__programs"`);

  const userSources = [...plan.users].map(of);
  if (ev?.fields.includes('actor')) userSources.push(`SELECT "actorId" FROM ev`);
  if (userSources.length) {
    parts.push(`(SELECT json_agg(u) FROM (SELECT ${userColumnsOf(db)} FROM app_user u WHERE u.id IN (${userSources.join(' UNION ')})) u) AS "__users"`);
  }
  if (plan.servicePost) parts.push(`(SELECT json_agg(s) FROM service_post s WHERE s.id IN (${of('servicePostId')})) AS "__posts"`);
  if (plan.attachments) {
    parts.push(
      `(SELECT json_agg(a ORDER BY a.id) FROM complaint_attachment a WHERE a."complaintId" IN (${of('id')}) AND a.status IN ('ACTIVE', 'REMOVED')) AS "__attachments"`,
    );
  }
  if (plan.attachmentCounts) {
    parts.push(
      `(SELECT json_agg(k) FROM (SELECT "complaintId", visibility, count(*)::int AS n FROM complaint_attachment WHERE "complaintId" IN (${of('id')}) AND status = 'ACTIVE' GROUP BY 1, 2) k) AS "__attachmentCounts"`,
    );
  }

  const rows = await preparedQuery<Row>(
    db,
    `WITH ${ctes.join(', ')} SELECT pg.*, x.* FROM (SELECT ${parts.join(', ')}) x FULL JOIN pg ON pg."__pos" = x."__first" ORDER BY pg."__pos"`,
    source.params,
  );
  const items: Complaint[] = [];
  let extras: Row = {};
  for (const row of rows) {
    if (row.__first != null) extras = row;
    if (row.__pos != null) items.push(entityFromRow(db, Complaint, row));
  }
  for (const r of extras.__opds ?? []) loaders.opd.know(entityFromRow(db, Opd, r));
  for (const r of extras.__categories ?? []) loaders.category.know(entityFromRow(db, Category, r));
  for (const r of extras.__programs ?? []) loaders.program.know(entityFromRow(db, Program, r));
  for (const r of extras.__users ?? []) loaders.user.know(entityFromRow(db, User, r));
  for (const r of extras.__posts ?? []) loaders.servicePost.know(entityFromRow(db, ServicePost, r));
  if (plan.attachments) {
    const files = new Map<number, Attachment[]>(items.map((c) => [c.id, []]));
    for (const r of extras.__attachments ?? []) {
      const a = entityFromRow(db, Attachment, r);
      files.get(a.complaintId)?.push(a);
    }
    for (const [id, list] of files) loaders.attachmentsByComplaint.clear(id).prime(id, list);
  }
  if (plan.attachmentCounts) {
    const counts = new Map<number, Record<string, number>>(items.map((c) => [c.id, {}]));
    for (const r of (extras.__attachmentCounts ?? []) as { complaintId: number; visibility: string; n: number }[]) {
      const of = counts.get(r.complaintId);
      if (of) of[r.visibility] = r.n;
    }
    for (const [id, n] of counts) loaders.attachmentCounts.clear(id).prime(id, n);
  }
  if (ev) {
    const events = new Map<number, ComplaintEvent[]>(items.map((c) => [c.id, []]));
    for (const r of extras.__events ?? []) {
      const e = entityFromRow(db, ComplaintEvent, r);
      events.get(e.complaintId)?.push(e);
    }
    const columns = tailColumns ? new Set(tailColumns) : null;
    for (const [id, list] of events) {
      oldestFirst(list);
      if (ev.depth == null) loaders.eventsByComplaint.clear(id).prime(id, list);
      else loaders.eventTails.set(id, { depth: ev.depth, columns, events: list });
    }
  }
  return { items, total: source.countSql ? Number(extras.__total) : null };
}

/** Tails arrive newest first, one complaint after another: reversed in place, sorted only when they come otherwise. */
function oldestFirst(list: ComplaintEvent[]): void {
  let ascending = true;
  let descending = true;
  for (let i = 1; i < list.length; i++) {
    if (list[i - 1].id < list[i].id) descending = false;
    else ascending = false;
  }
  if (ascending) return;
  if (descending) list.reverse();
  else list.sort((a, b) => a.id - b.id);
}
