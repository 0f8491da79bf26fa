import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import type { ApiClient } from '../modules/api-clients/api-client.entity';
import type { Viewer } from '../auth/viewer';
import type { TokenClaims } from '../auth/tokens';
import type { AppError } from './errors';
import type { Loaders } from '../app/loaders';
import type { Services } from '../app/services';

export interface Context {
  viewer: Viewer | null;
  /** The verified token the viewer signed in with (to end this one session). */
  token?: TokenClaims | null;
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
  /** On a WebSocket: close it so the client reconnects and resumes every subscription from its cursor. */
  requireResume?(reason: string): void;
}
