import crypto from 'node:crypto';
import path from 'node:path';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { AttachmentsConfig } from '../../config';
import { AppError, ErrorCode, parseId, type FieldProblem } from '../../core/errors';
import type { IdentityDirectory } from '../../auth/identity';
import type { Viewer } from '../../auth/viewer';
import { entityFromRow } from '../../db/rows';
import { Complaint, ComplaintEvent } from '../complaints/complaint.entity';
import { ComplaintAction, ComplaintEventType } from '../complaints/complaint.enums';
import type { ComplaintService } from '../complaints/complaint.service';
import type { OrgDirectory } from '../opds/org-directory';
import { text } from '../complaints/complaint.service';
import { Attachment } from './attachment.entity';
import { AttachmentKind, AttachmentStatus, AttachmentVisibility } from './attachment.enums';
import { processUpload, type ProcessedFile } from './attachment.files';
import { AttachmentPolicy } from './attachment.policy';
import type { FileStorage } from './attachment.storage';

/** How long an upload link works; it is spent by its first use. */
const UPLOAD_TTL_MS = 10 * 60_000;
/** Download links last 15 to 20 minutes, in 5-minute steps so a page's thumbnails keep their URLs (and the browser's cache) meanwhile. */
const LINK_STEP_MS = 5 * 60_000;
const LINK_TTL_MS = 15 * 60_000;
/** Entries a file may document besides the complaint itself. */
const DOCUMENTED: readonly ComplaintEventType[] = [ComplaintEventType.PROGRESS, ComplaintEventType.RESPONDED];

export type Variant = 'file' | 'thumbnail';
/** A link's holder: a staff member's id, or the reporter's tracking page. */
export type LinkHolder = number | 'public';

export interface UploadTicket {
  attachmentId: number;
  uploadUrl: string;
  expiresAt: Date;
  maxBytes: number;
}

/** A photo posted on the public pages, already read and re-encoded. */
export interface ReporterPhoto {
  fileName: string;
  file: ProcessedFile;
}

/** A file as a form post carried it (citizen-site/form-post.ts). */
export interface PostedFile {
  fileName: string;
  bytes: Buffer;
  /** Cut off at the size limit while it arrived. */
  tooBig: boolean;
}

/** What a public media URL serves; `notModified` when the caller's copy (If-None-Match) is current. */
export interface Media {
  body: Buffer | null;
  mimeType: string;
  etag: string;
  notModified: boolean;
}

const MEDIA_EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

export interface Download {
  body: Buffer;
  mimeType: string;
  fileName: string;
  variant: Variant;
}

const sha256 = (s: string | Buffer) => crypto.createHash('sha256').update(s).digest('hex');

/** A file name to show: no folders, no control characters, at most 200 characters, the extension kept. */
export function cleanFileName(raw: string, field = 'fileName'): string {
  const printable = [...String(raw ?? '')].filter((ch) => ch >= ' ' && ch !== '\u007f').join('');
  const base = path.posix.basename(printable.replace(/\\/g, '/')).trim();
  if (!base || base === '.' || base === '..') throw AppError.field(field, 'Nama berkas wajib diisi.');
  if (base.length <= 200) return base;
  const ext = path.extname(base).slice(0, 20);
  return base.slice(0, 200 - ext.length) + ext;
}

/**
 * Photos and documents on complaints. Bytes never travel through GraphQL: a mutation hands out a
 * single-use upload link (requestUpload), the console PUTs the file there (receive: type by content,
 * images re-encoded), and a second mutation joins the uploaded files to the complaint through its
 * one write path, with an ATTACHMENT_ADDED event (attach). Downloads go through the server on signed,
 * short-lived links that are checked again against the holder's scope when used.
 */
export class AttachmentService {
  readonly policy: AttachmentPolicy;
  /** Signs public media URLs: derived from the link key under its own label, so neither kind of link stands for the other. */
  private readonly mediaKey: Buffer;

