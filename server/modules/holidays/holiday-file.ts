import { createRequire } from 'node:module';
import { parse as parseCsv } from 'csv-parse/sync';
import type IcalJs from 'ical.js' with { 'resolution-mode': 'import' };
import { registerEnumType } from 'type-graphql';
import type { FieldProblem } from '../../core/errors';
import { HolidayKind } from './holiday.entity';

// ical.js ships CommonJS (its namespace as module.exports) under its `require` condition, but types for its ES module only.
const ICAL = createRequire(__filename)('ical.js') as typeof IcalJs;
type IcalTime = InstanceType<typeof ICAL.Time>;

export enum HolidayFileFormat {
  CSV = 'CSV',
  ICAL = 'ICAL',
}
registerEnumType(HolidayFileFormat, {
  name: 'HolidayFileFormat',
  description: 'CSV: date,name[,kind] (YYYY-MM-DD; kind "libur nasional" or "cuti bersama"). ICAL: all-day VEVENTs (DTSTART;VALUE=DATE, SUMMARY).',
});

export interface HolidayLine {
  date: string;
  name: string;
  kind: HolidayKind;
  /** 1-based line of the file it came from. */
  line: number;
}

export interface ParsedHolidays {
  holidays: HolidayLine[];
  problems: FieldProblem[];
}

/** A file of a few years' holidays has some dozens of lines; anything far larger is not one. */
export const MAX_HOLIDAY_FILE_LINES = 2000;
/** The longest run of days one iCalendar event may cover (Idulfitri with its cuti bersama is about a week). */
const MAX_EVENT_DAYS = 14;
const DAY_MS = 86_400_000;

const problem = (line: number, field: string, message: string): FieldProblem => ({
  field: `content.line${line}.${field}`,
  message: `line ${line}: ${message}`,
});

function validDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s && Number(m[1]) >= 2000 && Number(m[1]) <= 2100;
}

const KIND_WORDS: Record<string, HolidayKind> = {
  '': HolidayKind.NATIONAL,
  national: HolidayKind.NATIONAL,
  nasional: HolidayKind.NATIONAL,
  'libur nasional': HolidayKind.NATIONAL,
  'hari libur nasional': HolidayKind.NATIONAL,
  cuti_bersama: HolidayKind.CUTI_BERSAMA,
  'cuti bersama': HolidayKind.CUTI_BERSAMA,
  cuti: HolidayKind.CUTI_BERSAMA,
};

function checkName(name: string, line: number, problems: FieldProblem[]): boolean {
  if (name.length < 2 || name.length > 200) {
    problems.push(problem(line, 'name', 'the name must have 2 to 200 characters'));
    return false;
  }
  return true;
}

/** `date,name[,kind]`, an optional header line (date/tanggal), `#` comments and blank lines ignored. */
export function parseHolidayCsv(content: string): ParsedHolidays {
  const holidays: HolidayLine[] = [];
  const problems: FieldProblem[] = [];
  type Info = { record: string[]; info: { lines: number } };
  let records: Info[];
  try {
    records = parseCsv(content.replace(/^\uFEFF/, ''), {
      info: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      comment: '#',
      comment_no_infix: true,
    }) as unknown as Info[];
  } catch (err) {
    const line = (err as { lines?: number }).lines ?? 1;
    return { holidays, problems: [problem(line, 'csv', `not readable as CSV (${(err as Error).message})`)] };
  }
  for (const [i, { record, info }] of records.entries()) {
    const line = info.lines;
    const [date = '', name = '', kindText = '', ...rest] = record;
    if (i === 0 && /^(date|tanggal)$/i.test(date)) continue;
    let ok = true;
    if (rest.some((c) => c !== '')) {
      problems.push(problem(line, 'columns', 'expected date,name[,kind]: there are more columns'));
      ok = false;
    }
    if (!validDate(date)) {
      problems.push(problem(line, 'date', `"${date}" is not a date as YYYY-MM-DD`));
      ok = false;
    }
    ok = checkName(name, line, problems) && ok;
    const kind = KIND_WORDS[kindText.toLowerCase().replace(/\s+/g, ' ')];
    if (!kind) {
      problems.push(problem(line, 'kind', `"${kindText}" is not a kind: use "libur nasional" or "cuti bersama" (or leave it empty)`));
      ok = false;
    }
    if (ok) holidays.push({ date, name, kind: kind!, line });
  }
  return { holidays, problems };
}

