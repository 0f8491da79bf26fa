/**
 * Reporting periods as the city counts them: calendar month, quarter and year in WIB
 * (see ../wib.ts), whatever the browser's time zone.
 */
import { formatWibRange, wibInstant, wibParts } from '../wib';

export const PERIODS = ['month', 'quarter', 'year', 'all'] as const;
export type Period = (typeof PERIODS)[number];

export interface Range {
  /** Inclusive start, or null for "all". */
  from: Date | null;
  /** Exclusive end (the start of the next period), or null for "all". */
  to: Date | null;
}

/** The period containing `now`, in WIB. */
export const periodRange = (period: Period, now: Date = new Date()): Range => {
  if (period === 'all') return { from: null, to: null };
  const { year, month } = wibParts(now);
  const first = period === 'month' ? month : period === 'quarter' ? month - (month % 3) : 0;
  const length = period === 'month' ? 1 : period === 'quarter' ? 3 : 12;
  return { from: wibInstant(year, first), to: wibInstant(year, first + length) };
};

export const isPeriod = (value: unknown): value is Period => typeof value === 'string' && (PERIODS as readonly string[]).includes(value);

/** "1 Apr 2026 – 30 Jun 2026" in WIB. */
export const formatRange = ({ from, to }: Range, locale: string): string | null => {
  if (!from || !to) return null;
  return formatWibRange(from, to, locale);
};

/**
 * The complaint-list filter for the same period. The list's `createdTo` is inclusive
 * while complaintStats' `to` is exclusive, hence the millisecond.
 */
export const rangeFilter = ({ from, to }: Range): Record<string, string> => ({
  ...(from ? { createdFrom: from.toISOString() } : {}),
  ...(to ? { createdTo: new Date(to.getTime() - 1).toISOString() } : {}),
});
