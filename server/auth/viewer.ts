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

const PERMISSION_SETS = new Map<Role, ReadonlySet<Permission>>();

export function makeViewer(u: Omit<Viewer, 'permissions'>): Viewer {
  let permissions = PERMISSION_SETS.get(u.role);
  if (!permissions) PERMISSION_SETS.set(u.role, (permissions = new Set(permissionsOf(u.role))));
  return { ...u, permissions };
}

/**
 * Everything about a caller that a field's value may depend on: two callers with the same
 * audience are shown the same payload for the same change (see app/live.ts).
 */
export function audienceOf(viewer: Viewer | null): string {
  return viewer ? `${viewer.userId}:${viewer.role}:${viewer.opdId}:${viewer.opdPath}:${viewer.servicePostId ?? ''}` : 'public';
}

export function can(viewer: Viewer | null, permission: Permission): boolean {
  if (permission === Permission.PUBLIC) return true;
  return !!viewer && viewer.permissions.has(permission);
}
