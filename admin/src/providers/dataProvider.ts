import buildGraphQLProvider, { introspectSchema, type GraphqlDataProvider, type IntrospectionOptions, type Options } from 'ra-data-graphql';
import { HttpError, type DataProvider } from 'react-admin';
import type { ApolloClient } from '@apollo/client';
import { client } from './apolloClient';
import { buildQueryFactory, introspectionOptions } from './buildQuery';
import { notSavedMessageOf, toHttpError } from './graphqlErrors';

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

const READS = ['getList', 'getOne', 'getMany', 'getManyReference'] as const;
const WRITES = ['create', 'update', 'updateMany', 'delete', 'deleteMany'] as const;
const METHODS = [...READS, ...WRITES] as const;
const isWrite = (method: string) => (WRITES as readonly string[]).includes(method);

/** A write the server could not take: react-admin shows the message, and the form keeps what was typed. */
const notSaved = (error: unknown) => {
  const message = notSavedMessageOf(error);
  if (!message) return null;
  const normalized = toHttpError(error);
  return new HttpError(message, normalized.status, normalized.body);
};

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
        throw (isWrite(method) && notSaved(error)) || toHttpError(error);
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
