import crypto from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { Context } from '../../core/context';
// First, as crud.ts was: it loads reflect-metadata before any entity's decorators run.
import { searchSql } from './complaint-search';
import { preparedQuery, preparedTxQuery } from '../../db/prepared';
import { entityFromRow } from '../../db/rows';
import type { Loaders } from '../../app/loaders';
import { AppError, parseId } from '../../core/errors';
import { checkPaging, ListArgs, sortColumn, SortOrder, type Page } from '../../core/paging';
import { ASSIGNABLE_ROLES, InboxKind, Permission, REFUSAL_MESSAGES, ROLE_INBOX } from '../../auth/permissions';
import { Role } from '../../auth/roles';
import { clientCan, type Viewer } from '../../auth/viewer';
import { scopeMissing } from '../../auth/auth-checker';
import { OpdKind } from '../opds/opd-kind';
import type { Opd } from '../opds/opd.entity';
import { receivingOpd } from '../opds/opd.service';
import type { OrgDirectory } from '../opds/org-directory';
import { Program } from '../programs/program.entity';
import { ServicePost } from '../service-posts/service-post.entity';
import { nextOpening } from '../service-posts/service-post.service';
import type { SlaService } from '../sla/sla.service';
import type { EscalationDirectory } from '../escalations/escalation-directory';
import { User } from '../users/user.entity';
import { nextStatus, PAUSE_KEEPS, UNHANDLED_ENDS } from './complaint-status';
import { Complaint, ComplaintEvent } from './complaint.entity';
import { handlingSteps } from './complaint-handling';
import { releasedByDesk } from './complaint-replay';
import { complaintColumns, readComplaints, type PagePlan } from './complaint.preload';
import { Channel, ComplaintAction, ComplaintEventType, ComplaintStatus, PauseKind, ProgressStage } from './complaint.enums';
import type { ComplaintFilter, ComplaintInput } from './complaint.inputs';
import { holderOpdId, type ComplaintPolicy, type StaffAction, type TallyScope, type Unattended } from './complaint.policy';
import { tallyRowsSql } from '../reports/complaint-tally';
import { wibWallClock } from '../../core/wib';
import { DEADLINE_WORDS, runningDeadlineKind, runningDue, unpaused } from './complaint-deadlines';
import { notificationsFor, outboxSteps, type NoticeOptions } from '../notifications/notification-rules';
import { NO_OVERRIDES } from '../notifications/notification-templates';
import { readOverrides } from '../notifications/notification-template.service';
import { webhookSteps } from '../webhooks/webhook.rules';
import { ExternalReference, type ExternalSource } from '../external-refs/external-ref.entity';

const PUBLIC_CHANNELS = [Channel.WEB, Channel.SMS, Channel.WHATSAPP, Channel.SOCIAL_MEDIA, Channel.SP4N_LAPOR, Channel.EXTERNAL_APP, Channel.CALL_CENTER];
/** How the public timeline names a channel (the tracking page is in Bahasa Indonesia). */
const CHANNEL_LABELS: Record<Channel, string> = {
  SERVICE_POST: 'pos layanan RW',
  WALK_IN: 'layanan tatap muka',
  CALL_CENTER: 'call center 112',
  SMS: 'SMS',
  WHATSAPP: 'WhatsApp',
  WEB: 'situs web',
  SOCIAL_MEDIA: 'media sosial',
  SP4N_LAPOR: 'SP4N-LAPOR!',
  EXTERNAL_APP: 'aplikasi mitra',
};
/** A complaint that moved on (forwarded elsewhere, returned, answered, ended) is no longer anyone's escalation. */
const NOT_ESCALATED: Partial<Complaint> = { escalatedToOpdId: null, escalatedAt: null, escalationReason: null };

/** Both or neither: an external ID means nothing without its system. */
function externalRefOf(input: ComplaintInput): { source: ExternalSource; externalId: string } | null {
  const id = input.externalId?.trim();
  if (!id && !input.externalSource) return null;
  if (!id) throw AppError.field('input.externalId', 'give the ID in the external system with externalSource');
  if (!input.externalSource) throw AppError.field('input.externalSource', 'say which system externalId belongs to');
  return { source: input.externalSource, externalId: id };
}

/** The inboxes that are a set of statuses in the viewer's scope, as inboxSql writes them: their totals come from the tally. */
const INBOX_STATUSES: Partial<Record<InboxKind, ComplaintStatus[]>> = {
  [InboxKind.INTAKE_WORK]: [ComplaintStatus.SUBMITTED, ComplaintStatus.VERIFIED, ComplaintStatus.RESPONDED],
  [InboxKind.OPEN]: [ComplaintStatus.SUBMITTED, ComplaintStatus.VERIFIED, ComplaintStatus.FORWARDED, ComplaintStatus.IN_PROGRESS, ComplaintStatus.RESPONDED],
};

export const ACCESS_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export type EventSpec = Partial<Omit<ComplaintEvent, 'id' | 'complaintId' | 'createdAt'>> & {
  type: ComplaintEventType;
  public: boolean;
  /** Goes into the event's messages only (a new access code), never into the timeline. */
  secret?: string;
};

export interface Actor {
  viewer: Viewer | null;
  /** Who is recorded on the timeline when there is no account (citizen, system sweep). */
  label?: Unattended;
}

type Change = { patch: Partial<Complaint>; events: EventSpec[] };
type Build = (c: Complaint, now: Date, tx: EntityManager) => Promise<Change>;

const CITIZEN: Actor = { viewer: null, label: 'CITIZEN' };
const SYSTEM: Actor = { viewer: null, label: 'SYSTEM' };

/** What a desk decided for one complaint on its agenda. */
export interface DeskDecision {
  deskId: number;
  deskTitle: string;
  solution: string;
  /** The desk's own due date (end of that WIB day); null: the category's response deadline. */
  responseDueAt: Date | null;
  dueDate: string | null;
  /** The input field a refusal of the responsible unit names. */
  field: string;
  /** What the reporter reads; the solution itself is an instruction to the unit (internal). */
  publicMessage?: string | null;
}

export interface SubmitResult {
  complaint: Complaint;
  trackingCode: string;
  accessCode: string;
  /** True when an idempotency key matched an earlier submission. */
  replayed: boolean;
}

/** An optional text: null when empty, else checked like `text`. */
export function optionalText(value: string | null | undefined, field: string, min: number, max: number): string | null {
  return value?.trim() ? text(value, field, min, max) : null;
}

export function text(value: string | null | undefined, field: string, min: number, max: number): string {
  const v = (value ?? '').trim();
  if (v.length < min) throw AppError.field(field, min <= 1 ? 'is required' : `must be at least ${min} characters`);
  if (v.length > max) throw AppError.field(field, `must be at most ${max} characters`);
  return v;
}

function hash(s: string): string {
  return crypto.createHash('sha256').update(s).digest('hex');
}

/** Absent and null mean the same; keys in a fixed order; the version tag changes only when the meaning does. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined && v !== null) out[k] = canonical(v);
    }
    return out;
  }
  return value;
}

/**
 * The request fingerprint an idempotency key is bound to: stable across server versions (key order,
 * absent vs null, class instances vs plain objects do not change it).
 */
export function submissionFingerprint(input: object, channel: string, caller: string): string {
  return hash(JSON.stringify(['lapor/submission/v2', canonical({ ...input, channel, caller })]));
}

/** How fingerprints were computed before v2: still accepted, so keys stored then keep returning their complaint. */
export function legacySubmissionFingerprint(input: object, channel: string, caller: string): string {
  return hash(JSON.stringify({ ...input, channel, caller }));
}

/** Where a read primes what it loads, and what the request's selection will show. */
export interface Reader {
  loaders: Loaders;
  plan: PagePlan;
}

/**
 * Every rule about a complaint's life. Each change runs in one transaction that writes the
 * row (guarded by `version`) and appends its events; a database trigger NOTIFYs every event,
 * which PostgreSQL delivers only once the transaction commits.
 */
export class ComplaintService {
  constructor(
    private readonly db: DataSource,
    private readonly org: OrgDirectory,
    private readonly sla: SlaService,
    private readonly escalations: EscalationDirectory,
    readonly policy: ComplaintPolicy,
    /** Keys access codes (accessCodeKey in app/bootstrap.ts); never the token secret itself. */
    private readonly accessCodeKey: Buffer,
    private readonly trackingPrefix = 'MGL',
    /** Where public complaints without a kelurahan are verified (the city's complaint desk). */
    private readonly centralIntakeCode = 'DISKOMINSTA',
    /** Which notification channels are on, and where the reporter's tracking page is. */
    private readonly notices: NoticeOptions = { email: false, trackingUrl: '' },
    /** Injectable so demo data and tests can tell a story over weeks. */
    readonly clock: () => Date = () => new Date(),
  ) {}

  withClock(clock: () => Date): ComplaintService {
    return new ComplaintService(
      this.db,
      this.org,
      this.sla,
      this.escalations,
      this.policy,
      this.accessCodeKey,
      this.trackingPrefix,
      this.centralIntakeCode,
      this.notices,
      clock,
    );
  }

  // ---------- reading ----------

  async findVisible(viewer: Viewer | null, id: string | number): Promise<Complaint> {
    await this.org.ready();
    const c = await this.byId(id);
    if (!c || !this.policy.canRead(viewer, c)) throw AppError.notFound('Complaint', id);
    return c;
  }

