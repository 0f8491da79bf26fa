import buildGraphQLProvider from 'ra-data-graphql';
import { HttpError, type DataProvider } from 'react-admin';
import type { IntrospectionSchema } from 'graphql';
import { client } from './apolloClient';
import { buildQueryFactory, introspectionOptions } from './buildQuery';
import { notSavedMessageOf, toHttpError } from './graphqlErrors';
import introspectedSchema from '../generated/schema-introspection.json';

// The schema comes with the build (generated from schema.graphql by scripts/gen-admin-schema.mjs):
// no page load sends the introspection query, and a server that is down cannot fail it.
const inner = buildGraphQLProvider({
  client,
  buildQuery: buildQueryFactory,
  introspection: { ...introspectionOptions, schema: introspectedSchema as unknown as IntrospectionSchema },
});

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
      try {
        return await (inner[method] as (r: string, p: unknown) => Promise<unknown>)(resource, params);
      } catch (error) {
        throw (isWrite(method) && notSaved(error)) || toHttpError(error);
      }
    },
  ]),
) as unknown as DataProvider;

export const dataProvider: DataProvider & {
  client: typeof client;
  getIntrospection: typeof inner.getIntrospection;
} = {
  ...wrapped,
  client,
  getIntrospection: () => inner.getIntrospection(),
};

export { client };
