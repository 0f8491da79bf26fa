import { buildSchema, specifiedRules, type ExecutionArgs, type ExecutionResult, type GraphQLError } from 'graphql';
import { liveExecution } from '../../server/app/live';

/**
 * The sharing rule of app/live.ts on a small schema: one execution per change, audience and
 * payload variables; the root field's own arguments (which changes a stream carries) and
 * each subscriber's stream stay its own.
 */
interface Ctx {
  who: string;
  /** Changes this subscriber's stream will carry. */
  feed: Change[];
}
interface Change {
  id: number;
}

const schema = buildSchema(`
  type Query { ok: Boolean }
  type Change { id: Int! label(prefix: String): String! seenBy: String! }
  type Subscription { changed(after: Int): Change! }
`);

let executions = 0;
const changedField = schema.getSubscriptionType()!.getFields().changed;
changedField.subscribe = (_root, args: { after?: number | null }, ctx: Ctx) =>
  (async function* () {
    for (const c of ctx.feed) if (args.after == null || c.id > args.after) yield c;
  })();
changedField.resolve = (change: Change) => {
  executions += 1;
  return change;
};
const changeType = schema.getType('Change') as import('graphql').GraphQLObjectType;
changeType.getFields().label.resolve = (c: Change, { prefix }: { prefix?: string }) => `${prefix ?? ''}${c.id}`;
changeType.getFields().seenBy.resolve = (_c: Change, _a: unknown, ctx: Ctx) => ctx.who;

const live = liveExecution<Ctx>({
  schema,
  rules: specifiedRules,
  audience: (ctx) => ctx.who,
  forExecution: (ctx) => ({ ...ctx }),
});

async function collect(query: string, variables: Record<string, unknown>, ctx: Ctx): Promise<ExecutionResult[]> {
  const args = live.onSubscribe({ query, variables });
  if (Array.isArray(args)) throw new Error((args as GraphQLError[]).map((e) => e.message).join('; '));
  const stream = await live.subscribe({ ...(args as ExecutionArgs), contextValue: ctx });
  if (!(Symbol.asyncIterator in stream)) throw new Error(JSON.stringify(stream));
  const out: ExecutionResult[] = [];
  for await (const r of stream as AsyncIterable<ExecutionResult>) out.push(r);
  return out;
}

const SUB = 'subscription s($after: Int, $prefix: String) { changed(after: $after) { id label(prefix: $prefix) seenBy } }';

beforeEach(() => {
  executions = 0;
});

test('subscribers with the same audience share one execution per change, whatever their resume point', async () => {
  const feed = [{ id: 1 }, { id: 2 }, { id: 3 }];
  const [a, b] = await Promise.all([collect(SUB, { prefix: '#' }, { who: 'ana', feed }), collect(SUB, { prefix: '#', after: 1 }, { who: 'ana', feed })]);
  expect(a.map((r) => r.data)).toEqual(feed.map((c) => ({ changed: { id: c.id, label: `#${c.id}`, seenBy: 'ana' } })));
  expect(b.map((r) => r.data)).toEqual(a.slice(1).map((r) => r.data));
  // Shared: the very same result object reaches both subscribers.
  expect(b[0]).toBe(a[1]);
  expect(executions).toBe(3);
});

test('another audience, or other payload variables, get their own execution', async () => {
  const feed = [{ id: 7 }];
  const [ana, budi, other] = await Promise.all([
    collect(SUB, { prefix: '#' }, { who: 'ana', feed }),
    collect(SUB, { prefix: '#' }, { who: 'budi', feed }),
    collect(SUB, { prefix: 'no-' }, { who: 'ana', feed }),
  ]);
  expect(ana[0].data).toEqual({ changed: { id: 7, label: '#7', seenBy: 'ana' } });
  expect(budi[0].data).toEqual({ changed: { id: 7, label: '#7', seenBy: 'budi' } });
  expect(other[0].data).toEqual({ changed: { id: 7, label: 'no-7', seenBy: 'ana' } });
  expect(executions).toBe(3);
});

test('variables used in fragments count as payload variables', async () => {
  const q = `subscription s($after: Int, $prefix: String) { changed(after: $after) { ...f } }
             fragment f on Change { id label(prefix: $prefix) }`;
  const feed = [{ id: 4 }];
  const [x, y] = await Promise.all([collect(q, { prefix: 'x' }, { who: 'ana', feed }), collect(q, { prefix: 'y' }, { who: 'ana', feed })]);
  expect(x[0].data).toEqual({ changed: { id: 4, label: 'x4' } });
  expect(y[0].data).toEqual({ changed: { id: 4, label: 'y4' } });
});

test('an invalid document is refused with its errors, and a cached document is parsed once', () => {
  const bad = live.onSubscribe({ query: 'subscription { changed { nope } }' });
  expect(Array.isArray(bad)).toBe(true);
  expect((bad as GraphQLError[])[0].message).toMatch(/nope/);
  const syntax = live.onSubscribe({ query: 'subscription {' });
  expect((syntax as GraphQLError[])[0].message).toMatch(/Syntax Error/);
  const one = live.onSubscribe({ query: SUB }) as ExecutionArgs;
  const two = live.onSubscribe({ query: SUB }) as ExecutionArgs;
  expect(one.document).toBe(two.document);
});
