export enum ComplaintType {
  COMPLAINT = 'COMPLAINT',
  ASPIRATION = 'ASPIRATION',
  INFORMATION_REQUEST = 'INFORMATION_REQUEST',
}

export enum Channel {
  SERVICE_POST = 'SERVICE_POST',
  WALK_IN = 'WALK_IN',
  CALL_CENTER = 'CALL_CENTER',
  SMS = 'SMS',
  WHATSAPP = 'WHATSAPP',
  WEB = 'WEB',
  SOCIAL_MEDIA = 'SOCIAL_MEDIA',
  SP4N_LAPOR = 'SP4N_LAPOR',
  EXTERNAL_APP = 'EXTERNAL_APP',
}

export enum ComplaintStatus {
  SUBMITTED = 'SUBMITTED',
  VERIFIED = 'VERIFIED',
  FORWARDED = 'FORWARDED',
  IN_PROGRESS = 'IN_PROGRESS',
  RESPONDED = 'RESPONDED',
  CLOSED = 'CLOSED',
  REJECTED = 'REJECTED',
  /** Arsip: needs no action (spam, a test); kept, never deleted, out of the work lists. */
  ARCHIVED = 'ARCHIVED',
  /** Digabung: the same as another complaint; its reporter follows that one. */
  MERGED = 'MERGED',
}

/** Why a complaint's deadlines are paused. */
export enum PauseKind {
  /** "Menunggu informasi pelapor": staff asked the reporter a question. */
  AWAITING_REPORTER = 'AWAITING_REPORTER',
  /** "Tunda": an intake admin put it on hold with a reason. */
  ON_HOLD = 'ON_HOLD',
}

export enum ProgressStage {
  VERIFICATION = 'VERIFICATION',
  FIELD_CHECK = 'FIELD_CHECK',
  IN_WORK = 'IN_WORK',
  DESK = 'DESK',
}

/** What happened to a complaint; one row of the timeline each. */
export enum ComplaintEventType {
  SUBMITTED = 'SUBMITTED',
  VERIFIED = 'VERIFIED',
  REJECTED = 'REJECTED',
  FORWARDED = 'FORWARDED',
  RETURNED = 'RETURNED',
  ACCEPTED = 'ACCEPTED',
  ASSIGNED = 'ASSIGNED',
  PROGRESS = 'PROGRESS',
  INTERNAL_NOTE = 'INTERNAL_NOTE',
  RESPONDED = 'RESPONDED',
  CLOSED = 'CLOSED',
  AUTO_CLOSED = 'AUTO_CLOSED',
  REOPENED = 'REOPENED',
  RATED = 'RATED',
  OVERDUE = 'OVERDUE',
  ESCALATED = 'ESCALATED',
  REMINDED = 'REMINDED',
  ANSWER_DRAFTED = 'ANSWER_DRAFTED',
  INFO_REQUESTED = 'INFO_REQUESTED',
  REPORTER_REPLIED = 'REPORTER_REPLIED',
  HELD = 'HELD',
  RESUMED = 'RESUMED',
  ARCHIVED = 'ARCHIVED',
  MERGED = 'MERGED',
  /** On the original: a duplicate was merged into it. */
  DUPLICATE_ADDED = 'DUPLICATE_ADDED',
  CONTACT_REVEALED = 'CONTACT_REVEALED',
  /** The reporter asked for a new access code, sent to the contact on file; the old one stops working. */
  ACCESS_CODE_RENEWED = 'ACCESS_CODE_RENEWED',
  /** Photos or documents joined the complaint (its data names them; the message never does). */
  ATTACHMENT_ADDED = 'ATTACHMENT_ADDED',
  /** A file's bytes were deleted; its record stays, with who and why (internalNote). */
  ATTACHMENT_REMOVED = 'ATTACHMENT_REMOVED',
}

/** The actions of the status machine (see complaint-status.ts). */
export enum ComplaintAction {
  VERIFY = 'VERIFY',
  REJECT = 'REJECT',
  FORWARD = 'FORWARD',
  ACCEPT = 'ACCEPT',
  ASSIGN = 'ASSIGN',
  PROGRESS = 'PROGRESS',
  RETURN = 'RETURN',
  RESPOND = 'RESPOND',
  CLOSE = 'CLOSE',
  AUTO_CLOSE = 'AUTO_CLOSE',
  REOPEN = 'REOPEN',
  RATE = 'RATE',
  NOTE = 'NOTE',
  MARK_OVERDUE = 'MARK_OVERDUE',
  REMIND = 'REMIND',
  /** The head publishes a staff member's internal progress note to the reporter. */
  PUBLISH = 'PUBLISH',
  /** Staff draft the answer; the head approves or edits it (RESPOND). */
  DRAFT = 'DRAFT',
  ASK_REPORTER = 'ASK_REPORTER',
  /** The reporter replies or adds information from the tracking page. */
  REPLY = 'REPLY',
  HOLD = 'HOLD',
  RESUME = 'RESUME',
  ARCHIVE = 'ARCHIVE',
  MERGE = 'MERGE',
  /** Open an anonymous reporter's phone and address to the handling unit (home visit). */
  REVEAL_CONTACT = 'REVEAL_CONTACT',
  /** The reporter lost the access code: a new one goes to the phone or e-mail on file. */
  RENEW_ACCESS_CODE = 'RENEW_ACCESS_CODE',
  /** Add or delete a photo or document (attachments module). */
  ATTACH = 'ATTACH',
}