  constructor(
    private readonly db: DataSource,
    private readonly complaints: ComplaintService,
    private readonly identity: IdentityDirectory,
    private readonly org: OrgDirectory,
    readonly storage: FileStorage,
    readonly limits: Pick<AttachmentsConfig, 'maxFileBytes' | 'maxComplaintBytes' | 'maxFiles'>,
    /** Signs download links (HKDF of the token secret under its own label, app/bootstrap.ts). */
    private readonly linkKey: Buffer,
    private readonly log: Logger,
  ) {
    this.policy = new AttachmentPolicy(complaints.policy);
    this.mediaKey = Buffer.from(crypto.hkdfSync('sha256', linkKey, '', 'lapor/public-media/v1', 32));
  }

  // ---------- upload ----------

  async requestUpload(viewer: Viewer | null, complaintId: string, fileName: string, visibility: AttachmentVisibility): Promise<UploadTicket> {
    const c = await this.complaints.findVisible(viewer, parseId(complaintId, 'complaintId'));
    this.complaints.policy.assert(viewer, ComplaintAction.ATTACH, c);
    const name = cleanFileName(fileName);
    if (visibility === AttachmentVisibility.IDENTITY && !this.complaints.policy.canSeeIdentity(viewer, c)) {
      throw AppError.field('visibility', 'Dokumen identitas hanya dapat dilampirkan oleh petugas yang boleh melihat identitas pelapor.');
    }
    await this.checkRoom(c.id, 1, 0);
    const token = crypto.randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + UPLOAD_TTL_MS);
    const row = await this.db.getRepository(Attachment).save({
      complaintId: c.id,
      status: AttachmentStatus.PENDING,
      visibility,
      fileName: name,
      uploadedById: viewer!.userId,
      uploadTokenHash: sha256(token),
      uploadExpiresAt: expiresAt,
    });
    return { attachmentId: row.id, uploadUrl: `/attachments/upload/${token}`, expiresAt, maxBytes: this.limits.maxFileBytes };
  }

  /** Room for `files` more files of `bytes` on the complaint, counting those on their way (not expired) too. */
  private async checkRoom(complaintId: number, files: number, bytes: number, field = 'file'): Promise<void> {
    const [{ n, total }] = await this.db.query(
      `SELECT count(*)::int AS n, coalesce(sum(size), 0)::bigint AS total FROM complaint_attachment
        WHERE "complaintId" = $1 AND (status = 'ACTIVE' OR (status IN ('PENDING', 'UPLOADED') AND "uploadExpiresAt" > now()))`,
      [complaintId],
    );
    if (n + files > this.limits.maxFiles) throw AppError.field(field, `Satu pengaduan paling banyak memuat ${this.limits.maxFiles} lampiran.`);
    if (Number(total) + bytes > this.limits.maxComplaintBytes) {
      throw AppError.field(field, `Lampiran satu pengaduan paling besar ${this.limits.maxComplaintBytes / 1024 / 1024} MB seluruhnya.`);
    }
  }

  /**
   * The bytes for an upload link: the link is spent first (a second use finds nothing), then the
   * content decides the type; a refused file leaves no row and no bytes behind.
   */
  async receive(viewer: Viewer | null, token: string, bytes: Buffer): Promise<Attachment> {
    if (!viewer) throw AppError.unauthenticated();
    const [claimed] = await this.db.query(
      `WITH claimed AS (UPDATE complaint_attachment SET "uploadTokenHash" = NULL
        WHERE "uploadTokenHash" = $1 AND status = 'PENDING' AND "uploadExpiresAt" > now() AND "uploadedById" = $2 RETURNING *) SELECT * FROM claimed`,
      [sha256(String(token)), viewer.userId],
    );
    if (!claimed) throw AppError.notFound('Tautan unggah sudah dipakai, kedaluwarsa atau bukan milik Anda; minta tautan baru.');
    const row = entityFromRow(this.db, Attachment, claimed);
    const keys: string[] = [];
    try {
      if (bytes.length > this.limits.maxFileBytes) throw AppError.field('file', this.tooBig());
      const file = await processUpload(bytes);
      await this.checkRoom(row.complaintId, 0, file.body.length + (file.thumbnail?.length ?? 0));
      const stem = `c${row.complaintId}/a${row.id}-${crypto.randomBytes(6).toString('hex')}`;
      const storageKey = `${stem}.${file.extension}`;
      keys.push(storageKey);
      await this.storage.put(storageKey, file.body, file.mimeType);
      let thumbnailKey: string | null = null;
      if (file.thumbnail) {
        thumbnailKey = `${stem}-thumb.jpg`;
        keys.push(thumbnailKey);
        await this.storage.put(thumbnailKey, file.thumbnail, 'image/jpeg');
      }
      Object.assign(row, {
        ...storedFile(file, storageKey, thumbnailKey),
        uploadExpiresAt: new Date(Date.now() + UPLOAD_TTL_MS),
      });
      await this.db.getRepository(Attachment).save(row);
      return row;
    } catch (err) {
      await Promise.all(keys.map((k) => this.storage.delete(k).catch(() => undefined)));
      await this.db.query(`DELETE FROM complaint_attachment WHERE id = $1 AND status = 'PENDING'`, [row.id]);
      throw err;
    }
  }

  // ---------- the reporter's photos (public pages) ----------

  /**
   * The photos of one post on Lapor or Lacak: at most `maxPhotos`, images only (a PDF or anything
   * else is refused), each within the size limit, read and re-encoded like staff uploads (no EXIF,
   * GPS or camera left) before the report or reply is recorded, so that a bad file refuses the
   * post, naming the file, instead of going missing after it.
   */
  async readReporterPhotos(posted: PostedFile[], maxPhotos: number, field = 'photos'): Promise<ReporterPhoto[]> {
    if (posted.length > maxPhotos) throw AppError.field(field, `Paling banyak ${maxPhotos} foto sekali kirim.`);
    const photos: ReporterPhoto[] = [];
    for (const p of posted) {
      const fileName = cleanFileName(p.fileName || 'foto', field);
      const named = (message: string) => AppError.field(field, `${fileName}: ${message}`);
      if (p.tooBig || p.bytes.length > this.limits.maxFileBytes) throw named(this.tooBig());
      try {
        photos.push({ fileName, file: await processUpload(p.bytes, field, { imagesOnly: true }) });
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        throw named((err.extensions.problems as FieldProblem[] | undefined)?.[0]?.message ?? err.message);
      }
    }
    return photos;
  }

  /**
   * The reporter's photos join the complaint found by its codes: INTERNAL (staff who may read the
   * complaint see them; no public page shows them), uploaded by no account (byReporter), with one
   * ATTACHMENT_ADDED by the reporter. A photo already on the complaint (the same bytes after
   * re-encoding: a form posted twice) is not added again. Returns how many were added.
   */
  async attachByReporter(trackingCode: string, accessCode: string, photos: ReporterPhoto[], field = 'photos'): Promise<number> {
    let c = await this.complaints.byAccessCode(trackingCode, accessCode);
    const known: { sha256: string }[] = await this.db.query(`SELECT sha256 FROM complaint_attachment WHERE "complaintId" = $1 AND status = 'ACTIVE'`, [c.id]);
    const seen = new Set(known.map((r) => r.sha256));
    const fresh = photos.filter((p) => {
      const digest = sha256(p.file.body);
      if (seen.has(digest)) return false;
      seen.add(digest);
      return true;
    });
    if (!fresh.length) return 0;
    await this.checkRoom(
      c.id,
      fresh.length,
      fresh.reduce((n, p) => n + p.file.body.length + (p.file.thumbnail?.length ?? 0), 0),
      field,
    );
    const keys: string[] = [];
    try {
      const rows: Partial<Attachment>[] = [];
      for (const { fileName, file } of fresh) {
        const stem = `c${c.id}/r-${crypto.randomBytes(8).toString('hex')}`;
        const storageKey = `${stem}.${file.extension}`;
        keys.push(storageKey);
        await this.storage.put(storageKey, file.body, file.mimeType);
        const thumbnailKey = file.thumbnail ? `${stem}-thumb.jpg` : null;
        if (thumbnailKey) {
          keys.push(thumbnailKey);
          await this.storage.put(thumbnailKey, file.thumbnail!, 'image/jpeg');
        }
        rows.push({
          complaintId: c.id,
          visibility: AttachmentVisibility.INTERNAL,
          fileName,
          ...storedFile(file, storageKey, thumbnailKey),
          uploadedById: null,
        });
      }
      for (let attempt = 1; ; attempt++) {
        try {
          await this.db.transaction(async (tx) => {
            const saved = await tx.getRepository(Attachment).save(rows.map((r) => ({ ...r })));
            const ids = saved.map((r) => r.id);
            const after = await this.complaints.recordAttachedByReporter(c, ids, tx);
            await tx.query(`UPDATE complaint_attachment SET status = 'ACTIVE', "eventId" = $2 WHERE id = ANY($1::int[])`, [ids, after.lastEventId]);
          });
          return fresh.length;
        } catch (err) {
          // Staff changed the complaint at that very moment: read it again (the codes still hold) and try again.
          if (attempt >= 3 || !(err instanceof AppError) || err.code !== ErrorCode.CONFLICT) throw err;
          c = await this.complaints.byAccessCode(trackingCode, accessCode);
        }
      }
    } catch (err) {
      await Promise.all(keys.map((k) => this.storage.delete(k).catch(() => undefined)));
      throw err;
    }
  }

  // ---------- public media (Open311 media_url) ----------

  private mediaSignature(id: number): string {
    return crypto.createHmac('sha256', this.mediaKey).update(`media:${id}`).digest('base64url').slice(0, 22);
  }

  /**
   * The public URL (a path on this server) of a complaint's first photo that staff made PUBLIC,
   * when the complaint is neither confidential nor anonymous; null otherwise. Stable while the
   * token secret stays, unguessable (an HMAC of the id), and checked again when used (media()).
   */
  mediaPath(c: Pick<Complaint, 'confidential' | 'anonymous'>, rows: readonly Attachment[]): string | null {
    if (c.confidential || c.anonymous) return null;
    const a = rows.find((r) => r.status === AttachmentStatus.ACTIVE && r.visibility === AttachmentVisibility.PUBLIC && r.kind === AttachmentKind.IMAGE);
    return a ? `/media/${a.id}-${this.mediaSignature(a.id)}.${MEDIA_EXTENSIONS[a.mimeType ?? ''] ?? 'jpg'}` : null;
  }

  /**
   * The photo behind a media URL, as things stand now: still attached, still PUBLIC, an image,
   * of a complaint that is neither confidential nor anonymous. Anything else, like a guessed or
   * altered signature, is NOT_FOUND.
   */
  async media(idParam: string, signature: string, ifNoneMatch?: string): Promise<Media> {
    const refuse = () => AppError.notFound('Media');
    const id = /^\d{1,10}$/.test(idParam) ? Number(idParam) : NaN;
    if (!Number.isSafeInteger(id)) throw refuse();
    const expected = Buffer.from(this.mediaSignature(id));
    const given = Buffer.from(String(signature));
    if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) throw refuse();
    const a = await this.db.getRepository(Attachment).findOneBy({ id });
    const c =
      a && (await this.db.getRepository(Complaint).findOne({ where: { id: a.complaintId }, select: { id: true, confidential: true, anonymous: true } }));
    if (!a || !c || this.mediaPath(c, [a]) === null || !a.storageKey) throw refuse();
    const etag = `"${a.sha256}"`;
    if (ifNoneMatch && ifNoneMatch.split(',').some((t) => t.trim() === etag)) return { body: null, mimeType: a.mimeType!, etag, notModified: true };
    const body = await this.storage.get(a.storageKey);
    if (!body) throw refuse();
    return { body, mimeType: a.mimeType!, etag, notModified: false };
  }

  tooBig(): string {
    return `Berkas terlalu besar: paling besar ${this.limits.maxFileBytes / 1024 / 1024} MB per berkas.`;
  }

  /** Uploaded files join the complaint (and, with `forEventId`, the progress entry or answer they document) as one timeline entry. */
  attach(viewer: Viewer | null, complaintId: string, uploadIds: string[], version: number | null | undefined, forEventId?: string | null): Promise<Complaint> {
    const id = parseId(complaintId);
    const ids = [...new Set(uploadIds.map((u, i) => parseId(u, `uploadIds.${i}`)))];
    if (!ids.length) throw AppError.field('uploadIds', 'Pilih paling sedikit satu berkas yang sudah diunggah.');
    const forId = forEventId ? parseId(forEventId, 'forEventId') : null;
    return this.db.transaction(async (tx) => {
      const rows = await tx
        .getRepository(Attachment)
        .createQueryBuilder('a')
        .setLock('pessimistic_write')
        // An upload not attached within its time is spent, like its link.
        .where('a.id IN (:...ids) AND a.complaintId = :id AND a.status = :status AND a.uploadedById = :user AND a.uploadExpiresAt > now()', {
          ids,
          id,
          status: AttachmentStatus.UPLOADED,
          user: viewer?.userId ?? 0,
        })
        .getMany();
      if (rows.length !== ids.length) {
        // Only when the viewer may act on the complaint at all does it learn that the uploads are the problem.
        const c = await this.complaints.findVisible(viewer, id);
        this.complaints.policy.assert(viewer, ComplaintAction.ATTACH, c);
        throw AppError.field('uploadIds', 'Berkas belum selesai diunggah, sudah dilampirkan, atau milik pengaduan lain.');
      }
      let forEvent: ComplaintEvent | null = null;
      if (forId) {
        forEvent = await tx.getRepository(ComplaintEvent).findOneBy({ id: forId, complaintId: id });
        if (!forEvent || !DOCUMENTED.includes(forEvent.type)) throw AppError.field('forEventId', 'Harus entri perkembangan atau jawaban dari pengaduan ini.');
      }
      const c = await this.complaints.recordAttached(
        viewer,
        id,
        version,
        { ids, isPublic: rows.some((r) => r.visibility === AttachmentVisibility.PUBLIC), forEvent },
        tx,
      );
      await tx.query(
        `UPDATE complaint_attachment SET status = 'ACTIVE', "eventId" = $2, "forEventId" = $3, "uploadExpiresAt" = NULL WHERE id = ANY($1::int[])`,
        [ids, c.lastEventId, forId],
      );
      return c;
    });
  }

  /** Deleting a file: the event says who and why; the bytes go once that is committed; the record stays. */
  async remove(viewer: Viewer | null, attachmentId: string, reason: string, version: number | null | undefined): Promise<Complaint> {
    const id = parseId(attachmentId);
    const why = text(reason, 'reason', 5, 2000);
    let keys: string[] = [];
    await this.org.ready();
    const c = await this.db.transaction(async (tx) => {
      const a = await tx.getRepository(Attachment).createQueryBuilder('a').setLock('pessimistic_write').where('a.id = :id', { id }).getOne();
      const complaint = a && (await tx.getRepository(Complaint).findOneBy({ id: a.complaintId }));
      if (!a || !complaint || a.status !== AttachmentStatus.ACTIVE || !this.policy.canSee(viewer, complaint, a.visibility)) {
        throw AppError.notFound('Attachment', attachmentId);
      }
      const changed = await this.complaints.recordAttachmentRemoved(
        viewer,
        a.complaintId,
        version,
        { id: a.id, isPublic: a.visibility === AttachmentVisibility.PUBLIC },
        why,
        tx,
      );
      keys = [a.storageKey, a.thumbnailKey].filter((k): k is string => !!k);
      await tx.query(
        `UPDATE complaint_attachment SET status = 'REMOVED', "removedAt" = now(), "removedById" = $2, "removeReason" = $3, "storageKey" = NULL, "thumbnailKey" = NULL WHERE id = $1`,
        [a.id, viewer!.userId, why],
      );
      return changed;
    });
    for (const key of keys) {
      await this.storage.delete(key).catch((err) => this.log.error({ err, key }, 'could not delete the bytes of a removed attachment'));
    }
    return c;
  }

  /**
   * Links never used and uploads never attached, an hour past their time: their rows and bytes go
   * (the deadline sweep calls this; a row is deleted by one process only, whichever returns it).
   */
  async sweepExpired(): Promise<number> {
    const rows: { storageKey: string | null; thumbnailKey: string | null }[] = await this.db.query(
      `WITH gone AS (DELETE FROM complaint_attachment WHERE status IN ('PENDING', 'UPLOADED') AND "uploadExpiresAt" < now() - interval '1 hour'
         RETURNING "storageKey", "thumbnailKey") SELECT * FROM gone`,
    );
    for (const key of rows.flatMap((r) => [r.storageKey, r.thumbnailKey])) {
      if (key) await this.storage.delete(key).catch((err) => this.log.error({ err, key }, 'could not delete an expired upload'));
    }
    return rows.length;
  }

  // ---------- download ----------

  private signature(id: number, variant: Variant, holder: LinkHolder, expires: number): string {
    return crypto.createHmac('sha256', this.linkKey).update(`${id}:${variant}:${holder}:${expires}`).digest('base64url');
  }

  /** A link for whoever the field resolver serves; only ever made after the policy said they may see the file. */
  link(a: Pick<Attachment, 'id' | 'status' | 'thumbnailKey'>, variant: Variant, holder: LinkHolder, now = Date.now()): string | null {
    if (a.status !== AttachmentStatus.ACTIVE || (variant === 'thumbnail' && !a.thumbnailKey)) return null;
    const expires = Math.ceil((now + LINK_TTL_MS) / LINK_STEP_MS) * LINK_STEP_MS;
    const q = new URLSearchParams({ h: String(holder), e: String(expires), s: this.signature(a.id, variant, holder, expires) });
    return `/attachments/${a.id}/${variant}?${q}`;
  }

  /**
   * The bytes behind a link: the signature and its time, then the holder's scope as it is now
   * (a moved or deactivated account, a complaint that left their unit, a deleted file: refused).
   * A guessed or altered link, or one for a file the holder may not see, is NOT_FOUND.
   */
  async download(idParam: string, variant: Variant, holderParam: unknown, expiresParam: unknown, signature: unknown): Promise<Download> {
    const refuse = () => AppError.notFound('Attachment', idParam);
    const id = /^\d{1,10}$/.test(idParam) ? Number(idParam) : NaN;
    const expires = Number(expiresParam);
    const holder: LinkHolder | null = holderParam === 'public' ? 'public' : /^\d{1,10}$/.test(String(holderParam)) ? Number(holderParam) : null;
    if (!Number.isSafeInteger(id) || holder === null || !Number.isSafeInteger(expires) || typeof signature !== 'string') throw refuse();
    const expected = Buffer.from(this.signature(id, variant, holder, expires));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected) || expires < Date.now()) throw refuse();
    const a = await this.db.getRepository(Attachment).findOneBy({ id });
    const c = a && (await this.db.getRepository(Complaint).findOneBy({ id: a.complaintId }));
    if (!a || !c || a.status !== AttachmentStatus.ACTIVE) throw refuse();
    if (holder === 'public') {
      if (a.visibility !== AttachmentVisibility.PUBLIC) throw refuse();
    } else {
      await this.org.ready();
      const viewer = await this.identity.viewerOf(holder);
      if (!viewer || !this.policy.canSee(viewer, c, a.visibility)) throw refuse();
    }
    const key = variant === 'thumbnail' ? a.thumbnailKey : a.storageKey;
    const body = key ? await this.storage.get(key) : null;
    if (!body) throw refuse();
    return { body, mimeType: variant === 'thumbnail' ? 'image/jpeg' : a.mimeType!, fileName: a.fileName, variant };
  }

  // ---------- reading ----------

  /** The files of a complaint this viewer sees, in the order they came (removed ones too, without links). */
  visibleOf(viewer: Viewer | null, c: Complaint, rows: readonly Attachment[]): Attachment[] {
    const sees = this.policy.visible(viewer, c);
    return rows.filter((a) => sees.has(a.visibility));
  }

  countFor(viewer: Viewer | null, c: Complaint, counts: Partial<Record<AttachmentVisibility, number>>): number {
    let n = 0;
    for (const v of this.policy.visible(viewer, c)) n += counts[v] ?? 0;
    return n;
  }
}

/** What a checked, re-encoded and stored file puts on its attachment row, whoever sent it. */
function storedFile(file: ProcessedFile, storageKey: string, thumbnailKey: string | null) {
  return {
    status: AttachmentStatus.UPLOADED,
    kind: file.kind,
    mimeType: file.mimeType,
    size: file.body.length,
    width: file.width,
    height: file.height,
    sha256: sha256(file.body),
    storageKey,
    thumbnailKey,
  };
}
