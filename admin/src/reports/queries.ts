import { STATS_MEASURES, type Bucket } from '../dashboard/stats';
import { gql } from '@apollo/client';

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

export interface OfficerRow {
  userId: string;
  user: { id: string; name: string; username: string; role: string; opd: { id: string; name: string } | null } | null;
  recorded: number;
  verified: number;
  forwarded: number;
  forwardedOnTime: number;
}

export interface ComplianceReport {
  from: string;
  to: string;
  opds: OpdComplianceRow[];
  officers: OfficerRow[];
}

export const COMPLIANCE_REPORT = gql`
  query complianceReport($period: String!) {
    complianceReport(period: $period) {
      from
      to
      opds {
        rank
        opdId
        opd {
          id
          code
          name
        }
        taken
        received
        forwarded
        responded
        due
        respondedInTime
        respondedInTimePct
        medianHoursToFirstResponse
        p90HoursToFirstResponse
        overdueNow
        returns
        averageRating
        ikm
        ikmGrade
      }
      officers {
        userId
        user {
          id
          name
          username
          role
          opd {
            id
            name
          }
        }
        recorded
        verified
        forwarded
        forwardedOnTime
      }
    }
  }
`;

export const COMPLIANCE_REPORT_CSV = gql`
  query complianceReportCsv($period: String!) {
    complianceReportCsv(period: $period)
  }
`;

/** A complaintStats bucket: the dashboard's type, averageRating included. */
export type StatsBucket = Bucket & { averageRating: number | null };

export interface ScopedStats {
  totals: StatsBucket;
  byStatus: StatsBucket[];
  byCategory: StatsBucket[];
  byProgram: StatsBucket[];
}

/** complaintStats for one programme or one service post (the viewer's scope applies). */
export const SCOPED_STATS = gql`
  query scopedStats($programId: ID, $servicePostId: ID) {
    complaintStats(programId: $programId, servicePostId: $servicePostId) {
      totals {
        ...StatsMeasures
      }
      byStatus {
        ...StatsMeasures
      }
      byCategory {
        ...StatsMeasures
        category {
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
    }
  }
  ${STATS_MEASURES}
`;
