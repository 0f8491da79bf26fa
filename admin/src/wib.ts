/**
 * Western Indonesian Time (WIB, Asia/Jakarta): the console's one home for the city's clock.
 * WIB is UTC+7 all year (no daylight saving), so wall-clock arithmetic is a fixed shift and
 * gives the same answer whatever the browser's time zone.
 */
export const WIB_TIME_ZONE = 'Asia/Jakarta';
const OFFSET_MS = 7 * 3600_000;

/** The WIB calendar date and time of an instant (month 0-based, like Date). */
export const wibParts = (instant: Date = new Date()) => {
  const wib = new Date(instant.getTime() + OFFSET_MS);
  return { year: wib.getUTCFullYear(), month: wib.getUTCMonth(), day: wib.getUTCDate() };
};

/** The instant of a WIB wall-clock time; out-of-range parts overflow (month 12 → January next year). */
export const wibInstant = (year: number, month: number, day = 1, hour = 0): Date => new Date(Date.UTC(year, month, day, hour) - OFFSET_MS);

/** "YYYY-MM-DD": the WIB calendar day of an instant. */
export const wibDay = (instant: Date = new Date()): string => new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 10);

/** The first and last millisecond of a WIB calendar day ("YYYY-MM-DD") as ISO instants. */
export const startOfWibDay = (day: string): string => new Date(`${day}T00:00:00+07:00`).toISOString();
export const endOfWibDay = (day: string): string => new Date(`${day}T23:59:59.999+07:00`).toISOString();

/** An instant as the WIB wall clock "YYYY-MM-DDTHH:mm", for `<input type="datetime-local">`. */
export const toWibLocal = (value: unknown): string => {
  if (value == null || value === '') return '';
  const date = new Date(String(value));
  if (Number.isNaN(date.getTime())) return String(value);
  return new Date(date.getTime() + OFFSET_MS).toISOString().slice(0, 16);
};

/** "YYYY-MM-DDTHH:mm" read as WIB, as an ISO instant. */
export const fromWibLocal = (value: string): string | null => {
  if (!value) return null;
  const date = new Date(`${value.length === 16 ? `${value}:00` : value}+07:00`);
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
};

const formatters = new Map<string, Intl.DateTimeFormat>();

/** A (cached) formatter that shows instants on the WIB clock. */
export const wibFormatter = (locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat => {
  const key = `${locale}:${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...options, timeZone: WIB_TIME_ZONE });
    formatters.set(key, f);
  }
  return f;
};

/**
 * A date (and time) as seen in Kota Magelang: "3 Apr 2026, 09.00 WIB". Date-only values
 * ("2026-04-03") are shown without a time.
 */
export const formatWib = (value: string | number | Date, locale: string, showTime = false): string => {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  const withTime = showTime && !(typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value));
  const text = wibFormatter(locale, { dateStyle: 'medium', ...(withTime ? { timeStyle: 'short', hourCycle: 'h23' } : {}) }).format(date);
  return withTime ? `${text} WIB` : text;
};

/** "09.30" on the WIB clock. */
export const formatWibTime = (value: Date | number, locale: string): string =>
  wibFormatter(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(value);

/** "1 Apr 2026 – 30 Jun 2026" for the period [from, to) in WIB. */
export const formatWibRange = (from: Date | string, to: Date | string, locale: string): string => {
  const f = wibFormatter(locale, { day: 'numeric', month: 'short', year: 'numeric' });
  return `${f.format(new Date(from))} – ${f.format(new Date(new Date(to).getTime() - 1))}`;
};

/** An instant as the WIB date "DD/MM/YYYY" and 24-hour time "HH:mm", whatever the browser's locale. */
export const toWibDayTime = (value: unknown): { date: string; time: string } => {
  const local = toWibLocal(value);
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}:\d{2})$/.exec(local);
  return m ? { date: `${m[3]}/${m[2]}/${m[1]}`, time: m[4] } : { date: '', time: '' };
};

/**
 * "DD/MM/YYYY" (also with `-` or `.`) and "HH:mm" (or "HH.mm", as Indonesians write it) read
 * as WIB: the ISO instant, or null when either is missing or not a real date and time.
 */
export const fromWibDayTime = (date: string, time: string): string | null => {
  const d = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(date);
  const t = /^\s*(\d{1,2})[:.](\d{2})\s*$/.exec(time);
  if (!d || !t) return null;
  const [day, month, year, hour, minute] = [d[1], d[2], d[3], t[1], t[2]].map(Number);
  if (hour > 23 || minute > 59) return null;
  const instant = new Date(Date.UTC(year, month - 1, day, hour, minute) - OFFSET_MS);
  // 31/02 would roll over into March: not a date.
  const back = new Date(instant.getTime() + OFFSET_MS);
  if (back.getUTCDate() !== day || back.getUTCMonth() !== month - 1) return null;
  return instant.toISOString();
};

/** A calendar day "YYYY-MM-DD" as "DD/MM/YYYY"; anything else (text being typed) as it is. */
export const toDayText = (value: unknown): string => {
  if (value == null) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(value));
  return m ? `${m[3]}/${m[2]}/${m[1]}` : String(value);
};

/** "DD/MM/YYYY" (or with `-`, `.`) as "YYYY-MM-DD"; unfinished or impossible text is kept as typed, empty is null. */
export const fromDayText = (text: string): string | null => {
  if (!text.trim()) return null;
  const m = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(text);
  if (!m) return text;
  const [day, month, year] = [m[1], m[2], m[3]].map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCDate() !== day || date.getUTCMonth() !== month - 1) return text;
  return date.toISOString().slice(0, 10);
};
