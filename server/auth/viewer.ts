import { Permission, permissionsOf, permissionsOfScopes } from './permissions';
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
  /** A staff member given COMPLAINT_PUBLISH beyond their role (User.mayPublish). */
  mayPublish?: boolean;
  permissions: ReadonlySet<Permission>;
}

const PERMISSION_SETS = new Map<string, ReadonlySet<Permission>>();

export function makeViewer(u: Omit<Viewer, 'permissions'>): Viewer {
  const key = `${u.role}${u.mayPublish ? '+publish' : ''}`;
  let permissions = PERMISSION_SETS.get(key);
  if (!permissions) {
    permissions = new Set([...permissionsOf(u.role), ...(u.mayPublish ? [Permission.COMPLAINT_PUBLISH] : [])]);
    PERMISSION_SETS.set(key, permissions);
  }
  return { ...u, permissions };
}

/**
 * Everything about a caller that a field's value may depend on: two callers with the same
 * audience are shown the same payload for the same change (see app/live.ts).
 */
export function audienceOf(viewer: Viewer | null): string {
  return viewer ? `${viewer.userId}:${viewer.role}:${viewer.opdId}:${viewer.opdPath}:${viewer.servicePostId ?? ''}:${viewer.mayPublish ? 1 : 0}` : 'public';
}

export function can(viewer: Viewer | null, permission: Permission): boolean {
  if (permission === Permission.PUBLIC) return true;
  return !!viewer && viewer.permissions.has(permission);
}

const SCOPE_SETS = new Map<string, ReadonlySet<Permission>>();

/** What an external app's key may do: the same permissions, granted by its scopes instead of a role. */
export function clientCan(client: { scopes: readonly string[] } | null | undefined, permission: Permission): boolean {
  if (!client) return false;
  const key = [...client.scopes].sort().join(',');
  let permissions = SCOPE_SETS.get(key);
  if (!permissions) {
    permissions = new Set(permissionsOfScopes(client.scopes));
    SCOPE_SETS.set(key, permissions);
  }
  return permissions.has(permission);
}
