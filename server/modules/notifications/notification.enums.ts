/** How a message reaches its recipient; each channel that leaves the building has an adapter (notification-channels.ts). */
export enum NotificationChannel {
  /** The console's notification centre: the row itself is the notification, delivered when written. */
  IN_CONSOLE = 'IN_CONSOLE',
  EMAIL = 'EMAIL',
  /** The WhatsApp Business Cloud API, as a template message. */
  WHATSAPP = 'WHATSAPP',
  /** A configurable HTTP SMS gateway. */
  SMS = 'SMS',
  /** An external app's signed HTTPS endpoint (server/modules/webhooks). */
  WEBHOOK = 'WEBHOOK',
}

export enum NotificationStatus {
  PENDING = 'PENDING',
  SENT = 'SENT',
  /** The last attempt failed; the dispatcher tries again at `nextAttemptAt`. */
  FAILED = 'FAILED',
  /** Given up (the attempt limit, or a permanent refusal); only the superadmin's retry sends it again. */
  DEAD = 'DEAD',
}

/** What a notification says and to whom (notification-rules.ts). */
export enum NotificationTemplate {
  FORWARDED_TO_UNIT = 'FORWARDED_TO_UNIT',
  ESCALATED_TO_UNIT = 'ESCALATED_TO_UNIT',
  ASSIGNED_TO_STAFF = 'ASSIGNED_TO_STAFF',
  RETURNED_TO_INTAKE = 'RETURNED_TO_INTAKE',
  ANSWERED_TO_INTAKE = 'ANSWERED_TO_INTAKE',
  RATED_LOW_TO_INTAKE = 'RATED_LOW_TO_INTAKE',
  REOPENED_TO_UNIT = 'REOPENED_TO_UNIT',
  REPLIED_TO_STAFF = 'REPLIED_TO_STAFF',
  OVERDUE_TO_UNIT = 'OVERDUE_TO_UNIT',
  /** A unit's heads are invited to a forum desk (server/modules/desks). */
  DESK_INVITATION_TO_UNIT = 'DESK_INVITATION_TO_UNIT',
  /** One working day before a running deadline at the unit (H-1), written by the deadline sweep. */
  DEADLINE_REMINDER_TO_UNIT = 'DEADLINE_REMINDER_TO_UNIT',
  /** A unit head's daily list of open and overdue complaints, for those who asked for it. */
  DAILY_DIGEST_TO_UNIT = 'DAILY_DIGEST_TO_UNIT',
  RECEIVED_TO_REPORTER = 'RECEIVED_TO_REPORTER',
  VERIFIED_TO_REPORTER = 'VERIFIED_TO_REPORTER',
  FORWARDED_TO_REPORTER = 'FORWARDED_TO_REPORTER',
  PROGRESS_TO_REPORTER = 'PROGRESS_TO_REPORTER',
  QUESTION_TO_REPORTER = 'QUESTION_TO_REPORTER',
  ANSWERED_TO_REPORTER = 'ANSWERED_TO_REPORTER',
  /** The answer, to the reporter of a duplicate merged into the answered complaint. */
  ANSWERED_TO_FOLLOWER = 'ANSWERED_TO_FOLLOWER',
  CLOSED_TO_REPORTER = 'CLOSED_TO_REPORTER',
  ACCESS_CODE_TO_REPORTER = 'ACCESS_CODE_TO_REPORTER',
  /** A complaint's public change, for an external app's webhook. */
  WEBHOOK_EVENT = 'WEBHOOK_EVENT',
}
