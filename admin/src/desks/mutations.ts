import { gql } from '@apollo/client';
import { client } from '../providers/apolloClient';

const RECORD_MINUTES = gql`
  mutation recordDeskMinutes($id: ID!, $minutes: String!) {
    recordDeskMinutes(id: $id, minutes: $minutes) {
      id
      minutes
    }
  }
`;

const CONCLUDE = gql`
  mutation concludeDesk($id: ID!, $decisions: [DeskDecisionInput!]!) {
    concludeDesk(id: $id, decisions: $decisions) {
      id
      status
      concludedAt
    }
  }
`;

export interface Decision {
  complaintId: string;
  solution: string;
  publicMessage?: string | null;
  responsibleOpdId: string;
  dueDate?: string | null;
}

export const recordMinutes = async (id: string, minutes: string) => {
  await client.mutate({ mutation: RECORD_MINUTES, variables: { id, minutes } });
};

export const concludeDesk = async (id: string, decisions: Decision[]) => {
  await client.mutate({ mutation: CONCLUDE, variables: { id, decisions } });
};
