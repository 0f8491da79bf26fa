import type { DeadlineRecord } from './deadline';
export interface Ref {
  id: string;
  code?: string | null;
  name?: string | null;
  username?: string | null;
  trackingCode?: string | null;
}

export interface ComplaintEventRecord {
  id: string;
  type: string;
  createdAt: string;
  message?: string | null;
  internalNote?: string | null;
  publishedFrom?: string | null;
  public: boolean;
  stage?: string | null;
  fromStatus?: string | null;
  toStatus?: string | null;
  actor?: Ref | null;
  actorKind?: string | null;
  actorRole?: string | null;
  fromOpd?: Ref | null;
  toOpd?: Ref | null;
}

/** A complaint as the data provider returns it (see schema.graphql `Complaint`). */
export interface ComplaintRecord {
  id: string;
  trackingCode: string;
  title: string;
  description: string;
  type: string;
  channel: string;
  apiClient?: { id: string; name: string } | null;
  externalReferences?: { id: string; source: string; externalId: string }[];
  status: string;
  progressStage?: string | null;
  version: number;
  dueAt?: string | null;
  verifyDueAt?: string | null;
  responseDueAt?: string | null;
  deadlines?: DeadlineRecord[];
  overdue: boolean;
  anonymous: boolean;
  confidential: boolean;
  identityVisible: boolean;
  availableActions: string[];
  currentOpd?: Ref | null;
  currentOpdId?: string | null;
  intakeOpd?: Ref | null;
  suggestedOpd?: Ref | null;
  answer?: string | null;
  answerDraft?: string | null;
  answerDraftBy?: Ref | null;
  answerDraftAt?: string | null;
  pausedAt?: string | null;
  pauseKind?: string | null;
  pauseReason?: string | null;
  pauseUntil?: string | null;
  responseTemplates?: { id: string; title: string; text: string }[];
  events?: ComplaintEventRecord[];
  [key: string]: unknown;
}
