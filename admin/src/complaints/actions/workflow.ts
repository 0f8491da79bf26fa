import { gql, type DocumentNode } from '@apollo/client';
import { client } from '../../providers/apolloClient';
import type { ComplaintEventRecord } from '../types';

/**
 * The workflow actions the console offers, in the order their buttons appear. Which of
 * them a user sees for a complaint is `Complaint.availableActions`: the server's decision
 * (role × relation to the complaint × status machine), never re-derived here.
 */
export const ACTION_ORDER = [
  'VERIFY',
  'FORWARD',
  'ACCEPT',
  'ASSIGN',
  'PROGRESS',
  'PUBLISH',
  'DRAFT',
  'RESPOND',
  'CLOSE',
  'REOPEN',
  'ASK_REPORTER',
  'HOLD',
  'RESUME',
  'RETURN',
  'REJECT',
  'ARCHIVE',
  'MERGE',
  'REVEAL_CONTACT',
  'REMIND',
  'NOTE',
] as const;
export type WorkflowAction = (typeof ACTION_ORDER)[number];

const MUTATIONS: Record<WorkflowAction, DocumentNode> = {
  VERIFY: gql`
    mutation verifyComplaint($id: ID!, $note: String, $publicMessage: String, $version: Int) {
      verifyComplaint(id: $id, note: $note, publicMessage: $publicMessage, version: $version) {
        id
        version
        status
      }
    }
  `,
  REJECT: gql`
    mutation rejectComplaint($id: ID!, $reason: String!, $duplicateOf: ID, $version: Int) {
      rejectComplaint(id: $id, reason: $reason, duplicateOf: $duplicateOf, version: $version) {
        id
        version
        status
      }
    }
  `,
  FORWARD: gql`
    mutation forwardComplaint($id: ID!, $opdId: ID!, $note: String, $publicMessage: String, $version: Int) {
      forwardComplaint(id: $id, opdId: $opdId, note: $note, publicMessage: $publicMessage, version: $version) {
        id
        version
        status
      }
    }
  `,
  RETURN: gql`
    mutation returnComplaint($id: ID!, $reason: String!, $version: Int) {
      returnComplaint(id: $id, reason: $reason, version: $version) {
        id
        version
        status
      }
    }
  `,
  ACCEPT: gql`
    mutation acceptComplaint($id: ID!, $version: Int) {
      acceptComplaint(id: $id, version: $version) {
        id
        version
        status
      }
    }
  `,
  ASSIGN: gql`
    mutation assignComplaint($id: ID!, $userId: ID!, $version: Int) {
      assignComplaint(id: $id, userId: $userId, version: $version) {
        id
        version
        status
      }
    }
  `,
  PROGRESS: gql`
    mutation addProgress($id: ID!, $stage: ProgressStage!, $note: String!, $public: Boolean, $version: Int) {
      addProgress(id: $id, stage: $stage, note: $note, public: $public, version: $version) {
        id
        version
        status
      }
    }
  `,
  NOTE: gql`
    mutation addInternalNote($id: ID!, $note: String!, $version: Int) {
      addInternalNote(id: $id, note: $note, version: $version) {
        id
        version
        status
      }
    }
  `,
  RESPOND: gql`
    mutation respondToComplaint($id: ID!, $answer: String, $version: Int) {
      respondToComplaint(id: $id, answer: $answer, version: $version) {
        id
        version
        status
      }
    }
  `,
  CLOSE: gql`
    mutation closeComplaint($id: ID!, $note: String, $publicMessage: String, $version: Int) {
      closeComplaint(id: $id, note: $note, publicMessage: $publicMessage, version: $version) {
        id
        version
        status
      }
    }
  `,
  REMIND: gql`
    mutation remindComplaint($id: ID!, $note: String, $version: Int) {
      remindComplaint(id: $id, note: $note, version: $version) {
        id
        version
        status
      }
    }
  `,
  PUBLISH: gql`
    mutation publishProgress($id: ID!, $eventId: ID!, $message: String, $version: Int) {
      publishProgress(id: $id, eventId: $eventId, message: $message, version: $version) {
        id
        version
        status
      }
    }
  `,
  DRAFT: gql`
    mutation draftAnswer($id: ID!, $answer: String!, $version: Int) {
      draftAnswer(id: $id, answer: $answer, version: $version) {
        id
        version
        status
      }
    }
  `,
  ASK_REPORTER: gql`
    mutation askReporter($id: ID!, $question: String!, $version: Int) {
      askReporter(id: $id, question: $question, version: $version) {
        id
        version
        status
      }
    }
  `,
  HOLD: gql`
    mutation holdComplaint($id: ID!, $reason: String!, $version: Int) {
      holdComplaint(id: $id, reason: $reason, version: $version) {
        id
        version
        status
      }
    }
  `,
  RESUME: gql`
    mutation resumeComplaint($id: ID!, $note: String, $version: Int) {
      resumeComplaint(id: $id, note: $note, version: $version) {
        id
        version
        status
      }
    }
  `,
  ARCHIVE: gql`
    mutation archiveComplaint($id: ID!, $reason: String!, $publicMessage: String, $version: Int) {
      archiveComplaint(id: $id, reason: $reason, publicMessage: $publicMessage, version: $version) {
        id
        version
        status
      }
    }
  `,
  REVEAL_CONTACT: gql`
    mutation revealReporterContact($id: ID!, $reason: String!, $version: Int) {
      revealReporterContact(id: $id, reason: $reason, version: $version) {
        id
        version
        status
      }
    }
  `,
  MERGE: gql`
    mutation mergeComplaint($id: ID!, $intoId: ID!, $reason: String, $version: Int) {
      mergeComplaint(id: $id, intoId: $intoId, reason: $reason, version: $version) {
        id
        version
        status
      }
    }
  `,
  REOPEN: gql`
    mutation reopenComplaint($id: ID!, $reason: String!, $version: Int) {
      reopenComplaint(id: $id, reason: $reason, version: $version)
    }
  `,
};

