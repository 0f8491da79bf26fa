import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, Field, FieldResolver, ID, Info, Int, Mutation, ObjectType, Query, Resolver, Root, Subscription } from 'type-graphql';
import { ApiClient } from '../api-clients/api-client.entity';
import { ExternalReference } from '../external-refs/external-ref.entity';
import type { Context } from '../../core/context';
import { AppError, parseId } from '../../core/errors';
import { ListArgs, PageOf } from '../../core/paging';
import { fieldsUnder } from '../../core/selection';
import { ASSIGNABLE_ROLES, Permission } from '../../auth/permissions';
import { Requires } from '../../auth/requires';
import { Category } from '../categories/category.entity';
import { Opd } from '../opds/opd.entity';
import { ComplaintDeadline, deadlinesOf } from './complaint-deadlines';
import { Program } from '../programs/program.entity';
import { ServicePost } from '../service-posts/service-post.entity';
import { User } from '../users/user.entity';
import { decodeCursor, encodeCursor, type ComplaintChange } from './complaint-feed';
import { planFor, tailServes } from './complaint.preload';
import { Complaint, ComplaintEvent } from './complaint.entity';
import { ComplaintAction, ComplaintEventType, ComplaintStatus, ComplaintType, PauseKind, ProgressStage } from './complaint.enums';
import { ComplaintChangedFilter, ComplaintFilter, ComplaintInput } from './complaint.inputs';
import { registerEnumType } from 'type-graphql';
import { PublicAttachment, publicAttachments } from '../attachments/attachment.resolver';

/*
 * Rules for whoever adds a field to Complaint or ComplaintEvent (tests/integration/lifecycle/
 * fields.test.ts walks every field of both and fails when one breaks them):
 * - A list or `complaint(id)` reads its rows in ONE statement planned from the selection
 *   (complaint.preload.ts). Every column is read except WIDE_COLUMNS, which are read only when
 *   their own field is selected: a computed field may read any other column of the row.
 *   A computed field that needs a wide column must not exist; show that column's own field.
 * - A relation (an Opd, category, programme, user, post) is answered with `ctx.loaders.x.get(id)`:
 *   the preload primed it, so no promise and no statement per row. Teach `planFor`/`readComplaints`
 *   to preload a new relation, or the field costs a statement per page (the lists test counts them).
 *   `load` (a promise) is for what the preload does not read (e.g. the category's default Opd).
 * - Masking and permissions are asked of the policy (`ctx.services.complaints.policy`), never
 *   decided here; a field that shows reporter identity goes through `identity()`.
 * - Timeline fields that are not columns name the columns they read in EVENT_FIELD_COLUMNS;
 *   an unknown one makes timeline tails read every column, never too few.
 */
registerEnumType(ComplaintAction, { name: 'ComplaintAction' });

const ComplaintPage = PageOf(Complaint, 'ComplaintPage');

@ObjectType()
class SubmitComplaintResult {
  @Field(() => String) trackingCode: string;
  @Field(() => String, { description: 'Shown once: with the tracking code it lets the reporter follow, reopen and rate the complaint.' })
  accessCode: string;
  @Field(() => Boolean, { description: 'True when this idempotencyKey was already used: the same complaint is returned.' })
  replayed: boolean;
  @Field(() => Complaint, { nullable: true, description: 'The recorded complaint, for staff callers.' })
  complaint: Complaint | null;
}

@ObjectType({ description: 'A timeline entry as the reporter sees it: no internal notes, no staff names.' })
class PublicTimelineEntry {
  @Field(() => ComplaintEventType) type: ComplaintEventType;
  @Field(() => ComplaintStatus, { nullable: true }) status: ComplaintStatus | null;
  @Field(() => ProgressStage, { nullable: true }) stage: ProgressStage | null;
  @Field(() => String, { nullable: true, description: 'The unit now handling it, by name.' }) unit: string | null;
  @Field(() => String, { nullable: true }) message: string | null;
  @Field(() => Date) at: Date;
}

@ObjectType({ description: 'What the reporter sees on the tracking page.' })
export class PublicComplaint {
  @Field(() => String) trackingCode: string;
  @Field(() => ComplaintType) type: ComplaintType;
  @Field(() => String) title: string;
  @Field(() => ComplaintStatus) status: ComplaintStatus;
  @Field(() => ProgressStage, { nullable: true }) progressStage: ProgressStage | null;
  @Field(() => String, { nullable: true }) category: string | null;
  @Field(() => String, { nullable: true }) currentUnit: string | null;
  @Field(() => String, { nullable: true }) answer: string | null;
  @Field(() => Int, { nullable: true }) rating: number | null;
  @Field(() => Date) submittedAt: Date;
  @Field(() => Date, { nullable: true }) respondedAt: Date | null;
  @Field(() => [ComplaintDeadline], { description: 'When the complaint is to be verified, responded to, followed up and settled.' })
  deadlines: ComplaintDeadline[];
  @Field(() => [PublicTimelineEntry]) timeline: PublicTimelineEntry[];
  @Field(() => [PublicAttachment], { description: 'Photos and documents staff marked public.' })
  attachments: PublicAttachment[];
  @Field(() => PublicPause, { nullable: true, description: 'Set while handling is paused: a question for the reporter, or a hold.' })
  pause: PublicPause | null;
  @Field(() => Boolean, { description: 'Whether the current answer may still be rated (once per answer, not after closure).' })
  canRate: boolean;
  @Field(() => PublicComplaint, {
    nullable: true,
    description: 'When this report was merged as a duplicate: the complaint it follows, with its progress and answer.',
  })
  mergedInto: PublicComplaint | null;
}

