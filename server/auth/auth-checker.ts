import type { AuthCheckerFn } from 'type-graphql';
import type { Context } from '../core/context';
import { AppError } from '../core/errors';
import { Permission, REFUSAL_MESSAGES } from './permissions';

export const authChecker: AuthCheckerFn<Context, Permission> = ({ context }, required) => {
  if (context.keyError) throw context.keyError;
  for (const permission of required) {
    if (permission === Permission.PUBLIC) continue;
    if (!context.viewer) throw context.authError ?? AppError.unauthenticated();
    if (!context.viewer.permissions.has(permission)) {
      throw AppError.forbidden(REFUSAL_MESSAGES[permission] ?? `This needs the ${permission} permission, which your role does not have.`);
    }
  }
  return true;
};
