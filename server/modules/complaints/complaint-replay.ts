import type { Complaint, ComplaintEvent } from './complaint.entity';
import { isFirstResponse } from './complaint-handling';
import { ComplaintEventType as T, ComplaintStatus, ProgressStage } from './complaint.enums';

/** The workflow state of a complaint, as far as its timeline tells it. */
export interface ReplayedState {
  status: ComplaintStatus;
  currentOpdId: number | null;
  handlerOpdIds: number[];
  progressStage: ProgressStage | null;
  assigneeId: number | null;
  firstResponseAt: Date | null;
  respondedAt: Date | null;
  closedAt: Date | null;
  answer: string | null;
  rating: number | null;
  duplicateOfId: number | null;
  lastEventId: number | null;
}

export const REPLAYED_FIELDS: (keyof ReplayedState)[] = [
  'status',
  'currentOpdId',
  'handlerOpdIds',
  'progressStage',
  'assigneeId',
  'firstResponseAt',
  'respondedAt',
  'closedAt',
  'answer',
  'rating',
  'duplicateOfId',
  'lastEventId',
];

/** Rebuilds a complaint's state from its events alone (oldest first); the audit compares it with the row. */
export function replayComplaint(events: readonly ComplaintEvent[]): ReplayedState {
  const s: ReplayedState = {
    status: ComplaintStatus.SUBMITTED,
    currentOpdId: null,
    handlerOpdIds: [],
    progressStage: null,
    assigneeId: null,
    firstResponseAt: null,
    respondedAt: null,
    closedAt: null,
    answer: null,
    rating: null,
    duplicateOfId: null,
    lastEventId: null,
  };
  const firstResponse = (at: Date) => (s.firstResponseAt ??= at);
  events.forEach((e, i) => {
    const at = new Date(e.createdAt);
    s.lastEventId = e.id;
    if (e.toStatus) s.status = e.toStatus;
    switch (e.type) {
      case T.VERIFIED:
        s.progressStage = null;
        break;
      case T.REJECTED:
      case T.MERGED:
        s.duplicateOfId = (e.data?.duplicateOfId as number | null | undefined) ?? null;
        s.closedAt = at;
        break;
      case T.FORWARDED: {
        s.currentOpdId = e.toOpdId;
        if (e.toOpdId && !s.handlerOpdIds.includes(e.toOpdId)) s.handlerOpdIds.push(e.toOpdId);
        const deskId = e.data?.deskId;
        if (deskId != null && e.toOpdId) {
          const released = releasedByDesk(events.slice(0, i), Number(deskId), e.toOpdId);
          s.handlerOpdIds = s.handlerOpdIds.filter((id) => !released.includes(id));
        }
        // A desk decision forwards while the complaint stays in stage DESK.
        s.progressStage = e.stage ?? null;
        s.assigneeId = null;
        break;
      }
      case T.RETURNED:
        s.currentOpdId = null;
        s.assigneeId = null;
        s.progressStage = null;
        break;
      case T.ACCEPTED:
        s.progressStage = e.stage ?? s.progressStage ?? ProgressStage.VERIFICATION;
        firstResponse(at);
        break;
      case T.ASSIGNED:
        s.assigneeId = (e.data?.assigneeId as number | undefined) ?? null;
        break;
      case T.PROGRESS:
        s.progressStage = e.stage;
        if (isFirstResponse(e)) firstResponse(at);
        // Convening a desk lets the participating units see the complaint.
        for (const id of (e.data?.participantOpdIds as number[] | undefined) ?? []) if (!s.handlerOpdIds.includes(id)) s.handlerOpdIds.push(id);
        break;
      case T.RESPONDED:
        s.answer = e.message;
        s.respondedAt = at;
        firstResponse(at);
        break;
      case T.CLOSED:
      case T.AUTO_CLOSED:
      case T.ARCHIVED:
        s.closedAt = at;
        break;
      case T.ESCALATED:
        // Escalations since they reach a person let that head see the complaint.
        if (e.data?.handler && e.toOpdId && !s.handlerOpdIds.includes(e.toOpdId)) s.handlerOpdIds.push(e.toOpdId);
        break;
      case T.RATED:
        s.rating = (e.data?.rating as number | undefined) ?? null;
        break;
      default:
        break;
    }
  });
  return s;
}

type TimelineEntry = Pick<ComplaintEvent, 'type' | 'toOpdId' | 'data'>;

/**
 * The units that lose sight of a complaint when desk `deskId` decides it (forwarding it to
 * `targetId`): the desk's participants, except units it was ever forwarded to (they handle it)
 * and participants of another desk still open on it. `earlier` is its timeline before the decision.
 */
export function releasedByDesk(earlier: readonly TimelineEntry[], deskId: number, targetId: number): number[] {
  const forwardedTo = new Set<number>([targetId]);
  const open = new Map<number, number[]>();
  for (const e of earlier) {
    const desk = e.data?.deskId;
    if (e.type === T.FORWARDED) {
      if (e.toOpdId) forwardedTo.add(e.toOpdId);
      if (desk != null) open.delete(Number(desk));
    } else if (e.type === T.PROGRESS && desk != null) {
      open.set(Number(desk), ((e.data?.participantOpdIds as number[] | undefined) ?? []).map(Number));
    }
  }
  const participants = open.get(deskId) ?? [];
  open.delete(deskId);
  const onAnotherDesk = new Set([...open.values()].flat());
  return participants.filter((id) => !forwardedTo.has(id) && !onAnotherDesk.has(id));
}

/** Field names where the stored row and the replay disagree (empty when they agree). */
export function replayMismatches(row: Complaint, events: readonly ComplaintEvent[]): string[] {
  const replayed = replayComplaint(events);
  const norm = (v: unknown) => (v instanceof Date ? v.toISOString() : Array.isArray(v) ? [...v].sort().join(',') : (v ?? null));
  return REPLAYED_FIELDS.filter((f) => String(norm(replayed[f])) !== String(norm(row[f as keyof Complaint])));
}
