import { ComplaintAction, ComplaintStatus } from '../../server/modules/complaints/complaint.enums';
import {
  InvalidTransitionError,
  OPEN_STATUSES,
  TERMINAL_STATUSES,
  TRANSITIONS,
  allowedActions,
  canTransition,
  nextStatus,
} from '../../server/modules/complaints/complaint-status';

const S = ComplaintStatus;
const A = ComplaintAction;

// Hand-written from PRODUCT.md, organised by status (TRANSITIONS is organised by action),
// so a slip in either one shows up as a mismatch. Value = the status after the action.
const EXPECTED: Record<ComplaintStatus, Partial<Record<ComplaintAction, ComplaintStatus>>> = {
  SUBMITTED: {
    VERIFY: S.VERIFIED,
    REJECT: S.REJECTED,
    NOTE: S.SUBMITTED,
    RENEW_ACCESS_CODE: S.SUBMITTED,
    ATTACH: S.SUBMITTED,
    MARK_OVERDUE: S.SUBMITTED,
    REMIND: S.SUBMITTED,
    ASK_REPORTER: S.SUBMITTED,
    REPLY: S.SUBMITTED,
    HOLD: S.SUBMITTED,
    RESUME: S.SUBMITTED,
    ARCHIVE: S.ARCHIVED,
    MERGE: S.MERGED,
  },
  VERIFIED: {
    REJECT: S.REJECTED,
    FORWARD: S.FORWARDED,
    NOTE: S.VERIFIED,
    RENEW_ACCESS_CODE: S.VERIFIED,
    ATTACH: S.VERIFIED,
    MARK_OVERDUE: S.VERIFIED,
    REMIND: S.VERIFIED,
    ASK_REPORTER: S.VERIFIED,
    REPLY: S.VERIFIED,
    HOLD: S.VERIFIED,
    RESUME: S.VERIFIED,
    ARCHIVE: S.ARCHIVED,
    MERGE: S.MERGED,
  },
  FORWARDED: {
    FORWARD: S.FORWARDED,
    ACCEPT: S.IN_PROGRESS,
    PROGRESS: S.IN_PROGRESS,
    ASSIGN: S.FORWARDED,
    RETURN: S.VERIFIED,
    NOTE: S.FORWARDED,
    RENEW_ACCESS_CODE: S.FORWARDED,
    ATTACH: S.FORWARDED,
    MARK_OVERDUE: S.FORWARDED,
    REMIND: S.FORWARDED,
    PUBLISH: S.IN_PROGRESS,
    DRAFT: S.FORWARDED,
    REVEAL_CONTACT: S.FORWARDED,
    ASK_REPORTER: S.FORWARDED,
    REPLY: S.FORWARDED,
    HOLD: S.FORWARDED,
    RESUME: S.FORWARDED,
  },
  IN_PROGRESS: {
    FORWARD: S.FORWARDED,
    PROGRESS: S.IN_PROGRESS,
    ASSIGN: S.IN_PROGRESS,
    RETURN: S.VERIFIED,
    RESPOND: S.RESPONDED,
    NOTE: S.IN_PROGRESS,
    RENEW_ACCESS_CODE: S.IN_PROGRESS,
    ATTACH: S.IN_PROGRESS,
    MARK_OVERDUE: S.IN_PROGRESS,
    REMIND: S.IN_PROGRESS,
    PUBLISH: S.IN_PROGRESS,
    DRAFT: S.IN_PROGRESS,
    REVEAL_CONTACT: S.IN_PROGRESS,
    ASK_REPORTER: S.IN_PROGRESS,
    REPLY: S.IN_PROGRESS,
    HOLD: S.IN_PROGRESS,
    RESUME: S.IN_PROGRESS,
  },
  RESPONDED: {
    CLOSE: S.CLOSED,
    AUTO_CLOSE: S.CLOSED,
    REOPEN: S.IN_PROGRESS,
    RATE: S.RESPONDED,
    NOTE: S.RESPONDED,
    RENEW_ACCESS_CODE: S.RESPONDED,
    ATTACH: S.RESPONDED,
    REPLY: S.RESPONDED,
  },
  CLOSED: {
    NOTE: S.CLOSED,
    RENEW_ACCESS_CODE: S.CLOSED,
    ATTACH: S.CLOSED,
  },
  REJECTED: {
    NOTE: S.REJECTED,
    RENEW_ACCESS_CODE: S.REJECTED,
    ATTACH: S.REJECTED,
  },
  ARCHIVED: {
    NOTE: S.ARCHIVED,
    RENEW_ACCESS_CODE: S.ARCHIVED,
    ATTACH: S.ARCHIVED,
  },
  MERGED: {
    NOTE: S.MERGED,
    RENEW_ACCESS_CODE: S.MERGED,
    ATTACH: S.MERGED,
  },
};

const STATUSES = Object.values(ComplaintStatus);
const ACTIONS = Object.values(ComplaintAction);
const MATRIX = STATUSES.flatMap((status) => ACTIONS.map((action) => [status, action] as const));

