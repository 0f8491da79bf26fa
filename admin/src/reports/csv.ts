import { client } from '../providers/apolloClient';
import { COMPLIANCE_REPORT_CSV } from './queries';

export const csvFileName = (period: string) => `laporan-kepatuhan-${period}.csv`;

/** The server's CSV for the period, saved as a file (a Blob behind a temporary link). */
export const downloadComplianceCsv = async (period: string): Promise<void> => {
  const { data } = await client.query<{ complianceReportCsv: string }>({
    query: COMPLIANCE_REPORT_CSV,
    variables: { period },
    fetchPolicy: 'no-cache',
    // Reports get a long statement timeout: one that ran out would only run out again.
    context: { retryReads: false },
  });
  const blob = new Blob([data.complianceReportCsv], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = csvFileName(period);
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
};
