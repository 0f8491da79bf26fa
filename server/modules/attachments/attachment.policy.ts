import type { Viewer } from '../../auth/viewer';
import type { Complaint } from '../complaints/complaint.entity';
import type { ComplaintPolicy } from '../complaints/complaint.policy';
import { AttachmentVisibility } from './attachment.enums';

/** The complaint columns the rules below read. */
export type AttachmentScope = Pick<Complaint, 'anonymous' | 'intakeOpdId' | 'recordedById' | 'handlerOpdIds' | 'currentOpdId' | 'contactRevealedToOpdId'>;

/**
 * Who sees a file: whoever may read the complaint, and for an identity document (KTP, KK) only
 * those who may see the reporter's identity (the anonymous-reporter rule of ComplaintPolicy).
 * What one may not see does not exist for them: no name, no thumbnail, no count, no link.
 */
export class AttachmentPolicy {
  constructor(private readonly complaints: ComplaintPolicy) {}

  canSee(viewer: Viewer | null, c: AttachmentScope, visibility: AttachmentVisibility): boolean {
    const complaint = c as Complaint;
    if (!this.complaints.canRead(viewer, complaint)) return false;
    return visibility !== AttachmentVisibility.IDENTITY || this.complaints.canSeeIdentity(viewer, complaint);
  }

  /** The visibilities this viewer sees on this complaint. */
  visible(viewer: Viewer | null, c: AttachmentScope): ReadonlySet<AttachmentVisibility> {
    const complaint = c as Complaint;
    if (!this.complaints.canRead(viewer, complaint)) return new Set();
    return new Set(
      this.complaints.canSeeIdentity(viewer, complaint)
        ? [AttachmentVisibility.PUBLIC, AttachmentVisibility.INTERNAL, AttachmentVisibility.IDENTITY]
        : [AttachmentVisibility.PUBLIC, AttachmentVisibility.INTERNAL],
    );
  }
}
