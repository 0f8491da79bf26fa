import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { ApiClient } from '../api-clients/api-client.entity';
import { Category } from '../categories/category.entity';
import { Opd } from '../opds/opd.entity';
import { Program } from '../programs/program.entity';
import { ServicePost } from '../service-posts/service-post.entity';
import { User } from '../users/user.entity';
import { Role } from '../../auth/roles';
import { Channel, ComplaintEventType, ComplaintStatus, ComplaintType, PauseKind, ProgressStage } from './complaint.enums';

registerEnumType(ComplaintType, { name: 'ComplaintType', description: 'Pengaduan, aspirasi or permintaan informasi (SP4N-LAPOR!)' });
registerEnumType(Channel, { name: 'Channel', description: 'Where the complaint came in' });
registerEnumType(ComplaintStatus, { name: 'ComplaintStatus' });
registerEnumType(ProgressStage, { name: 'ProgressStage', description: 'verifikasi, cek lapangan, pengerjaan, forum desk' });
registerEnumType(ComplaintEventType, { name: 'ComplaintEventType' });
registerEnumType(PauseKind, { name: 'PauseKind', description: 'Menunggu informasi pelapor, or Tunda' });

const numeric = { from: (v: string | null) => (v == null ? null : Number(v)), to: (v: number | null) => v };

/**
 * A complaint as it stands now. Every change also appends a ComplaintEvent in the same
 * transaction; `replayComplaint` rebuilds the workflow state from those events.
 * Reporter fields are masked by ComplaintPolicy in the resolver, never here.
 */
