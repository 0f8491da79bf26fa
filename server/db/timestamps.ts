import pg from 'pg';

/** pg's own parser (postgres-date), taken before ours replaces it. */
const general = pg.types.getTypeParser(pg.types.builtins.TIMESTAMPTZ, 'text') as (s: string) => Date;

const ZERO = 48;

function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = s.charCodeAt(i) - ZERO;
    if (d < 0 || d > 9) return NaN;
    n = n * 10 + d;
  }
  return n;
}

/**
 * A timestamp as PostgreSQL writes it, as a Date: `2026-12-04 20:31:42.22+00` (a
 * timestamptz column) or `2026-12-04T20:31:42.22+00:00` (the same inside json), offsets
 * down to the second. A page of complaints carries hundreds of these; pg's own parser runs
 * three regular expressions on each. Returns null for any other shape (BC, infinity, years
 * outside 1000–9999, no offset), which `readTimestamp` hands to pg's parser.
 */
export function parseTimestamp(s: string): Date | null {
  const n = s.length;
  if (n < 22 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return null;
  const sep = s.charCodeAt(10);
  if (sep !== 32 && sep !== 84) return null;
  const year = digits(s, 0, 4);
  let ms = 0;
  let i = 19;
  if (s.charCodeAt(i) === 46) {
    const start = ++i;
    while (i < n && s.charCodeAt(i) >= ZERO && s.charCodeAt(i) <= ZERO + 9) i++;
    if (i === start) return null;
    // Milliseconds are the first three digits: a Date holds no finer time, and Date.UTC truncates too.
    const end = Math.min(i, start + 3);
    ms = digits(s, start, end) * (end - start === 1 ? 100 : end - start === 2 ? 10 : 1);
  }
  const sign = s.charCodeAt(i);
  let offset = 0;
  if (!(sign === 90 && i + 1 === n)) {
    if (sign !== 43 && sign !== 45) return null;
    const rest = n - i - 1;
    let secs: number;
    if (rest === 2) secs = digits(s, i + 1, i + 3) * 3600;
    else if (rest === 5 && s.charCodeAt(i + 3) === 58) secs = digits(s, i + 1, i + 3) * 3600 + digits(s, i + 4, i + 6) * 60;
    else if (rest === 8 && s.charCodeAt(i + 3) === 58 && s.charCodeAt(i + 6) === 58) {
      secs = digits(s, i + 1, i + 3) * 3600 + digits(s, i + 4, i + 6) * 60 + digits(s, i + 7, i + 9);
    } else return null;
    offset = (sign === 45 ? -secs : secs) * 1000;
  }
  if (!(year >= 1000)) return null;
  const t = Date.UTC(year, digits(s, 5, 7) - 1, digits(s, 8, 10), digits(s, 11, 13), digits(s, 14, 16), digits(s, 17, 19), ms) - offset;
  return t === t ? new Date(t) : null;
}

/**
 * Any timestamptz text PostgreSQL writes, column or json, as pg would read it: the common
 * shape here, the rest (BC, infinity, years past 9999, offsets in local mean time) by pg's
 * parser, which wants a space between date and time.
 */
export function readTimestamp(s: string): Date {
  return parseTimestamp(s) ?? general(s.replace('T', ' '));
}

const FIRST_MS = Date.UTC(1000, 0, 1);
const END_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
const code = String.fromCharCode;

/**
 * `date.toISOString()` for years 1000–9999 (null outside them), by arithmetic and one flat
 * string: V8's own costs about twice as much, and a page of complaints writes hundreds.
 * Days to the civil date as in Howard Hinnant's `civil_from_days`.
 */
export function isoString(t: number): string | null {
  if (!(t >= FIRST_MS && t <= END_MS)) return null;
  const days = Math.floor(t / 86_400_000);
  let rest = t - days * 86_400_000;
  const ms = rest % 1000;
  rest = (rest - ms) / 1000;
  const s = rest % 60;
  rest = (rest - s) / 60;
  const mi = rest % 60;
  const h = (rest - mi) / 60;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const mo = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (mo <= 2 ? 1 : 0);
  return code(
    ZERO + ((y / 1000) | 0),
    ZERO + (((y / 100) | 0) % 10),
    ZERO + (((y / 10) | 0) % 10),
    ZERO + (y % 10),
    45,
    ZERO + ((mo / 10) | 0),
    ZERO + (mo % 10),
    45,
    ZERO + ((d / 10) | 0),
    ZERO + (d % 10),
    84,
    ZERO + ((h / 10) | 0),
    ZERO + (h % 10),
    58,
    ZERO + ((mi / 10) | 0),
    ZERO + (mi % 10),
    58,
    ZERO + ((s / 10) | 0),
    ZERO + (s % 10),
    46,
    ZERO + ((ms / 100) | 0),
    ZERO + (((ms / 10) | 0) % 10),
    ZERO + (ms % 10),
    90,
  );
}
