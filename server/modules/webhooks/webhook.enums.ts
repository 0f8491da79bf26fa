import { ComplaintEventType as T } from '../complaints/complaint.enums';

/** What an app can be told about a complaint: public facts only, named as on the wire (`complaint.<value>`). */
export enum WebhookEvent {
  RECEIVED = 'received',
  VERIFIED = 'verified',
  FORWARDED = 'forwarded',
  PROGRESS = 'progress',
  ANSWERED = 'answered',
  CLOSED = 'closed',
}

/** Which timeline entries are which webhook event; a PROGRESS entry only when it is public. */
export const WEBHOOK_EVENT_OF: Readonly<Partial<Record<T, WebhookEvent>>> = {
  [T.SUBMITTED]: WebhookEvent.RECEIVED,
  [T.VERIFIED]: WebhookEvent.VERIFIED,
  [T.FORWARDED]: WebhookEvent.FORWARDED,
  [T.PROGRESS]: WebhookEvent.PROGRESS,
  [T.RESPONDED]: WebhookEvent.ANSWERED,
  [T.CLOSED]: WebhookEvent.CLOSED,
  [T.AUTO_CLOSED]: WebhookEvent.CLOSED,
};