  /** Every read of one complaint and every action start here: a prepared statement, not TypeORM's aliased select parsed anew each time. */
  private async byId(id: string | number): Promise<Complaint | null> {
    const [row] = await preparedQuery(this.db, 'SELECT * FROM complaint WHERE id = $1', [parseId(id)]);
    return row ? entityFromRow(this.db, Complaint, row) : null;
  }

  /**
   * A page in one statement with everything `reader.plan` shows (complaint.preload.ts); the
   * total, only when the caller asks for it, counted over the narrow index, not the wide rows.
   */
  async list(
    viewer: Viewer,
    filter: ComplaintFilter | null | undefined,
    args: ListArgs,
    reader: Reader,
    inbox = false,
    wantTotal = true,
  ): Promise<Page<Complaint>> {
    await this.org.ready();
    const { offset, limit } = checkPaging(args);
    const params: unknown[] = [];
    const where: string[] = [];
    const scope = this.policy.scopeSql(viewer, params);
    if (scope) where.push(scope);
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const f = filter ?? {};
    if (f.ids) where.push(`c.id = ANY(${p(f.ids.map((id, i) => parseId(id, `filter.ids.${i}`)))}::int[])`);
    if (f.q?.trim()) {
      // An external system's ID (the SP4N-LAPOR! ID) exactly, beside the words; each side from its own index.
      const words = searchSql(f.q, p, () => this.policy.identitySql(viewer, params));
      where.push(
        `c.id IN (SELECT c.id FROM complaint c WHERE ${words} UNION ALL SELECT x."complaintId" FROM complaint_external_ref x WHERE x."externalId" = ${p(f.q.trim())})`,
      );
    }
    // A single value as `=`, so PostgreSQL walks the (status, createdAt) index backwards for the page.
    if (f.status?.length === 1) where.push(`c.status = ${p(f.status[0])}`);
    else if (f.status?.length) where.push(`c.status = ANY(${p(f.status)}::varchar[])`);
    if (f.progressStage) where.push(`c."progressStage" = ${p(f.progressStage)}`);
    if (f.channel) where.push(`c.channel = ${p(f.channel)}`);
    if (f.type) where.push(`c.type = ${p(f.type)}`);
    if (f.categoryId) where.push(`c."categoryId" = ${p(parseId(f.categoryId, 'filter.categoryId'))}`);
    if (f.programId) where.push(`c."programId" = ${p(parseId(f.programId, 'filter.programId'))}`);
    if (f.intakeOpdId) where.push(`c."intakeOpdId" = ANY(${p(this.org.subtreeIds(parseId(f.intakeOpdId, 'filter.intakeOpdId')))}::int[])`);
    if (f.currentOpdId) where.push(`c."currentOpdId" = ANY(${p(this.org.subtreeIds(parseId(f.currentOpdId, 'filter.currentOpdId')))}::int[])`);
    if (f.assigneeId) where.push(`c."assigneeId" = ${p(parseId(f.assigneeId, 'filter.assigneeId'))}`);
    if (f.servicePostId) where.push(`c."servicePostId" = ${p(parseId(f.servicePostId, 'filter.servicePostId'))}`);
    if (f.overdue != null) where.push(f.overdue ? `c."dueAt" < now()` : `(c."dueAt" IS NULL OR c."dueAt" >= now())`);
    if (f.escalatedToMe) where.push(`c."escalatedToOpdId" = ANY(${p(this.org.subtreeIds(viewer.opdId))}::int[])`);
    if (f.createdFrom) where.push(`c."createdAt" >= ${p(f.createdFrom)}`);
    if (f.createdTo) where.push(`c."createdAt" <= ${p(f.createdTo)}`);
    if (inbox) where.push(this.inboxSql(viewer, p));

    const sortable: Record<string, string> = {
      createdAt: 'c."createdAt"',
      updatedAt: 'c."updatedAt"',
      trackingCode: 'c."trackingCode"',
      status: 'c.status',
      title: 'c.title',
      dueAt: 'c."dueAt"',
      responseDueAt: 'c."responseDueAt"',
      verifyDueAt: 'c."verifyDueAt"',
      rating: 'c.rating',
    };
    const nullable = new Set(['dueAt', 'responseDueAt', 'verifyDueAt', 'rating']);
    const sortField = args.sortField ?? (inbox ? 'dueAt' : 'createdAt');
    const column = sortColumn(sortable, sortField);
    const order = args.sortOrder ?? (inbox ? SortOrder.ASC : SortOrder.DESC);
    const whereSql = where.length ? ` WHERE ${where.join(' AND ')}` : '';
    const orderBy = `${column} ${order}${nullable.has(sortField) ? ' NULLS LAST' : ''}, c.id ${order}`;
    const countSql = wantTotal ? (this.tallyCountSql(viewer, f, params, inbox) ?? `SELECT count(*) FROM complaint c${whereSql}`) : undefined;
    // The page size is written in (a checked whole number) and the first page has no offset: a page
    // without filters then has no parameters, and PostgreSQL keeps its plan instead of planning every
    // request (with LIMIT $n its generic plan looks dearer, so it re-plans each time). Later pages
    // take the offset as a parameter, so paging does not multiply statements.
    // The page's ids first, from the narrow columns an index may hold whole (the inboxes' partial
    // indexes), then only those rows: a wide row is read for each complaint shown, not each one sorted.
    const paging = `LIMIT ${limit}${offset ? ` OFFSET ${p(offset)}` : ''}`;
    // A search's matches come from its index first (OFFSET 0 keeps the planner from walking the sort
    // order instead: a word it thinks common, or a month of old codes, would be the last that walk reaches).
    const page = f.q?.trim()
      ? `SELECT c.id FROM (SELECT c.id, ${column} AS sort_key FROM complaint c${whereSql} OFFSET 0) c ORDER BY c.sort_key ${order}${nullable.has(sortField) ? ' NULLS LAST' : ''}, c.id ${order} ${paging}`
      : `SELECT c.id FROM complaint c${whereSql} ORDER BY ${orderBy} ${paging}`;
    const sql = `SELECT ${complaintColumns(this.db, reader.plan)} FROM complaint c WHERE c.id IN (${page}) ORDER BY ${orderBy}`;
    const { items, total } = await readComplaints(this.db, reader.loaders, { sql, params, countSql }, reader.plan);
    return { items, total: total ?? 0 };
  }

  /**
   * The total from the dashboard's tally when the filter is one of its dimensions (or none): the
   * same number as counting the complaints (the tally changes in the statement that changes them),
   * without counting a million rows for the mayor's unfiltered list. Null: count the complaints.
   */
  private tallyCountSql(viewer: Viewer, f: ComplaintFilter, params: unknown[], inbox: boolean): string | null {
    const p = (v: unknown) => `$${params.push(v)}`;
    const given = Object.entries(f)
      .filter(([, v]) => v != null && !(Array.isArray(v) && v.length === 0))
      .map(([k]) => k);
    const tally = this.policy.tallyScope(viewer);
    if (!tally || given.length > 1) return null;
    // All time: the month rows and the deltas not yet folded (a few rows per month, not per day).
    const sum = (scope: TallyScope, dim: string, keys: string[] | null) =>
      `SELECT coalesce(sum(t.total), 0)::bigint FROM (${tallyRowsSql(scope, { first: null, end: null }, [dim], params)}) t${
        keys ? ` WHERE t.key = ANY(${p(keys)}::varchar[])` : ''
      }`;
    if (inbox) {
      // An inbox that is a set of statuses in the viewer's scope (inboxSql), unfiltered.
      const statuses = INBOX_STATUSES[ROLE_INBOX[viewer.role]];
      if (!statuses || given.length) return null;
      return sum(tally, 'status', statuses);
    }
    const [only] = given;
    const dims = ['status', 'channel', 'categoryId', 'programId', 'currentOpdId', 'intakeOpdId'];
    // Decided before any parameter is added: an unused one would fail the statement.
    if (only !== undefined && !dims.includes(only) && !(only === 'overdue' && f.overdue === false)) return null;
    if (only === 'intakeOpdId' && tally.scope === 'H') return null;
    let total: string;
    if (only === 'intakeOpdId') {
      // The intake rows of the tally, of the Opds both the filter and the viewer's scope take in.
      const ids = this.org.subtreeIds(parseId(f.intakeOpdId!, 'filter.intakeOpdId'));
      total = sum({ scope: 'I', opdIds: tally.opdIds ? ids.filter((id) => tally.opdIds!.includes(id)) : ids }, 'total', null);
    } else if (only === 'status') total = sum(tally, 'status', f.status!);
    else if (only === 'channel') total = sum(tally, 'channel', [f.channel!]);
    else if (only === 'categoryId') total = sum(tally, 'category', [String(parseId(f.categoryId!, 'filter.categoryId'))]);
    else if (only === 'programId') total = sum(tally, 'program', [String(parseId(f.programId!, 'filter.programId'))]);
    else if (only === 'currentOpdId') total = sum(tally, 'opd', this.org.subtreeIds(parseId(f.currentOpdId!, 'filter.currentOpdId')).map(String));
    else total = sum(tally, 'total', null);
    if (only !== 'overdue') return total;
    // Not overdue: all of them but the overdue ones, which the deadline index counts (overdue moves with the clock).
    const scope = this.policy.scopeSql(viewer, params);
    return `SELECT (${total}) - (SELECT count(*) FROM complaint c WHERE ${scope ? `${scope} AND ` : ''}c."dueAt" < now())`;
  }

