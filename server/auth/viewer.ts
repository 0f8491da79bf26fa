import { Permission, permissionsOf } from './permissions';
import { Role } from './roles';

/** Who is calling, as far as authorisation is concerned. */
export interface Viewer {
  userId: number;
  username: string;
  role: Role;
  opdId: number;
  /** The viewer's Opd path (`/1/4/`), so "my Opd or below" is a prefix test. */
  opdPath: string;
  servicePostId: number | null;
  permissions: ReadonlySet<Permission>;
}

export function makeViewer(u: Omit<Viewer, 'permissions'>): Viewer {
  return { ...u, permissions: new Set(permissionsOf(u.role)) };
}

export function can(viewer: Viewer | null, permission: Permission): boolean {
  if (permission === Permission.PUBLIC) return true;
  return !!viewer && viewer.permissions.has(permission);
}
