import { Arg, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import type { Context } from '../../core/context';
import { Permission } from '../../auth/permissions';
import { Requires } from '../../auth/requires';
import { Complaint } from '../complaints/complaint.entity';
import { User } from '../users/user.entity';
import { Attachment } from './attachment.entity';
import { AttachmentKind, AttachmentStatus, AttachmentVisibility } from './attachment.enums';
import type { AttachmentService } from './attachment.service';

@ObjectType({ description: 'Where to PUT the file’s bytes (with the same Authorization header), once, before expiresAt; then attachFiles.' })
class AttachmentUploadTicket {
  @Field(() => ID, { description: 'Pass it to attachFiles once the upload succeeded.' }) attachmentId: number;
  @Field(() => String, { description: 'A path on this server: PUT the raw bytes (no multipart, no base64).' }) uploadUrl: string;
  @Field(() => Date) expiresAt: Date;
  @Field(() => Int, { description: 'The largest file accepted, in bytes.' }) maxBytes: number;
}

@ObjectType({ description: 'A file shown on the tracking page: only PUBLIC files of the complaint.' })
export class PublicAttachment {
  @Field(() => String) fileName: string;
  @Field(() => AttachmentKind) kind: AttachmentKind;
  @Field(() => String) mimeType: string;
  @Field(() => Int) size: number;
  @Field(() => String, { description: 'A short-lived link served by this server.' }) url: string;
  @Field(() => String, { nullable: true }) thumbnailUrl: string | null;
  @Field(() => Date) at: Date;
}

const svc = (ctx: Context): AttachmentService => ctx.services.attachments;

/** The tracking page's files: PUBLIC and attached, with links any holder of the page may open. */
export async function publicAttachments(c: Complaint, ctx: Context): Promise<PublicAttachment[]> {
  const rows = await ctx.loaders.attachmentsByComplaint.load(c.id);
  return rows
    .filter((a) => a.status === AttachmentStatus.ACTIVE && a.visibility === AttachmentVisibility.PUBLIC)
    .map((a) => ({
      fileName: a.fileName,
      kind: a.kind!,
      mimeType: a.mimeType!,
      size: a.size!,
      url: svc(ctx).link(a, 'file', 'public')!,
      thumbnailUrl: svc(ctx).link(a, 'thumbnail', 'public'),
      at: a.createdAt,
    }));
}

@Resolver(() => Attachment)
export class AttachmentResolver {
  @Requires(Permission.COMPLAINT_ATTACH)
  @Mutation(() => AttachmentUploadTicket, {
    description: 'Step 1 of attaching a photo or document: a single-use upload link for one file, valid for 10 minutes.',
  })
  requestAttachmentUpload(
    @Arg('complaintId', () => ID) complaintId: string,
    @Arg('fileName', () => String) fileName: string,
    @Arg('visibility', () => AttachmentVisibility, { defaultValue: AttachmentVisibility.INTERNAL }) visibility: AttachmentVisibility,
    @Ctx() ctx: Context,
  ) {
    return svc(ctx).requestUpload(ctx.viewer, complaintId, fileName, visibility);
  }

  @Requires(Permission.COMPLAINT_ATTACH)
  @Mutation(() => Complaint, {
    description: 'Step 3: the uploaded files join the complaint as one timeline entry; with forEventId they document that progress entry or answer.',
  })
  attachFiles(
    @Arg('id', () => ID) id: string,
    @Arg('uploadIds', () => [ID]) uploadIds: string[],
    @Arg('forEventId', () => ID, { nullable: true }) forEventId: string | null,
    @Arg('version', () => Int, { nullable: true }) version: number | null,
    @Ctx() ctx: Context,
  ) {
    return svc(ctx).attach(ctx.viewer, id, uploadIds, version, forEventId);
  }

  @Requires(Permission.COMPLAINT_ATTACH)
  @Mutation(() => Complaint, { description: 'Delete a file: its bytes are removed from storage; the record and the reason stay on the timeline.' })
  removeAttachment(
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String) reason: string,
    @Arg('version', () => Int, { nullable: true, description: 'The complaint’s version.' }) version: number | null,
    @Ctx() ctx: Context,
  ) {
    return svc(ctx).remove(ctx.viewer, id, reason, version);
  }

  @FieldResolver(() => String, { nullable: true, description: 'A short-lived download link; null once the file was deleted.' })
  url(@Root() a: Attachment, @Ctx() ctx: Context) {
    return ctx.viewer ? svc(ctx).link(a, 'file', ctx.viewer.userId) : null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'A small JPEG of a photo; null for documents and deleted files.' })
  thumbnailUrl(@Root() a: Attachment, @Ctx() ctx: Context) {
    return ctx.viewer ? svc(ctx).link(a, 'thumbnail', ctx.viewer.userId) : null;
  }

  @FieldResolver(() => User, { nullable: true, description: 'Null when the reporter sent the file (byReporter).' })
  uploadedBy(@Root() a: Attachment, @Ctx() ctx: Context) {
    return a.uploadedById ? ctx.loaders.user.get(a.uploadedById) : null;
  }

  @FieldResolver(() => Boolean, { description: 'The reporter sent it on the public pages (Lapor, or a reply on Lacak).' })
  byReporter(@Root() a: Attachment) {
    return a.uploadedById == null;
  }

  @FieldResolver(() => User, { nullable: true })
  removedBy(@Root() a: Attachment, @Ctx() ctx: Context) {
    return a.removedById ? ctx.loaders.user.get(a.removedById) : null;
  }
}

@Resolver(() => Complaint)
export class ComplaintAttachmentsResolver {
  @FieldResolver(() => [Attachment], {
    description: 'Photos and documents you may see, in the order they came; deleted ones stay listed without links.',
  })
  async attachments(@Root() c: Complaint, @Ctx() ctx: Context) {
    return svc(ctx).visibleOf(ctx.viewer, c, await ctx.loaders.attachmentsByComplaint.load(c.id));
  }

  @FieldResolver(() => Int, { description: 'How many attached files you may see (deleted ones not counted).' })
  async attachmentCount(@Root() c: Complaint, @Ctx() ctx: Context) {
    return svc(ctx).countFor(ctx.viewer, c, await ctx.loaders.attachmentCounts.load(c.id));
  }
}
