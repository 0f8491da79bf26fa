import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import type { ApiClient } from '../modules/api-clients/api-client.entity';
import type { Viewer } from '../auth/viewer';
import type { AppError } from './errors';
import { createLoaders, type Loaders } from './loaders';
import type { Services } from './services';

export interface Context {
  viewer: Viewer | null;
  /** An external app identified by its API key (no staff account). */
  client?: ApiClient | null;
  /** A presented API key that is not valid: every operation is refused, even public ones. */
  keyError?: AppError;
  /** Why a presented token was not accepted; reported when the operation needs a signed-in user. */
  authError?: AppError;
  db: DataSource;
  loaders: Loaders;
  requestId: string;
  /** Where the request came from, for per-source rate limits. */
  source: string;
  log: Logger;
  services: Services;
}

type ContextFields = Omit<Context, 'loaders' | 'log'>;

/**
 * A context whose loaders and logger are made on first use: a graphql-ws subscription holds
 * its context for hours, and most never touch either between changes. A class, so Apollo's
 * per-operation copy (own properties onto the same prototype) keeps the getters lazy.
 */
class RequestContext implements Context {
  viewer!: Viewer | null;
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
