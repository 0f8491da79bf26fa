import { ContactScope, Permission, STAFF_CONTACT_SCOPE } from '../../auth/permissions';
import type { Viewer } from '../../auth/viewer';
import type { OrgDirectory } from '../opds/org-directory';
import type { User } from './user.entity';

/**
 * Whether the viewer sees a staff member's phone and e-mail: their own always; others' only
 * with STAFF_CONTACT_READ, within the role's STAFF_CONTACT_SCOPE. Names, roles and units stay
 * visible to whoever may read the user at all.
 */
export function canSeeStaffContact(viewer: Viewer | null, user: Pick<User, 'id' | 'opdId'>, org: OrgDirectory): boolean {
  if (!viewer) return false;
  if (viewer.userId === user.id) return true;
  if (!viewer.permissions.has(Permission.STAFF_CONTACT_READ)) return false;
  switch (STAFF_CONTACT_SCOPE[viewer.role]) {
    case ContactScope.ALL:
      return true;
    case ContactScope.OWN_OPD:
      return org.isWithin(user.opdId, viewer.opdId);
    default:
      return false;
  }
}