/** The arguments each action's dialog collects (besides `id` and `version`). */
const ARGS: Record<WorkflowAction, string[]> = {
  VERIFY: ['note', 'publicMessage'],
  REJECT: ['reason', 'duplicateOf'],
  FORWARD: ['opdId', 'note', 'publicMessage'],
  RETURN: ['reason'],
  ACCEPT: [],
  ASSIGN: ['userId'],
  PROGRESS: ['stage', 'note', 'public'],
  NOTE: ['note'],
  RESPOND: ['answer'],
  CLOSE: ['note', 'publicMessage'],
  REOPEN: ['reason'],
  REMIND: ['note'],
  PUBLISH: ['eventId', 'message'],
  DRAFT: ['answer'],
  ASK_REPORTER: ['question'],
  HOLD: ['reason'],
  RESUME: ['note'],
  ARCHIVE: ['reason', 'publicMessage'],
  MERGE: ['intoId', 'reason'],
  REVEAL_CONTACT: ['reason'],
};

/** Internal progress notes of staff that nobody published yet: what PUBLISH offers. */
export const unpublishedNotes = (events: readonly ComplaintEventRecord[]): ComplaintEventRecord[] => {
  const published = new Set(
    events
      .map((e) => e.publishedFrom)
      .filter((v) => v != null)
      .map(String),
  );
  return events.filter((e) => e.type === 'PROGRESS' && !e.public && !published.has(String(e.id)));
};

const clean = (value: unknown) => (typeof value === 'string' ? value.trim() || null : (value ?? null));

const LATEST = gql`
  query complaintAfterConflict($id: ID!) {
    complaint(id: $id) {
      id
      version
      status
      availableActions
      events(last: 10) {
        id
        type
        createdAt
        message
        public
        actorKind
        actorRole
        actor {
          id
          name
        }
      }
    }
  }
`;

export interface LatestComplaint {
  id: string;
  version: number;
  status: string;
  availableActions: string[];
  events: ComplaintEventRecord[];
}

/** The complaint as it is now (after a CONFLICT: what a colleague changed, and the version to send on). */
export const fetchLatest = async (id: string): Promise<LatestComplaint | null> => {
  const { data } = await client.query<{ complaint: LatestComplaint | null }>({ query: LATEST, variables: { id }, fetchPolicy: 'network-only' });
  return data.complaint;
};

/** Runs one action against the complaint as the user saw it (`version`: optimistic lock). */
export const runAction = async (action: WorkflowAction, id: string, version: number, values: Record<string, unknown>): Promise<void> => {
  const variables: Record<string, unknown> = { id, version };
  for (const arg of ARGS[action]) variables[arg] = clean(values[arg]);
  await client.mutate({ mutation: MUTATIONS[action], variables });
};

export const isWorkflowAction = (value: string): value is WorkflowAction => (ACTION_ORDER as readonly string[]).includes(value);