  /** One complaint the viewer may read, with what the plan shows, in one statement; null when none. */
  async readVisible(viewer: Viewer | null, id: string, reader: Reader): Promise<Complaint | null> {
    await this.org.ready();
    const {
      items: [c],
    } = await readComplaints(
      this.db,
      reader.loaders,
      { sql: `SELECT ${complaintColumns(this.db, reader.plan)} FROM complaint c WHERE c.id = $1`, params: [parseId(id)] },
      reader.plan,
    );
    return c && this.policy.canRead(viewer, c) ? c : null;
  }

  /** What waits for this viewer: admins verify and forward, units answer, staff work what is assigned. */
  private inboxSql(viewer: Viewer, p: (v: unknown) => string): string {
    switch (ROLE_INBOX[viewer.role]) {
      case InboxKind.INTAKE_WORK:
        return `c.status IN ('SUBMITTED','VERIFIED','RESPONDED')`;
      case InboxKind.UNIT_WORK:
        return `c.status IN ('FORWARDED','IN_PROGRESS') AND c."currentOpdId" = ANY(${p(this.org.subtreeIds(viewer.opdId))}::int[])`;
      case InboxKind.ASSIGNED:
        return `c.status IN ('FORWARDED','IN_PROGRESS') AND c."assigneeId" = ${p(viewer.userId)}`;
      case InboxKind.OPEN:
        return `c.status NOT IN ('CLOSED','REJECTED','ARCHIVED','MERGED')`;
    }
  }

  // ---------- intake ----------

  async submit(ctx: Context, input: ComplaintInput, idempotencyKey: string | null | undefined): Promise<SubmitResult> {
    const viewer = ctx.viewer;
    const staff = !!viewer;
    if (staff && !viewer.permissions.has(Permission.COMPLAINT_RECORD)) {
      throw AppError.forbidden('Your role does not record complaints; ask a complaint admin or a service-post officer.');
    }
    const app = staff ? null : (ctx.client ?? null);
    if (app && !clientCan(app, Permission.APP_SUBMIT)) throw scopeMissing(Permission.APP_SUBMIT);
    if (idempotencyKey != null && !/^[A-Za-z0-9._:-]{8,100}$/.test(idempotencyKey)) {
      throw AppError.field('idempotencyKey', 'use 8–100 letters, digits or . _ : -');
    }
    await this.org.ready();
    const externalRef = externalRefOf(input);
    if (externalRef) {
      const known = await this.db.getRepository(ExternalReference).findOneBy(externalRef);
      if (known && !idempotencyKey) throw AppError.field('input.externalId', `already recorded for complaint id ${known.complaintId}`);
    }
    if (!input.reporterPhone && !input.reporterEmail && !input.reporterAddress) {
      throw AppError.field('input.reporterPhone', 'give at least one way to reach the reporter: phone, e-mail or address');
    }
    if ((input.latitude == null) !== (input.longitude == null)) {
      throw AppError.field(input.latitude == null ? 'input.latitude' : 'input.longitude', 'give both latitude and longitude, or neither');
    }
    // An officer records at their service post: its kelurahan and RW unless given, and whether the post is open now.
    const post =
      viewer?.role === Role.OFFICER && viewer.servicePostId ? await this.db.getRepository(ServicePost).findOneBy({ id: viewer.servicePostId }) : null;
    const kelurahanId = input.kelurahanId ? parseId(input.kelurahanId, 'input.kelurahanId') : (post?.kelurahanId ?? null);
    if (kelurahanId && this.org.get(kelurahanId)?.kind !== OpdKind.KELURAHAN) throw AppError.field('input.kelurahanId', 'must be a kelurahan');
    const categoryId = input.categoryId ? parseId(input.categoryId, 'input.categoryId') : null;
    const programId = input.programId ? parseId(input.programId, 'input.programId') : null;
    if (categoryId && !(await this.sla.activeCategory(categoryId))) {
      throw AppError.field('input.categoryId', 'no such active category');
    }
    if (programId && !(await this.db.getRepository(Program).existsBy({ id: programId }))) throw AppError.field('input.programId', 'no such programme');

    let channel: Channel;
    let intakeOpdId: number;
    if (viewer?.role === Role.OFFICER) {
      channel = Channel.SERVICE_POST;
      intakeOpdId = viewer.opdId;
    } else if (staff) {
      channel = input.channel ?? Channel.WALK_IN;
      intakeOpdId = viewer.opdId;
    } else {
      // An external app's key fixes its channel; an anonymous caller picks a public one.
      channel = ctx.client?.channel ?? input.channel ?? Channel.WEB;
      if (!PUBLIC_CHANNELS.includes(channel)) throw AppError.field('input.channel', `the public may submit through ${PUBLIC_CHANNELS.join(', ')}`);
      // No wrong door: a resident's complaint is verified at their kecamatan, otherwise centrally.
      const intake = (kelurahanId && this.org.kecamatanOf(kelurahanId)) || this.org.byCode(this.centralIntakeCode) || this.org.root();
      if (!intake) throw new Error('the organisation has no root Opd');
      intakeOpdId = intake.id;
    }

    // A key belongs to its caller (the public: one caller per address): someone else's use of the
    // same key neither collides with this submission nor returns it, nor derives its access code.
    const scope = viewer ? `user:${viewer.userId}` : ctx.client ? `client:${ctx.client.id}` : `public:${ctx.source}`;
    const inputHash = submissionFingerprint(input, channel, scope);
    const accessCode = this.accessCode(idempotencyKey != null ? `${scope}|${idempotencyKey}` : crypto.randomBytes(16).toString('hex'));
    const now = this.clock();
    const policy = await this.sla.policyFor(this.db.manager, categoryId);
    const verifyDueAt = await this.sla.verifyDue(policy, now);
    const settleDueAt = await this.sla.settleDue(policy, now);

    // The unique index on trackingCode is the last line of defence (the sequence is kept past every code at
    // start, see tracking-codes.ts): a taken code only costs another number, never the citizen's submission.
    for (let attempt = 1; ; attempt++) {
      const result = await this.insertSubmission(ctx, input, idempotencyKey, {
        scope,
        inputHash,
        accessCode,
        now,
        channel,
        intakeOpdId,
        categoryId,
        programId,
        kelurahanId,
        verifyDueAt,
        settleDueAt,
        rw: input.rw ?? post?.rw ?? null,
        outsideServiceHours: post ? !nextOpening(post.schedule, now).openNow : false,
      });
      if (result) return { complaint: result, trackingCode: result.trackingCode, accessCode, replayed: false };
      if (idempotencyKey != null) {
        // The idempotency key was seen before: hand back the same complaint, never a second one.
        const existing = await this.db.getRepository(Complaint).findOneBy({ idempotencyScope: scope, idempotencyKey });
        if (existing) {
          if (existing.inputHash !== inputHash && existing.inputHash !== legacySubmissionFingerprint(input, channel, scope)) {
            throw AppError.conflict('This idempotencyKey was already used for a different submission.');
          }
          return { complaint: existing, trackingCode: existing.trackingCode, accessCode, replayed: true };
        }
      }
      if (attempt >= 20) throw new Error('no free tracking code after 20 attempts');
    }
  }

