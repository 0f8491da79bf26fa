// WIB (Asia/Jakarta) is a fixed UTC+7 without daylight saving, so offset arithmetic on UTC
// instants is exact and does not depend on the process time zone. Every WIB date the server
// computes comes from here.

export const WIB_OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;

/** The WIB wall clock of an instant, as a Date whose UTC fields (getUTCHours…) read it. Never store it. */
export function wibWallClock(instant: Date | number): Date {
  return new Date((typeof instant === 'number' ? instant : instant.getTime()) + WIB_OFFSET_MS);
}

/** YYYY-MM-DD of an instant in WIB. */
export function wibDate(instant: Date | number = Date.now()): string {
  return wibWallClock(instant).toISOString().slice(0, 10);
}

/** The instant of a WIB wall-clock time: midnight of `year`-`month`(0-based, may overflow)-`day`, plus `minutes`. */
export function fromWib(year: number, month: number, day = 1, minutes = 0): Date {
  return new Date(Date.UTC(year, month, day) + minutes * 60_000 - WIB_OFFSET_MS);
}

/** The last millisecond of a WIB day given as YYYY-MM-DD: the deadline "by that date". */
export function endOfWibDay(date: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(fromWib(y, m - 1, d).getTime() + DAY_MS - 1);
}

const MONTHS_ID = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];

/**
 * "7 Desember 2026 10.00 WIB" (or "7 Desember 2026" without the time): how every date the
 * server writes for people (public pages, messages, filled-in templates) reads, day first and
 * 24-hour as Indonesian usage has it. Empty for a missing or unreadable value.
 */
export function wibText(instant: Date | string | number | null | undefined, withTime = true): string {
  if (instant == null || instant === '') return '';
  const d = wibWallClock(new Date(instant));
  if (Number.isNaN(d.getTime())) return '';
  const day = `${d.getUTCDate()} ${MONTHS_ID[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
  if (!withTime) return day;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${day} ${two(d.getUTCHours())}.${two(d.getUTCMinutes())} WIB`;
}

/** The WIB quarter of an instant as the reports name periods: "2026-Q4". */
export function wibQuarter(instant: Date | number = Date.now()): string {
  const d = wibWallClock(instant);
  return `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
}
