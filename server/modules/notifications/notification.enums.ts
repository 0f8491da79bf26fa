/** How a message reaches its recipient. WhatsApp and SMS join here, each with an adapter (notification-channels.ts). */
export enum NotificationChannel {
  /** The console's notification centre: the row itself is the notification, delivered when written. */
  IN_CONSOLE = 'IN_CONSOLE',
  EMAIL = 'EMAIL',
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
  RECEIVED_TO_REPORTER = 'RECEIVED_TO_REPORTER',
  ANSWERED_TO_REPORTER = 'ANSWERED_TO_REPORTER',
  /** A complaint's public change, for an external app's webhook. */
  WEBHOOK_EVENT = 'WEBHOOK_EVENT',
}
