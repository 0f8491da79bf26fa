import { createLoaders, type Loaders } from './loaders';
import type { Context } from '../core/context';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { ApiClient } from '../modules/api-clients/api-client.entity';
import type { Viewer } from '../auth/viewer';
import type { TokenClaims } from '../auth/tokens';
import type { AppError } from '../core/errors';
import type { Services } from './services';

type ContextFields = Omit<Context, 'loaders' | 'log'>;

/**
 * A context whose loaders and logger are made on first use: a graphql-ws subscription holds
 * its context for hours, and most never touch either between changes. A class, so Apollo's
 * per-operation copy (own properties onto the same prototype) keeps the getters lazy.
 */
class RequestContext implements Context {
  viewer!: Viewer | null;
  token?: TokenClaims | null;
  client?: ApiClient | null;
  keyError?: AppError;
  authError?: AppError;
  db!: DataSource;
  requestId!: string;
  source!: string;
  services!: Services;
  private ownLoaders?: Loaders;
  private ownLog?: Logger;

  constructor(readonly fields: ContextFields) {
    Object.assign(this, fields);
  }

  get loaders(): Loaders {
    return (this.ownLoaders ??= createLoaders(this.db));
  }

  set loaders(value: Loaders) {
    this.ownLoaders = value;
  }

  get log(): Logger {
    return (this.ownLog ??= this.services.log.child({ requestId: this.requestId }));
  }
}

export function requestContext(fields: ContextFields): Context {
  return new RequestContext(fields);
}

/** The same caller with fresh loaders: what one execution of a long-lived subscription sees. */
export function freshContext(ctx: Context): Context {
  if (!(ctx instanceof RequestContext)) throw new Error('freshContext needs a context made by requestContext()');
  return new RequestContext(ctx.fields);
}