@ObjectType({ description: 'A complaint, aspiration or information request and where it stands.' })
@Entity('complaint')
// Lists are pages of the newest first, filtered by status, unit or category (see bench/README.md);
// the intake Opd rides along so the report counts a quarter's intake from the index alone.
@Index(['createdAt', 'intakeOpdId'])
@Index(['status', 'createdAt'])
@Index(['currentOpdId', 'status', 'createdAt'])
@Index(['intakeOpdId', 'status', 'createdAt'])
@Index(['categoryId', 'status', 'createdAt'])
// The sweep and the overdue filter walk the deadline; the report counts what is overdue per Opd from the index alone.
@Index(['dueAt', 'currentOpdId', 'intakeOpdId'])
@Index(['idempotencyScope', 'idempotencyKey'], { unique: true, where: '"idempotencyKey" IS NOT NULL' })
// Each sort and filter the console offers, at 1M complaints (issue #23, bench/README.md): the page in index order.
@Index(['type', 'createdAt'])
@Index(['progressStage', 'createdAt'])
@Index(['channel', 'createdAt'])
@Index(['updatedAt'])
@Index(['title', 'id'])
@Index(['status', 'id'])
@Index(['responseDueAt'])
@Index(['verifyDueAt'])
export class Complaint {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => String, { description: 'Human-readable tracking id, e.g. MGL-2611-00042' })
  @Index({ unique: true })
  // varchar_pattern_ops, by hand (ComplaintTally migration): a code or its prefix found whatever the collation.
  @Index('IDX_complaint_tracking_prefix', { synchronize: false })
  @Column({ type: 'varchar', length: 30 })
  trackingCode: string;

  @Field(() => ComplaintType)
  @Column({ type: 'varchar', length: 30 })
  type: ComplaintType;

  @Field(() => Channel)
  @Column({ type: 'varchar', length: 20 })
  channel: Channel;

  @Field(() => String)
  // A trigram (pg_trgm) GIN index, written by hand in the DuplicateSearch migration: looking for duplicates by similar titles.
  @Index('IDX_complaint_title_trgm', { synchronize: false })
  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Field(() => String)
  @Column({ type: 'text' })
  description: string;

  /**
   * What the list's `q` searches, as words (complaint-search.ts), kept by a trigger (SearchVector
   * migration) so a search checks its matches without reading their text again; an anonymous
   * reporter's name is never in it. Never read into the entity.
   */
  @Index('IDX_complaint_search', { synchronize: false })
  @Column({ type: 'tsvector', select: false, insert: false, update: false })
  searchVector?: string;

  @Field(() => ID, { nullable: true })
  @Index()
  @Column({ type: 'int', nullable: true })
  categoryId: number | null;

  @ManyToOne(() => Category, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'categoryId' })
  category?: Category | null;

  @Field(() => ID, { nullable: true })
  @Index()
  @Column({ type: 'int', nullable: true })
  programId: number | null;

  @ManyToOne(() => Program, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'programId' })
  program?: Program | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 300, nullable: true })
  address: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 5, nullable: true })
  rt: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 5, nullable: true })
  rw: string | null;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'int', nullable: true })
  kelurahanId: number | null;

  @ManyToOne(() => Opd, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'kelurahanId' })
  kelurahan?: Opd | null;

  @Field(() => Float, { nullable: true })
  @Column({ type: 'numeric', precision: 9, scale: 6, nullable: true, transformer: numeric })
  latitude: number | null;

  @Field(() => Float, { nullable: true })
  @Column({ type: 'numeric', precision: 9, scale: 6, nullable: true, transformer: numeric })
  longitude: number | null;

  // Full-text GIN over anonymous reporters' names only (by hand): found by `q` only for those who may see them.
  @Index('IDX_complaint_anonymous_name', { synchronize: false })
  @Column({ type: 'varchar', length: 200, nullable: true })
  reporterName: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  reporterNik: string | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  reporterPhone: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  reporterEmail: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  reporterAddress: string | null;

  @Field(() => Boolean, { description: 'Anonim: identity hidden from everyone but the intake Opd’s admins and officers.' })
  @Column({ type: 'boolean', default: false })
  anonymous: boolean;

  @Field(() => Boolean, { description: 'Rahasia: never shown in public or external queries.' })
  @Column({ type: 'boolean', default: false })
  confidential: boolean;

  @Field(() => Boolean, { description: 'The reporter wants updates at the phone or e-mail given; the receipt and a requested access code go regardless.' })
  @Column({ type: 'boolean', default: true })
  notifyReporter: boolean;

  @Field(() => ComplaintStatus)
  @Column({ type: 'varchar', length: 20 })
  status: ComplaintStatus;

  @Field(() => ProgressStage, { nullable: true })
  @Column({ type: 'varchar', length: 20, nullable: true })
  progressStage: ProgressStage | null;

  @Field(() => ID)
  @Column({ type: 'int' })
  intakeOpdId: number;

  @ManyToOne(() => Opd, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'intakeOpdId' })
  intakeOpd?: Opd;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'int', nullable: true })
  currentOpdId: number | null;

  @ManyToOne(() => Opd, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'currentOpdId' })
  currentOpd?: Opd | null;

  /** Every Opd the complaint was ever forwarded to: units keep seeing what they handled. */
  @Index('IDX_complaint_handlers', { synchronize: false })
  @Column({ type: 'int', array: true, default: () => "'{}'" })
  handlerOpdIds: number[];

  @Field(() => ID, { nullable: true })
  @Index()
  @Column({ type: 'int', nullable: true })
  assigneeId: number | null;

  @ManyToOne(() => User, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assigneeId' })
  assignee?: User | null;

  @Field(() => ID, { nullable: true })
  @Index()
  @Column({ type: 'int', nullable: true })
  recordedById: number | null;

  @ManyToOne(() => User, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recordedById' })
  recordedBy?: User | null;

  @Field(() => ID, { nullable: true })
  @Index()
  @Column({ type: 'int', nullable: true })
  servicePostId: number | null;

  @ManyToOne(() => ServicePost, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'servicePostId' })
  servicePost?: ServicePost | null;

  @Field(() => ID, { nullable: true, description: 'The external app whose API key submitted it.' })
  @Index({ where: '"apiClientId" IS NOT NULL' })
  @Column({ type: 'int', nullable: true })
  apiClientId: number | null;

  @ManyToOne(() => ApiClient, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'apiClientId' })
  apiClient?: ApiClient | null;

  @Field(() => ID, { nullable: true, description: 'The complaint this one duplicates (merged or rejected as a duplicate).' })
  @Index({ where: '"duplicateOfId" IS NOT NULL' })
  @Column({ type: 'int', nullable: true })
  duplicateOfId: number | null;

  @ManyToOne(() => Complaint, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'duplicateOfId' })
  duplicateOf?: Complaint | null;

  @Field(() => Date, { nullable: true, description: 'Admins verify and forward by then.' })
  @Column({ type: 'timestamptz', nullable: true })
  verifyDueAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'The unit gives a first response (progress or answer) by then.' })
  @Column({ type: 'timestamptz', nullable: true })
  responseDueAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'After its first response the unit follows up (answers) by then.' })
  @Column({ type: 'timestamptz', nullable: true })
  followUpDueAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'The overall limit to settle (answer) the complaint, from receipt or the last reopening.' })
  @Column({ type: 'timestamptz', nullable: true })
  settleDueAt: Date | null;

  @Field(() => ID, { nullable: true, description: 'Whose head an overdue complaint was escalated to; cleared when it moves on or is answered.' })
  @Index({ where: '"escalatedToOpdId" IS NOT NULL' })
  @Column({ type: 'int', nullable: true })
  escalatedToOpdId: number | null;

  @ManyToOne(() => Opd, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'escalatedToOpdId' })
  escalatedTo?: Opd | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  escalatedAt: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it was escalated, e.g. "Melewati batas waktu tanggapan".' })
  @Column({ type: 'varchar', length: 200, nullable: true })
  escalationReason: string | null;

  @Field(() => Date, { nullable: true, description: 'Since when the deadlines are paused (on hold, or awaiting the reporter); null when they run.' })
  @Column({ type: 'timestamptz', nullable: true })
  pausedAt: Date | null;

  @Field(() => PauseKind, { nullable: true })
  @Column({ type: 'varchar', length: 20, nullable: true })
  pauseKind: PauseKind | null;

  @Field(() => String, { nullable: true, description: 'The hold’s reason or the question to the reporter; the reporter sees it.' })
  @Column({ type: 'varchar', length: 2000, nullable: true })
  pauseReason: string | null;

  @Field(() => Date, { nullable: true, description: 'Awaiting the reporter: the deadlines run again by then, reply or not.' })
  // The sweep looks for waits past their limit among the few paused complaints.
  @Index({ where: '"pauseUntil" IS NOT NULL' })
  @Column({ type: 'timestamptz', nullable: true })
  pauseUntil: Date | null;

  @Field(() => String, {
    nullable: true,
    description: 'The answer drafted by staff, for the head to approve or edit (respondToComplaint without an answer sends it).',
  })
  @Column({ type: 'text', nullable: true })
  answerDraft: string | null;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'int', nullable: true })
  answerDraftById: number | null;

  @ManyToOne(() => User, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'answerDraftById' })
  answerDraftBy?: User | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  answerDraftAt: Date | null;

  /** When the reporter rated the current answer: once per answer. */
  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  ratedAt: Date | null;

  @Field(() => ID, { nullable: true, description: 'Anonymous report: the unit the intake opened the reporter’s phone and address to (home visit).' })
  @Column({ type: 'int', nullable: true })
  contactRevealedToOpdId: number | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  contactRevealedAt: Date | null;

  @Field(() => Boolean, { description: 'Recorded at a service post outside its opening hours (allowed, marked).' })
  @Column({ type: 'boolean', default: false })
  outsideServiceHours: boolean;

  /** The deadline running now, if any (the earliest of the step's own and settlement); overdue = dueAt in the past. */
  // The inboxes (ComplaintService.inboxSql), deadline first: partial indexes holding what a page's ids and
  // the total need, by hand in the InboxIndexes migration (INCLUDE and WHERE on status).
  @Index('IDX_complaint_inbox_intake', { synchronize: false })
  @Index('IDX_complaint_inbox_unit', { synchronize: false })
  // A unit's inbox by its Opds first (its total counts only theirs), by hand in UnitInboxIndex.
  @Index('IDX_complaint_inbox_unit_opd', { synchronize: false })
  @Index('IDX_complaint_inbox_open', { synchronize: false })
  // The dashboard's overdue count of a period from the index alone (createdAt of those with a deadline, INCLUDE the
  // deadline, dimensions and scope), by hand in DashboardRollups.
  @Index('IDX_complaint_overdue', { synchronize: false })
  @Column({ type: 'timestamptz', nullable: true })
  dueAt: Date | null;

  /** The sweep has recorded OVERDUE for the current `dueAt`. */
  @Column({ type: 'boolean', default: false })
  overdueNotified: boolean;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  firstResponseAt: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  respondedAt: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  autoCloseAt: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Field(() => String, { nullable: true, description: 'The answer the reporter sees.' })
  @Column({ type: 'text', nullable: true })
  answer: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  rejectReason: string | null;

  @Field(() => Int, { nullable: true })
  // (rating DESC NULLS LAST, id DESC), by hand in the ListSorts migration.
  @Index('IDX_complaint_rating_desc', { synchronize: false })
  @Column({ type: 'smallint', nullable: true })
  rating: number | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  ratingComment: string | null;

  @Column({ type: 'varchar', length: 64 })
  accessCodeHash: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  idempotencyKey: string | null;

  /** Whose key it is: `user:<id>`, `client:<id>` or `public:<address>`; keys are unique per scope only. */
  @Column({ type: 'varchar', length: 80, nullable: true })
  idempotencyScope: string | null;

  /** Hash of the submitted input, so a reused idempotency key with other data is refused. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  inputHash: string | null;

  @Field(() => Int, { description: 'Optimistic lock: pass it back to refuse changes made on a stale view.' })
  @Column({ type: 'int', default: 1 })
  version: number;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'int', nullable: true })
  lastEventId: number | null;

  @Field(() => Date)
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Field(() => Date)
  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}

@ObjectType({ description: 'One entry of a complaint’s timeline. Append-only: the database refuses UPDATE and DELETE.' })
@Entity('complaint_event')
@Index(['complaintId', 'id'])
// Reports count timeline entries of a type in a period (forwarded, returned, verified per quarter).
@Index(['type', 'createdAt'])
export class ComplaintEvent {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => ID)
  @Column({ type: 'int' })
  complaintId: number;

  @ManyToOne(() => Complaint, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'complaintId' })
  complaint?: Complaint;

  @Field(() => ComplaintEventType)
  @Column({ type: 'varchar', length: 20 })
  type: ComplaintEventType;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'int', nullable: true })
  actorId: number | null;

  @ManyToOne(() => User, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'actorId' })
  actor?: User | null;

  @Field(() => Role, { nullable: true })
  @Column({ type: 'varchar', length: 20, nullable: true })
  actorRole: Role | null;

  @Field(() => ComplaintStatus, { nullable: true })
  @Column({ type: 'varchar', length: 20, nullable: true })
  fromStatus: ComplaintStatus | null;

  @Field(() => ComplaintStatus, { nullable: true })
  @Column({ type: 'varchar', length: 20, nullable: true })
  toStatus: ComplaintStatus | null;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'int', nullable: true })
  fromOpdId: number | null;

  @ManyToOne(() => Opd, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'fromOpdId' })
  fromOpd?: Opd | null;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'int', nullable: true })
  toOpdId: number | null;

  @ManyToOne(() => Opd, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'toOpdId' })
  toOpd?: Opd | null;

  @Field(() => ProgressStage, { nullable: true })
  @Column({ type: 'varchar', length: 20, nullable: true })
  stage: ProgressStage | null;

  @Field(() => String, { nullable: true, description: 'What the timeline says; on a public entry, the message to the reporter.' })
  @Column({ type: 'text', nullable: true })
  message: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The instruction or note for staff that came with this entry (verify, forward, close, desk decision, archive); never shown to the reporter.',
  })
  @Column({ type: 'text', nullable: true })
  internalNote: string | null;

  @Field(() => Boolean, { description: 'Shown on the citizen’s tracking page.' })
  @Column({ type: 'boolean' })
  public: boolean;

  /** Facts the replay needs beyond the columns (assignee, rating, deadlines …). */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  data: Record<string, unknown>;

  @Field(() => Date)
  // The compliance report's officers (verifications) and staff (answers, progress notes) per period from partial
  // indexes alone (INCLUDE who and which complaint), by hand in ReportIndexes.
  @Index('IDX_complaint_event_verified', { synchronize: false })
  @Index('IDX_complaint_event_unit_acts', { synchronize: false })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/**
 * Each event's place in commit order (server/modules/complaints/complaint-feed.ts). Written only by
 * a trigger at commit, never by the application, so every way of appending an event gets one.
 */
@Entity('complaint_feed')
export class ComplaintFeedEntry {
  @PrimaryColumn({ type: 'bigint', transformer: numeric })
  position: number;

  // No foreign key: events are never deleted, and its check would lock each event row at commit.
  @Index({ unique: true })
  @Column({ type: 'int' })
  eventId: number;

  /** When the writing transaction committed (nearly): the feed's lag is measured from here. */
  @Column({ type: 'timestamptz' })
  committedAt: Date;
}