@ObjectType({ description: 'A committed change: the event and the complaint as it stands now.' })
class ComplaintChangePayload {
  @Field(() => Complaint) complaint: Complaint;
  @Field(() => ComplaintEvent) event: ComplaintEvent;
  @Field(() => String, { description: 'Where this change stands in commit order: pass it as `after` to resume exactly after it.' })
  cursor: string;
}

const svc = (ctx: Context) => ctx.services.complaints;
const INTERNAL_NOTE = 'For staff only; the reporter never sees it.';
const PUBLIC_MESSAGE = 'Pesan untuk pelapor: what the reporter reads on the tracking page (optional).';

@ObjectType({ description: 'Why the deadlines are paused, as the reporter sees it.' })
class PublicPause {
  @Field(() => PauseKind) kind: PauseKind;
  @Field(() => String, { nullable: true, description: 'The question to answer, or the reason for the hold.' }) reason: string | null;
  @Field(() => Date) since: Date;
  @Field(() => Date, { nullable: true, description: 'Awaiting the reporter: handling goes on by then without the reply.' }) until: Date | null;
}

function listWithPreload(ctx: Context, info: GraphQLResolveInfo, filter: ComplaintFilter | null, args: ListArgs, inbox: boolean) {
  const reader = { loaders: ctx.loaders, plan: planFor(info, ['items']) };
  return svc(ctx).list(ctx.viewer!, filter, args, reader, inbox, fieldsUnder(info, info.fieldNodes).has('total'));
}

/** What the reporter may see of a complaint: public entries only, no staff, no identity. */
export async function publicView(c: Complaint, ctx: Context): Promise<Omit<PublicComplaint, 'mergedInto'>> {
  const events = (await ctx.loaders.eventsByComplaint.load(c.id)).filter((e) => e.public);
  const opdName = async (id: number | null) => (id ? ((await ctx.loaders.opd.load(id))?.name ?? null) : null);
  return {
    trackingCode: c.trackingCode,
    type: c.type,
    title: c.title,
    status: c.status,
    progressStage: c.progressStage,
    category: c.categoryId ? ((await ctx.loaders.category.load(c.categoryId))?.name ?? null) : null,
    currentUnit: await opdName(c.currentOpdId),
    answer: c.answer,
    rating: c.rating,
    submittedAt: c.createdAt,
    respondedAt: c.respondedAt,
    deadlines: deadlinesOf(c, new Date()),
    pause: c.pausedAt && c.pauseKind ? { kind: c.pauseKind, reason: c.pauseReason, since: c.pausedAt, until: c.pauseUntil } : null,
    attachments: await publicAttachments(c, ctx),
    canRate: c.status === ComplaintStatus.RESPONDED && !(c.ratedAt && c.respondedAt && c.ratedAt.getTime() >= c.respondedAt.getTime()),
    timeline: await Promise.all(
      events.map(async (e) => ({
        type: e.type,
        status: e.toStatus,
        stage: e.stage,
        unit: await opdName(e.toOpdId),
        message: e.message,
        at: e.createdAt,
      })),
    ),
  };
}

/** The public view, and for a merged duplicate the original's, which its reporter follows (never its access). */
async function followView(c: Complaint, ctx: Context, external = false): Promise<PublicComplaint> {
  const view = await publicView(c, ctx);
  const original = c.status === ComplaintStatus.MERGED && c.duplicateOfId ? await ctx.db.getRepository(Complaint).findOneBy({ id: c.duplicateOfId }) : null;
  return { ...view, mergedInto: original && !(external && original.confidential) ? { ...(await publicView(original, ctx)), mergedInto: null } : null };
}

const PublicComplaintPage = PageOf(PublicComplaint, 'PublicComplaintPage');

@Resolver(() => Complaint)
export class ComplaintResolver {
  @Requires(Permission.COMPLAINT_READ)
  @Query(() => ComplaintPage, { description: 'Complaints in the viewer’s scope, filtered, sorted and paged.' })
  complaints(
    @Arg('filter', () => ComplaintFilter, { nullable: true }) filter: ComplaintFilter | null,
    @Args(() => ListArgs) args: ListArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return listWithPreload(ctx, info, filter, args, false);
  }

