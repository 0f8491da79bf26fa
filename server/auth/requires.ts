import { Authorized, Extensions } from 'type-graphql';
import { Permission } from './permissions';

/**
 * The only way an operation states who may call it. The permission is also written into
 * the schema's field extensions so a test can list every operation with its permission.
 */
export function Requires(permission: Permission): MethodDecorator {
  return (target, key, descriptor) => {
    Authorized(permission)(target, key, descriptor);
    Extensions({ permission })(target, key, descriptor);
  };
}
