import buildGraphQLProvider, { introspectSchema, type GraphqlDataProvider, type IntrospectionOptions, type Options } from 'ra-data-graphql';
import type { DataProvider } from 'react-admin';
import type { ApolloClient } from '@apollo/client';
import { client } from './apolloClient';
import { buildQueryFactory, introspectionOptions } from './buildQuery';
import { toHttpError } from './graphqlErrors';

/** Marks a failed schema introspection, so the next request can try again. */
class IntrospectionFailed extends Error {
  constructor(readonly cause: unknown) {
    super('Schema introspection failed');
  }
}

const build = (): GraphqlDataProvider =>
  buildGraphQLProvider({
    client,
    buildQuery: buildQueryFactory,
    introspection: introspectionOptions,
    // Not in the published Options type, but honoured by ra-data-graphql.
    resolveIntrospection: (c: ApolloClient<unknown>, options: IntrospectionOptions) =>
      introspectSchema(c, options).catch((error: unknown) => {
        throw new IntrospectionFailed(error);
      }),
  } as Options);

// ra-data-graphql keeps its introspection promise forever, a rejected one too:
// rebuild the provider after a failed introspection (server down, session expired).
let inner = build();

const METHODS = ['getList', 'getOne', 'getMany', 'getManyReference', 'create', 'update', 'updateMany', 'delete', 'deleteMany'] as const;

const wrapped = Object.fromEntries(
  METHODS.map((method) => [
    method,
    async (resource: string, params: unknown) => {
      const current = inner;
      try {
        return await (current[method] as (r: string, p: unknown) => Promise<unknown>)(resource, params);
      } catch (error) {
        if (error instanceof IntrospectionFailed) {
          if (inner === current) inner = build();
          throw toHttpError(error.cause);
        }
        throw toHttpError(error);
      }
    },
  ]),
) as unknown as DataProvider;

export const dataProvider: DataProvider & {
  client: typeof client;
  getIntrospection: GraphqlDataProvider['getIntrospection'];
} = {
  ...wrapped,
  client,
  getIntrospection: () => inner.getIntrospection(),
};

export { client };
