import { downloadCSV } from 'react-admin';
import { complianceCsv, type Translate } from './compliance-csv';
import type { OpdComplianceRow } from './queries';

export const csvFileName = (period: string) => `laporan-kepatuhan-${period}.csv`;

/**
 * The table on screen, saved as a CSV for Excel (Indonesian settings). The API's
 * `complianceReportCsv` stays the machine-readable one (`,`, field names as headers).
 */
export const downloadComplianceCsv = (period: string, rows: readonly OpdComplianceRow[], translate: Translate): void =>
  downloadCSV(complianceCsv(rows, translate), csvFileName(period).replace(/\.csv$/, ''));