  @Requires(Permission.COMPLAINT_READ)
  @Query(() => ComplaintPage, {
    description: 'What waits for the viewer: admins verify and forward; unit heads answer (overdue first); staff work what is assigned.',
  })
  myInbox(
    @Arg('filter', () => ComplaintFilter, { nullable: true }) filter: ComplaintFilter | null,
    @Args(() => ListArgs) args: ListArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return listWithPreload(ctx, info, filter, args, true);
  }

  @Requires(Permission.COMPLAINT_READ)
  @Query(() => ID, { nullable: true, deprecationReason: 'Use latestComplaintCursor and complaintChanged(after:).' })
  async latestComplaintEventId(@Ctx() ctx: Context) {
    const [{ max }] = await ctx.db.query('SELECT max(id) AS max FROM complaint_event');
    return max;
  }

  @Requires(Permission.COMPLAINT_READ)
  @Query(() => String, { description: 'The cursor of the newest committed change: load a screen, then subscribe with `after` set to it and miss nothing.' })
  latestComplaintCursor(@Ctx() ctx: Context) {
    return ctx.services.feed.latestCursor();
  }

  @Requires(Permission.COMPLAINT_READ)
  @Query(() => Complaint, { nullable: true })
  async complaint(@Arg('id', () => ID) id: string, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return svc(ctx).readVisible(ctx.viewer, id, { loaders: ctx.loaders, plan: planFor(info, []) });
  }

  @Requires(Permission.PUBLIC)
  @Query(() => PublicComplaint, { description: 'For the reporter: the public timeline, found by tracking code and access code.' })
  async trackComplaint(
    @Arg('trackingCode', () => String) trackingCode: string,
    @Arg('accessCode', () => String) accessCode: string,
    @Ctx() ctx: Context,
  ): Promise<PublicComplaint> {
    await ctx.services.limits.publicRead.check(`track:${ctx.source}`, 'look-ups');
    const c = await svc(ctx).byAccessCode(trackingCode, accessCode);
    return followView(c, ctx);
  }

  @Requires(Permission.APP_READ_OWN)
  @Query(() => PublicComplaintPage, {
    description: 'For an external app (scope complaints:read-own): what it submitted, newest first, as the reporter sees it.',
  })
  async appSubmissions(
    @Args(() => ListArgs) args: ListArgs,
    @Arg('status', () => ComplaintStatus, { nullable: true }) status: ComplaintStatus | null,
    @Ctx() ctx: Context,
  ) {
    const page = await svc(ctx).submissionsOf(ctx.client!.id, args, status ?? null);
    return { total: page.total, items: await Promise.all(page.items.map((c) => followView(c, ctx, true))) };
  }

  @Requires(Permission.APP_READ_OWN)
  @Query(() => PublicComplaint, { description: 'For an external app (scope complaints:read-own): one complaint it submitted.' })
  async appSubmission(@Arg('trackingCode', () => String) trackingCode: string, @Ctx() ctx: Context) {
    return followView(await svc(ctx).submissionOf(ctx.client!.id, trackingCode), ctx, true);
  }

  @Requires(Permission.PUBLIC)
  @Mutation(() => SubmitComplaintResult, {
    description:
      'Record a complaint (admins, officers) or submit one as a citizen or external app (rate-limited). Retrying with the same idempotencyKey returns the same complaint.',
  })
  async submitComplaint(
    @Arg('input', () => ComplaintInput) input: ComplaintInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey: string | null,
    @Ctx() ctx: Context,
  ) {
    if (!ctx.viewer && ctx.client) await ctx.services.limits.clientSubmit.check(`client:${ctx.client.id}`, 'submissions from this app');
    else if (!ctx.viewer) await ctx.services.limits.publicSubmit.check(`submit:${ctx.source}`, 'submissions');
    const r = await svc(ctx).submit(ctx, input, idempotencyKey);
    return { ...r, complaint: ctx.viewer ? r.complaint : null };
  }

  @Requires(Permission.COMPLAINT_VERIFY)
  @Mutation(() => Complaint)
  verifyComplaint(
    @Arg('id', () => ID) id: string,
    @Arg('note', () => String, { nullable: true, description: INTERNAL_NOTE }) note: string | null,
    @Arg('publicMessage', () => String, { nullable: true, description: PUBLIC_MESSAGE }) publicMessage: string | null,
    @Arg('version', () => Int, { nullable: true }) version: number | null,
    @Ctx() ctx: Context,
  ) {
    return svc(ctx).verify(ctx, id, version, note, publicMessage);
  }