  private async insertSubmission(
    ctx: Context,
    input: ComplaintInput,
    idempotencyKey: string | null | undefined,
    s: {
      scope: string;
      inputHash: string;
      accessCode: string;
      now: Date;
      channel: Channel;
      intakeOpdId: number;
      categoryId: number | null;
      programId: number | null;
      kelurahanId: number | null;
      verifyDueAt: Date;
      settleDueAt: Date;
      rw: string | null;
      outsideServiceHours: boolean;
    },
  ): Promise<Complaint | null> {
    const viewer = ctx.viewer;
    const { scope, inputHash, accessCode, now, channel, intakeOpdId, categoryId, programId, kelurahanId, verifyDueAt, settleDueAt, rw, outsideServiceHours } =
      s;
    return this.db.transaction(async (tx) => {
      const [{ seq }] = await preparedTxQuery<{ seq: string }>(tx, `SELECT nextval('complaint_tracking_seq') AS seq`, []);
      const trackingCode = this.trackingCode(now, Number(seq));
      const [sql, values] = tx
        .createQueryBuilder()
        .insert()
        .into(Complaint)
        .values({
          trackingCode,
          type: input.type,
          channel,
          title: text(input.title, 'input.title', 5, 200),
          description: text(input.description, 'input.description', 10, 10000),
          categoryId,
          programId,
          address: input.address ?? null,
          rt: input.rt ?? null,
          rw,
          kelurahanId,
          outsideServiceHours,
          latitude: input.latitude ?? null,
          longitude: input.longitude ?? null,
          reporterName: input.reporterName?.trim() || null,
          reporterNik: input.reporterNik ?? null,
          reporterPhone: input.reporterPhone ?? null,
          reporterEmail: input.reporterEmail ?? null,
          reporterAddress: input.reporterAddress ?? null,
          anonymous: input.anonymous,
          confidential: input.confidential,
          notifyReporter: input.notifyReporter !== false,
          status: ComplaintStatus.SUBMITTED,
          intakeOpdId,
          handlerOpdIds: [],
          recordedById: viewer?.userId ?? null,
          apiClientId: viewer ? null : (ctx.client?.id ?? null),
          servicePostId: viewer?.role === Role.OFFICER ? viewer.servicePostId : null,
          verifyDueAt,
          settleDueAt,
          dueAt: runningDue({ status: ComplaintStatus.SUBMITTED, verifyDueAt, settleDueAt, responseDueAt: null, followUpDueAt: null }),
          createdAt: now,
          updatedAt: now,
          accessCodeHash: hash(accessCode),
          idempotencyKey: idempotencyKey ?? null,
          idempotencyScope: idempotencyKey != null ? scope : null,
          inputHash,
        })
        .orIgnore()
        .returning('*')
        .getQueryAndParameters();
      const [row] = await preparedTxQuery<Complaint>(tx, sql, values);
      if (!row) return null;
      const complaint = tx.getRepository(Complaint).create(row);
      ({ lastEventId: complaint.lastEventId } = await this.appendEvents(
        tx,
        complaint,
        { viewer, label: viewer ? undefined : 'CITIZEN' },
        now,
        [
          {
            type: ComplaintEventType.SUBMITTED,
            toStatus: ComplaintStatus.SUBMITTED,
            toOpdId: intakeOpdId,
            public: true,
            message: `Diterima melalui ${CHANNEL_LABELS[channel]}`,
            secret: accessCode,
            ...(outsideServiceHours ? { internalNote: 'Dicatat di luar jam layanan pos', data: { outsideServiceHours } } : {}),
          },
        ],
        ['UPDATE complaint SET "lastEventId" = (SELECT max(id) FROM ev) WHERE id = $1', [complaint.id]],
      ));
      const ref = externalRefOf(input);
      if (ref) {
        // Unique per source: a second complaint with the same LAPOR! ID is refused, the whole submission with it.
        const [saved] = await preparedTxQuery<{ id: number }>(
          tx,
          `INSERT INTO complaint_external_ref ("complaintId", source, "externalId", "createdAt") VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING id`,
          [complaint.id, ref.source, ref.externalId, now],
        );
        if (!saved) throw AppError.field('input.externalId', `${ref.externalId} is already recorded for another complaint`);
      }
      return complaint;
    });
  }

  private trackingCode(at: Date, seq: number): string {
    const wib = wibWallClock(at);
    const yymm = `${String(wib.getUTCFullYear()).slice(2)}${String(wib.getUTCMonth() + 1).padStart(2, '0')}`;
    return `${this.trackingPrefix}-${yymm}-${String(seq).padStart(5, '0')}`;
  }

  /**
   * Derived from the idempotency key, so a retried submission gets the same code back; only its hash is
   * stored, so checking a code needs no key and codes issued under an earlier key keep working.
   */
  private accessCode(seed: string): string {
    const bytes = crypto.createHmac('sha256', this.accessCodeKey).update(`access:${seed}`).digest();
    return Array.from(bytes.subarray(0, 10), (b) => ACCESS_ALPHABET[b % ACCESS_ALPHABET.length]).join('');
  }

  // ---------- the workflow ----------
  // Each action has one public method per kind of caller (a request's context; a desk, in its
  // transaction; the sweep) and one builder of its change, so what "forward" means is written
  // once. Every method ends in `commit`, which asks the policy again, for every actor.

  /** `note` is for staff only; `publicMessage`, if any, is what the reporter reads (the same for forward, close, archive). */
  verify(ctx: Context, id: string, version: number | null | undefined, note?: string | null, publicMessage?: string | null) {
    const internalNote = optionalText(note, 'note', 1, 2000);
    const message = optionalText(publicMessage, 'publicMessage', 3, 2000);
    return this.change(ctx.viewer, id, version, ComplaintAction.VERIFY, async () => ({
      patch: { status: ComplaintStatus.VERIFIED, progressStage: null },
      events: [{ type: ComplaintEventType.VERIFIED, public: true, message, internalNote }],
    }));
  }

  /** Arsipkan: a report that needs no action (spam, a test) leaves the work lists, kept with its reason. */
  archive(ctx: Context, id: string, version: number | null | undefined, reason: string, publicMessage?: string | null) {
    const why = text(reason, 'reason', 3, 2000);
    const message = optionalText(publicMessage, 'publicMessage', 3, 2000) ?? 'Laporan diarsipkan karena tidak memerlukan tindak lanjut';
    return this.change(ctx.viewer, id, version, ComplaintAction.ARCHIVE, async (_c, now) => ({
      patch: { status: ComplaintStatus.ARCHIVED, closedAt: now, ...NOT_ESCALATED },
      events: [{ type: ComplaintEventType.ARCHIVED, public: true, message, internalNote: why }],
    }));
  }

  reject(ctx: Context, id: string, version: number | null | undefined, reason: string, duplicateOf?: string | null) {
    const why = text(reason, 'reason', 3, 2000);
    return this.change(ctx.viewer, id, version, ComplaintAction.REJECT, async (c, now) => {
      let duplicateOfId: number | null = null;
      if (duplicateOf) {
        const dup = await this.findVisible(ctx.viewer, duplicateOf).catch(() => {
          throw AppError.field('duplicateOf', 'no such complaint in your scope');
        });
        if (dup.id === c.id) throw AppError.field('duplicateOf', 'a complaint cannot duplicate itself');
        duplicateOfId = dup.id;
      }
      return {
        patch: { status: ComplaintStatus.REJECTED, rejectReason: why, duplicateOfId, closedAt: now, ...NOT_ESCALATED },
        events: [{ type: ComplaintEventType.REJECTED, public: true, message: why, data: { duplicateOfId } }],
      };
    });
  }

  /**
   * Digabung: the report is the same as `intoId`. Both timelines record the link, in one
   * transaction; the duplicate's reporter follows the original from then on (trackComplaint).
   */
  merge(ctx: Context, id: string, version: number | null | undefined, intoId: string, reason?: string | null) {
    const why = optionalText(reason, 'reason', 3, 2000);
    const duplicateId = parseId(id, 'id');
    const originalId = parseId(intoId, 'intoId');
    return this.db.transaction(async (tx) => {
      // Both rows locked in one order: two admins merging the pair each way at once wait for
      // each other instead of deadlocking, and the second sees the first's merge.
      await tx.query(`SELECT 1 FROM complaint WHERE id = ANY($1) ORDER BY id FOR UPDATE`, [[duplicateId, originalId]]);
      const original = await this.findVisible(ctx.viewer, originalId).catch(() => {
        throw AppError.field('intoId', 'no such complaint in your scope');
      });
      if (original.duplicateOfId) throw AppError.field('intoId', 'is itself merged into another complaint; merge into that one');
      if (UNHANDLED_ENDS.includes(original.status)) throw AppError.field('intoId', `is ${original.status}; choose a complaint that is handled`);
      const merged = await this.change(
        ctx.viewer,
        id,
        version,
        ComplaintAction.MERGE,
        async (c, now) => {
          if (c.id === original.id) throw AppError.field('intoId', 'a complaint cannot be merged into itself');
          // No chains: the reports merged into this one follow their original, which must stay a handled complaint.
          const [followed] = await tx.query(`SELECT count(*)::int AS n FROM complaint WHERE "duplicateOfId" = $1`, [c.id]);
          if (followed.n > 0) throw AppError.field('id', `has ${followed.n} report(s) merged into it; merge the other complaint into this one instead`);
          return {
            patch: { status: ComplaintStatus.MERGED, duplicateOfId: original.id, closedAt: now, ...NOT_ESCALATED },
            events: [
              {
                type: ComplaintEventType.MERGED,
                public: true,
                message: `Laporan ini sama dengan pengaduan ${original.trackingCode}; perkembangan dan jawabannya tampil di halaman ini`,
                internalNote: why,
                data: { duplicateOfId: original.id },
              },
            ],
          };
        },
        { tx },
      );
      await this.change(
        ctx.viewer,
        original,
        null,
        ComplaintAction.NOTE,
        async () => ({
          patch: {},
          events: [
            {
              type: ComplaintEventType.DUPLICATE_ADDED,
              public: false,
              message: `Laporan ${merged.trackingCode} digabungkan ke pengaduan ini`,
              data: { duplicateId: merged.id },
            },
          ],
        }),
        { tx },
      );
      return merged;
    });
  }

  /**
   * A home visit for an anonymous report: the intake admin opens the reporter's phone and address
   * (nothing else) to the unit handling it now, with a reason, recorded on the timeline.
   */
  revealContact(ctx: Context, id: string, version: number | null | undefined, reason: string) {
    const why = text(reason, 'reason', 5, 2000);
    return this.change(ctx.viewer, id, version, ComplaintAction.REVEAL_CONTACT, async (c, now) => {
      if (!c.anonymous) throw AppError.field('id', 'the reporter is not anonymous: the unit already sees the contact');
      if (c.contactRevealedToOpdId === c.currentOpdId) throw AppError.conflict('The contact is already open to this unit.');
      return {
        patch: { contactRevealedToOpdId: c.currentOpdId, contactRevealedAt: now },
        events: [
          {
            type: ComplaintEventType.CONTACT_REVEALED,
            public: false,
            toOpdId: c.currentOpdId,
            message: `Kontak pelapor (telepon dan alamat) dibuka untuk ${this.org.get(c.currentOpdId!)?.name ?? 'unit penanganan'}`,
            internalNote: why,
          },
        ],
      };
    });
  }

