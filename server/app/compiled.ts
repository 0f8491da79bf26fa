import {
  execute,
  getVariableValues,
  GraphQLError,
  OperationTypeNode,
  printSchema,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SourceLocation,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import type { ApolloServerOptions } from '@apollo/server';

type Gateway = NonNullable<Extract<ApolloServerOptions<never>, { gateway?: unknown }>['gateway']>;
type Compiled = CompiledQuery | 'once' | 'failed';

/**
 * Queries run as JavaScript compiled by graphql-jit: graphql-js interprets the
 * document field by field on every request, which a page of 50 complaints with their
 * relations turns into thousands of generic steps. A document is compiled on its second use
 * (a one-off query is not worth compiling), kept next to Apollo's cached parse of it, and
 * runs on graphql-js when compiling fails. Apollo still parses, validates (with the same
 * limits) and formats; only execution changes. Its gateway interface is the way it takes an
 * executor.
 */
export function compiledExecution(schema: GraphQLSchema): Gateway {
  const compiled = new WeakMap<DocumentNode, Map<string, Compiled>>();

  const compiledFor = (document: DocumentNode, operation: OperationDefinitionNode, operationName: string | null): CompiledQuery | null => {
    // Mutations stay on graphql-js: graphql-jit fills input fields a client left out with null (graphql-jit #91),
    // where our updates read an absent field as "keep".
    if (operation.operation !== OperationTypeNode.QUERY) return null;
    let byOperation = compiled.get(document);
    if (!byOperation) compiled.set(document, (byOperation = new Map()));
    const key = operationName ?? '';
    const seen = byOperation.get(key);
    if (seen === undefined) {
      byOperation.set(key, 'once');
      return null;
    }
    if (seen === 'failed') return null;
    if (seen !== 'once') return seen;
    let result: Compiled = 'failed';
    try {
      const q = compileQuery(schema, document, operationName ?? undefined);
      if (isCompiledQuery(q)) result = q;
    } catch {
      // Whatever graphql-jit cannot compile, graphql-js runs.
    }
    byOperation.set(key, result);
    return result === 'failed' ? null : result;
  };

  return {
    async load() {
      return {
        executor: async (rc): Promise<ExecutionResult> => {
          const q = compiledFor(rc.document, rc.operation, rc.operationName);
          // graphql-js coerces the variables (defaults of input fields, absent fields left out, its own error
          // messages); graphql-jit then runs on the coerced values.
          const variables = q ? getVariableValues(schema, rc.operation.variableDefinitions ?? [], rc.request.variables ?? {}, { maxErrors: 50 }) : null;
          if (q && variables?.coerced) {
            const result = await q.query(undefined, rc.context, variables.coerced);
            return result.errors ? { ...result, errors: result.errors.map(asGraphQLError) } : result;
          }
          return execute({ schema, document: rc.document, contextValue: rc.context, variableValues: rc.request.variables, operationName: rc.operationName });
        },
      };
    },
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => undefined;
    },
    async stop() {},
  };
}

/**
 * graphql-jit reports errors with its own class; Apollo and our formatError look for
 * graphql-js's GraphQLError around the resolver's original error.
 */
function asGraphQLError(e: unknown): GraphQLError {
  if (e instanceof GraphQLError) return e;
  const jit = e as { message: string; path?: (string | number)[]; locations?: SourceLocation[]; originalError?: Error; extensions?: Record<string, unknown> };
  const err = new GraphQLError(jit.message, { path: jit.path, originalError: jit.originalError, extensions: jit.extensions });
  if (jit.locations?.length) (err as { locations?: SourceLocation[] }).locations = jit.locations;
  return err;
}
