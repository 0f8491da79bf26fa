import { runningDeadline, runningKind } from '../../admin/src/complaints/deadline';
import { isNewsFor } from '../../admin/src/live/news';
import { fromDayText, fromWibDayTime, toDayText, toWibDayTime } from '../../admin/src/wib';

const VERIFY = '2026-12-01T03:00:00.000Z';
const RESPONSE = '2026-12-08T03:00:00.000Z';

test('the countdown keeps the response deadline once a unit has accepted, and stops when answered', () => {
  expect(runningDeadline({ status: 'SUBMITTED', dueAt: VERIFY, verifyDueAt: VERIFY })).toBe(VERIFY);
  expect(runningDeadline({ status: 'FORWARDED', dueAt: RESPONSE, verifyDueAt: VERIFY, responseDueAt: RESPONSE })).toBe(RESPONSE);
  // Accepting is the first response: the server's dueAt stops, the response deadline still runs.
  expect(runningDeadline({ status: 'IN_PROGRESS', dueAt: null, verifyDueAt: VERIFY, responseDueAt: RESPONSE })).toBe(RESPONSE);
  expect(runningDeadline({ status: 'RESPONDED', dueAt: null, responseDueAt: RESPONSE })).toBeNull();
  expect(runningDeadline({ status: 'REJECTED', dueAt: null, verifyDueAt: VERIFY })).toBeNull();
});

test('the countdown is labelled with the deadline it counts down to', () => {
  const deadlines = [
    { kind: 'VERIFY', dueAt: VERIFY, done: true, overdue: false },
    { kind: 'RESPONSE', dueAt: RESPONSE, done: true, overdue: false },
    { kind: 'FOLLOW_UP', dueAt: '2026-12-15T16:59:59.999Z', done: false, overdue: false },
    { kind: 'SETTLE', dueAt: '2027-01-29T03:00:00.000Z', done: false, overdue: false },
  ];
  expect(runningKind({ status: 'IN_PROGRESS', dueAt: '2026-12-15T16:59:59.999Z', deadlines })).toBe('FOLLOW_UP');
  expect(runningKind({ status: 'IN_PROGRESS', dueAt: '2027-01-29T03:00:00.000Z', deadlines })).toBe('SETTLE');
  expect(runningKind({ status: 'RESPONDED', dueAt: null, deadlines })).toBeNull();
});

const change = (type: string, actorId: string | null) => ({ event: { type, actorId } });

test("the live badge counts other people's changes, not the user's own nor the deadline sweep's", () => {
  expect(isNewsFor('5', change('FORWARDED', '9'))).toBe(true);
  expect(isNewsFor('5', change('FORWARDED', '5'))).toBe(false);
  expect(isNewsFor('5', change('OVERDUE', null))).toBe(false);
  expect(isNewsFor('5', change('AUTO_CLOSED', null))).toBe(false);
  // The sweep's escalation only informs the parent unit; a person's is news.
  expect(isNewsFor('5', change('ESCALATED', null))).toBe(false);
  expect(isNewsFor('5', change('ESCALATED', '9'))).toBe(true);
  expect(isNewsFor('5', change('SUBMITTED', null))).toBe(true);
});

test('date and time are typed day first on a 24-hour WIB clock, whatever the browser locale', () => {
  expect(fromWibDayTime('03/12/2026', '09:30')).toBe('2026-12-03T02:30:00.000Z');
  expect(fromWibDayTime('3-12-2026', '9.30')).toBe('2026-12-03T02:30:00.000Z');
  // Just after midnight WIB is the previous day in UTC.
  expect(fromWibDayTime('01/01/2027', '00:15')).toBe('2026-12-31T17:15:00.000Z');
  expect(fromWibDayTime('31/02/2026', '09:00')).toBeNull();
  expect(fromWibDayTime('12/31/2026', '09:00')).toBeNull();
  expect(fromWibDayTime('03/12/2026', '9 pagi')).toBeNull();
  expect(fromWibDayTime('03/12/2026', '24:00')).toBeNull();
  expect(fromWibDayTime('', '')).toBeNull();
  expect(toWibDayTime('2026-12-03T02:30:00.000Z')).toEqual({ date: '03/12/2026', time: '09:30' });
  expect(toWibDayTime(null)).toEqual({ date: '', time: '' });
});

test('a calendar day is typed day first and stored as YYYY-MM-DD', () => {
  expect(toDayText('2026-12-03')).toBe('03/12/2026');
  expect(toDayText(null)).toBe('');
  expect(fromDayText('03/12/2026')).toBe('2026-12-03');
  expect(fromDayText('3.1.2027')).toBe('2027-01-03');
  // Unfinished or impossible text stays as typed, for the validator to name.
  expect(fromDayText('03/12')).toBe('03/12');
  expect(fromDayText('30/02/2026')).toBe('30/02/2026');
  expect(fromDayText('  ')).toBeNull();
  // What the input shows while typing is what was typed.
  expect(toDayText('03/12')).toBe('03/12');
});