  forward(ctx: Context, id: string, version: number | null | undefined, opdId: string, note?: string | null, publicMessage?: string | null) {
    const targetId = parseId(opdId, 'opdId');
    const internalNote = optionalText(note, 'note', 1, 2000);
    const message = optionalText(publicMessage, 'publicMessage', 3, 2000);
    return this.change(ctx.viewer, id, version, ComplaintAction.FORWARD, async (c, now, tx) => {
      const target = await receivingOpd(tx, targetId, 'opdId');
      if (target.id === c.currentOpdId) throw AppError.field('opdId', `the complaint is already at ${target.name}`);
      return this.forwarding(c, target, await this.responseDue(tx, c, now), { message: message ?? `Diteruskan ke ${target.name}`, internalNote });
    });
  }

  /**
   * A desk's decision: the complaint goes to the responsible unit with the solution, inside the
   * desk's transaction. Never back to the unit holding it (that would only restart its clock);
   * the desk's participants lose sight of it unless they handle it otherwise (releasedByDesk).
   */
  forwardByDesk(viewer: Viewer, c: Complaint, target: Opd, decision: DeskDecision, tx: EntityManager) {
    return this.change(
      viewer,
      c,
      null,
      ComplaintAction.FORWARD,
      async (cur, now, t) => {
        if (target.id === cur.currentOpdId) throw AppError.field(decision.field, `the complaint is already at ${target.name}; choose another unit`);
        const timeline = await t.getRepository(ComplaintEvent).find({
          select: { id: true, type: true, toOpdId: true, data: true },
          where: { complaintId: cur.id },
          order: { id: 'ASC' },
        });
        const released = releasedByDesk(timeline, decision.deskId, target.id);
        return this.forwarding(cur, target, decision.responseDueAt ?? (await this.responseDue(t, cur, now)), {
          stage: ProgressStage.DESK,
          message: decision.publicMessage ?? `Hasil forum desk: pengaduan ditindaklanjuti oleh ${target.name}`,
          internalNote: `Keputusan forum desk "${decision.deskTitle}": ${decision.solution} (penanggung jawab: ${target.name})`,
          data: { deskId: decision.deskId, dueDate: decision.dueDate, ...(released.length ? { releasedOpdIds: released } : {}) },
          release: released,
        });
      },
      { tx },
    );
  }

  private async responseDue(tx: EntityManager, c: Complaint, now: Date): Promise<Date> {
    return this.sla.responseDue(await this.sla.policyFor(tx, c.categoryId), now);
  }

  /**
   * To another structural unit: its response deadline starts. Inside the unit holding it (an Opd
   * and its bidang, OrgDirectory.sameUnit) the unit's deadlines keep running as they were.
   */
  private forwarding(
    c: Complaint,
    target: Opd,
    newResponseDueAt: Date,
    event: { message: string; internalNote?: string | null; stage?: ProgressStage; data?: Record<string, unknown>; release?: number[] },
  ): Change {
    const keepClock = this.org.sameUnit(c.currentOpdId, target.id);
    const responseDueAt = keepClock ? c.responseDueAt : newResponseDueAt;
    return {
      patch: {
        status: ComplaintStatus.FORWARDED,
        currentOpdId: target.id,
        progressStage: event.stage ?? null,
        assigneeId: null,
        handlerOpdIds: [...new Set([...c.handlerOpdIds, target.id])].filter((id) => !event.release?.includes(id)),
        ...(keepClock ? {} : { responseDueAt, followUpDueAt: null, ...NOT_ESCALATED }),
      },
      events: [
        {
          type: ComplaintEventType.FORWARDED,
          public: true,
          stage: event.stage,
          fromOpdId: c.currentOpdId,
          toOpdId: target.id,
          message: event.message,
          internalNote: event.internalNote ?? null,
          data: { responseDueAt, ...event.data },
        },
      ],
    };
  }

  returnToIntake(ctx: Context, id: string, version: number | null | undefined, reason: string) {
    const why = text(reason, 'reason', 3, 2000);
    return this.change(ctx.viewer, id, version, ComplaintAction.RETURN, async (c, now, tx) => {
      const policy = await this.sla.policyFor(tx, c.categoryId);
      const verifyDueAt = await this.sla.verifyDue(policy, now);
      return {
        patch: {
          status: ComplaintStatus.VERIFIED,
          currentOpdId: null,
          assigneeId: null,
          progressStage: null,
          verifyDueAt,
          followUpDueAt: null,
          ...NOT_ESCALATED,
        },
        events: [{ type: ComplaintEventType.RETURNED, public: false, fromOpdId: c.currentOpdId, toOpdId: c.intakeOpdId, message: why }],
      };
    });
  }

  assign(ctx: Context, id: string, version: number | null | undefined, userId: string) {
    const assigneeId = parseId(userId, 'userId');
    return this.change(ctx.viewer, id, version, ComplaintAction.ASSIGN, async (c, _now, tx) => {
      const user = await tx.getRepository(User).findOneBy({ id: assigneeId });
      if (!user || !user.active) throw AppError.field('userId', 'no such active user');
      if (!ASSIGNABLE_ROLES.includes(user.role) || !this.org.isWithin(user.opdId, c.currentOpdId!)) {
        throw AppError.field('userId', 'assign staff of the unit handling the complaint');
      }
      return {
        patch: { assigneeId },
        events: [{ type: ComplaintEventType.ASSIGNED, public: false, message: `Ditugaskan kepada ${user.name}`, data: { assigneeId } }],
      };
    });
  }

  accept(ctx: Context, id: string, version: number | null | undefined) {
    return this.change(ctx.viewer, id, version, ComplaintAction.ACCEPT, async (c, now, tx) => ({
      patch: { status: ComplaintStatus.IN_PROGRESS, progressStage: ProgressStage.VERIFICATION, ...(await this.firstResponse(c, now, tx)) },
      events: [{ type: ComplaintEventType.ACCEPTED, public: true, stage: ProgressStage.VERIFICATION, message: 'Pengaduan diterima dan sedang diverifikasi' }],
    }));
  }

  /**
   * Progress from the unit. Only those who may publish (the head) write to the reporter; a staff
   * member's note is internal until the head publishes it. Unset `isPublic`: public when the
   * viewer may publish.
   */
  addProgress(ctx: Context, id: string, version: number | null | undefined, stage: ProgressStage, note: string, isPublic?: boolean | null) {
    const message = text(note, 'note', 3, 5000);
    const mayPublish = !!ctx.viewer?.permissions.has(Permission.COMPLAINT_PUBLISH);
    return this.change(ctx.viewer, id, version, ComplaintAction.PROGRESS, async (c, now, tx) => {
      // Checked once role and scope passed, so an outsider learns nothing from it.
      if (isPublic && !mayPublish) throw AppError.field('public', REFUSAL_MESSAGES[Permission.COMPLAINT_PUBLISH]!);
      return this.progressing(c, now, tx, { stage, message, isPublic: isPublic ?? mayPublish });
    });
  }

  /** The head publishes a staff member's internal progress note (as written, or edited) to the reporter. */
  publishProgress(ctx: Context, id: string, version: number | null | undefined, eventId: string, edited?: string | null) {
    const sourceId = parseId(eventId, 'eventId');
    const rewritten = optionalText(edited, 'message', 3, 5000);
    return this.change(ctx.viewer, id, version, ComplaintAction.PUBLISH, async (c, now, tx) => {
      const source = await tx.getRepository(ComplaintEvent).findOneBy({ id: sourceId, complaintId: c.id });
      if (!source || source.type !== ComplaintEventType.PROGRESS || source.public) {
        throw AppError.field('eventId', 'must be an internal progress note of this complaint');
      }
      const [published] = await tx.query(`SELECT 1 FROM complaint_event WHERE "complaintId" = $1 AND data->>'publishedFrom' = $2 LIMIT 1`, [
        c.id,
        String(sourceId),
      ]);
      if (published) throw AppError.field('eventId', 'this note is already published');
      return this.progressing(c, now, tx, {
        stage: source.stage ?? c.progressStage ?? ProgressStage.IN_WORK,
        message: rewritten ?? source.message ?? '',
        isPublic: true,
        data: { publishedFrom: sourceId },
      });
    });
  }

  /** Staff (or the head) draft the answer; only the head sends it (respond, which may start from this draft). */
  draftAnswer(ctx: Context, id: string, version: number | null | undefined, answer: string) {
    const body = text(answer, 'answer', 10, 10000);
    return this.change(ctx.viewer, id, version, ComplaintAction.DRAFT, async (_c, now) => ({
      patch: { answerDraft: body, answerDraftById: ctx.viewer!.userId, answerDraftAt: now },
      events: [{ type: ComplaintEventType.ANSWER_DRAFTED, public: false, message: body }],
    }));
  }

  // ---------- dialogue with the reporter, hold ----------

