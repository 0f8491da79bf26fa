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

/** "Tepat waktu" as the server computes it, the same figure as the compliance report's. */
export interface OnTime {
  /** First responses that were due: given (on time or late) or overdue now. */
  due: number;
  inTime: number;
  /** Percent, or null when nothing was due yet. */
  pct: number | null;
}

export interface OpdOnTime extends OnTime {
  opdId: string;
  opd: { id: string; code: string; name: string } | null;
}

export interface ComplaintStats {
  totals: Bucket;
  byStatus: Bucket[];
  byChannel: Bucket[];
  byOpd: Bucket[];
  byProgram: Bucket[];
  byCategory: Bucket[];
  onTime: { total: OnTime; byOpd: OpdOnTime[] } | null;
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
      onTime {
        total {
          due
          inTime
          pct
        }
        byOpd {
          opdId
          due
          inTime
          pct
          opd {
            id
            code
            name
          }
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

export interface RankedOpd {
  opdId: string;
  opd: { id: string; code: string; name: string } | null;
  /** The Opd's complaints now (total, answered, overdue), when it holds any. */
  bucket: Bucket | null;
  onTime: OnTime;
}

/**
 * Opds in the server's on-time order (best first; nothing due yet: last), with the complaints
 * they hold; an Opd holding complaints but no forward of the period comes last.
 */
export const rankOpds = (byOpd: Bucket[], onTime: OpdOnTime[]): RankedOpd[] => {
  const buckets = new Map(byOpd.filter((b) => b.key != null).map((b) => [b.key!, b]));
  const ranked: RankedOpd[] = onTime.map((o) => ({ opdId: o.opdId, opd: o.opd, bucket: buckets.get(o.opdId) ?? null, onTime: o }));
  const seen = new Set(onTime.map((o) => o.opdId));
  for (const [key, bucket] of buckets) {
    if (!seen.has(key)) ranked.push({ opdId: key, opd: bucket.opd ?? null, bucket, onTime: { due: 0, inTime: 0, pct: null } });
  }
  return ranked;
};

/** `#/complaints?filter=…` for a complaint-list filter. */
export const complaintsLink = (filter: Record<string, unknown>): string => `/complaints?filter=${encodeURIComponent(JSON.stringify(filter))}`;
