import { nextOpening } from '../../server/modules/service-posts/service-post.service';

/** Weekday 1 = Monday … 7 = Sunday, times are WIB (UTC+7). 2026-12-07 is a Monday. */
const MON_THU = [
  { weekday: 1, opensAt: '09:00', closesAt: '12:00' },
  { weekday: 4, opensAt: '09:00', closesAt: '12:00' },
];

test('inside a slot: open now, at now', () => {
  const now = new Date('2026-12-07T03:00:00.000Z'); // Mon 10:00 WIB
  const r = nextOpening(MON_THU, now);
  expect(r.openNow).toBe(true);
  expect(r.at).toEqual(now);
});

test('after the day’s slot: the next slot day, Thursday 09:00 WIB', () => {
  const r = nextOpening(MON_THU, new Date('2026-12-07T06:00:00.000Z')); // Mon 13:00 WIB
  expect(r.openNow).toBe(false);
  expect(r.at?.toISOString()).toBe('2026-12-10T02:00:00.000Z');
});

test('late Sunday WIB (still Sunday in UTC too): Monday 09:00 WIB', () => {
  const r = nextOpening(MON_THU, new Date('2026-12-06T16:00:00.000Z')); // Sun 23:00 WIB
  expect(r).toEqual({ openNow: false, at: new Date('2026-12-07T02:00:00.000Z') });
});

test('a Sunday-only schedule (weekday 7) asked on Saturday evening: Sunday 09:00 WIB', () => {
  const r = nextOpening([{ weekday: 7, opensAt: '09:00', closesAt: '12:00' }], new Date('2026-12-12T13:00:00.000Z')); // Sat 20:00 WIB
  expect(r).toEqual({ openNow: false, at: new Date('2026-12-13T02:00:00.000Z') });
});

test('an empty schedule never opens', () => {
  expect(nextOpening([], new Date('2026-12-07T03:00:00.000Z'))).toEqual({ openNow: false, at: null });
});
