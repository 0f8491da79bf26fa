import { toExcelCsv, type CsvValue } from '../../../common/csv';
import type { ComplaintRecord } from './types';

export type Translate = (key: string, options?: Record<string, unknown>) => string;
/** An instant as the WIB text the export shows, '' when absent. */
export type FormatTime = (value: unknown) => string;

const COLUMNS: Array<[string, (r: ComplaintRecord, t: Translate, when: FormatTime) => CsvValue]> = [
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
  ['rating', (r) => r.rating as number | null],
];

/**
 * The complaint list as CSV for Excel with Indonesian settings (`;`, decimal comma, BOM):
 * translated headers and values, no reporter identity.
 */
export const complaintsCsv = (records: readonly ComplaintRecord[], translate: Translate, when: FormatTime): string =>
  toExcelCsv(
    COLUMNS.map(([name]) => translate(`resources.complaints.fields.${name}`)),
    records.map((r) => COLUMNS.map(([, get]) => get(r, translate, when))),
  );
