import {
  createSourceEventStream,
  execute,
  GraphQLError,
  Kind,
  parse,
  validate,
  visit,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';

const DOCUMENT_CACHE_SIZE = 500;

interface PreparedDocument {
  document: DocumentNode;
  errors: readonly GraphQLError[];
  /** Variables the payload's selection uses; the root field's own arguments only choose the stream. */
  payloadVariables: Map<string | undefined, string[]>;
  key: number;
}

/**
 * How subscriptions run over graphql-ws. Thousands of consoles subscribe with the same few
 * documents, so each document is parsed and validated once, and each change is executed
 * once per audience and document, its result shared by every subscriber in that group,
 * instead of once per subscriber. Correct because a payload depends only on the change,
 * the document's selection, the variables that selection uses and the caller (`audience`);
 * a subscription's root arguments (filter, resume point) only choose which changes a
 * subscriber's stream carries, and those streams stay per subscriber.
 */
export function liveExecution<C>(opts: {
  schema: GraphQLSchema;
  rules: readonly ValidationRule[];
  /** Everything about the caller that a field may depend on; null: never share. */
  audience: (context: C) => string | null;
  /** A fresh per-execution context (new loaders): a subscription lives for hours. */
  forExecution: (context: C) => C;
}) {
  const documents = new Map<string, PreparedDocument>();
  const shared = new WeakMap<object, Map<string, Promise<ExecutionResult>>>();
  let nextKey = 1;

  function prepare(query: string): PreparedDocument {
    const hit = documents.get(query);
    if (hit) {
      documents.delete(query);
      documents.set(query, hit);
      return hit;
    }
    let prepared: PreparedDocument;
    try {
      const document = parse(query);
      const errors = validate(opts.schema, document, opts.rules).map((e) => coded(e, 'GRAPHQL_VALIDATION_FAILED'));
      prepared = { document, errors, payloadVariables: payloadVariablesOf(document), key: nextKey++ };
    } catch (err) {
      if (!(err instanceof GraphQLError)) throw err;
      return { document: { kind: Kind.DOCUMENT, definitions: [] }, errors: [coded(err, 'GRAPHQL_PARSE_FAILED')], payloadVariables: new Map(), key: 0 };
    }
    documents.set(query, prepared);
    if (documents.size > DOCUMENT_CACHE_SIZE) documents.delete(documents.keys().next().value!);
    return prepared;
  }

  const byDocument = new WeakMap<DocumentNode, PreparedDocument>();

  return {
    /** graphql-ws `onSubscribe`: the cached document, or its errors. */
    onSubscribe(payload: { query: string; operationName?: string | null; variables?: Record<string, unknown> | null }) {
      const prepared = prepare(payload.query);
      if (prepared.errors.length) return [...prepared.errors];
      byDocument.set(prepared.document, prepared);
      return {
        schema: opts.schema,
        document: prepared.document,
        operationName: payload.operationName ?? undefined,
        variableValues: payload.variables ?? undefined,
      };
    },

    /** graphql-ws `subscribe`: the subscriber's own stream, each change's result shared by its group. */
    async subscribe(args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
      const source = await createSourceEventStream(args);
      if (!isAsyncIterable(source)) return source as ExecutionResult;
      const context = args.contextValue as C;
      const prepared = byDocument.get(args.document);
      const audience = opts.audience(context);
      const group =
        prepared && audience != null
          ? `${prepared.key}|${args.operationName ?? ''}|${audience}|${JSON.stringify(
              (prepared.payloadVariables.get(args.operationName ?? undefined) ?? []).map((v) => args.variableValues?.[v] ?? null),
            )}`
          : null;
      const run = (change: unknown) => Promise.resolve(execute({ ...args, rootValue: change, contextValue: opts.forExecution(context) }));
      const resultFor = (change: unknown): Promise<ExecutionResult> => {
        if (group == null || typeof change !== 'object' || change === null) return run(change);
        let results = shared.get(change);
        if (!results) shared.set(change, (results = new Map()));
        let result = results.get(group);
        if (!result) results.set(group, (result = run(change)));
        return result;
      };
      const stream = source[Symbol.asyncIterator]();
      const iterator: AsyncIterableIterator<ExecutionResult> = {
        [Symbol.asyncIterator]: () => iterator,
        async next() {
          const step = await stream.next();
          if (step.done) return { value: undefined, done: true };
          return { value: await resultFor(step.value), done: false };
        },
        async return() {
          await stream.return?.();
          return { value: undefined, done: true };
        },
        async throw(err: unknown) {
          await stream.return?.();
          throw err;
        },
      };
      return iterator;
    },
  };
}

/** The codes Apollo gives the same failures over HTTP, so one formatError treats both transports alike. */
function coded(error: GraphQLError, code: string): GraphQLError {
  if (error.extensions.code) return error;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: { ...error.extensions, code },
  });
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function';
}

/** Per operation: the variables used anywhere except in its root fields' own arguments. */
function payloadVariablesOf(document: DocumentNode): Map<string | undefined, string[]> {
  const out = new Map<string | undefined, string[]>();
  const inFragments = new Set<string>();
  const collectInto = (used: Set<string>) => (node: Parameters<typeof visit>[0]) =>
    visit(node, { Variable: (v) => void used.add(v.name.value), VariableDefinition: () => false });
  // Fragments may be spread anywhere in the payload: their variables always count.
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) collectInto(inFragments)(def);
  for (const def of document.definitions) {
    if (def.kind !== Kind.OPERATION_DEFINITION) continue;
    const used = new Set<string>(inFragments);
    const collect = collectInto(used);
    for (const sel of def.selectionSet.selections) {
      if (sel.kind === Kind.FIELD) {
        if (sel.directives) for (const d of sel.directives) collect(d);
        if (sel.selectionSet) collect(sel.selectionSet);
      } else collect(sel);
    }
    for (const d of def.directives ?? []) collect(d);
    const names = [...used].sort();
    out.set(def.name?.value, names);
    // An anonymous request names no operation: the only one is meant.
    if (document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION).length === 1) out.set(undefined, names);
  }
  return out;
}
