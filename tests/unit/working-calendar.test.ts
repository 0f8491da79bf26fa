import {
  HolidayCalendar,
  addCalendarHours,
  addWorkingDayHours,
  addWorkingDays,
  addWorkingHours,
  explicitUnit,
  dueAt,
  holidayCalendar,
  isWorkingDay,
  toWibDate,
  workingDaysBetween,
} from '../../server/modules/sla/working-calendar';

// 2026 national holidays and cuti bersama (SKB 3 Menteri), as listed in domain/BRIEF.md.
const HOLIDAYS_2026 = [
  '2026-01-01',
  '2026-01-16',
  '2026-02-17',
  '2026-03-19',
  '2026-03-21',
  '2026-03-22',
  '2026-04-03',
  '2026-04-05',
  '2026-05-01',
  '2026-05-14',
  '2026-05-27',
  '2026-05-31',
  '2026-06-01',
  '2026-06-16',
  '2026-08-17',
  '2026-08-25',
  '2026-12-25',
];
const CUTI_BERSAMA_2026 = ['2026-02-16', '2026-03-18', '2026-03-20', '2026-03-23', '2026-03-24', '2026-05-15', '2026-05-28', '2026-12-24'];
const cal: HolidayCalendar = holidayCalendar([...HOLIDAYS_2026, ...CUTI_BERSAMA_2026]);
const noHolidays = holidayCalendar([]);

/** An instant given as WIB wall-clock time; parsed by the JS engine, not by the code under test. */
const wib = (date: string, time: string): Date => new Date(`${date}T${time}:00+07:00`);
/** The last millisecond of a WIB day, i.e. a working-day deadline. */
const endOfWib = (date: string): Date => new Date(`${date}T23:59:59.999+07:00`);

describe('toWibDate', () => {
  it.each([
    ['2026-01-08T16:59:59.999Z', '2026-01-08'], // 23:59:59.999 WIB, last ms of the WIB day
    ['2026-01-08T17:00:00.000Z', '2026-01-09'], // 00:00 WIB: WIB is already Friday, UTC still Thursday
    ['2026-01-08T16:30:00.000Z', '2026-01-08'], // 23:30 WIB Thursday
    ['2026-03-18T23:30:00.000Z', '2026-03-19'], // 23:30 UTC Wed = 06:30 WIB Thu (Nyepi)
    ['2025-12-31T17:00:00.000Z', '2026-01-01'], // year changes 7 h earlier in WIB
  ])('%s is %s in WIB', (iso, expected) => {
    expect(toWibDate(new Date(iso))).toBe(expected);
  });

  it('rejects an invalid Date', () => {
    expect(() => toWibDate(new Date('nope'))).toThrow(RangeError);
  });
});

describe('holidayCalendar / isWorkingDay', () => {
  it('treats every 2026 holiday and cuti bersama as a non-working day', () => {
    for (const d of [...HOLIDAYS_2026, ...CUTI_BERSAMA_2026]) expect(isWorkingDay(d, cal)).toBe(false);
  });

  it.each([
    ['2026-01-02', true], // Fri
    ['2026-03-25', true], // Wed, first working day after the Idulfitri block
    ['2026-01-03', false], // Sat
    ['2026-01-04', false], // Sun
    ['2026-03-19', false], // Thu, Nyepi
    ['2026-12-24', false], // Thu, cuti bersama Natal
  ])('%s working day: %s', (date, expected) => {
    expect(isWorkingDay(date, cal)).toBe(expected);
  });

  it('counts 240 working days in 2026', () => {
    // 2026 starts on a Thursday: 52 weeks + 1 Thu = 261 weekdays. Of the 25 holiday/cuti dates,
    // 4 are on weekends (Sat 21 Mar, Sun 22 Mar, Sun 5 Apr, Sun 31 May), so 261 − 21 = 240.
    expect(workingDaysBetween(wib('2025-12-31', '12:00'), wib('2026-12-31', '12:00'), cal)).toBe(240);
    expect(workingDaysBetween(wib('2025-12-31', '12:00'), wib('2026-12-31', '12:00'), noHolidays)).toBe(261);
  });

  it('rejects malformed or impossible dates, in the data and in lookups', () => {
    expect(() => holidayCalendar(['2026-3-19'])).toThrow(RangeError);
    expect(() => holidayCalendar(['2026-02-30'])).toThrow(RangeError);
    expect(() => isWorkingDay('2026-13-01', cal)).toThrow(RangeError);
  });

  it('accepts any iterable of dates', () => {
    const fromSet = holidayCalendar(new Set(['2026-03-19']));
    expect(fromSet.isHoliday('2026-03-19')).toBe(true);
    expect(fromSet.isHoliday('2026-03-20')).toBe(false);
  });
});

