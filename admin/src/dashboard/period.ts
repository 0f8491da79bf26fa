/**
 * Reporting periods as the city counts them: calendar month, quarter and year in WIB
 * (Asia/Jakarta, UTC+7 all year, no daylight saving), whatever the browser's time zone.
 */
export const PERIODS = ['month', 'quarter', 'year', 'all'] as const;
export type Period = (typeof PERIODS)[number];

export const WIB_OFFSET_MS = 7 * 3600_000;

export interface Range {
  /** Inclusive start, or null for "all". */
  from: Date | null;
  /** Exclusive end (the start of the next period), or null for "all". */
  to: Date | null;
}

/** The instant a WIB wall-clock midnight (y, m, 1) occurs. Month may overflow (13 → next year). */
const wibMidnight = (year: number, monthIndex: number) => new Date(Date.UTC(year, monthIndex, 1) - WIB_OFFSET_MS);

/** The period containing `now`, in WIB. */
export const periodRange = (period: Period, now: Date = new Date()): Range => {
  if (period === 'all') return { from: null, to: null };
  const wib = new Date(now.getTime() + WIB_OFFSET_MS);
  const year = wib.getUTCFullYear();
  const month = wib.getUTCMonth();
  const first = period === 'month' ? month : period === 'quarter' ? month - (month % 3) : 0;
  const length = period === 'month' ? 1 : period === 'quarter' ? 3 : 12;
  return { from: wibMidnight(year, first), to: wibMidnight(year, first + length) };
};

export const isPeriod = (value: unknown): value is Period => typeof value === 'string' && (PERIODS as readonly string[]).includes(value);

/** "1 Apr 2026 – 30 Jun 2026" in WIB. */
export const formatRange = ({ from, to }: Range, locale: string): string | null => {
  if (!from || !to) return null;
  const f = new Intl.DateTimeFormat(locale, { timeZone: 'Asia/Jakarta', day: 'numeric', month: 'short', year: 'numeric' });
  return `${f.format(from)} – ${f.format(new Date(to.getTime() - 1))}`;
};

/**
 * The complaint-list filter for the same period. The list's `createdTo` is inclusive
 * while complaintStats' `to` is exclusive, hence the millisecond.
 */
export const rangeFilter = ({ from, to }: Range): Record<string, string> => ({
  ...(from ? { createdFrom: from.toISOString() } : {}),
  ...(to ? { createdTo: new Date(to.getTime() - 1).toISOString() } : {}),
});
