export interface OpdComplianceRow {
  rank: number;
  opdId: string;
  opd: { id: string; code: string; name: string } | null;
  taken: number;
  received: number;
  forwarded: number;
  responded: number;
  due: number;
  respondedInTime: number;
  /** 0–100, null when nothing was due. */
  respondedInTimePct: number | null;
  medianHoursToFirstResponse: number | null;
  p90HoursToFirstResponse: number | null;
  overdueNow: number;
  returns: number;
  averageRating: number | null;
  ikm: number | null;
  ikmGrade: string | null;
}

export type NumberKey = Exclude<keyof OpdComplianceRow, 'opd' | 'opdId' | 'rank' | 'ikmGrade'>;

/** The columns in the order of the announcement, after rank and unit (the table and its CSV). */
export const REPORT_COLUMNS: readonly NumberKey[] = [
  'taken',
  'received',
  'forwarded',
  'responded',
  'due',
  'respondedInTime',
  'respondedInTimePct',
  'medianHoursToFirstResponse',
  'p90HoursToFirstResponse',
  'overdueNow',
  'returns',
  'averageRating',
  'ikm',
];