describe('addWorkingDays', () => {
  it('skips Nyepi, cuti bersama, the weekend and Idulfitri', () => {
    // Start Thu 19 Mar (Nyepi) 10:00. After it: Fri 20 cuti, Sat 21/Sun 22 weekend + Idulfitri,
    // Mon 23/Tue 24 cuti, Wed 25 = 1, Thu 26 = 2, Fri 27 = 3 → end of Fri 27 Mar (not Thu 26).
    const due = addWorkingDays(wib('2026-03-19', '10:00'), 3, cal);
    expect(due).toEqual(endOfWib('2026-03-27'));
    expect(due.toISOString()).toBe('2026-03-27T16:59:59.999Z');
  });

  it('Friday evening + 3 → end of Wednesday', () => {
    // Fri 9 Jan 19:00; Mon 12 = 1, Tue 13 = 2, Wed 14 = 3.
    expect(addWorkingDays(wib('2026-01-09', '19:00'), 3, cal)).toEqual(endOfWib('2026-01-14'));
  });

  it('a Saturday start counts Monday as day 1', () => {
    // Sat 10 Jan; Mon 12 = 1, Tue 13 = 2, Wed 14 = 3.
    expect(addWorkingDays(wib('2026-01-10', '09:00'), 1, cal)).toEqual(endOfWib('2026-01-12'));
    expect(addWorkingDays(wib('2026-01-10', '09:00'), 3, cal)).toEqual(endOfWib('2026-01-14'));
  });

  it('a Saturday start before Imlek skips the Monday cuti bersama and the holiday', () => {
    // Sat 14 Feb; Sun 15, Mon 16 cuti, Tue 17 Imlek, Wed 18 = 1.
    expect(addWorkingDays(wib('2026-02-14', '10:00'), 1, cal)).toEqual(endOfWib('2026-02-18'));
  });

  it('skips Christmas 2026 (24 Dec cuti bersama, 25 Dec holiday)', () => {
    // Wed 23 Dec 14:00; Thu 24 cuti, Fri 25 Natal, Sat 26/Sun 27, Mon 28 = 1, Tue 29 = 2, Wed 30 = 3.
    expect(addWorkingDays(wib('2026-12-23', '14:00'), 1, cal)).toEqual(endOfWib('2026-12-28'));
    expect(addWorkingDays(wib('2026-12-23', '14:00'), 3, cal)).toEqual(endOfWib('2026-12-30'));
  });

  it('crosses into the next year when that year is in the calendar', () => {
    // 1 Jan 2027 (a Friday) is New Year; the 2026 list alone would not know it.
    const cal2027 = holidayCalendar([...HOLIDAYS_2026, ...CUTI_BERSAMA_2026, '2027-01-01']);
    // Tue 29 Dec; Wed 30 = 1, Thu 31 = 2, Fri 1 Jan holiday, Sat 2/Sun 3, Mon 4 Jan 2027 = 3.
    expect(addWorkingDays(wib('2026-12-29', '10:00'), 3, cal2027)).toEqual(endOfWib('2027-01-04'));
  });

  it('uses the WIB day of a 23:30 WIB start (UTC date is the same day)', () => {
    // 2026-01-08T16:30Z = Thu 8 Jan 23:30 WIB; Fri 9 = 1, Mon 12 = 2, Tue 13 = 3.
    expect(addWorkingDays(new Date('2026-01-08T16:30:00Z'), 3, cal)).toEqual(endOfWib('2026-01-13'));
  });

  it('uses the WIB day of a 00:30 WIB start (UTC still says the day before)', () => {
    // 2026-01-08T17:30Z = Fri 9 Jan 00:30 WIB; Fri 9 is the start day, Mon 12 = 1, Tue 13 = 2, Wed 14 = 3.
    expect(addWorkingDays(new Date('2026-01-08T17:30:00Z'), 3, cal)).toEqual(endOfWib('2026-01-14'));
  });

  it('uses the WIB day when UTC 23:30 is already the next WIB morning', () => {
    // 2026-03-17T23:30Z = Wed 18 Mar 06:30 WIB (cuti). Start day Wed 18, then Thu 19..Tue 24 off,
    // Wed 25 = 1. Read as Tue 17 it would give Wed 25 as well, so check 0 days too: end of Wed 18.
    expect(addWorkingDays(new Date('2026-03-17T23:30:00Z'), 1, cal)).toEqual(endOfWib('2026-03-25'));
    expect(addWorkingDays(new Date('2026-03-17T23:30:00Z'), 0, cal)).toEqual(endOfWib('2026-03-18'));
  });

  it('0 days = end of the start day, even when that day is a holiday', () => {
    expect(addWorkingDays(wib('2026-03-19', '10:00'), 0, cal)).toEqual(endOfWib('2026-03-19'));
    // 23:30 WIB → due 29 min 59.999 s later.
    expect(addWorkingDays(wib('2026-01-08', '23:30'), 0, cal).toISOString()).toBe('2026-01-08T16:59:59.999Z');
  });

  it('always lands on a working day that workingDaysBetween counts as n days away', () => {
    for (let day = 0; day < 365; day++) {
      const start = new Date(wib('2026-01-01', '10:00').getTime() + day * 86_400_000);
      for (const n of [1, 3, 5, 10]) {
        const due = addWorkingDays(start, n, cal);
        expect(isWorkingDay(toWibDate(due), cal)).toBe(true);
        expect(workingDaysBetween(start, due, cal)).toBe(n);
      }
    }
  });

  it('does not mutate its argument', () => {
    const start = wib('2026-01-09', '19:00');
    addWorkingDays(start, 3, cal);
    expect(start).toEqual(wib('2026-01-09', '19:00'));
  });

  it('rejects negative or fractional days and invalid dates', () => {
    expect(() => addWorkingDays(wib('2026-01-09', '19:00'), -1, cal)).toThrow(RangeError);
    expect(() => addWorkingDays(wib('2026-01-09', '19:00'), 1.5, cal)).toThrow(RangeError);
    expect(() => addWorkingDays(new Date(NaN), 1, cal)).toThrow(RangeError);
  });

  it('stops on a calendar with no working days instead of looping forever', () => {
    expect(() => addWorkingDays(wib('2026-01-09', '19:00'), 1, { isHoliday: () => true })).toThrow(RangeError);
  });
});

