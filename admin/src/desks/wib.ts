/** WIB (Asia/Jakarta) is UTC+7 all year. */
const WIB_OFFSET_MS = 7 * 3600_000;

/** An instant as the WIB wall clock "YYYY-MM-DDTHH:mm", for `<input type="datetime-local">`. */
export const toWibLocal = (value: unknown): string => {
  if (value == null || value === '') return '';
  const date = new Date(String(value));
  if (Number.isNaN(date.getTime())) return String(value);
  return new Date(date.getTime() + WIB_OFFSET_MS).toISOString().slice(0, 16);
};

/** "YYYY-MM-DDTHH:mm" read as WIB, whatever the browser's time zone, as an ISO instant. */
export const fromWibLocal = (value: string): string | null => {
  if (!value) return null;
  const date = new Date(`${value.length === 16 ? `${value}:00` : value}+07:00`);
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
};

/** Tomorrow at 09:00 WIB: the default time of a new desk. */
export const tomorrowNineWib = (now = new Date()): string => {
  const wib = new Date(now.getTime() + WIB_OFFSET_MS);
  const day = Date.UTC(wib.getUTCFullYear(), wib.getUTCMonth(), wib.getUTCDate() + 1, 9) - WIB_OFFSET_MS;
  return new Date(day).toISOString();
};
