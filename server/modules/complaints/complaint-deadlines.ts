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
}

type Deadlines = Pick<Complaint, 'status' | 'verifyDueAt' | 'responseDueAt' | 'followUpDueAt' | 'settleDueAt' | 'dueAt' | 'currentOpdId'>;

const ENDED = new Set<S>([S.RESPONDED, S.CLOSED, S.REJECTED]);

/** Which deadline `dueAt` is now: the step's own or, when it comes first, the settlement limit. */
export function runningDeadlineKind(c: Deadlines): DeadlineKind {
  const at = c.dueAt?.getTime();
  if (at != null && at === c.settleDueAt?.getTime()) return DeadlineKind.SETTLE;
  if (c.status === S.SUBMITTED || c.status === S.VERIFIED) return DeadlineKind.VERIFY;
  if (c.followUpDueAt && at === c.followUpDueAt.getTime()) return DeadlineKind.FOLLOW_UP;
  return DeadlineKind.RESPONSE;
}

/**
 * Every deadline the complaint has had in its current round, in order. A step is done once the
 * workflow is past it: verification when the complaint left the intake, the response when the
 * follow-up started, follow-up and settlement when answered.
 */
export function deadlinesOf(c: Deadlines, now: Date): ComplaintDeadline[] {
  const ended = ENDED.has(c.status);
  const atIntake = c.status === S.SUBMITTED || c.status === S.VERIFIED;
  const rows: [DeadlineKind, Date | null, boolean][] = [
    [DeadlineKind.VERIFY, c.verifyDueAt, !atIntake],
    [DeadlineKind.RESPONSE, atIntake ? null : c.responseDueAt, ended || !!c.followUpDueAt],
    [DeadlineKind.FOLLOW_UP, atIntake ? null : c.followUpDueAt, ended],
    [DeadlineKind.SETTLE, c.settleDueAt, ended],
  ];
  return rows
    .filter((r): r is [DeadlineKind, Date, boolean] => r[1] != null)
    .map(([kind, dueAt, done]) => ({ kind, dueAt, done, overdue: !done && dueAt.getTime() < now.getTime() }));
}
