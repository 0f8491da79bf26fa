import { toExcelCsv, type CsvValue } from '../../../common/csv';
import { REPORT_COLUMNS, type NumberKey, type OpdComplianceRow } from './columns';

export type Translate = (key: string, options?: Record<string, unknown>) => string;

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Rounded as the table shows it: hours and IKM to one decimal, the rating to two. */
const figure = (row: OpdComplianceRow, key: NumberKey): CsvValue => {
  const value = row[key];
  if (value == null) return null;
  switch (key) {
    case 'respondedInTimePct':
    case 'medianHoursToFirstResponse':
    case 'p90HoursToFirstResponse':
    case 'ikm':
      return round(value, 1);
    case 'averageRating':
      return round(value, 2);
    default:
      return value;
  }
};

/**
 * The compliance table as a CSV for Excel with Indonesian settings: the headers the screen
 * shows, one line per unit in rank order, the IKM grade after the IKM.
 */
export const complianceCsv = (rows: readonly OpdComplianceRow[], translate: Translate): string =>
  toExcelCsv(
    [
      translate('report.columns.rank'),
      translate('report.columns.opd'),
      ...REPORT_COLUMNS.map((c) => translate(`report.columns.${c}`)),
      translate('report.columns.ikmGrade'),
    ],
    rows.map((row) => [row.rank, row.opd?.name ?? `#${row.opdId}`, ...REPORT_COLUMNS.map((c) => figure(row, c)), row.ikmGrade]),
  );