  @Requires(Permission.COMPLAINT_VERIFY)
  @Mutation(() => Complaint)
  rejectComplaint(
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String) reason: string,
    @Arg('duplicateOf', () => ID, { nullable: true }) duplicateOf: string | null,
    @Arg('version', () => Int, { nullable: true }) version: number | null,
    @Ctx() ctx: Context,
  ) {
    return svc(ctx).reject(ctx, id, version, reason, duplicateOf);
  }

  @Requires(Permission.COMPLAINT_VERIFY)
  @Mutation(() => Complaint, {
    description: 'Digabung: this report is the same as `intoId`. Both timelines record it; this reporter follows the other complaint from then on.',
  })
  mergeComplaint(
    @Arg('id', () => ID) id: string,
    @Arg('intoId', () => ID) intoId: string,
    @Arg('reason', () => String, { nullable: true, description: INTERNAL_NOTE }) reason: string | null,
    @Arg('version', () => Int, { nullable: true }) version: number | null,
    @Ctx() ctx: Context,
  ) {
    return svc(ctx).merge(ctx, id, version, intoId, reason);
  }

  @Requires(Permission.COMPLAINT_VERIFY)
  @Mutation(() => Complaint, {
    description: 'Anonymous report needing a home visit: open the reporter’s phone and address (only) to the unit handling it now, with a reason.',
  })
  revealReporterContact(
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String) reason: string,
    @Arg('version', () => Int, { nullable: true }) version: number | null,
    @Ctx() ctx: Context,
  ) {
    return svc(ctx).revealContact(ctx, id, version, reason);
  }

  @Requires(Permission.COMPLAINT_FORWARD)
  @Mutation(() => Complaint)
  forwardComplaint(
    @Arg('id', () => ID) id: string,
    @Arg('opdId', () => ID) opdId: string,
    @Arg('note', () => String, { nullable: true, description: 'Instruksi untuk unit: the instruction to the unit, internal.' }) note: string | null,
    @Arg('publicMessage', () => String, { nullable: true, description: PUBLIC_MESSAGE }) publicMessage: string | null,
    @Arg('version', () => Int, { nullable: true }) version: number | null,
    @Ctx() ctx: Context,
  ) {
    return svc(ctx).forward(ctx, id, version, opdId, note, publicMessage);
  }

  @Requires(Permission.COMPLAINT_REMIND)
  @Mutation(() => Complaint, {
    description: 'The head a late complaint was escalated to reminds whoever holds it. That head may also re-route it or take it over with forwardComplaint.',
  })
  remindComplaint(
    @Arg('id', () => ID) id: string,
    @Arg('note', () => String, { nullable: true }) note: string | null,
    @Arg('version', () => Int, { nullable: true }) version: number | null,
    @Ctx() ctx: Context,
  ) {
    return svc(ctx).remind(ctx, id, version, note);
  }

  @Requires(Permission.COMPLAINT_RETURN)
  @Mutation(() => Complaint, { description: '"Bukan wewenang": give the complaint back to the intake admins to forward elsewhere.' })
  returnComplaint(
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String) reason: string,
    @Arg('version', () => Int, { nullable: true }) version: number | null,
    @Ctx() ctx: Context,
  ) {
    return svc(ctx).returnToIntake(ctx, id, version, reason);
  }

  @Requires(Permission.COMPLAINT_ASSIGN)
  @Mutation(() => Complaint)
  acceptComplaint(@Arg('id', () => ID) id: string, @Arg('version', () => Int, { nullable: true }) version: number | null, @Ctx() ctx: Context) {
    return svc(ctx).accept(ctx, id, version);
  }

  @Requires(Permission.COMPLAINT_ASSIGN)
  @Mutation(() => Complaint)
  assignComplaint(
    @Arg('id', () => ID) id: string,
    @Arg('userId', () => ID) userId: string,
    @Arg('version', () => Int, { nullable: true }) version: number | null,
    @Ctx() ctx: Context,
  ) {
    return svc(ctx).assign(ctx, id, version, userId);
  }

  @Requires(Permission.COMPLAINT_PROGRESS)
  @Mutation(() => Complaint)
  addProgress(
    @Arg('id', () => ID) id: string,
    @Arg('stage', () => ProgressStage) stage: ProgressStage,
    @Arg('note', () => String) note: string,
    @Arg('public', () => Boolean, {
      nullable: true,
      description: 'Shown to the reporter. Only those who may publish (the unit head) write public progress; unset: public for them, internal for staff.',
    })
    isPublic: boolean | null,
    @Arg('version', () => Int, { nullable: true }) version: number | null,
    @Ctx() ctx: Context,
  ) {
    return svc(ctx).addProgress(ctx, id, version, stage, note, isPublic);
  }

  @Requires(Permission.COMPLAINT_NOTE)
  @Mutation(() => Complaint)
  addInternalNote(
    @Arg('id', () => ID) id: string,
    @Arg('note', () => String) note: string,
    @Arg('version', () => Int, { nullable: true }) version: number | null,
    @Ctx() ctx: Context,
  ) {
    return svc(ctx).addInternalNote(ctx, id, version, note);
  }

  @Requires(Permission.COMPLAINT_PUBLISH)
  @Mutation(() => Complaint, { description: 'Publish a staff member’s internal progress note to the reporter, as written or edited.' })
  publishProgress(
    @Arg('id', () => ID) id: string,
    @Arg('eventId', () => ID, { description: 'The internal PROGRESS entry of the timeline.' }) eventId: string,
    @Arg('message', () => String, { nullable: true, description: 'The text the reporter reads; empty: the note as written.' }) message: string | null,
    @Arg('version', () => Int, { nullable: true }) version: number | null,
    @Ctx() ctx: Context,
  ) {
    return svc(ctx).publishProgress(ctx, id, version, eventId, message);
  }

  @Requires(Permission.COMPLAINT_DRAFT)
  @Mutation(() => Complaint, { description: 'Draft the answer for the unit head, who sends it with respondToComplaint (as drafted or edited).' })
  draftAnswer(
    @Arg('id', () => ID) id: string,
    @Arg('answer', () => String) answer: string,
    @Arg('version', () => Int, { nullable: true }) version: number | null,
    @Ctx() ctx: Context,
  ) {
    return svc(ctx).draftAnswer(ctx, id, version, answer);
  }

  @Requires(Permission.COMPLAINT_ASK)
  @Mutation(() => Complaint, {
    description: '"Menunggu informasi pelapor": ask the reporter a question on the tracking page; the deadlines pause until the reply or the limit.',
  })
  askReporter(
    @Arg('id', () => ID) id: string,
    @Arg('question', () => String) question: string,
    @Arg('version', () => Int, { nullable: true }) version: number | null,
    @Ctx() ctx: Context,
  ) {
    return svc(ctx).askReporter(ctx, id, version, question);
  }

  @Requires(Permission.COMPLAINT_HOLD)
  @Mutation(() => Complaint, { description: 'Tunda: put the complaint on hold with a reason the reporter sees; its deadlines pause until resumed.' })
  holdComplaint(
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String) reason: string,
    @Arg('version', () => Int, { nullable: true }) version: number | null,
    @Ctx() ctx: Context,
  ) {
    return svc(ctx).hold(ctx, id, version, reason);
  }

  @Requires(Permission.COMPLAINT_NOTE)
  @Mutation(() => Complaint, { description: 'End a hold (intake admins) or a wait for the reporter; the deadlines move on by the time paused.' })
  resumeComplaint(
    @Arg('id', () => ID) id: string,
    @Arg('note', () => String, { nullable: true, description: 'What the reporter reads; empty: "Penanganan dilanjutkan".' }) note: string | null,
    @Arg('version', () => Int, { nullable: true }) version: number | null,
    @Ctx() ctx: Context,
  ) {
    return svc(ctx).resume(ctx, id, version, note);
  }

  @Requires(Permission.COMPLAINT_HOLD)
  @Mutation(() => Complaint, { description: 'Arsipkan: a report that needs no action (spam, a test) leaves the work lists; it is kept with the reason.' })
  archiveComplaint(
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String, { description: 'Internal.' }) reason: string,
    @Arg('publicMessage', () => String, { nullable: true, description: PUBLIC_MESSAGE }) publicMessage: string | null,
    @Arg('version', () => Int, { nullable: true }) version: number | null,
    @Ctx() ctx: Context,
  ) {
    return svc(ctx).archive(ctx, id, version, reason, publicMessage);
  }

  @Requires(Permission.PUBLIC)
  @Mutation(() => PublicComplaint, {
    description: 'The reporter replies to the unit or adds information (rate-limited); a reply to a question lets the deadlines run again.',
  })
  async replyToComplaint(
    @Arg('trackingCode', () => String) trackingCode: string,
    @Arg('accessCode', () => String) accessCode: string,
    @Arg('message', () => String) message: string,
    @Ctx() ctx: Context,
  ) {
    await ctx.services.limits.publicRead.check(`reply:${ctx.source}`, 'requests');
    await svc(ctx).replyByCitizen(trackingCode, accessCode, message);
    ctx.loaders.eventsByComplaint.clearAll();
    return this.trackComplaint(trackingCode, accessCode, ctx);
  }

  @Requires(Permission.PUBLIC)
  @Mutation(() => Boolean, {
    description:
      'A reporter who lost the access code asks for a new one, sent to the phone or e-mail on file (the old one stops working). Always true: the answer never tells whether the complaint or a contact exists. Rate-limited per address and per complaint.',
  })
  async renewAccessCode(@Arg('trackingCode', () => String) trackingCode: string, @Ctx() ctx: Context) {
    await ctx.services.limits.publicRead.check(`renew:${ctx.source}`, 'requests');
    const complaint = String(trackingCode).trim().toUpperCase();
    await ctx.services.limits.accessCodeRenewalAddress.check(`${complaint}|${ctx.source}`, 'requests for this complaint');
    await ctx.services.limits.accessCodeRenewal.check(complaint, 'requests for this complaint');
    await svc(ctx).renewAccessCode(trackingCode);
    return true;
  }

  @Requires(Permission.COMPLAINT_RESPOND)
  @Mutation(() => Complaint, { description: 'The answer the reporter sees. Only the head of the unit the complaint is forwarded to (or above it).' })
  respondToComplaint(
    @Arg('id', () => ID) id: string,
    @Arg('answer', () => String, { nullable: true, description: 'Empty: send the drafted answer (answerDraft) as it stands.' }) answer: string | null,
    @Arg('version', () => Int, { nullable: true }) version: number | null,
    @Ctx() ctx: Context,
  ) {
    return svc(ctx).respond(ctx, id, version, answer);
  }

  @Requires(Permission.COMPLAINT_CLOSE)
  @Mutation(() => Complaint)
  closeComplaint(
    @Arg('id', () => ID) id: string,
    @Arg('note', () => String, { nullable: true, description: INTERNAL_NOTE }) note: string | null,
    @Arg('publicMessage', () => String, { nullable: true, description: PUBLIC_MESSAGE }) publicMessage: string | null,
    @Arg('version', () => Int, { nullable: true }) version: number | null,
    @Ctx() ctx: Context,
  ) {
    return svc(ctx).close(ctx, id, version, note, publicMessage);
  }

  @Requires(Permission.PUBLIC)
  @Mutation(() => ComplaintStatus, { description: 'Staff pass `id` (needs COMPLAINT_REOPEN); the reporter passes trackingCode and accessCode.' })
  async reopenComplaint(
    @Arg('reason', () => String) reason: string,
    @Arg('id', () => ID, { nullable: true }) id: string | null,
    @Arg('trackingCode', () => String, { nullable: true }) trackingCode: string | null,
    @Arg('accessCode', () => String, { nullable: true }) accessCode: string | null,
    @Arg('version', () => Int, { nullable: true }) version: number | null,
    @Ctx() ctx: Context,
  ) {
    if (id) {
      if (!ctx.viewer) throw ctx.authError ?? AppError.unauthenticated();
      return (await svc(ctx).reopen(ctx, id, version, reason)).status;
    }
    if (!trackingCode || !accessCode) throw AppError.field('trackingCode', 'give the complaint id, or its tracking code and access code');
    await ctx.services.limits.publicRead.check(`reopen:${ctx.source}`, 'requests');
    return (await svc(ctx).reopenByCitizen(ctx, trackingCode, accessCode, reason)).status;
  }

  @Requires(Permission.PUBLIC)
  @Mutation(() => PublicComplaint, { description: 'The reporter rates the handling from 1 to 5.' })
  async rateComplaint(
    @Arg('trackingCode', () => String) trackingCode: string,
    @Arg('accessCode', () => String) accessCode: string,
    @Arg('score', () => Int) score: number,
    @Arg('comment', () => String, { nullable: true }) comment: string | null,
    @Ctx() ctx: Context,
  ) {
    await ctx.services.limits.publicRead.check(`rate:${ctx.source}`, 'requests');
    await svc(ctx).rate(ctx, trackingCode, accessCode, score, comment);
    // The answer below reads the timeline again, now with the rating.
    ctx.loaders.eventsByComplaint.clearAll();
    return this.trackComplaint(trackingCode, accessCode, ctx);
  }

  @Requires(Permission.COMPLAINT_READ)
  @Subscription(() => ComplaintChangePayload, {
    description:
      'Every committed change to a complaint the viewer may see, each once, in commit order. Pass `after` (the cursor of the last change received) to get everything since, then the live changes.',
    subscribe: async ({ args, context }) => {
      const ctx = context as Context;
      if (!ctx.viewer) throw ctx.authError ?? AppError.unauthenticated();
      if (!ctx.viewer.permissions.has(Permission.COMPLAINT_READ)) throw AppError.forbidden();
      const { feed } = ctx.services;
      let after: number | null = null;
      if (args.after != null) after = decodeCursor(args.after, 'after');
      else if (args.afterEventId != null) after = await feed.positionOfEvent(Number(parseId(args.afterEventId, 'afterEventId')));
      // Each delivered change is executed with fresh loaders (app/live.ts).
      return feed.subscribe(ctx.viewer, args.filter ?? {}, after, ctx.requireResume ?? (() => undefined));
    },
  })
  complaintChanged(
    @Root() change: ComplaintChange,
    @Arg('filter', () => ComplaintChangedFilter, { nullable: true }) _filter: ComplaintChangedFilter | null,
    @Arg('after', () => String, { nullable: true, description: 'A cursor from an earlier change or latestComplaintCursor.' }) _after: string | null,
    @Arg('afterEventId', () => ID, {
      nullable: true,
      deprecationReason: 'Event ids are not in commit order; use after. Resumes with no gap but may repeat changes received after that event.',
    })
    _afterEventId: string | null,
  ): ComplaintChangePayload {
    return { ...change, cursor: encodeCursor(change.position) };
  }

  // ---------- fields ----------

  @FieldResolver(() => Category, { nullable: true })
  category(@Root() c: Complaint, @Ctx() ctx: Context) {
    return c.categoryId ? ctx.loaders.category.get(c.categoryId) : null;
  }

  @FieldResolver(() => Program, { nullable: true })
  program(@Root() c: Complaint, @Ctx() ctx: Context) {
    return c.programId ? ctx.loaders.program.get(c.programId) : null;
  }

  @FieldResolver(() => Opd, { nullable: true })
  kelurahan(@Root() c: Complaint, @Ctx() ctx: Context) {
    return c.kelurahanId ? ctx.loaders.opd.get(c.kelurahanId) : null;
  }

  @FieldResolver(() => Opd)
  intakeOpd(@Root() c: Complaint, @Ctx() ctx: Context) {
    return ctx.loaders.opd.get(c.intakeOpdId);
  }

  @FieldResolver(() => Opd, { nullable: true })
  currentOpd(@Root() c: Complaint, @Ctx() ctx: Context) {
    return c.currentOpdId ? ctx.loaders.opd.get(c.currentOpdId) : null;
  }

  @FieldResolver(() => Opd, { nullable: true, description: 'Where the category routes it by default: the forward dialog’s first suggestion.' })
  async suggestedOpd(@Root() c: Complaint, @Ctx() ctx: Context) {
    const category = c.categoryId ? await ctx.loaders.category.load(c.categoryId) : null;
    return category?.defaultOpdId ? ctx.loaders.opd.load(category.defaultOpdId) : null;
  }

  @FieldResolver(() => User, { nullable: true })
  assignee(@Root() c: Complaint, @Ctx() ctx: Context) {
    return c.assigneeId ? ctx.loaders.user.get(c.assigneeId) : null;
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who drafted answerDraft.' })
  answerDraftBy(@Root() c: Complaint, @Ctx() ctx: Context) {
    return c.answerDraftById ? ctx.loaders.user.get(c.answerDraftById) : null;
  }

  @FieldResolver(() => User, { nullable: true })
  recordedBy(@Root() c: Complaint, @Ctx() ctx: Context) {
    return c.recordedById ? ctx.loaders.user.get(c.recordedById) : null;
  }

  @FieldResolver(() => Opd, { nullable: true, description: 'The unit whose head this late complaint was escalated to.' })
  escalatedTo(@Root() c: Complaint, @Ctx() ctx: Context) {
    return c.escalatedToOpdId ? ctx.loaders.opd.get(c.escalatedToOpdId) : null;
  }

  @FieldResolver(() => [ExternalReference], { description: 'Its tracking IDs in other systems, e.g. SP4N-LAPOR!.' })
  externalReferences(@Root() c: Complaint, @Ctx() ctx: Context) {
    return ctx.loaders.externalRefs.load(c.id);
  }

  @FieldResolver(() => ApiClient, { nullable: true, description: 'The external app that submitted it.' })
  apiClient(@Root() c: Complaint, @Ctx() ctx: Context) {
    return c.apiClientId ? ctx.loaders.apiClient.get(c.apiClientId) : null;
  }

  @FieldResolver(() => ServicePost, { nullable: true })
  servicePost(@Root() c: Complaint, @Ctx() ctx: Context) {
    return c.servicePostId ? ctx.loaders.servicePost.get(c.servicePostId) : null;
  }

  @FieldResolver(() => Boolean, { description: 'A deadline is running and has passed.' })
  overdue(@Root() c: Complaint) {
    return !!c.dueAt && new Date(c.dueAt).getTime() < Date.now();
  }

  @FieldResolver(() => Date, {
    nullable: true,
    description: 'The deadline running now: the earliest of the step’s own (verification, first response, follow-up) and settlement.',
  })
  dueAt(@Root() c: Complaint) {
    return c.dueAt;
  }

  @FieldResolver(() => [ComplaintDeadline], { description: 'Every deadline of the current round, in order, with whether each is done or overdue.' })
  deadlines(@Root() c: Complaint) {
    return deadlinesOf(c, new Date());
  }

  @FieldResolver(() => Boolean, { description: 'Whether the reporter identity fields below are shown to you.' })
  identityVisible(@Root() c: Complaint, @Ctx() ctx: Context) {
    return ctx.services.complaints.policy.canSeeIdentity(ctx.viewer, c);
  }

  @FieldResolver(() => String, { nullable: true }) reporterName(@Root() c: Complaint, @Ctx() ctx: Context) {
    return this.identity(c, ctx, c.reporterName);
  }
  @FieldResolver(() => String, { nullable: true }) reporterNik(@Root() c: Complaint, @Ctx() ctx: Context) {
    return this.identity(c, ctx, c.reporterNik);
  }
  @FieldResolver(() => String, { nullable: true }) reporterPhone(@Root() c: Complaint, @Ctx() ctx: Context) {
    return ctx.services.complaints.policy.canSeeContact(ctx.viewer, c) ? c.reporterPhone : null;
  }
  @FieldResolver(() => String, { nullable: true }) reporterEmail(@Root() c: Complaint, @Ctx() ctx: Context) {
    return this.identity(c, ctx, c.reporterEmail);
  }
  @FieldResolver(() => String, { nullable: true }) reporterAddress(@Root() c: Complaint, @Ctx() ctx: Context) {
    return ctx.services.complaints.policy.canSeeContact(ctx.viewer, c) ? c.reporterAddress : null;
  }

  @FieldResolver(() => Boolean, { description: 'Whether reporterPhone and reporterAddress are shown to you (also when the intake opened them to your unit).' })
  contactVisible(@Root() c: Complaint, @Ctx() ctx: Context) {
    return ctx.services.complaints.policy.canSeeContact(ctx.viewer, c);
  }

  private identity(c: Complaint, ctx: Context, value: string | null): string | null {
    return ctx.services.complaints.policy.canSeeIdentity(ctx.viewer, c) ? value : null;
  }

  @FieldResolver(() => [ComplaintEvent], { description: 'The timeline, oldest first. `last` keeps only the latest entries.' })
  events(@Root() c: Complaint, @Arg('last', () => Int, { nullable: true }) last: number | null, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    if (last == null) return ctx.loaders.eventsByComplaint.load(c.id);
    if (last < 0 || last > 1000) throw AppError.field('last', 'must be between 0 and 1000');
    if (last === 0) return [];
    const tail = ctx.loaders.eventTails.get(c.id);
    // Another field of the request may have read the tail without columns this one shows.
    if (tail && tail.depth >= last && tailServes(info, ctx.db, tail)) return tail.events.slice(-last);
    return ctx.loaders.eventsByComplaint.load(c.id).then((events) => events.slice(-last));
  }

  @FieldResolver(() => [User], { description: 'Whom the unit head may assign it to: active staff and heads of the handling unit and below.' })
  async assignableUsers(@Root() c: Complaint, @Ctx() ctx: Context) {
    if (!c.currentOpdId || !ctx.services.complaints.policy.availableActions(ctx.viewer, c).includes(ComplaintAction.ASSIGN)) return [];
    await ctx.services.org.ready();
    return ctx.db
      .getRepository(User)
      .createQueryBuilder('u')
      .where('u.active AND u.role IN (:...roles) AND u.opdId = ANY(:opds)', { roles: ASSIGNABLE_ROLES, opds: ctx.services.org.subtreeIds(c.currentOpdId) })
      .orderBy('u.name')
      .getMany();
  }

  @FieldResolver(() => [ComplaintAction], { description: 'What you may do now: allowed by your role, your relation to the complaint and the status machine.' })
  availableActions(@Root() c: Complaint, @Ctx() ctx: Context) {
    return ctx.services.complaints.policy.availableActions(ctx.viewer, c);
  }
}