/** The line numbers of each `BEGIN:VEVENT`, in order, counted on the raw text as the user sees it. */
function eventLines(content: string): number[] {
  const lines: number[] = [];
  content.split(/\r\n|\n|\r/).forEach((l, i) => {
    if (/^BEGIN:VEVENT\s*$/i.test(l)) lines.push(i + 1);
  });
  return lines;
}

/** All-day VEVENTs; DTEND is exclusive, so a 2-day event adds two dates. "Cuti bersama" in the SUMMARY or CATEGORIES marks collective leave. */
export function parseHolidayIcal(content: string): ParsedHolidays {
  const holidays: HolidayLine[] = [];
  const problems: FieldProblem[] = [];
  let calendar: InstanceType<typeof ICAL.Component>;
  try {
    calendar = new ICAL.Component(ICAL.parse(content.replace(/^\uFEFF/, '')) as unknown[]);
  } catch (err) {
    const message = (err as Error).message;
    const quoted = /"([^"]*)"\s*$/.exec(message)?.[1];
    const at = quoted != null ? content.split(/\r\n|\n|\r/).findIndex((l) => l === quoted) + 1 : 0;
    return { holidays, problems: [problem(at || 1, 'ical', `not readable as iCalendar (${message})`)] };
  }
  if (calendar.name !== 'vcalendar') return { holidays, problems: [problem(1, 'ical', 'the file must begin with BEGIN:VCALENDAR')] };
  const lines = eventLines(content);
  const events = calendar.getAllSubcomponents('vevent');
  if (!events.length) problems.push(problem(1, 'ical', 'the calendar has no VEVENT'));
  for (const [i, event] of events.entries()) {
    const line = lines[i] ?? 1;
    const name = String(event.getFirstPropertyValue('summary') ?? '').trim();
    let ok = checkName(name, line, problems);
    if (event.hasProperty('rrule')) {
      problems.push(problem(line, 'RRULE', 'repeating events are not holidays of one year: enter each date'));
      ok = false;
    }
    const start = event.getFirstPropertyValue('dtstart') as IcalTime | null;
    if (!start || !start.isDate) {
      problems.push(problem(line, 'DTSTART', 'needs a whole day (DTSTART;VALUE=DATE:YYYYMMDD)'));
      continue;
    }
    const end = event.getFirstPropertyValue('dtend') as IcalTime | null;
    if (end && !end.isDate) {
      problems.push(problem(line, 'DTEND', 'needs a whole day (DTEND;VALUE=DATE:YYYYMMDD)'));
      continue;
    }
    const first = Date.UTC(start.year, start.month - 1, start.day);
    const stop = end ? Date.UTC(end.year, end.month - 1, end.day) : first + DAY_MS;
    const days = Math.round((stop - first) / DAY_MS);
    if (days < 1 || days > MAX_EVENT_DAYS) {
      problems.push(problem(line, 'DTEND', `must be 1 to ${MAX_EVENT_DAYS} days after DTSTART (it is exclusive)`));
      continue;
    }
    const date0 = new Date(first).toISOString().slice(0, 10);
    if (!validDate(date0)) {
      problems.push(problem(line, 'DTSTART', `"${date0}" is outside the years 2000–2100`));
      continue;
    }
    const categories = event
      .getAllProperties('categories')
      .flatMap((p) => p.getValues())
      .join(' ');
    const kind = /cuti\s+bersama/i.test(`${name} ${categories}`) ? HolidayKind.CUTI_BERSAMA : HolidayKind.NATIONAL;
    if (!ok) continue;
    for (let d = 0; d < days; d++) holidays.push({ date: new Date(first + d * DAY_MS).toISOString().slice(0, 10), name, kind, line });
  }
  return { holidays, problems };
}

/** Parses a holiday file; a date given twice is a problem on its second line. */
export function parseHolidayFile(format: HolidayFileFormat, content: string): ParsedHolidays {
  if (content.split('\n').length > MAX_HOLIDAY_FILE_LINES) {
    return { holidays: [], problems: [{ field: 'content', message: `the file has more than ${MAX_HOLIDAY_FILE_LINES} lines` }] };
  }
  const parsed = format === HolidayFileFormat.CSV ? parseHolidayCsv(content) : parseHolidayIcal(content);
  const seen = new Map<string, number>();
  for (const h of parsed.holidays) {
    const earlier = seen.get(h.date);
    if (earlier !== undefined) parsed.problems.push(problem(h.line, 'date', `${h.date} is already on line ${earlier}`));
    else seen.set(h.date, h.line);
  }
  if (!parsed.problems.length && !parsed.holidays.length) parsed.problems.push({ field: 'content', message: 'the file has no holidays' });
  return parsed;
}
