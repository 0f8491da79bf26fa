import { ApolloServer } from '@apollo/server';
import { buildSchema, GraphQLError, type GraphQLFieldResolver } from 'graphql';
import { compiledExecution } from '../../server/app/compiled';
import { AppError } from '../../server/core/errors';

/**
 * server/app/compiled.ts hands Apollo an executor through its gateway interface and runs
 * documents compiled by graphql-jit from their second use. Through a real ApolloServer: the
 * executor is used, the second run is no longer graphql-js, answers and error codes stay.
 */
const schema = buildSchema(`
  type Query { hello(name: String = "dunia"): String! item(id: Int!): Item }
  type Item { id: Int! label: String! }
  type Mutation { touch: Boolean! }
`);

/** Whether the current resolver call comes from graphql-js's executor (else: graphql-jit's compiled code). */
const runs: boolean[] = [];
const byGraphqlJs = () => /graphql[\\/]execution[\\/]execute\.js/.test(new Error().stack ?? '');
const field = (type: string, name: string, resolve: GraphQLFieldResolver<unknown, unknown>) => {
  (schema.getType(type) as unknown as { getFields(): Record<string, { resolve?: unknown }> }).getFields()[name].resolve = resolve;
};
field('Query', 'hello', (_r, args: { name: string }) => {
  runs.push(byGraphqlJs());
  return `halo ${args.name}`;
});
field('Query', 'item', (_r, args: { id: number }) => {
  if (args.id < 0) throw AppError.notFound('Item', args.id);
  return { id: args.id, label: `item ${args.id}` };
});
field('Mutation', 'touch', () => {
  runs.push(byGraphqlJs());
  return true;
});

let server: ApolloServer;
beforeAll(async () => {
  server = new ApolloServer({ gateway: compiledExecution(schema) });
  await server.start();
});
afterAll(() => server?.stop());

async function run(query: string, variables?: Record<string, unknown>) {
  const res = await server.executeOperation({ query, variables });
  if (res.body.kind !== 'single') throw new Error('expected a single result');
  return JSON.parse(JSON.stringify(res.body.singleResult));
}

test('a query runs on graphql-js first, then compiled, with the same answer', async () => {
  runs.length = 0;
  const q = 'query Hi($n: String) { hello(name: $n) }';
  const results = [await run(q, { n: 'Magelang' }), await run(q, { n: 'Magelang' }), await run(q, {})];
  expect(results).toEqual([{ data: { hello: 'halo Magelang' } }, { data: { hello: 'halo Magelang' } }, { data: { hello: 'halo dunia' } }]);
  expect(runs).toEqual([true, false, false]);
});

test('errors keep their code and message once compiled', async () => {
  const q = '{ item(id: -4) { id label } ok: item(id: 2) { label } }';
  const results = [await run(q), await run(q)];
  expect(results[1]).toEqual(results[0]);
  expect(results[1].data).toEqual({ item: null, ok: { label: 'item 2' } });
  expect(results[1].errors).toEqual([
    expect.objectContaining({ message: 'Item -4 not found', path: ['item'], extensions: expect.objectContaining({ code: 'NOT_FOUND' }) }),
  ]);
});

test('mutations stay on graphql-js', async () => {
  runs.length = 0;
  for (let i = 0; i < 3; i++) expect(await run('mutation { touch }')).toEqual({ data: { touch: true } });
  expect(runs).toEqual([true, true, true]);
});

test('graphql-jit errors become graphql-js GraphQLErrors around the original error', async () => {
  // What Apollo's formatError and ours look for (server/app/format-error.ts).
  const errors: unknown[] = [];
  const s = new ApolloServer({ gateway: compiledExecution(schema), formatError: (formatted, error) => (errors.push(error), formatted) });
  await s.start();
  try {
    for (let i = 0; i < 2; i++) await s.executeOperation({ query: '{ item(id: -1) { id } }' });
  } finally {
    await s.stop();
  }
  expect(errors).toHaveLength(2);
  for (const e of errors) {
    expect(e).toBeInstanceOf(GraphQLError);
    expect((e as GraphQLError).originalError).toBeInstanceOf(AppError);
  }
});