@Resolver(() => ComplaintEvent)
export class ComplaintEventResolver {
  @FieldResolver(() => User, { nullable: true, description: 'Staff member who acted; null for citizens and the system.' })
  actor(@Root() e: ComplaintEvent, @Ctx() ctx: Context) {
    return e.actorId ? ctx.loaders.user.get(e.actorId) : null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'CITIZEN or SYSTEM when no staff member acted.' })
  actorKind(@Root() e: ComplaintEvent) {
    return (e.data?.actor as string | undefined) ?? (e.actorId ? 'STAFF' : null);
  }

  @FieldResolver(() => ID, { nullable: true, description: 'On a progress entry the head published: the internal note it was published from.' })
  publishedFrom(@Root() e: ComplaintEvent) {
    return (e.data?.publishedFrom as number | undefined) ?? null;
  }

  @FieldResolver(() => Opd, { nullable: true })
  fromOpd(@Root() e: ComplaintEvent, @Ctx() ctx: Context) {
    return e.fromOpdId ? ctx.loaders.opd.get(e.fromOpdId) : null;
  }

  @FieldResolver(() => Opd, { nullable: true })
  toOpd(@Root() e: ComplaintEvent, @Ctx() ctx: Context) {
    return e.toOpdId ? ctx.loaders.opd.get(e.toOpdId) : null;
  }
}
