import 'reflect-metadata';
import { graphql, GraphQLObjectType, GraphQLString, type GraphQLSchema } from 'graphql';
import {
  Arg,
  Authorized,
  buildSchema,
  Ctx,
  Field,
  FieldResolver,
  getMetadataStorage,
  ObjectType,
  Query,
  Resolver,
  Root,
  UseMiddleware,
  type AuthChecker,
  type MiddlewareFn,
} from 'type-graphql';
import { buildAppSchema, callFieldResolversDirectly, readPlainFieldsDirectly } from '../../server/app/schema';
import { Permission } from '../../server/auth/permissions';

/**
 * server/app/schema.ts answers plain fields and plain field resolvers without type-graphql's
 * per-field wrapper, reading its (non-public) metadata storage to tell which fields are plain.
 * These tests run the shortcuts on a small schema of their own, next to the same schema built
 * without them, and fail when type-graphql's internals change shape: a guarded field answered
 * without its guard, a different answer, or the shortcut silently no longer taken.
 */

interface TestContext {
  roles: string[];
}

/** A global middleware runs only inside type-graphql's wrapper: it shows which fields still go through it. */
let wrapped: string[] = [];
const Probe: MiddlewareFn<TestContext> = ({ info }, next) => {
  wrapped.push(`${info.parentType.name}.${info.fieldName}`);
  return next();
};
const Shout: MiddlewareFn<TestContext> = async (_, next) => `${await next()}!`;

let checked: string[] = [];
const authChecker: AuthChecker<TestContext> = ({ context, info }, roles) => {
  checked.push(`${info.parentType.name}.${info.fieldName}`);
  return roles.every((r) => context.roles.includes(r));
};

@ObjectType()
class Item {
  @Field()
  name: string;

  @Authorized('SECRET')
  @Field({ nullable: true })
  secret: string;

  @UseMiddleware(Shout)
  @Field()
  loud: string;

  @Field({ name: 'renamed' })
  internalName: string;
}

const item = (n: number) => ({ name: `item ${n}`, secret: `secret ${n}`, loud: `loud ${n}`, internalName: `internal ${n}` });

@Resolver(() => Item)
class ItemResolver {
  @Query(() => [Item])
  items(): Item[] {
    return [1, 2].map((n) => Object.assign(new Item(), item(n)));
  }

  /** Plain objects, not Item instances: type-graphql turns them into Items before a field resolver sees them. */
  @Query(() => [Item])
  plainItems(): Item[] {
    return [3].map(item) as Item[];
  }

  @FieldResolver(() => String)
  greeting(@Root() it: Item, @Arg('prefix', () => GraphQLString) prefix: string, @Ctx() ctx: TestContext): string {
    return `${prefix} ${it.name} (${ctx.roles.join(',') || 'nobody'})`;
  }

  @FieldResolver(() => Boolean)
  isItem(@Root() it: Item): boolean {
    return it instanceof Item;
  }

  @Authorized('SECRET')
  @FieldResolver(() => String, { nullable: true })
  guardedGreeting(@Root() it: Item): string {
    return `psst ${it.name}`;
  }

  @UseMiddleware(Shout)
  @FieldResolver(() => String)
  loudGreeting(@Root() it: Item): string {
    return `hey ${it.name}`;
  }
}

@Authorized('SECRET')
@Resolver(() => Item)
class GuardedItemResolver {
  @FieldResolver(() => String, { nullable: true })
  classGuarded(@Root() it: Item): string {
    return `class ${it.name}`;
  }
}

const build = () => buildSchema({ resolvers: [ItemResolver, GuardedItemResolver], authChecker, globalMiddlewares: [Probe], validate: false });

let reference: GraphQLSchema;
let fast: GraphQLSchema;

beforeAll(async () => {
  reference = await build();
  readPlainFieldsDirectly();
  fast = await build();
  callFieldResolversDirectly(fast);
});

const ALL = '{ items { name secret loud renamed greeting(prefix: "Hi") isItem guardedGreeting loudGreeting classGuarded } }';

async function run(schema: GraphQLSchema, source: string, roles: string[]) {
  wrapped = [];
  checked = [];
  const result = await graphql({ schema, source, contextValue: { roles } });
  return { result: JSON.parse(JSON.stringify(result)), wrapped: [...new Set(wrapped)].sort(), checked: [...new Set(checked)].sort() };
}

