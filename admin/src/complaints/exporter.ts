import { downloadCSV, type Exporter } from 'react-admin';
import { formatWib } from '../components';
import { intlLocale } from '../providers/i18nProvider';
import type { ComplaintRecord } from './types';

type Translate = (key: string, options?: Record<string, unknown>) => string;

const cell = (value: unknown): string => {
  const text = value == null ? '' : String(value);
  return /[",\r\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

const COLUMNS: Array<[string, (r: ComplaintRecord, t: Translate, when: (v: unknown) => string) => unknown]> = [
  ['trackingCode', (r) => r.trackingCode],
  ['createdAt', (r, _t, when) => when(r.createdAt)],
  ['type', (r, t) => t(`enums.ComplaintType.${r.type}`)],
  ['channel', (r, t) => t(`enums.Channel.${r.channel}`)],
  ['title', (r) => r.title],
  ['category', (r) => (r.category as { name?: string } | null)?.name],
  ['program', (r) => (r.program as { name?: string } | null)?.name],
  ['kelurahan', (r) => (r.kelurahan as { name?: string } | null)?.name],
  ['status', (r, t) => t(`enums.ComplaintStatus.${r.status}`)],
  ['progressStage', (r, t) => (r.progressStage ? t(`enums.ProgressStage.${r.progressStage}`) : '')],
  ['intakeOpd', (r) => r.intakeOpd?.name],
  ['currentOpd', (r) => r.currentOpd?.name],
  ['assignee', (r) => (r.assignee as { name?: string } | null)?.name],
  ['dueAt', (r, _t, when) => when(r.dueAt)],
  ['overdue', (r, t) => t(r.overdue ? 'ra.boolean.true' : 'ra.boolean.false')],
  ['firstResponseAt', (r, _t, when) => when(r.firstResponseAt)],
  ['respondedAt', (r, _t, when) => when(r.respondedAt)],
  ['closedAt', (r, _t, when) => when(r.closedAt)],
  ['rating', (r) => r.rating],
];

/**
 * CSV of the filtered list (the List's ExportButton fetches up to 1000 rows with the same
 * filter and sort): translated headers and values, times in WIB, no reporter identity.
 */
export const complaintExporter =
  (translate: Translate, locale: string, filename: string): Exporter<ComplaintRecord> =>
  (records) => {
    const when = (v: unknown) => (v ? formatWib(String(v), intlLocale(locale), true) : '');
    const header = COLUMNS.map(([name]) => cell(translate(`resources.complaints.fields.${name}`)));
    const rows = records.map((r) => COLUMNS.map(([, get]) => cell(get(r, translate, when))).join(','));
    // The byte-order mark makes spreadsheet programs read the file as UTF-8.
    downloadCSV(`\ufeff${[header.join(','), ...rows].join('\r\n')}`, filename);
  };
