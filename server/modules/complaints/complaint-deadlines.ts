import { Field, ObjectType, registerEnumType } from 'type-graphql';
import type { Complaint } from './complaint.entity';
import { ComplaintStatus as S } from './complaint.enums';

/** The deadlines a complaint runs through (SlaPolicy), in order. */
export enum DeadlineKind {
  /** The intake verifies and forwards. */
  VERIFY = 'VERIFY',
  /** The unit it was forwarded to responds first (accepts, public progress or answer). */
  RESPONSE = 'RESPONSE',
  /** After its first response the unit follows up with the answer. */
  FOLLOW_UP = 'FOLLOW_UP',
  /** The overall limit to the answer, from receipt or the last reopening. */
  SETTLE = 'SETTLE',
}
registerEnumType(DeadlineKind, { name: 'DeadlineKind' });

/** How the timeline and the console name each deadline (Bahasa Indonesia). */
export const DEADLINE_WORDS: Record<DeadlineKind, string> = {
  VERIFY: 'verifikasi',
  RESPONSE: 'tanggapan',
  FOLLOW_UP: 'tindak lanjut',
  SETTLE: 'penyelesaian',
};

@ObjectType({ description: 'One deadline of a complaint: when it falls due and whether it still runs.' })
export class ComplaintDeadline {
  @Field(() => DeadlineKind)
  kind: DeadlineKind;

  @Field(() => Date)
  dueAt: Date;

  @Field(() => Boolean, { description: 'The step it guards is done (or the complaint ended).' })
  done: boolean;

  @Field(() => Boolean, { description: 'Still running and already past.' })
  overdue: boolean;

  @Field(() => Boolean, { description: 'Not running now: the complaint is on hold or awaits the reporter; the date moves on by the time paused.' })
  paused: boolean;
}

type Deadlines = Pick<Complaint, 'status' | 'verifyDueAt' | 'responseDueAt' | 'followUpDueAt' | 'settleDueAt'> & Partial<Pick<Complaint, 'pausedAt'>>;

const ENDED = new Set<S>([S.RESPONDED, S.CLOSED, S.REJECTED, S.ARCHIVED, S.MERGED]);
const DEADLINE_COLUMNS = ['verifyDueAt', 'responseDueAt', 'followUpDueAt', 'settleDueAt'] as const;

/**
 * Ending a pause: every deadline the change does not set itself moves on by the time paused
 * (wall-clock time, so a deadline never comes sooner than it would have without the pause).
 */
export function unpaused(c: Complaint, now: Date, patch: Partial<Complaint> = {}): Partial<Complaint> {
  if (!c.pausedAt) return {};
  const paused = Math.max(0, now.getTime() - c.pausedAt.getTime());
  const out: Partial<Complaint> = { pausedAt: null, pauseKind: null, pauseReason: null, pauseUntil: null };
  for (const k of DEADLINE_COLUMNS) {
    const d = c[k];
    if (!(k in patch) && d) out[k] = new Date(d.getTime() + paused);
  }
  return out;
}
const AT_INTAKE = new Set<S>([S.SUBMITTED, S.VERIFIED]);

/** The earlier of two deadlines; a missing one (rows from before it existed) does not count. */
export function earliest(a: Date | null, b: Date | null): Date | null {
  if (!a || !b) return a ?? b;
  return a.getTime() <= b.getTime() ? a : b;
}

/** The step's own deadline: verification at the intake; at a unit the follow-up once it responded, else its response. */
function stepDeadline(c: Deadlines): [DeadlineKind, Date | null] {
  if (AT_INTAKE.has(c.status)) return [DeadlineKind.VERIFY, c.verifyDueAt];
  return c.followUpDueAt ? [DeadlineKind.FOLLOW_UP, c.followUpDueAt] : [DeadlineKind.RESPONSE, c.responseDueAt];
}

/**
 * The deadline running now (`Complaint.dueAt`, which the sweep and the overdue filter read): the
 * earlier of the step's own and settlement; none once answered or ended. Derived from the other
 * deadlines on every write (ComplaintService.commit), never set by an action.
 */
export function runningDue(c: Deadlines): Date | null {
  return ENDED.has(c.status) || c.pausedAt ? null : earliest(stepDeadline(c)[1], c.settleDueAt);
}

/** Which deadline `runningDue` is: the step's own or, when it comes first, the settlement limit. */
export function runningDeadlineKind(c: Deadlines): DeadlineKind {
  const [kind, step] = stepDeadline(c);
  const due = runningDue(c);
  return due && step?.getTime() !== due.getTime() ? DeadlineKind.SETTLE : kind;
}

/**
 * Every deadline the complaint has had in its current round, in order. A step is done once the
 * workflow is past it: verification when the complaint left the intake, the response when the
 * follow-up started, follow-up and settlement when answered.
 */
export function deadlinesOf(c: Deadlines, now: Date): ComplaintDeadline[] {
  const ended = ENDED.has(c.status);
  const atIntake = AT_INTAKE.has(c.status);
  const rows: [DeadlineKind, Date | null, boolean][] = [
    [DeadlineKind.VERIFY, c.verifyDueAt, !atIntake],
    [DeadlineKind.RESPONSE, atIntake ? null : c.responseDueAt, ended || !!c.followUpDueAt],
    [DeadlineKind.FOLLOW_UP, atIntake ? null : c.followUpDueAt, ended],
    [DeadlineKind.SETTLE, c.settleDueAt, ended],
  ];
  return rows
    .filter((r): r is [DeadlineKind, Date, boolean] => r[1] != null)
    .map(([kind, dueAt, done]) => ({
      kind,
      dueAt,
      done,
      paused: !done && !!c.pausedAt,
      overdue: !done && !c.pausedAt && dueAt.getTime() < now.getTime(),
    }));
}
