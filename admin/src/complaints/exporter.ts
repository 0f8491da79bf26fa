import { downloadCSV, type Exporter } from 'react-admin';
import { formatWib } from '../components';
import { intlLocale } from '../providers/i18nProvider';
import { complaintsCsv, type Translate } from './complaint-csv';
import type { ComplaintRecord } from './types';

/**
 * CSV of the filtered list (the List's ExportButton fetches up to 1000 rows with the same
 * filter and sort), times in WIB.
 */
export const complaintExporter =
  (translate: Translate, locale: string, filename: string): Exporter<ComplaintRecord> =>
  (records) => {
    const when = (v: unknown) => (v ? formatWib(String(v), intlLocale(locale), true) : '');
    downloadCSV(complaintsCsv(records, translate, when), filename);
  };