describe('complaint status machine', () => {
  it('covers exactly the statuses and actions this test was written for', () => {
    // A new enum member must get a deliberate row in EXPECTED and in TRANSITIONS.
    expect(STATUSES).toEqual(['SUBMITTED', 'VERIFIED', 'FORWARDED', 'IN_PROGRESS', 'RESPONDED', 'CLOSED', 'REJECTED', 'ARCHIVED', 'MERGED']);
    expect(ACTIONS).toHaveLength(26);
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...ACTIONS].sort());
    expect(MATRIX).toHaveLength(234);
  });

  describe.each(MATRIX)('%s × %s', (status, action) => {
    const expected = EXPECTED[status][action];

    if (expected !== undefined) {
      it(`is allowed and leads to ${expected}`, () => {
        expect(canTransition(status, action)).toBe(true);
        expect(nextStatus(status, action)).toBe(expected);
      });
    } else {
      it('is refused with InvalidTransitionError', () => {
        expect(canTransition(status, action)).toBe(false);
        expect(() => nextStatus(status, action)).toThrow(InvalidTransitionError);
        expect(() => nextStatus(status, action)).toThrow(`Cannot ${action} a complaint that is ${status}`);
      });
    }
  });

  it('allows 80 (status, action) pairs in total', () => {
    expect(MATRIX.filter(([s, a]) => canTransition(s, a))).toHaveLength(80);
  });

  it('follows the main path SUBMITTED → CLOSED', () => {
    let s: ComplaintStatus = S.SUBMITTED;
    for (const a of [A.VERIFY, A.FORWARD, A.ACCEPT, A.PROGRESS, A.RESPOND, A.REOPEN, A.RESPOND, A.CLOSE]) {
      s = nextStatus(s, a);
    }
    expect(s).toBe(S.CLOSED);
  });

  describe('InvalidTransitionError', () => {
    it('carries status, action, name and a readable message', () => {
      let caught: unknown;
      try {
        nextStatus(S.SUBMITTED, A.RESPOND);
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(InvalidTransitionError);
      expect(caught).toBeInstanceOf(Error);
      const err = caught as InvalidTransitionError;
      expect(err.message).toBe('Cannot RESPOND a complaint that is SUBMITTED');
      expect(err.status).toBe(S.SUBMITTED);
      expect(err.action).toBe(A.RESPOND);
      expect(err.name).toBe('InvalidTransitionError');
    });

    it('can be constructed directly', () => {
      const err = new InvalidTransitionError(S.CLOSED, A.REOPEN);
      expect(err.message).toBe('Cannot REOPEN a complaint that is CLOSED');
    });
  });

  it('refuses an action value that is not in the enum (e.g. from a stale client)', () => {
    expect(canTransition(S.SUBMITTED, 'DELETE' as ComplaintAction)).toBe(false);
    expect(() => nextStatus(S.SUBMITTED, 'DELETE' as ComplaintAction)).toThrow(InvalidTransitionError);
  });

  describe('allowedActions', () => {
    it.each(STATUSES)('%s offers exactly the expected actions, in enum order', (status) => {
      const expected = ACTIONS.filter((a) => EXPECTED[status][a] !== undefined);
      expect(allowedActions(status)).toEqual(expected);
    });

    it('offers the console the listed actions for FORWARDED', () => {
      expect(allowedActions(S.FORWARDED)).toEqual([
        A.FORWARD,
        A.ACCEPT,
        A.ASSIGN,
        A.PROGRESS,
        A.RETURN,
        A.NOTE,
        A.MARK_OVERDUE,
        A.REMIND,
        A.PUBLISH,
        A.DRAFT,
        A.ASK_REPORTER,
        A.REPLY,
        A.HOLD,
        A.RESUME,
        A.REVEAL_CONTACT,
        A.RENEW_ACCESS_CODE,
        A.ATTACH,
      ]);
    });
  });

  describe('OPEN_STATUSES / TERMINAL_STATUSES', () => {
    it('CLOSED, REJECTED, ARCHIVED and MERGED are terminal; all others are open', () => {
      expect([...TERMINAL_STATUSES].sort()).toEqual([S.CLOSED, S.REJECTED, S.ARCHIVED, S.MERGED].sort());
      expect([...OPEN_STATUSES].sort()).toEqual([S.SUBMITTED, S.VERIFIED, S.FORWARDED, S.IN_PROGRESS, S.RESPONDED].sort());
    });

    it('no action moves a complaint out of a terminal status', () => {
      for (const status of TERMINAL_STATUSES) {
        for (const action of allowedActions(status)) expect(nextStatus(status, action)).toBe(status);
      }
    });

    it('every open status can still change status', () => {
      for (const status of OPEN_STATUSES) {
        expect(allowedActions(status).some((a) => nextStatus(status, a) !== status)).toBe(true);
      }
    });
  });

  it('cannot be changed at run time', () => {
    expect(Object.isFrozen(TRANSITIONS)).toBe(true);
    expect(Object.isFrozen(TRANSITIONS[A.VERIFY])).toBe(true);
    expect(Object.isFrozen(TRANSITIONS[A.VERIFY].from)).toBe(true);
    expect(Object.isFrozen(OPEN_STATUSES)).toBe(true);
    expect(Object.isFrozen(TERMINAL_STATUSES)).toBe(true);
  });
});
