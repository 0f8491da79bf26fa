import type { Ref } from '../complaints/types';

/** A complaint on a desk's agenda and, once concluded, the decision about it. */
export interface DeskItemRecord {
  id: string;
  complaintId: string;
  /** `{ id trackingCode }`; null when the complaint is outside the viewer's scope. */
  complaint?: Ref | null;
  solution?: string | null;
  responsibleOpd?: Ref | null;
  responsibleOpdId?: string | null;
  dueDate?: string | null;
}

/** A forum desk as the data provider returns it (schema.graphql `Desk`). */
export interface DeskRecord {
  id: string;
  title: string;
  status: 'CONVENED' | 'CONCLUDED';
  scheduledAt: string;
  place: string;
  minutes?: string | null;
  concludedAt?: string | null;
  createdAt: string;
  convenerOpdId: string;
  convenerOpd?: Ref | null;
  convenedBy?: Ref | null;
  participantOpdIds: string[];
  participants?: Ref[];
  items?: DeskItemRecord[];
}
