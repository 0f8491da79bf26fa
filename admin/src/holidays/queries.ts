import { gql } from '@apollo/client';

export const HOLIDAY_COVERAGE_KEY = ['holidayCoverage'];

export const HOLIDAY_COVERAGE = gql`
  query holidayCoverage {
    holidayCoverage {
      coveredUntil
      daysAhead
      sufficient
      minimumDays
    }
  }
`;

export interface HolidayCoverage {
  coveredUntil: string | null;
  daysAhead: number;
  sufficient: boolean;
  minimumDays: number;
}

export const IMPORT_HOLIDAYS = gql`
  mutation importHolidays($format: HolidayFileFormat!, $content: String!, $dryRun: Boolean) {
    importHolidays(format: $format, content: $content, dryRun: $dryRun) {
      dryRun
      created
      updated
      skipped
      items {
        line
        date
        name
        kind
        action
      }
    }
  }
`;

export type HolidayFileFormat = 'CSV' | 'ICAL';

export interface HolidayImport {
  dryRun: boolean;
  created: number;
  updated: number;
  skipped: number;
  items: { line: number; date: string; name: string; kind: string; action: 'CREATE' | 'UPDATE' | 'SKIP' }[];
}

/** iCalendar by extension or content; anything else is read as CSV. */
export const formatOf = (fileName: string, content: string): HolidayFileFormat =>
  /\.ics$/i.test(fileName) || /^\uFEFF?BEGIN:VCALENDAR/i.test(content) ? 'ICAL' : 'CSV';
