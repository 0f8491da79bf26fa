import { endOfWibDay, formatWib, formatWibRange, fromWibLocal, startOfWibDay, toWibLocal, wibDay, wibInstant, wibParts } from '../../admin/src/wib';

// The console's WIB clock (UTC+7, no daylight saving), whatever the machine's time zone.
test('the WIB calendar turns seven hours before UTC', () => {
  const newYear = new Date('2026-12-31T17:30:00Z');
  expect(wibParts(newYear)).toEqual({ year: 2027, month: 0, day: 1 });
  expect(wibDay(newYear)).toBe('2027-01-01');
  expect(wibInstant(2026, 12).toISOString()).toBe('2026-12-31T17:00:00.000Z');
  expect(wibInstant(2026, 3, 3, 9).toISOString()).toBe('2026-04-03T02:00:00.000Z');
  expect(startOfWibDay('2026-04-03')).toBe('2026-04-02T17:00:00.000Z');
  expect(endOfWibDay('2026-04-03')).toBe('2026-04-03T16:59:59.999Z');
});

test('datetime-local values are WIB wall clock both ways', () => {
  expect(toWibLocal('2026-04-03T02:00:00.000Z')).toBe('2026-04-03T09:00');
  expect(fromWibLocal('2026-04-03T09:00')).toBe('2026-04-03T02:00:00.000Z');
  expect(toWibLocal(null)).toBe('');
  expect(fromWibLocal('')).toBeNull();
});

test('dates and ranges are shown on the WIB clock', () => {
  expect(formatWib('2026-04-03T02:00:00Z', 'en-GB', true)).toBe('3 Apr 2026, 09:00 WIB');
  expect(formatWib('2026-04-03', 'en-GB', true)).toBe('3 Apr 2026');
  expect(formatWibRange('2026-09-30T17:00:00Z', '2026-12-31T17:00:00Z', 'en-GB')).toBe('1 Oct 2026 – 31 Dec 2026');
});
