import { endOfWibDay, fromWib, wibDate, wibQuarter, wibText, wibWallClock } from '../../server/core/wib';

test('WIB dates of instants around midnight WIB (17:00 UTC)', () => {
  expect(wibDate(new Date('2026-12-31T16:59:59.999Z'))).toBe('2026-12-31');
  expect(wibDate(new Date('2026-12-31T17:00:00.000Z'))).toBe('2027-01-01');
  expect(wibWallClock(new Date('2026-03-02T03:00:00Z')).getUTCHours()).toBe(10);
});

test('WIB wall-clock times to instants, with months and days that overflow', () => {
  expect(fromWib(2026, 0).toISOString()).toBe('2025-12-31T17:00:00.000Z');
  expect(fromWib(2026, 12).toISOString()).toBe('2026-12-31T17:00:00.000Z');
  expect(fromWib(2026, 1, 29, 9 * 60 + 30).toISOString()).toBe('2026-03-01T02:30:00.000Z');
  expect(endOfWibDay('2026-12-04').toISOString()).toBe('2026-12-04T16:59:59.999Z');
});

test('the same answers whatever the process time zone says', () => {
  const tz = process.env.TZ;
  try {
    for (const zone of ['UTC', 'America/New_York', 'Asia/Jakarta', 'Pacific/Chatham']) {
      process.env.TZ = zone;
      expect(wibDate(new Date('2026-06-30T18:00:00Z'))).toBe('2026-07-01');
      expect(endOfWibDay('2026-06-30').getTime()).toBe(Date.UTC(2026, 5, 30, 16, 59, 59, 999));
    }
  } finally {
    process.env.TZ = tz;
  }
});

test('dates written for people read day first, in WIB, 24-hour; the quarter follows the WIB date', () => {
  expect(wibText('2026-12-07T03:05:00Z')).toBe('7 Desember 2026 10.05 WIB');
  expect(wibText(new Date('2026-12-31T17:30:00Z'), false)).toBe('1 Januari 2027');
  expect(wibText(null)).toBe('');
  expect(wibText('not a date')).toBe('');
  expect(wibQuarter(new Date('2026-09-30T16:59:59Z'))).toBe('2026-Q3');
  expect(wibQuarter(new Date('2026-09-30T17:00:00Z'))).toBe('2026-Q4');
});
