import { gql } from '@apollo/client';

/** One group of complaints as `complaintStats` counts it. */
export interface Bucket {
  key: string | null;
  total: number;
  /** Not yet answered, closed or rejected. */
  open: number;
  /** A running deadline (verification or first response) has passed. */
  overdue: number;
  /** Answered (respondedAt set). */
  responded: number;
  /** First response (progress or answer) within the response deadline. */
  respondedInTime: number;
  /** Got a first response from a unit, in time or not. */
  firstResponded: number;
  /** Mean citizen rating (1–5), when selected. */
  averageRating?: number | null;
  opd?: { id: string; code: string; name: string } | null;
  program?: { id: string; code: string; name: string } | null;
  category?: { id: string; code: string; name: string } | null;
}

export interface ComplaintStats {
  totals: Bucket;
  byStatus: Bucket[];
  byChannel: Bucket[];
  byOpd: Bucket[];
  byProgram: Bucket[];
  byCategory: Bucket[];
}

/** The measures every view of complaintStats selects (dashboard, programme and post pages). */
export const STATS_MEASURES = gql`
  fragment StatsMeasures on StatsBucket {
    key
    total
    open
    overdue
    responded
    respondedInTime
    firstResponded
    averageRating
  }
`;

export const COMPLAINT_STATS = gql`
  query dashboardStats($from: DateTimeISO, $to: DateTimeISO) {
    complaintStats(from: $from, to: $to) {
      totals {
        ...StatsMeasures
      }
      byStatus {
        ...StatsMeasures
      }
      byChannel {
        ...StatsMeasures
      }
      byOpd {
        ...StatsMeasures
        opd {
          id
          code
          name
        }
      }
      byProgram {
        ...StatsMeasures
        program {
          id
          code
          name
        }
      }
      byCategory {
        ...StatsMeasures
        category {
          id
          code
          name
        }
      }
    }
  }
  ${STATS_MEASURES}
`;

/** Any change the viewer may see: the dashboard refetches (debounced) when one arrives. */
export const COMPLAINT_CHANGED = gql`
  subscription dashboardChanges {
    complaintChanged {
      event {
        id
      }
    }
  }
`;

/** Statuses counted as `open` by the server (everything but answered, closed, rejected). */
export const OPEN_STATUSES = ['SUBMITTED', 'VERIFIED', 'FORWARDED', 'IN_PROGRESS'] as const;
export const ANSWERED_STATUSES = ['RESPONDED', 'CLOSED'] as const;
/** Where complaints without a current Opd are: still with the intake admin, or rejected. */
export const AT_INTAKE_STATUSES = ['SUBMITTED', 'VERIFIED', 'REJECTED'] as const;

export interface OnTime {
  inTime: number;
  /** First responses that were due: given (on time or late) or overdue now. */
  due: number;
  /** inTime / due in [0, 1], or null when nothing was due yet. */
  ratio: number | null;
}

/**
 * Share of first responses given within the deadline (the 1×24 h rule leaders watch),
 * among the complaints whose first response was due: given already or overdue now.
 */
export const onTime = (b: Pick<Bucket, 'firstResponded' | 'respondedInTime' | 'overdue'>): OnTime => {
  const due = b.firstResponded + b.overdue;
  return { inTime: b.respondedInTime, due, ratio: due > 0 ? Math.min(1, b.respondedInTime / due) : null };
};

/**
 * The response-time figure for a whole scope: summed over the Opds complaints were
 * forwarded to, so overdue verifications at intake (no first response due yet) do not count.
 */
export const scopeOnTime = (byOpd: Bucket[]): OnTime => {
  let inTime = 0;
  let due = 0;
  for (const b of byOpd) {
    if (b.key == null) continue;
    const o = onTime(b);
    inTime += o.inTime;
    due += o.due;
  }
  return { inTime, due, ratio: due > 0 ? Math.min(1, inTime / due) : null };
};

export interface RankedOpd {
  bucket: Bucket;
  onTime: OnTime;
}

/** Opds ranked by on-time share (best first; ties: more handled first); nothing due yet: last. */
export const rankOpds = (byOpd: Bucket[]): RankedOpd[] =>
  byOpd
    .filter((b) => b.key != null)
    .map((bucket) => ({ bucket, onTime: onTime(bucket) }))
    .sort((a, b) => {
      const ra = a.onTime.ratio ?? -1;
      const rb = b.onTime.ratio ?? -1;
      if (ra !== rb) return rb - ra;
      if (a.onTime.due !== b.onTime.due) return b.onTime.due - a.onTime.due;
      return (a.bucket.opd?.name ?? '').localeCompare(b.bucket.opd?.name ?? '');
    });

/** `#/complaints?filter=…` for a complaint-list filter. */
export const complaintsLink = (filter: Record<string, unknown>): string => `/complaints?filter=${encodeURIComponent(JSON.stringify(filter))}`;
