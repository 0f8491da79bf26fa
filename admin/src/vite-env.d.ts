/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** GraphQL endpoint; defaults to `/graphql` on the console's own origin. */
  readonly VITE_GRAPHQL_URL?: string;
}

interface Window {
  /** Set by the sign-in form in index.html when the page opened without a session: resolves once it signed in. */
  laporSignIn?: Promise<import('./providers/authProvider').Viewer>;
}