  /** "Menunggu informasi pelapor": the question reaches the reporter; the deadlines pause until the reply or the limit. */
  askReporter(ctx: Context, id: string, version: number | null | undefined, question: string) {
    const q = text(question, 'question', 10, 2000);
    return this.change(ctx.viewer, id, version, ComplaintAction.ASK_REPORTER, async (c, now, tx) => {
      if (c.pausedAt) throw AppError.conflict(this.pausedWords(c));
      const until = await this.sla.autoCloseAt(await this.sla.policyFor(tx, c.categoryId), now);
      return {
        patch: { pausedAt: now, pauseKind: PauseKind.AWAITING_REPORTER, pauseReason: q, pauseUntil: until },
        events: [{ type: ComplaintEventType.INFO_REQUESTED, public: true, message: q, data: { until } }],
      };
    });
  }

  /** Tunda: the deadlines stop until an intake admin resumes; the reporter sees the reason. */
  hold(ctx: Context, id: string, version: number | null | undefined, reason: string) {
    const why = text(reason, 'reason', 5, 2000);
    return this.change(ctx.viewer, id, version, ComplaintAction.HOLD, async (c, now) => {
      if (c.pauseKind === PauseKind.ON_HOLD) throw AppError.conflict(this.pausedWords(c));
      // A hold over a question to the reporter keeps the pause's start: the time already paused still counts as paused.
      return {
        patch: { pausedAt: c.pausedAt ?? now, pauseKind: PauseKind.ON_HOLD, pauseReason: why, pauseUntil: null },
        events: [{ type: ComplaintEventType.HELD, public: true, message: why }],
      };
    });
  }

  resume(ctx: Context, id: string, version: number | null | undefined, note?: string | null) {
    const message = optionalText(note, 'note', 3, 2000);
    return this.change(ctx.viewer, id, version, ComplaintAction.RESUME, async (c, now) => this.resuming(c, now, message ?? 'Penanganan dilanjutkan'));
  }

  /** The reporter's reply or added information; it ends a wait for the reporter (not a hold). */
  async replyByCitizen(trackingCode: string, accessCode: string, reply: string) {
    const body = text(reply, 'message', 3, 2000);
    const c = await this.byAccessCode(trackingCode, accessCode);
    return this.commit(c, null, ComplaintAction.REPLY, CITIZEN, async (cur, now) => ({
      patch: cur.pauseKind === PauseKind.AWAITING_REPORTER ? unpaused(cur, now) : {},
      events: [{ type: ComplaintEventType.REPORTER_REPLIED, public: true, message: body, data: { answered: cur.pauseKind === PauseKind.AWAITING_REPORTER } }],
    }));
  }

  /** The sweep: the time allowed for the reporter's reply passed; the deadlines run again. */
  resumeUnanswered(c: Complaint): Promise<Complaint> {
    return this.commit(c, c.version, ComplaintAction.RESUME, SYSTEM, async (cur, now) => {
      if (cur.pauseKind !== PauseKind.AWAITING_REPORTER || !cur.pauseUntil || cur.pauseUntil.getTime() > now.getTime()) {
        throw AppError.conflict(`Complaint ${cur.trackingCode} is not waiting past its limit.`);
      }
      return this.resuming(cur, now, 'Batas waktu menunggu informasi pelapor berakhir; penanganan dilanjutkan');
    });
  }

  private resuming(c: Complaint, now: Date, message: string): Change {
    if (!c.pausedAt) throw AppError.conflict('The complaint is not paused.');
    return {
      patch: unpaused(c, now),
      events: [{ type: ComplaintEventType.RESUMED, public: true, message, data: { pausedSince: c.pausedAt, kind: c.pauseKind } }],
    };
  }

  private pausedWords(c: Complaint): string {
    return c.pauseKind === PauseKind.ON_HOLD ? 'The complaint is on hold; resume it first.' : 'The complaint already awaits the reporter’s reply.';
  }

  /**
   * A desk takes the complaint up: public progress at stage DESK, its participants become handlers
   * until it concludes (forwardByDesk). Not a response: the running deadline stays (convenesDesk).
   */
  takeToDesk(viewer: Viewer, c: Complaint, desk: { id: number; title: string; participantOpdIds: number[] }, tx: EntityManager) {
    const names = desk.participantOpdIds
      .map((id) => this.org.get(id)?.name)
      .filter(Boolean)
      .join(', ');
    return this.change(
      viewer,
      c,
      null,
      ComplaintAction.PROGRESS,
      async (cur, now, t) =>
        this.progressing(cur, now, t, {
          stage: ProgressStage.DESK,
          isPublic: true,
          response: false,
          handlers: desk.participantOpdIds,
          message: `Dibahas dalam forum desk "${desk.title}" bersama ${names || 'unit terkait'}`,
          data: { deskId: desk.id, participantOpdIds: desk.participantOpdIds },
        }),
      { tx },
    );
  }

  private async progressing(
    c: Complaint,
    now: Date,
    tx: EntityManager,
    p: { stage: ProgressStage; message: string; isPublic: boolean; response?: boolean; handlers?: number[]; data?: Record<string, unknown> },
  ): Promise<Change> {
    return {
      patch: {
        status: ComplaintStatus.IN_PROGRESS,
        progressStage: p.stage,
        ...(p.isPublic && p.response !== false ? await this.firstResponse(c, now, tx) : {}),
        ...(p.handlers ? { handlerOpdIds: [...new Set([...c.handlerOpdIds, ...p.handlers])] } : {}),
      },
      events: [{ type: ComplaintEventType.PROGRESS, public: p.isPublic, stage: p.stage, message: p.message, ...(p.data ? { data: p.data } : {}) }],
    };
  }

  /** The head an overdue complaint was escalated to reminds the unit holding it (or the intake) to act. */
  remind(ctx: Context, id: string, version: number | null | undefined, note?: string | null) {
    const message = note?.trim() ? text(note, 'note', 3, 2000) : null;
    return this.change(ctx.viewer, id, version, ComplaintAction.REMIND, async (c) => ({
      patch: {},
      events: [
        {
          type: ComplaintEventType.REMINDED,
          public: false,
          fromOpdId: c.escalatedToOpdId,
          toOpdId: holderOpdId(c),
          message: message ?? `Pengingat: segera tindak lanjuti pengaduan ini (${c.escalationReason ?? 'terlambat'})`,
        },
      ],
    }));
  }

  addInternalNote(ctx: Context, id: string, version: number | null | undefined, note: string) {
    const message = text(note, 'note', 1, 5000);
    return this.change(ctx.viewer, id, version, ComplaintAction.NOTE, async () => this.noting(message));
  }

  /** A desk's minutes on the timeline of each complaint it discussed (internal). */
  noteDeskMinutes(viewer: Viewer, c: Complaint, desk: { id: number; title: string }, minutes: string, tx: EntityManager) {
    return this.change(
      viewer,
      c,
      null,
      ComplaintAction.NOTE,
      async () => this.noting(`Notulen forum desk "${desk.title}": ${minutes.slice(0, 500)}`, { deskId: desk.id }),
      { tx },
    );
  }

  /**
   * Files joined the complaint (AttachmentService, inside its transaction `tx`, which then links
   * the rows to the returned `lastEventId`). The message counts them and never names them: an
   * identity document's name is not for everyone who reads the timeline.
   */
  recordAttached(
    viewer: Viewer | null,
    id: number,
    version: number | null | undefined,
    files: { ids: number[]; isPublic: boolean; forEvent: Pick<ComplaintEvent, 'id' | 'type'> | null },
    tx: EntityManager,
  ): Promise<Complaint> {
    const n = files.ids.length;
    const where = files.forEvent ? (files.forEvent.type === ComplaintEventType.RESPONDED ? ' pada jawaban' : ' pada perkembangan penanganan') : '';
    return this.change(
      viewer,
      id,
      version,
      ComplaintAction.ATTACH,
      async () => ({
        patch: {},
        events: [
          {
            type: ComplaintEventType.ATTACHMENT_ADDED,
            public: files.isPublic,
            message: `${n} lampiran ditambahkan${where}`,
            data: { attachmentIds: files.ids, ...(files.forEvent ? { forEventId: files.forEvent.id } : {}) },
          },
        ],
      }),
      { tx },
    );
  }

  /**
   * The reporter's own photos joined the complaint (AttachmentService.attachByReporter, inside its
   * transaction): while a reply would be taken, never once the complaint ended. Internal, like the
   * files: staff who may read the complaint see them.
   */
  recordAttachedByReporter(c: Complaint, ids: number[], tx: EntityManager): Promise<Complaint> {
    nextStatus(c.status, ComplaintAction.REPLY);
    return this.commit(
      c,
      null,
      ComplaintAction.ATTACH,
      CITIZEN,
      async () => ({
        patch: {},
        events: [
          { type: ComplaintEventType.ATTACHMENT_ADDED, public: false, message: `${ids.length} foto dari pelapor ditambahkan`, data: { attachmentIds: ids } },
        ],
      }),
      { tx },
    );
  }

  /** A file's bytes are deleted (after the commit, by AttachmentService); who and why stay on the timeline. */
  recordAttachmentRemoved(
    viewer: Viewer | null,
    id: number,
    version: number | null | undefined,
    file: { id: number; isPublic: boolean },
    reason: string,
    tx: EntityManager,
  ): Promise<Complaint> {
    return this.change(
      viewer,
      id,
      version,
      ComplaintAction.ATTACH,
      async () => ({
        patch: {},
        events: [
          {
            type: ComplaintEventType.ATTACHMENT_REMOVED,
            public: file.isPublic,
            message: 'Lampiran dihapus',
            internalNote: reason,
            data: { attachmentId: file.id },
          },
        ],
      }),
      { tx },
    );
  }

