// Deadline arithmetic in WIB (Asia/Jakarta), on the offset of core/wib.ts.
import { WIB_OFFSET_MS, wibDate } from '../../core/wib';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
/** A year of consecutive non-working days means the calendar data is broken; stop instead of looping. */
const MAX_NON_WORKING_RUN = 366;

export interface HolidayCalendar {
  /** `localDate` is YYYY-MM-DD in WIB. */
  isHoliday(localDate: string): boolean;
}

export type SlaCalendar = 'WORKING_DAYS' | 'CALENDAR_HOURS';
/** How a deadline counts; HOURS and DAYS are the older units whose meaning depended on the calendar. */
export type SlaUnit = 'CLOCK_HOURS' | 'WORKING_HOURS' | 'OFFICE_HOURS' | 'WORKING_DAYS' | 'CALENDAR_DAYS' | 'HOURS' | 'DAYS';
export type ExplicitSlaUnit = Exclude<SlaUnit, 'HOURS' | 'DAYS'>;

export interface OfficeHours {
  /** HH:MM in WIB. */
  start: string;
  /** HH:MM in WIB, after `start`. */
  end: string;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^(\d{2}):(\d{2})$/;

/** Midnight UTC of a YYYY-MM-DD; used only as a day counter, never as an instant. */
function parseLocalDate(localDate: string): number {
  const m = DATE_RE.exec(localDate);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  // Round trip rejects dates like 2026-02-30 that Date.UTC would silently roll over.
  if (Number.isNaN(ms) || formatDay(ms) !== localDate) {
    throw new RangeError(`Invalid local date "${localDate}", expected YYYY-MM-DD`);
  }
  return ms;
}

function formatDay(dayMs: number): string {
  return new Date(dayMs).toISOString().slice(0, 10);
}

function parseTime(hhmm: string): number {
  const m = TIME_RE.exec(hhmm);
  if (!m || Number(m[1]) > 24 || Number(m[2]) > 59 || (Number(m[1]) === 24 && Number(m[2]) !== 0)) {
    throw new RangeError(`Invalid time "${hhmm}", expected HH:MM`);
  }
  return Number(m[1]) * HOUR_MS + Number(m[2]) * MINUTE_MS;
}

function assertInstant(d: Date, name: string): void {
  if (!(d instanceof Date) || Number.isNaN(d.getTime())) throw new RangeError(`${name} is not a valid Date`);
}

function assertAmount(n: number, name: string, integer: boolean): void {
  if (!Number.isFinite(n) || n < 0 || (integer && !Number.isInteger(n))) {
    throw new RangeError(`${name} must be a non-negative ${integer ? 'integer' : 'number'}, got ${n}`);
  }
}

export function holidayCalendar(dates: Iterable<string>): HolidayCalendar {
  const set = new Set<string>();
  for (const d of dates) {
    parseLocalDate(d); // fail at load time on a typo in the holiday data, not silently at lookup
    set.add(d);
  }
  return { isHoliday: (localDate) => set.has(localDate) };
}

/** YYYY-MM-DD of `instant` in WIB. */
export function toWibDate(instant: Date): string {
  assertInstant(instant, 'instant');
  return wibDate(instant);
}

/** Monday–Friday and not a holiday or cuti bersama in `cal`. */
export function isWorkingDay(localDate: string, cal: HolidayCalendar): boolean {
  const weekday = new Date(parseLocalDate(localDate)).getUTCDay();
  return weekday >= 1 && weekday <= 5 && !cal.isHoliday(localDate);
}

/** The next working day strictly after the day `dayMs`, as a day counter. */
function nextWorkingDay(dayMs: number, cal: HolidayCalendar): number {
  for (let i = 1; i <= MAX_NON_WORKING_RUN; i++) {
    const d = dayMs + i * DAY_MS;
    if (isWorkingDay(formatDay(d), cal)) return d;
  }
  throw new RangeError(`No working day within ${MAX_NON_WORKING_RUN} days after ${formatDay(dayMs)}`);
}

/**
 * Semantics: due at the end (23:59:59.999 WIB) of the `days`-th working day after the WIB day
 * of `start` (the start day never counts, whatever the hour; 0 days = end of the start day).
 */
export function addWorkingDays(start: Date, days: number, cal: HolidayCalendar): Date {
  assertInstant(start, 'start');
  assertAmount(days, 'days', true);
  let day = parseLocalDate(toWibDate(start));
  for (let n = 0; n < days; n++) day = nextWorkingDay(day, cal);
  return new Date(day + DAY_MS - 1 - WIB_OFFSET_MS);
}

export function addCalendarHours(start: Date, hours: number): Date {
  assertInstant(start, 'start');
  assertAmount(hours, 'hours', false);
  return new Date(start.getTime() + hours * HOUR_MS);
}

/**
 * Adds `hours` of office time (working days only, `day.start`–`day.end` WIB). Time outside
 * office hours does not count; a deadline that exactly uses up a day falls at `day.end`,
 * not at the next morning. 0 hours returns `start` unchanged.
 */
export function addWorkingHours(start: Date, hours: number, cal: HolidayCalendar, day: OfficeHours = { start: '08:00', end: '16:00' }): Date {
  assertInstant(start, 'start');
  assertAmount(hours, 'hours', false);
  const open = parseTime(day.start);
  const close = parseTime(day.end);
  if (close <= open) throw new RangeError(`Office hours end ${day.end} must be after start ${day.start}`);
  let remaining = Math.round(hours * HOUR_MS);
  if (remaining === 0) return new Date(start.getTime());

  // Work on "WIB wall clock as if it were UTC" and convert back once at the end.
  const local = start.getTime() + WIB_OFFSET_MS;
  let dayMs = Math.floor(local / DAY_MS) * DAY_MS;
  let t = local - dayMs;
  if (!isWorkingDay(formatDay(dayMs), cal) || t >= close) {
    dayMs = nextWorkingDay(dayMs, cal);
    t = open;
  }
  for (;;) {
    t = Math.max(t, open);
    const available = close - t;
    if (remaining <= available) return new Date(dayMs + t + remaining - WIB_OFFSET_MS);
    remaining -= available;
    dayMs = nextWorkingDay(dayMs, cal);
    t = open;
  }
}

/**
 * Adds `hours` counted on working days only, every hour of them ("1×24 jam" in the regulations:
 * a day and a night, but a weekend, holiday or cuti bersama does not count). A Friday 10:00
 * start plus 24 h is Monday 10:00; a start on a non-working day counts from the next working
 * day's midnight.
 */
export function addWorkingDayHours(start: Date, hours: number, cal: HolidayCalendar): Date {
  assertInstant(start, 'start');
  assertAmount(hours, 'hours', false);
  let remaining = Math.round(hours * HOUR_MS);
  if (remaining === 0) return new Date(start.getTime());
  const local = start.getTime() + WIB_OFFSET_MS;
  let dayMs = Math.floor(local / DAY_MS) * DAY_MS;
  let t = local - dayMs;
  if (!isWorkingDay(formatDay(dayMs), cal)) {
    dayMs = nextWorkingDay(dayMs, cal);
    t = 0;
  }
  for (;;) {
    const available = DAY_MS - t;
    if (remaining <= available) return new Date(dayMs + t + remaining - WIB_OFFSET_MS);
    remaining -= available;
    dayMs = nextWorkingDay(dayMs, cal);
    t = 0;
  }
}

/** Working days strictly after a's WIB date up to and including b's WIB date; 0 if b ≤ a. */
export function workingDaysBetween(a: Date, b: Date, cal: HolidayCalendar): number {
  assertInstant(a, 'a');
  assertInstant(b, 'b');
  const from = parseLocalDate(toWibDate(a));
  const to = parseLocalDate(toWibDate(b));
  let count = 0;
  for (let d = from + DAY_MS; d <= to; d += DAY_MS) {
    if (isWorkingDay(formatDay(d), cal)) count++;
  }
  return count;
}

/** The explicit unit of a policy's limit; the older HOURS meant clock hours, DAYS working or calendar days by the calendar. */
export function explicitUnit(unit: SlaUnit, calendar: SlaCalendar | null | undefined): ExplicitSlaUnit {
  if (unit === 'HOURS') return 'CLOCK_HOURS';
  if (unit === 'DAYS') return calendar === 'CALENDAR_HOURS' ? 'CALENDAR_DAYS' : 'WORKING_DAYS';
  return unit;
}

type Units = Record<'verifyUnit' | 'respondUnit' | 'followUpUnit' | 'settleUnit', SlaUnit> & { calendar?: SlaCalendar | null };

/** A policy with its older units saved as what they meant, so a stored row never needs its calendar to be read. */
export function withExplicitUnits<P extends Units>(p: P): P & Record<keyof Omit<Units, 'calendar'>, ExplicitSlaUnit> {
  return {
    ...p,
    verifyUnit: explicitUnit(p.verifyUnit, p.calendar),
    respondUnit: explicitUnit(p.respondUnit, p.calendar),
    followUpUnit: explicitUnit(p.followUpUnit, p.calendar),
    settleUnit: explicitUnit(p.settleUnit, p.calendar),
  };
}

export function dueAt(start: Date, amount: number, unit: SlaUnit, calendar: SlaCalendar | null, cal: HolidayCalendar): Date {
  // Policies come from the database, so an unknown unit or calendar must fail loudly, not default.
  if (calendar != null && calendar !== 'WORKING_DAYS' && calendar !== 'CALENDAR_HOURS') throw new RangeError(`Unknown SLA calendar: ${String(calendar)}`);
  switch (explicitUnit(unit, calendar)) {
    case 'CLOCK_HOURS':
      return addCalendarHours(start, amount);
    case 'WORKING_HOURS':
      return addWorkingDayHours(start, amount, cal);
    case 'OFFICE_HOURS':
      return addWorkingHours(start, amount, cal);
    case 'WORKING_DAYS':
      return addWorkingDays(start, amount, cal);
    case 'CALENDAR_DAYS':
      return addCalendarHours(start, amount * 24);
  }
  throw new RangeError(`Unknown SLA unit: ${String(unit)}`);
}
