import { STATS_MEASURES, type Bucket } from '../dashboard/stats';
import { gql } from '@apollo/client';
import type { OpdComplianceRow } from './columns';

export type { OpdComplianceRow } from './columns';

export interface OfficerRow {
  userId: string;
  user: { id: string; name: string; username: string; role: string; opd: { id: string; name: string } | null } | null;
  recorded: number;
  verified: number;
  forwarded: number;
  forwardedOnTime: number;
}

export interface StaffRow {
  userId: string;
  user: OfficerRow['user'];
  answers: number;
  progressNotes: number;
  complaints: number;
  medianHoursToAnswer: number | null;
  averageHoursToAnswer: number | null;
}

export interface ComplianceReport {
  from: string;
  to: string;
  opds: OpdComplianceRow[];
  officers: OfficerRow[];
  staff: StaffRow[];
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
      staff {
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
        answers
        progressNotes
        complaints
        medianHoursToAnswer
        averageHoursToAnswer
      }
    }
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