  private noting(message: string, data?: Record<string, unknown>): Change {
    return { patch: {}, events: [{ type: ComplaintEventType.INTERNAL_NOTE, public: false, message, ...(data ? { data } : {}) }] };
  }

  /** The central rule is enforced for every caller in `commit`, by the policy (ACTION_RULES.RESPOND). */
  respond(ctx: Context, id: string, version: number | null | undefined, answer?: string | null) {
    const given = optionalText(answer, 'answer', 10, 10000);
    return this.change(
      ctx.viewer,
      id,
      version,
      ComplaintAction.RESPOND,
      async (c, now, tx) => {
        // Without an answer the head approves the staff's draft as it stands.
        const body = given ?? c.answerDraft;
        if (!body) throw AppError.field('answer', 'is required: write the answer, or approve a drafted one');
        const policy = await this.sla.policyFor(tx, c.categoryId);
        const events: EventSpec[] = [];
        const accepting = c.status === ComplaintStatus.FORWARDED;
        if (accepting) {
          events.push({
            type: ComplaintEventType.ACCEPTED,
            public: true,
            stage: ProgressStage.VERIFICATION,
            fromStatus: c.status,
            toStatus: ComplaintStatus.IN_PROGRESS,
          });
        }
        events.push({
          type: ComplaintEventType.RESPONDED,
          public: true,
          message: body,
          ...(c.answerDraft ? { data: { draftedById: c.answerDraftById, edited: body !== c.answerDraft } } : {}),
          fromStatus: ComplaintStatus.IN_PROGRESS,
          toStatus: ComplaintStatus.RESPONDED,
        });
        return {
          patch: {
            status: ComplaintStatus.RESPONDED,
            answer: body,
            respondedAt: now,
            firstResponseAt: c.firstResponseAt ?? now,
            answerDraft: null,
            answerDraftById: null,
            answerDraftAt: null,
            ...(accepting ? { progressStage: ProgressStage.VERIFICATION } : {}),
            ...NOT_ESCALATED,
            autoCloseAt: await this.sla.autoCloseAt(policy, now),
          },
          events,
        };
      },
      { statusFor: (c) => (c.status === ComplaintStatus.FORWARDED ? ComplaintStatus.IN_PROGRESS : c.status) },
    );
  }

  close(ctx: Context, id: string, version: number | null | undefined, note?: string | null, publicMessage?: string | null) {
    const internalNote = optionalText(note, 'note', 1, 2000);
    const message = optionalText(publicMessage, 'publicMessage', 3, 2000);
    return this.change(ctx.viewer, id, version, ComplaintAction.CLOSE, async (_c, now) => ({
      patch: { status: ComplaintStatus.CLOSED, closedAt: now, autoCloseAt: null, ...NOT_ESCALATED },
      events: [{ type: ComplaintEventType.CLOSED, public: true, message, internalNote }],
    }));
  }

  reopen(ctx: Context, id: string, version: number | null | undefined, reason: string) {
    const why = text(reason, 'reason', 3, 2000);
    return this.change(ctx.viewer, id, version, ComplaintAction.REOPEN, (c, now, tx) => this.reopening(c, now, tx, why));
  }

  /** Reopening starts the unit's clocks again: a new response deadline and a new settlement limit. */
  private async reopening(c: Complaint, now: Date, tx: EntityManager, why: string): Promise<Change> {
    const policy = await this.sla.policyFor(tx, c.categoryId);
    const responseDueAt = await this.sla.responseDue(policy, now);
    const settleDueAt = await this.sla.settleDue(policy, now);
    return {
      patch: {
        status: ComplaintStatus.IN_PROGRESS,
        autoCloseAt: null,
        responseDueAt,
        followUpDueAt: null,
        settleDueAt,
      },
      events: [{ type: ComplaintEventType.REOPENED, public: true, message: why, data: { responseDueAt, settleDueAt } }],
    };
  }

  /**
   * A reporter who lost the access code gets a new one at the phone or e-mail on file, and the
   * old one stops working. The answer is the same whether or not the complaint or a contact
   * exists, so the page reveals neither; without a channel to send by, nothing changes.
   */
  async renewAccessCode(trackingCode: string): Promise<void> {
    const code = String(trackingCode ?? '')
      .trim()
      .toUpperCase();
    if (!code) throw AppError.field('trackingCode', 'is required');
    const c = await this.db.getRepository(Complaint).findOneBy({ trackingCode: code });
    if (!c || !((this.notices.email && c.reporterEmail) || (this.notices.phone && c.reporterPhone))) return;
    const accessCode = this.accessCode(crypto.randomBytes(16).toString('hex'));
    await this.commit(c, null, ComplaintAction.RENEW_ACCESS_CODE, CITIZEN, async () => ({
      patch: { accessCodeHash: hash(accessCode) },
      events: [{ type: ComplaintEventType.ACCESS_CODE_RENEWED, public: false, message: 'Kode akses baru dikirim ke kontak pelapor', secret: accessCode }],
    }));
  }

  /**
   * What an external app submitted, newest first: never another app's, a citizen's or a
   * confidential complaint (those stay out of every external query).
   */
  async submissionsOf(clientId: number, args: ListArgs, status: ComplaintStatus | null): Promise<Page<Complaint>> {
    const { offset, limit } = checkPaging(args);
    const q = this.db
      .getRepository(Complaint)
      .createQueryBuilder('c')
      .where('c."apiClientId" = :clientId AND NOT c.confidential', { clientId })
      .orderBy('c.id', 'DESC')
      .skip(offset)
      .take(limit);
    if (status) q.andWhere('c.status = :status', { status });
    const [items, total] = await q.getManyAndCount();
    return { items, total };
  }

  async submissionOf(clientId: number, trackingCode: string): Promise<Complaint> {
    const c = await this.db.getRepository(Complaint).findOneBy({ trackingCode: String(trackingCode).trim().toUpperCase(), apiClientId: clientId });
    if (!c || c.confidential) throw AppError.notFound('Complaint submitted by this app', trackingCode);
    return c;
  }

  /** A citizen acting with the tracking code and access code given at submission. */
  async byAccessCode(trackingCode: string, accessCode: string): Promise<Complaint> {
    const c = await this.db.getRepository(Complaint).findOneBy({ trackingCode: String(trackingCode).trim().toUpperCase() });
    const ok = c && crypto.timingSafeEqual(Buffer.from(c.accessCodeHash), Buffer.from(hash(String(accessCode).trim().toUpperCase())));
    if (!c || !ok) throw AppError.notFound('Complaint with this tracking code and access code');
    return c;
  }

  async reopenByCitizen(ctx: Context, trackingCode: string, accessCode: string, reason: string) {
    const why = text(reason, 'reason', 3, 2000);
    const c = await this.byAccessCode(trackingCode, accessCode);
    return this.commit(c, null, ComplaintAction.REOPEN, CITIZEN, (cc, now, tx) => this.reopening(cc, now, tx, why));
  }

  async rate(ctx: Context, trackingCode: string, accessCode: string, score: number, comment?: string | null) {
    if (!Number.isInteger(score) || score < 1 || score > 5) throw AppError.field('score', 'must be a whole number from 1 to 5');
    const remark = comment ? text(comment, 'comment', 0, 2000) : null;
    const c = await this.byAccessCode(trackingCode, accessCode);
    return this.commit(c, null, ComplaintAction.RATE, CITIZEN, async (cur, now) => {
      if (cur.ratedAt && cur.respondedAt && cur.ratedAt.getTime() >= cur.respondedAt.getTime()) {
        throw AppError.conflict('You already rated this answer; a complaint is rated once per answer.');
      }
      return {
        patch: { rating: score, ratingComment: remark, ratedAt: now },
        events: [{ type: ComplaintEventType.RATED, public: true, message: remark, data: { rating: score } }],
      };
    });
  }

  // ---------- what the deadline sweep does ----------

  /**
   * A deadline passed: OVERDUE on the timeline, ESCALATED to a person (EscalationDirectory: the
   * parent's head, a rule, or the coordinator), who then sees it, may remind, re-route or take it over.
   */
  markOverdue(c: Complaint): Promise<Complaint> {
    return this.commit(c, c.version, ComplaintAction.MARK_OVERDUE, SYSTEM, async (cur, now) => {
      if (!cur.dueAt || cur.dueAt.getTime() > now.getTime() || cur.overdueNotified) {
        throw AppError.conflict(`Complaint ${cur.trackingCode} has no passed deadline to report.`);
      }
      const responsible = holderOpdId(cur);
      const target = await this.escalations.targetFor(responsible);
      const deadline = runningDeadlineKind(cur);
      const reason = `Melewati batas waktu ${DEADLINE_WORDS[deadline]}`;
      return {
        patch: {
          overdueNotified: true,
          ...(target
            ? {
                escalatedToOpdId: target.id,
                escalatedAt: now,
                escalationReason: reason,
                handlerOpdIds: [...new Set([...cur.handlerOpdIds, target.id])],
              }
            : {}),
        },
        events: [
          {
            type: ComplaintEventType.OVERDUE,
            public: false,
            fromOpdId: responsible,
            message: reason,
            data: { dueAt: cur.dueAt, deadline },
          },
          ...(target
            ? [
                {
                  type: ComplaintEventType.ESCALATED,
                  public: false,
                  fromOpdId: responsible,
                  toOpdId: target.id,
                  message: `Dieskalasi ke ${target.name}`,
                  // The head it reaches sees the complaint from now on (replayComplaint).
                  data: { handler: true },
                },
              ]
            : []),
        ],
      };
    });
  }

