import { gql } from '@apollo/client';
import type { AuthProvider, UserIdentity } from 'react-admin';
import { isAllowed } from './access';
import { client, resetSession, tokenStore } from './apolloClient';
import { errorCodesOf, graphQLErrorsOf, isUnauthenticated } from './graphqlErrors';

export interface Viewer {
  id: string;
  username: string;
  name: string;
  role: string;
  opd: { id: string; name: string; code?: string | null };
  permissions: string[];
  /** Officers: the service post they staff (the intake form presets its kelurahan and RW). */
  servicePostId?: string | null;
}

const VIEWER_FIELDS = gql`
  fragment ViewerFields on Viewer {
    id
    username
    name
    role
    opd {
      id
      code
      name
    }
    permissions
    servicePostId
  }
`;

const LOGIN = gql`
  mutation login($username: String!, $password: String!) {
    login(username: $username, password: $password) {
      token
      expiresAt
      viewer {
        ...ViewerFields
      }
    }
  }
  ${VIEWER_FIELDS}
`;

const ME = gql`
  query me {
    me {
      ...ViewerFields
    }
  }
  ${VIEWER_FIELDS}
`;

// One `me` round-trip serves every canAccess/getIdentity call until the session changes.
let viewerPromise: Promise<Viewer | null> | null = null;

const stripTypename = <T>(value: T): T => JSON.parse(JSON.stringify(value), (k, v) => (k === '__typename' ? undefined : v));

export const fetchViewer = (): Promise<Viewer | null> => {
  if (!tokenStore.get()) return Promise.resolve(null);
  if (!viewerPromise) {
    viewerPromise = client
      .query<{ me: Viewer | null }>({ query: ME, fetchPolicy: 'network-only' })
      .then(({ data }) => (data.me ? stripTypename(data.me) : null))
      .catch((error) => {
        viewerPromise = null;
        if (isUnauthenticated(error)) {
          tokenStore.clear();
          return null;
        }
        throw error;
      });
  }
  return viewerPromise;
};

/** Signed in outside react-admin (the form in index.html): the token is stored already, this is who it is. */
export const signedInAs = (viewer: Viewer) => {
  viewerPromise = Promise.resolve(stripTypename(viewer));
};

const LOGOUT = gql`
  mutation logout {
    logout
  }
`;

const endSession = async () => {
  tokenStore.clear();
  viewerPromise = null;
  await resetSession();
};

export const authProvider: AuthProvider = {
  async login({ username, password }: { username: string; password: string }) {
    let payload: { token: string; expiresAt: string; viewer: Viewer } | undefined;
    try {
      const { data } = await client.mutate<{
        login: { token: string; expiresAt: string; viewer: Viewer };
      }>({ mutation: LOGIN, variables: { username, password } });
      payload = data?.login;
    } catch (error) {
      const codes = errorCodesOf(error);
      if (codes.includes('RATE_LIMITED')) throw new Error('errors.RATE_LIMITED', { cause: error });
      // Not "wrong password": the server could not check it right now.
      if (codes.includes('SERVICE_UNAVAILABLE')) throw new Error('errors.SERVICE_UNAVAILABLE', { cause: error });
      if (graphQLErrorsOf(error).length === 0) throw new Error('ra.notification.http_error', { cause: error });
      throw new Error('ra.auth.sign_in_error', { cause: error });
    }
    if (!payload) throw new Error('ra.auth.sign_in_error');
    await resetSession();
    tokenStore.set(payload.token, payload.expiresAt);
    viewerPromise = Promise.resolve(stripTypename(payload.viewer));
  },

  async logout() {
    const token = tokenStore.get();
    await endSession();
    // Revoke the token on the server too (it would otherwise stay valid until it expires); the console has already forgotten it.
    if (token) {
      await client.mutate({ mutation: LOGOUT, context: { headers: { authorization: `Bearer ${token}` } } }).catch(() => undefined);
    }
  },

  async checkAuth() {
    if (!tokenStore.get()) throw new Error('ra.auth.auth_check_error');
  },

  // GraphQL errors arrive with HTTP 200: look at extensions.code, not the status.
  async checkError(error) {
    if (isUnauthenticated(error)) {
      await endSession();
      throw new Error('ra.notification.logged_out');
    }
  },

  async getIdentity(): Promise<UserIdentity> {
    const viewer = await fetchViewer();
    if (!viewer) throw new Error('ra.auth.auth_check_error');
    return {
      id: viewer.id,
      fullName: viewer.name || viewer.username,
      username: viewer.username,
      role: viewer.role,
      opd: viewer.opd,
      permissions: viewer.permissions,
      servicePostId: viewer.servicePostId ?? null,
    };
  },

  async getPermissions() {
    const viewer = await fetchViewer();
    return viewer?.permissions ?? [];
  },

  async canAccess({ resource, action }) {
    const viewer = await fetchViewer();
    return !!viewer && isAllowed(viewer.permissions, resource, action);
  },
};
