/**
 * Report periods as the server parses them (`2026-Q4`, `2026-11`, `2026`), counted in WIB
 * (see ../wib.ts) whatever the browser's time zone.
 */
import { formatWibRange, wibParts } from '../wib';

export const PERIOD_KINDS = ['quarter', 'month', 'year'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

const pad = (n: number) => String(n).padStart(2, '0');

/** The period of this kind containing `now` (WIB). */
export const currentPeriod = (kind: PeriodKind, now = new Date()): string => {
  const { year, month } = wibParts(now);
  if (kind === 'year') return String(year);
  if (kind === 'month') return `${year}-${pad(month + 1)}`;
  return `${year}-Q${Math.floor(month / 3) + 1}`;
};

/** The current period and the ones before it, newest first. */
export const recentPeriods = (kind: PeriodKind, now = new Date()): string[] => {
  const { year, month } = wibParts(now);
  if (kind === 'year') return [0, 1, 2].map((i) => String(year - i));
  if (kind === 'month') {
    return Array.from({ length: 12 }, (_, i) => {
      const m = year * 12 + month - i;
      return `${Math.floor(m / 12)}-${pad((m % 12) + 1)}`;
    });
  }
  const q = year * 4 + Math.floor(month / 3);
  return Array.from({ length: 8 }, (_, i) => `${Math.floor((q - i) / 4)}-Q${((q - i) % 4) + 1}`);
};

export const kindOf = (period: string): PeriodKind => (/-Q[1-4]$/.test(period) ? 'quarter' : /^\d{4}-\d{2}$/.test(period) ? 'month' : 'year');

const ROMAN = ['I', 'II', 'III', 'IV'];

/** "Triwulan IV 2026 (Okt–Des)", "November 2026", "2026". */
export const periodLabel = (period: string, locale: string, translate: (key: string, options?: Record<string, unknown>) => string): string => {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (quarter) {
    const [year, q] = [Number(quarter[1]), Number(quarter[2])];
    const month = new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' });
    const first = month.format(new Date(Date.UTC(year, (q - 1) * 3, 15)));
    const last = month.format(new Date(Date.UTC(year, q * 3 - 1, 15)));
    return translate('report.period.quarterLabel', { roman: ROMAN[q - 1], q, year, months: `${first}–${last}` });
  }
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  if (month) {
    return new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
      new Date(Date.UTC(Number(month[1]), Number(month[2]) - 1, 15)),
    );
  }
  return period;
};

/** "1 Okt 2026 – 31 Des 2026" for the server's [from, to) in WIB. */
export const rangeLabel = (from: string, to: string, locale: string): string => formatWibRange(from, to, locale);
