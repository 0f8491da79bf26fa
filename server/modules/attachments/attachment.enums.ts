/** Who sees a file attached to a complaint. */
export enum AttachmentVisibility {
  /** On the reporter's tracking page as well as for staff; a photo of a complaint neither confidential nor anonymous may be Open311's media_url. */
  PUBLIC = 'PUBLIC',
  /** Staff who may read the complaint. */
  INTERNAL = 'INTERNAL',
  /** A KTP or KK scan: only those who may see the reporter's identity (ComplaintPolicy.canSeeIdentity). */
  IDENTITY = 'IDENTITY',
}

/** Where a file stands: a ticket, bytes received, part of the complaint, or taken off it (the record stays). */
export enum AttachmentStatus {
  PENDING = 'PENDING',
  UPLOADED = 'UPLOADED',
  ACTIVE = 'ACTIVE',
  REMOVED = 'REMOVED',
}

export enum AttachmentKind {
  /** Re-encoded without its metadata, with a thumbnail. */
  IMAGE = 'IMAGE',
  /** A PDF, kept as sent. */
  DOCUMENT = 'DOCUMENT',
}