describe('addCalendarHours', () => {
  it('ignores weekends and holidays', () => {
    // Thu 19 Mar (Nyepi) 10:00 + 24 h = Fri 20 Mar 10:00; + 1.5 h = 11:30.
    expect(addCalendarHours(wib('2026-03-19', '10:00'), 24)).toEqual(wib('2026-03-20', '10:00'));
    expect(addCalendarHours(wib('2026-03-19', '10:00'), 1.5)).toEqual(wib('2026-03-19', '11:30'));
  });

  it('rejects negative hours', () => {
    expect(() => addCalendarHours(wib('2026-03-19', '10:00'), -1)).toThrow(RangeError);
  });
});

describe('addWorkingHours (08:00–16:00 WIB by default)', () => {
  it.each([
    // [label, start date, start time, hours, due date, due time]
    ['within one day', '2026-01-12', '10:00', 4, '2026-01-12', '14:00'], // Mon 10 + 4 = 14
    ['into the next morning', '2026-01-12', '15:00', 2, '2026-01-13', '09:00'], // 1 h Mon, 1 h Tue
    ['a full day ends at 16:00, not next 08:00', '2026-01-12', '08:00', 8, '2026-01-12', '16:00'],
    ['before office hours', '2026-01-12', '06:00', 1, '2026-01-12', '09:00'],
    ['Friday after hours', '2026-01-09', '17:00', 1, '2026-01-12', '09:00'], // → Mon
    ['exactly at closing time', '2026-01-12', '16:00', 1, '2026-01-13', '09:00'],
    ['Saturday start', '2026-01-10', '10:00', 1, '2026-01-12', '09:00'],
    ['fractional hours', '2026-01-12', '15:45', 0.5, '2026-01-13', '08:15'], // 15 min Mon, 15 min Tue
    // Mon 12 Jan 08:00: Mon–Thu = 32 h, Fri 16 Jan Isra Mi'raj, Mon 19 08:00 + 8 h = 16:00.
    ['a working week over a holiday Friday', '2026-01-12', '08:00', 40, '2026-01-19', '16:00'],
    // Tue 17 Mar 15:00: 1 h Tue; 18–24 Mar all off; Wed 25 8 h (15 left), Thu 26 8 h (7 left), Fri 27 08:00 + 7 h.
    ['24 h across Nyepi and Idulfitri', '2026-03-17', '15:00', 24, '2026-03-27', '15:00'],
    // Wed 23 Dec 14:00: 2 h Wed; 24 cuti, 25 Natal, 26–27 weekend; Mon 28 08:00 + 2 h.
    ['across Christmas', '2026-12-23', '14:00', 4, '2026-12-28', '10:00'],
  ])('%s', (_label, d0, t0, hours, d1, t1) => {
    expect(addWorkingHours(wib(d0, t0), hours, cal)).toEqual(wib(d1, t1));
  });

  it('23:30 WIB Thursday (16:30Z) + 1 h → Friday 09:00 WIB', () => {
    expect(addWorkingHours(new Date('2026-01-08T16:30:00Z'), 1, cal).toISOString()).toBe('2026-01-09T02:00:00.000Z');
  });

  it('00:30 WIB Friday (UTC still Thursday 17:30) + 1 h → Friday 09:00 WIB, not 16:00', () => {
    expect(addWorkingHours(new Date('2026-01-08T17:30:00Z'), 1, cal).toISOString()).toBe('2026-01-09T02:00:00.000Z');
  });

  it('23:30 WIB before a holiday Friday + 1 h → Monday 09:00', () => {
    // Thu 15 Jan 23:30 WIB; Fri 16 Jan Isra Mi'raj; Mon 19 Jan 09:00.
    expect(addWorkingHours(wib('2026-01-15', '23:30'), 1, cal)).toEqual(wib('2026-01-19', '09:00'));
  });

  it('honours custom office hours (Layanan Prima posts, 09:00–12:00)', () => {
    // Mon 12 Jan 11:00: 1 h Mon, Tue 13 09:00 + 1 h.
    const posts = { start: '09:00', end: '12:00' };
    expect(addWorkingHours(wib('2026-01-12', '11:00'), 2, cal, posts)).toEqual(wib('2026-01-13', '10:00'));
  });

  it('0 hours returns the start unchanged, even outside office hours', () => {
    expect(addWorkingHours(wib('2026-01-11', '20:00'), 0, cal)).toEqual(wib('2026-01-11', '20:00'));
  });

  it('rejects bad office hours and negative hours', () => {
    const start = wib('2026-01-12', '10:00');
    expect(() => addWorkingHours(start, 1, cal, { start: '16:00', end: '08:00' })).toThrow(RangeError);
    expect(() => addWorkingHours(start, 1, cal, { start: '8:00', end: '16:00' })).toThrow(RangeError);
    expect(() => addWorkingHours(start, -1, cal)).toThrow(RangeError);
  });
});

