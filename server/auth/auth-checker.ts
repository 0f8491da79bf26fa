import type { AuthCheckerFn } from 'type-graphql';
import type { Context } from '../core/context';
import { AppError } from '../core/errors';
import { APP_PERMISSIONS, Permission, REFUSAL_MESSAGES, SCOPE_OF_PERMISSION } from './permissions';
import { clientCan } from './viewer';

export const authChecker: AuthCheckerFn<Context, Permission> = ({ context, info }, required) => {
  if (context.keyError) throw context.keyError;
  const app = !context.viewer ? context.client : null;
  for (const permission of required) {
    if (permission === Permission.PUBLIC) {
      // A key is an identity: it reads public data only when granted public:read (submitting is checked by the service).
      if (app && info.parentType.name === 'Query' && !clientCan(app, Permission.APP_PUBLIC_READ)) throw scopeMissing(Permission.APP_PUBLIC_READ);
      continue;
    }
    if (APP_PERMISSIONS.has(permission)) {
      if (app) {
        if (!clientCan(app, permission)) throw scopeMissing(permission);
        continue;
      }
      if (!context.viewer)
        throw context.authError ?? AppError.unauthenticated('This operation is for external apps: send their API key as the x-api-key header.');
      throw AppError.forbidden('This operation is for external apps with an API key, not for staff accounts.');
    }
    if (!context.viewer) throw context.authError ?? AppError.unauthenticated();
    if (!context.viewer.permissions.has(permission)) {
      throw AppError.forbidden(REFUSAL_MESSAGES[permission] ?? `This needs the ${permission} permission, which your role does not have.`);
    }
  }
  return true;
};

export function scopeMissing(permission: Permission): AppError {
  return AppError.forbidden(`This API key lacks the scope ${SCOPE_OF_PERMISSION[permission] ?? permission}; ask the administrator for a key that has it.`);
}
