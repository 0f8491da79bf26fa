import { ComplaintAction, ComplaintStatus } from './complaint.enums';

const S = ComplaintStatus;
const A = ComplaintAction;

export interface Transition {
  from: readonly ComplaintStatus[];
  /** 'SAME': the action is recorded as an event but leaves the status unchanged. */
  to: ComplaintStatus | 'SAME';
}

const ALL_STATUSES: readonly ComplaintStatus[] = Object.values(ComplaintStatus);

function rule(from: readonly ComplaintStatus[], to: ComplaintStatus | 'SAME'): Readonly<Transition> {
  // Frozen so no caller can widen the machine at run time.
  return Object.freeze({ from: Object.freeze([...from]), to });
}

/** Where a deadline runs: before the answer. */
const RUNNING: readonly ComplaintStatus[] = [S.SUBMITTED, S.VERIFIED, S.FORWARDED, S.IN_PROGRESS];

/** The whole status machine (PRODUCT.md "Status machine"); every other export derives from it. */
export const TRANSITIONS: Readonly<Record<ComplaintAction, Readonly<Transition>>> = Object.freeze({
  [A.VERIFY]: rule([S.SUBMITTED], S.VERIFIED),
  [A.REJECT]: rule([S.SUBMITTED, S.VERIFIED], S.REJECTED),
  [A.FORWARD]: rule([S.VERIFIED, S.FORWARDED, S.IN_PROGRESS], S.FORWARDED),
  [A.ACCEPT]: rule([S.FORWARDED], S.IN_PROGRESS),
  [A.PROGRESS]: rule([S.FORWARDED, S.IN_PROGRESS], S.IN_PROGRESS),
  [A.ASSIGN]: rule([S.FORWARDED, S.IN_PROGRESS], 'SAME'),
  [A.RETURN]: rule([S.FORWARDED, S.IN_PROGRESS], S.VERIFIED),
  [A.RESPOND]: rule([S.IN_PROGRESS], S.RESPONDED),
  [A.CLOSE]: rule([S.RESPONDED], S.CLOSED),
  [A.AUTO_CLOSE]: rule([S.RESPONDED], S.CLOSED),
  [A.REOPEN]: rule([S.RESPONDED], S.IN_PROGRESS),
  // Once per answer (ComplaintService.rate); a closed complaint only after it is reopened and answered again.
  [A.RATE]: rule([S.RESPONDED], 'SAME'),
  [A.NOTE]: rule(ALL_STATUSES, 'SAME'),
  [A.MARK_OVERDUE]: rule(RUNNING, 'SAME'),
  [A.REMIND]: rule(RUNNING, 'SAME'),
  [A.PUBLISH]: rule([S.FORWARDED, S.IN_PROGRESS], S.IN_PROGRESS),
  [A.DRAFT]: rule([S.FORWARDED, S.IN_PROGRESS], 'SAME'),
  [A.ASK_REPORTER]: rule(RUNNING, 'SAME'),
  [A.REPLY]: rule([...RUNNING, S.RESPONDED], 'SAME'),
  [A.HOLD]: rule(RUNNING, 'SAME'),
  [A.RESUME]: rule(RUNNING, 'SAME'),
  [A.ARCHIVE]: rule([S.SUBMITTED, S.VERIFIED], S.ARCHIVED),
  [A.MERGE]: rule([S.SUBMITTED, S.VERIFIED], S.MERGED),
  [A.REVEAL_CONTACT]: rule([S.FORWARDED, S.IN_PROGRESS], 'SAME'),
  // Whatever became of the complaint, its reporter may follow it.
  [A.RENEW_ACCESS_CODE]: rule(ALL_STATUSES, 'SAME'),
  // Evidence may arrive or be corrected at any stage, like a note.
  [A.ATTACH]: rule(ALL_STATUSES, 'SAME'),
});

export const TERMINAL_STATUSES: readonly ComplaintStatus[] = Object.freeze([S.CLOSED, S.REJECTED, S.ARCHIVED, S.MERGED]);

/** Ends without the complaint being handled: a report is never merged into one of these. */
export const UNHANDLED_ENDS: readonly ComplaintStatus[] = Object.freeze([S.REJECTED, S.ARCHIVED, S.MERGED]);

/**
 * Actions a pause survives (notes, work inside the unit, the reporter's rating); any other
 * action moves the complaint on, which ends the pause (ComplaintService.commit).
 */
export const PAUSE_KEEPS: ReadonlySet<ComplaintAction> = new Set([
  A.NOTE,
  A.ASSIGN,
  A.PROGRESS,
  A.PUBLISH,
  A.DRAFT,
  A.REMIND,
  A.RATE,
  // Ends a wait for the reporter itself (replyByCitizen), never a hold.
  A.REPLY,
  A.RENEW_ACCESS_CODE,
  A.ATTACH,
]);

/** Every status that is not terminal (RESPONDED included: it can still be reopened or closed). */
export const OPEN_STATUSES: readonly ComplaintStatus[] = Object.freeze(ALL_STATUSES.filter((s) => !TERMINAL_STATUSES.includes(s)));

/** Thrown for a refused transition; the service layer maps it to extensions.code INVALID_TRANSITION. */
export class InvalidTransitionError extends Error {
  readonly status: ComplaintStatus;
  readonly action: ComplaintAction;

  constructor(status: ComplaintStatus, action: ComplaintAction) {
    super(`Cannot ${action} a complaint that is ${status}`);
    this.name = 'InvalidTransitionError';
    this.status = status;
    this.action = action;
  }
}

export function canTransition(status: ComplaintStatus, action: ComplaintAction): boolean {
  // Values may come from the database or a client, so an unknown action is refused, not a crash.
  const t: Readonly<Transition> | undefined = TRANSITIONS[action];
  return t !== undefined && t.from.includes(status);
}

export function nextStatus(status: ComplaintStatus, action: ComplaintAction): ComplaintStatus {
  if (!canTransition(status, action)) throw new InvalidTransitionError(status, action);
  const to = TRANSITIONS[action].to;
  return to === 'SAME' ? status : to;
}

/** The actions valid in `status`, in ComplaintAction declaration order. */
export function allowedActions(status: ComplaintStatus): ComplaintAction[] {
  return Object.values(ComplaintAction).filter((a) => canTransition(status, a));
}