describe('workingDaysBetween', () => {
  it('counts across Nyepi, Idulfitri and cuti bersama', () => {
    // Mon 16 Mar → Fri 27 Mar: Tue 17 = 1; 18–24 all off; Wed 25 = 2, Thu 26 = 3, Fri 27 = 4.
    expect(workingDaysBetween(wib('2026-03-16', '09:00'), wib('2026-03-27', '09:00'), cal)).toBe(4);
  });

  it('counts across Christmas', () => {
    // Wed 23 Dec → Mon 28 Dec: 24 cuti, 25 Natal, 26–27 weekend, Mon 28 = 1.
    expect(workingDaysBetween(wib('2026-12-23', '10:00'), wib('2026-12-28', '10:00'), cal)).toBe(1);
  });

  it('is 0 when b ends on non-working days only', () => {
    // Tue 17 Mar → Thu 19 Mar: 18 cuti, 19 Nyepi.
    expect(workingDaysBetween(wib('2026-03-17', '10:00'), wib('2026-03-19', '10:00'), cal)).toBe(0);
  });

  it('is 0 when b ≤ a or both are on the same WIB day', () => {
    expect(workingDaysBetween(wib('2026-01-14', '10:00'), wib('2026-01-12', '10:00'), cal)).toBe(0);
    expect(workingDaysBetween(wib('2026-01-12', '10:00'), wib('2026-01-12', '10:00'), cal)).toBe(0);
    expect(workingDaysBetween(wib('2026-01-12', '08:00'), wib('2026-01-12', '23:59'), cal)).toBe(0);
  });

  it('goes by WIB dates across the UTC/WIB boundary', () => {
    // Thu 8 Jan 23:30 WIB → Fri 9 Jan 00:30 WIB: one hour apart, same UTC date, Fri 9 = 1.
    const thuLate = new Date('2026-01-08T16:30:00Z');
    const friEarly = new Date('2026-01-08T17:30:00Z');
    expect(workingDaysBetween(thuLate, friEarly, cal)).toBe(1);
    expect(workingDaysBetween(friEarly, thuLate, cal)).toBe(0);
  });
});

