import type { ComplaintEventType, ComplaintStatus, ProgressStage } from '../complaints/complaint.enums';
import { NotificationChannel, NotificationStatus, NotificationTemplate } from '../notifications/notification.enums';
import { WEBHOOK_EVENT_OF } from './webhook.enums';

interface EventLike {
  type: ComplaintEventType;
  public: boolean;
  toStatus?: ComplaintStatus | null;
  toOpdId?: number | null;
  stage?: ProgressStage | null;
  message?: string | null;
}

interface ComplaintLike {
  trackingCode: string;
  title: string;
  status: ComplaintStatus;
  currentOpdId: number | null;
  confidential: boolean;
  apiClientId: number | null;
}

/** The body an endpoint receives, but for `id` (`w:<event id>:<endpoint id>`), which the statement fills in. */
export interface WebhookPayload {
  type: string;
  occurredAt: string;
  complaint: { trackingCode: string; title: string; status: ComplaintStatus; unit: string | null };
  event: { message: string | null; unit: string | null; stage: ProgressStage | null };
}

/** What a batch of events tells webhooks: public entries of the kinds apps may follow; nothing of a confidential complaint. */
export function webhookPayloads(c: ComplaintLike, events: readonly EventLike[], at: Date, unitName: (id: number | null) => string | null) {
  if (c.confidential) return [];
  return events.flatMap((e) => {
    const kind = WEBHOOK_EVENT_OF[e.type];
    if (!kind || !e.public) return [];
    const payload: WebhookPayload = {
      type: `complaint.${kind}`,
      occurredAt: at.toISOString(),
      complaint: { trackingCode: c.trackingCode, title: c.title, status: e.toStatus ?? c.status, unit: unitName(c.currentOpdId) },
      event: { message: e.message ?? null, unit: unitName(e.toOpdId ?? null), stage: e.stage ?? null },
    };
    return [{ eventType: e.type, kind, payload }];
  });
}

/**
 * The webhook deliveries of a batch as one more CTE of the statement that appends the events
 * (ComplaintService.appendEvents): outbox rows on the WEBHOOK channel, one per active endpoint
 * of an active app that wants the event, for the app's own submissions or, if it asked, for
 * every non-confidential complaint. The dispatcher sends them like any other message.
 */
export function webhookSteps(
  c: ComplaintLike,
  events: readonly EventLike[],
  at: Date,
  p: (v: unknown) => string,
  unitName: (id: number | null) => string | null,
): string[] {
  const items = webhookPayloads(c, events, at, unitName);
  if (items.length === 0) return [];
  const rows = items.map(
    (i) => `(${p(i.eventType)}::text, ${p(i.kind)}::text, ${p(`${i.payload.type} ${c.trackingCode}`)}::text, ${p(JSON.stringify(i.payload))}::text)`,
  );
  const when = `${p(at)}::timestamptz`;
  return [
    `hooks AS (INSERT INTO notification (channel, status, template, "recipientAddress", "complaintId", "eventId", "dedupeKey", subject, body, attempts, "nextAttemptAt", "createdAt", "updatedAt")
       SELECT ${p(NotificationChannel.WEBHOOK)}, ${p(NotificationStatus.PENDING)}, ${p(NotificationTemplate.WEBHOOK_EVENT)}, w.id::text, e."complaintId", e.id,
              concat('w:', e.id, ':', w.id), s.subject,
              json_build_object('id', concat('w:', e.id, ':', w.id), 'type', s.payload::json->'type', 'occurredAt', s.payload::json->'occurredAt',
                                'complaint', s.payload::json->'complaint', 'event', s.payload::json->'event')::text,
              0, ${when}, ${when}, ${when}
         FROM (VALUES ${rows.join(', ')}) AS s(event_type, kind, subject, payload)
         CROSS JOIN LATERAL (SELECT min(ev.id) AS id, min(ev."complaintId") AS "complaintId" FROM ev WHERE ev.type::text = s.event_type) e
         JOIN webhook_endpoint w ON w.active AND s.kind = ANY(w.events)
         JOIN api_client a ON a.id = w."apiClientId" AND a.active AND (a."expiresAt" IS NULL OR a."expiresAt" > ${when})
        WHERE e.id IS NOT NULL AND (a.id = ${p(c.apiClientId)}::int OR (w."allComplaints" AND 'public:read' = ANY(a.scopes))))`,
  ];
}