  /** Nobody replied to the answer in time: the complaint closes itself. */
  autoClose(c: Complaint): Promise<Complaint> {
    return this.commit(c, c.version, ComplaintAction.AUTO_CLOSE, SYSTEM, async (cur, now) => {
      if (!cur.autoCloseAt || cur.autoCloseAt.getTime() > now.getTime()) throw AppError.conflict(`Complaint ${cur.trackingCode} is not due to close yet.`);
      return {
        // The commit's own time, the same as the AUTO_CLOSED event's, so the row replays from its events.
        patch: { status: ComplaintStatus.CLOSED, closedAt: now, autoCloseAt: null },
        events: [{ type: ComplaintEventType.AUTO_CLOSED, public: true, message: 'Ditutup otomatis: tidak ada tanggapan lanjutan' }],
      };
    });
  }

  /**
   * The unit's first response in its episode ends the response deadline and starts the follow-up
   * one (until the answer, never later than the settlement limit); later responses change nothing.
   */
  private async firstResponse(c: Complaint, now: Date, tx: EntityManager): Promise<Partial<Complaint>> {
    if (c.followUpDueAt) return { firstResponseAt: c.firstResponseAt ?? now };
    const followUpDueAt = await this.sla.followUpDue(await this.sla.policyFor(tx, c.categoryId), now);
    return { firstResponseAt: c.firstResponseAt ?? now, followUpDueAt };
  }

  // ---------- the one write path ----------

  /** A staff member's action: role and scope, the caller's version, the status machine and the side, in that order. */
  private async change(
    viewer: Viewer | null,
    target: string | number | Complaint,
    version: number | null | undefined,
    action: StaffAction,
    build: Build,
    opts: { statusFor?: (c: Complaint) => ComplaintStatus; tx?: EntityManager } = {},
  ): Promise<Complaint> {
    await this.org.ready();
    const c = typeof target === 'object' ? target : await this.byId(target);
    if (!c) throw AppError.notFound('Complaint', target as string);
    // Role and scope first; then the caller's (possibly stale) view and the status machine,
    // so those are reported as CONFLICT / INVALID_TRANSITION; then the side it stands on.
    this.policy.assertMayAct(viewer, action, c);
    this.checkVersion(c, version);
    nextStatus(opts.statusFor?.(c) ?? c.status, action);
    return this.commit(c, version, action, { viewer }, build, opts);
  }

  private checkVersion(c: Complaint, version: number | null | undefined): void {
    if (version != null && version !== c.version) {
      throw AppError.conflict(`The complaint changed since you loaded it (version ${c.version}, yours ${version}); reload and try again.`);
    }
  }

  /**
   * The only place a complaint changes: the policy for whoever acts, the transition, then the
   * row (if nobody changed it meanwhile) and its events in one statement. `tx` joins a caller's
   * transaction (a desk and its complaints change together).
   */
  private async commit(
    c: Complaint,
    version: number | null | undefined,
    action: ComplaintAction,
    actor: Actor,
    build: Build,
    opts: { statusFor?: (c: Complaint) => ComplaintStatus; tx?: EntityManager } = {},
  ): Promise<Complaint> {
    this.policy.assertActor(actor.viewer, actor.label, action, c);
    this.checkVersion(c, version);
    const to = nextStatus(opts.statusFor?.(c) ?? c.status, action);
    const now = this.clock();
    const run = <R>(work: (tx: EntityManager) => Promise<R>) => (opts.tx ? work(opts.tx) : this.db.transaction(work));
    return run(async (tx) => {
      const { patch, events } = await build(c, now, tx);
      // An action that moves the complaint on ends a pause; the deadlines it does not set move on by the time paused.
      const resumed = c.pausedAt && !PAUSE_KEEPS.has(action) && !('pausedAt' in patch) ? unpaused(c, now, patch) : {};
      const merged = { ...c, ...patch, ...resumed, status: patch.status ?? to };
      // The timeline says the pause ended as plainly as when someone resumes it by hand.
      const resumedEvent: EventSpec[] =
        'pausedAt' in resumed
          ? [
              {
                type: ComplaintEventType.RESUMED,
                public: true,
                message: 'Penanganan dilanjutkan',
                data: { pausedSince: c.pausedAt, kind: c.pauseKind, by: action },
              },
            ]
          : [];
      // The running deadline follows from the others; a new one has not been reported overdue yet.
      const dueAt = runningDue(merged);
      const overdueNotified = dueAt?.getTime() === c.dueAt?.getTime() ? merged.overdueNotified : false;
      const next = tx.getRepository(Complaint).create({ ...merged, dueAt, overdueNotified, version: c.version + 1, updatedAt: now });
      // Never the tracking code: it does not change, and rewriting a unique column (the search trigger
      // re-forms the row) would take a key lock that waits for anyone merely referencing the complaint.
      const { id: _id, createdAt: _created, lastEventId: _last, trackingCode: _code, ...columns } = next;
      const update = tx
        .createQueryBuilder()
        .update(Complaint)
        .set({ ...columns, lastEventId: () => '(SELECT max(id) FROM ev)' })
        .where('id = :id AND version = :version', { id: c.id, version: c.version })
        .getQueryAndParameters();
      const { lastEventId, written } = await this.appendEvents(
        tx,
        c,
        actor,
        now,
        [...resumedEvent, ...events].map((e) => ({
          fromStatus: c.status,
          toStatus: next.status,
          ...e,
        })),
        update,
        next,
      );
      if (!written) throw AppError.conflict('Someone else changed this complaint at the same moment; reload and try again.');
      next.lastEventId = lastEventId;
      return next;
    });
  }

  /**
   * The events in one statement, with the handling episodes they open, answer or end
   * (complaint_handling), so the report's table can never disagree with the timeline, and the
   * notifications they cause (the outbox), so none is sent for a change that did not commit.
   * `write`, a statement and its parameters, runs in the same statement (one round trip less)
   * and may read the last new event's id as `(SELECT max(id) FROM ev)`; `written` is how
   * many rows it changed.
   */
  private async appendEvents(
    tx: EntityManager,
    c: Complaint,
    actor: Actor,
    at: Date,
    specs: EventSpec[],
    write?: [string, unknown[]],
    after: Complaint = c,
  ): Promise<{ lastEventId: number; written: number }> {
    const params: unknown[] = write ? [...write[1]] : [];
    const p = (v: unknown) => `$${params.push(v)}`;
    const values = specs.map((e) => {
      const data = { ...(e.data ?? {}), ...(actor.label ? { actor: actor.label } : {}) };
      return `(${[
        c.id,
        e.type,
        actor.viewer?.userId ?? null,
        actor.viewer?.role ?? null,
        e.fromStatus ?? null,
        e.toStatus ?? null,
        e.fromOpdId ?? null,
        e.toOpdId ?? null,
        e.stage ?? null,
        e.message ?? null,
        e.internalNote ?? null,
        e.public,
        JSON.stringify(data),
        at,
      ]
        .map(p)
        .join(', ')})`;
    });
    const ctes = [
      `ev AS (INSERT INTO complaint_event ("complaintId", type, "actorId", "actorRole", "fromStatus", "toStatus", "fromOpdId", "toOpdId", stage, message, "internalNote", public, data, "createdAt")
         VALUES ${values.join(', ')} RETURNING id, type, "complaintId", "actorId", "createdAt", "fromOpdId", "toOpdId", data)`,
      ...handlingSteps(c, at, specs, p, after),
    ];
    if (write) ctes.push(`w AS (${write[0]} RETURNING 1)`);
    const unitName = (opdId: number) => this.org.get(opdId)?.name ?? null;
    let notices = notificationsFor(c, specs, this.notices, NO_OVERRIDES, unitName);
    // The superadmin's texts as this transaction sees them: an edit counts from its commit, in every process.
    if (notices.length) notices = notificationsFor(c, specs, this.notices, await readOverrides(tx), unitName);
    // Last: the long outbox text would push the row's UPDATE past what pg_stat_activity shows of a statement.
    ctes.push(...outboxSteps(notices, actor.viewer?.userId ?? null, at, p, this.notices.quietHours ?? null, this.notices.staffChannels ?? []));
    ctes.push(...webhookSteps(after, specs, at, p, (opdId) => (opdId ? (this.org.get(opdId)?.name ?? null) : null)));
    const [{ id, written }] = await preparedTxQuery<{ id: number; written: string }>(
      tx,
      `WITH ${ctes.join(', ')} SELECT (SELECT max(id) FROM ev) AS id, ${write ? '(SELECT count(*) FROM w)' : '0'} AS written`,
      params,
    );
    return { lastEventId: Number(id), written: Number(written) };
  }
}