test('every field answers the same with the shortcuts as through type-graphql', async () => {
  const [a, b] = [await run(reference, ALL, ['SECRET']), await run(fast, ALL, ['SECRET'])];
  expect(b.result).toEqual(a.result);
  expect(b.result.errors).toBeUndefined();
  expect(b.result.data.items[0]).toEqual({
    name: 'item 1',
    secret: 'secret 1',
    loud: 'loud 1!',
    renamed: 'internal 1',
    greeting: 'Hi item 1 (SECRET)',
    isItem: true,
    guardedGreeting: 'psst item 1',
    loudGreeting: 'hey item 1!',
    classGuarded: 'class item 1',
  });
});

test('guarded fields and field resolvers still run their guard and refuse', async () => {
  const [a, b] = [await run(reference, ALL, []), await run(fast, ALL, [])];
  expect(b.result).toEqual(a.result);
  const refused = (b.result.errors as { path: (string | number)[] }[]).map((e) => e.path.join('.')).sort();
  expect(refused).toEqual([
    'items.0.classGuarded',
    'items.0.guardedGreeting',
    'items.0.secret',
    'items.1.classGuarded',
    'items.1.guardedGreeting',
    'items.1.secret',
  ]);
  expect(b.checked).toEqual(['Item.classGuarded', 'Item.guardedGreeting', 'Item.secret']);
});

test('only plain fields skip type-graphql; fields with a guard or middleware keep its wrapper', async () => {
  const { wrapped: inReference } = await run(reference, ALL, ['SECRET']);
  const { wrapped: inFast } = await run(fast, ALL, ['SECRET']);
  expect(inReference).toEqual([
    'Item.classGuarded',
    'Item.greeting',
    'Item.guardedGreeting',
    'Item.isItem',
    'Item.loud',
    'Item.loudGreeting',
    'Item.name',
    'Item.renamed',
    'Item.secret',
    'Query.items',
  ]);
  // Taken: plain property fields and plain field resolvers. If these reappear, the shortcut silently stopped applying.
  expect(inFast).toEqual(['Item.classGuarded', 'Item.guardedGreeting', 'Item.loud', 'Item.loudGreeting', 'Item.renamed', 'Item.secret', 'Query.items']);
});

test('a parent that is not an instance of the declared class goes through type-graphql, which converts it', async () => {
  const source = '{ plainItems { greeting(prefix: "Yo") isItem } }';
  const [a, b] = [await run(reference, source, []), await run(fast, source, [])];
  expect(b.result).toEqual(a.result);
  expect(b.result.data.plainItems).toEqual([{ greeting: 'Yo item 3 (nobody)', isItem: true }]);
  expect(b.wrapped).toContain('Item.greeting');
});

test('a metadata storage of another shape stops the shortcuts instead of answering guarded fields directly', () => {
  const storage = getMetadataStorage() as unknown as Record<string, unknown>;
  const saved = storage.authorizedFields;
  try {
    delete storage.authorizedFields;
    expect(() => readPlainFieldsDirectly()).toThrow(/type-graphql changed shape/);
    storage.authorizedFields = [{ target: Item, field: 'secret' }];
    expect(() => readPlainFieldsDirectly()).toThrow(/type-graphql changed shape/);
  } finally {
    storage.authorizedFields = saved;
  }
});

test('in the app schema, every field that requires a permission still refuses an anonymous caller', async () => {
  const schema = await buildAppSchema();
  const guarded: string[] = [];
  const answered: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!(type instanceof GraphQLObjectType) || type.name.startsWith('__') || type === schema.getSubscriptionType()) continue;
    for (const field of Object.values(type.getFields())) {
      const permission = field.extensions?.permission;
      if (permission === undefined || permission === Permission.PUBLIC) continue;
      guarded.push(`${type.name}.${field.name}`);
      const info = { fieldName: field.name, parentType: type, returnType: field.type, path: { key: field.name }, fieldNodes: [], variableValues: {} };
      try {
        await field.resolve!({}, {}, { viewer: null }, info as never);
        answered.push(`${type.name}.${field.name}`);
      } catch (err) {
        if ((err as { extensions?: { code?: string } }).extensions?.code !== 'UNAUTHENTICATED') answered.push(`${type.name}.${field.name}: ${String(err)}`);
      }
    }
  }
  expect(guarded.length).toBeGreaterThan(50);
  expect(answered).toEqual([]);
});