describe('addWorkingDayHours ("1×24 jam" on working days)', () => {
  it('a Friday 10:00 forward is due Monday 10:00, not Saturday', () => {
    expect(addWorkingDayHours(wib('2026-11-27', '10:00'), 24, cal)).toEqual(wib('2026-11-30', '10:00'));
  });

  it('within the week it is plain clock time', () => {
    expect(addWorkingDayHours(wib('2026-11-24', '15:30'), 24, cal)).toEqual(wib('2026-11-25', '15:30'));
    expect(addWorkingDayHours(wib('2026-11-24', '15:30'), 48, cal)).toEqual(wib('2026-11-26', '15:30'));
  });

  it('skips Nyepi, Idulfitri and the cuti bersama around it (Tue 17 Mar 2026 → Wed 25 Mar)', () => {
    // 18 Mar cuti, 19 Nyepi, 20 cuti, 21–22 Idulfitri (weekend), 23–24 cuti: the next working day is Wed 25.
    expect(addWorkingDayHours(wib('2026-03-17', '09:00'), 24, cal)).toEqual(wib('2026-03-25', '09:00'));
  });

  it('skips the cuti bersama before Christmas (Wed 23 Dec 2026 → Mon 28 Dec)', () => {
    expect(addWorkingDayHours(wib('2026-12-23', '11:00'), 24, cal)).toEqual(wib('2026-12-28', '11:00'));
  });

  it('a start on a weekend or holiday counts from the next working day’s midnight', () => {
    expect(addWorkingDayHours(wib('2026-11-28', '20:00'), 24, cal)).toEqual(wib('2026-12-01', '00:00'));
    expect(addWorkingDayHours(wib('2026-08-17', '08:00'), 10, cal)).toEqual(wib('2026-08-18', '10:00'));
  });

  it('uses the WIB day across the UTC boundary (Friday 23:30 WIB is still Friday)', () => {
    expect(addWorkingDayHours(wib('2026-11-27', '23:30'), 1, cal)).toEqual(wib('2026-11-30', '00:30'));
  });

  it('0 hours returns the start; negative hours are refused', () => {
    const start = wib('2026-11-28', '10:00');
    expect(addWorkingDayHours(start, 0, cal)).toEqual(start);
    expect(() => addWorkingDayHours(start, -1, cal)).toThrow(RangeError);
  });
});

describe('dueAt', () => {
  const start = wib('2026-03-19', '10:00'); // Thu, Nyepi

  it('WORKING_DAYS → end of the n-th working day', () => {
    expect(dueAt(start, 3, 'WORKING_DAYS', null, cal)).toEqual(endOfWib('2026-03-27'));
  });

  it('WORKING_HOURS → hours on working days only', () => {
    expect(dueAt(wib('2026-11-27', '10:00'), 24, 'WORKING_HOURS', null, cal)).toEqual(wib('2026-11-30', '10:00'));
  });

  it('OFFICE_HOURS → 08:00–16:00 on working days', () => {
    // Same case as "24 h across Nyepi and Idulfitri" above.
    expect(dueAt(wib('2026-03-17', '15:00'), 24, 'OFFICE_HOURS', null, cal)).toEqual(wib('2026-03-27', '15:00'));
  });

  it('CLOCK_HOURS and CALENDAR_DAYS ignore the calendar', () => {
    expect(dueAt(start, 24, 'CLOCK_HOURS', null, cal)).toEqual(wib('2026-03-20', '10:00'));
    expect(dueAt(start, 2, 'CALENDAR_DAYS', null, cal)).toEqual(wib('2026-03-21', '10:00'));
  });

  it('reads the older units as they were meant: HOURS clock hours, DAYS by the calendar', () => {
    expect(dueAt(start, 3, 'DAYS', 'WORKING_DAYS', cal)).toEqual(endOfWib('2026-03-27'));
    expect(dueAt(start, 24, 'HOURS', 'WORKING_DAYS', cal)).toEqual(wib('2026-03-20', '10:00'));
    expect(dueAt(start, 24, 'HOURS', 'CALENDAR_HOURS', cal)).toEqual(wib('2026-03-20', '10:00'));
    expect(dueAt(start, 2, 'DAYS', 'CALENDAR_HOURS', cal)).toEqual(wib('2026-03-21', '10:00'));
    expect(explicitUnit('DAYS', 'CALENDAR_HOURS')).toBe('CALENDAR_DAYS');
    expect(explicitUnit('WORKING_HOURS', 'CALENDAR_HOURS')).toBe('WORKING_HOURS');
  });

  it('rejects an unknown unit or calendar (e.g. a bad policy row)', () => {
    expect(() => dueAt(start, 1, 'WEEKS' as never, 'WORKING_DAYS', cal)).toThrow(RangeError);
    expect(() => dueAt(start, 1, 'DAYS', 'LUNAR' as never, cal)).toThrow(RangeError);
  });
});
