/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** GraphQL endpoint; defaults to `/graphql` on the console's own origin. */
  readonly VITE_GRAPHQL_URL?: string;
}
