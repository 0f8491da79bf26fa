import fs from 'node:fs';
import path from 'node:path';
import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isAbstractType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { buildAppSchema } from '../../../server/app/schema';
import { APP_PERMISSIONS, Permission, ROLE_PERMISSIONS, SCOPE_PERMISSIONS } from '../../../server/auth/permissions';
import { Role } from '../../../server/auth/roles';
import { codeOf, startTestApp, type TestApp } from '../../support/test-app';

/** The committed snapshot, from dist/tests/integration/foundation back to the source tree. */
const SNAPSHOT = path.resolve(__dirname, '..', '..', '..', '..', 'tests', 'permissions.snapshot.txt');

interface Operation {
  root: 'Query' | 'Mutation' | 'Subscription';
  field: GraphQLField<unknown, unknown>;
  permission: unknown;
}

function operations(schema: GraphQLSchema): Operation[] {
  const roots: [Operation['root'], GraphQLObjectType | null | undefined][] = [
    ['Query', schema.getQueryType()],
    ['Mutation', schema.getMutationType()],
    ['Subscription', schema.getSubscriptionType()],
  ];
  return roots.flatMap(([root, type]) =>
    type ? Object.values(type.getFields()).map((field) => ({ root, field, permission: field.extensions?.permission })) : [],
  );
}

const ROLES = Object.values(Role);

function renderSnapshot(ops: Operation[]): string {
  const opLines = ops.map((o) => `${o.root}.${o.field.name}: ${String(o.permission)}`).sort();
  const scopeLines = Object.entries(SCOPE_PERMISSIONS).flatMap(([scope, perms]) => [...perms].sort().map((p) => `${scope}: ${p}`));
  const roleLines = ROLES.flatMap((role) => [...ROLE_PERMISSIONS[role]].sort().map((p) => `${role}: ${p}`));
  return [
    '# Every GraphQL operation and the permission it requires (server/auth/requires.ts).',
    '# Regenerate after an intended change: npm run build:server && UPDATE_SNAPSHOTS=1 npx jest dist/tests/integration/foundation/permissions',
    '',
    '## Operations',
    ...opLines,
    '',
    "## Roles (server/auth/permissions.ts; PUBLIC is everyone's, signed in or not)",
    ...roleLines,
    '',
    '## API key scopes (server/auth/permissions.ts; a key holds PUBLIC too, its queries need public:read)',
    ...scopeLines,
    '',
  ].join('\n');
}

let ops: Operation[];
beforeAll(async () => {
  ops = operations(await buildAppSchema());
});

test('the schema has operations to check', () => {
  expect(ops.filter((o) => o.root === 'Query').length).toBeGreaterThan(5);
  expect(ops.filter((o) => o.root === 'Mutation').length).toBeGreaterThan(5);
  expect(ops.map((o) => `${o.root}.${o.field.name}`)).toEqual(expect.arrayContaining(['Mutation.login', 'Query.me', 'Mutation.createOpd']));
});

test('every Query, Mutation and Subscription field states a known permission', () => {
  const known = new Set<string>(Object.values(Permission));
  const missing = ops.filter((o) => o.permission === undefined).map((o) => `${o.root}.${o.field.name}`);
  const unknown = ops
    .filter((o) => o.permission !== undefined && !known.has(String(o.permission)))
    .map((o) => `${o.root}.${o.field.name}: ${String(o.permission)}`);
  expect({ missing, unknown }).toEqual({ missing: [], unknown: [] });
});

test('only the intended operations are public', () => {
  const pub = ops.filter((o) => o.permission === Permission.PUBLIC).map((o) => `${o.root}.${o.field.name}`);
  // Citizen-facing operations may join this list; organisation management never may.
  expect(pub).toContain('Mutation.login');
  expect(pub.filter((name) => /^(Mutation\.(create|update|delete)|Query\.(users?|me)$)/.test(name))).toEqual([]);
});

test('the operation and role matrix matches tests/permissions.snapshot.txt', () => {
  const actual = renderSnapshot(ops);
  if (process.env.UPDATE_SNAPSHOTS === '1') {
    fs.writeFileSync(SNAPSHOT, actual);
    return;
  }
  const committed = fs.existsSync(SNAPSHOT) ? fs.readFileSync(SNAPSHOT, 'utf8') : '';
  if (committed !== actual) {
    const want = new Set(committed.split('\n'));
    const have = new Set(actual.split('\n'));
    const diff = [...[...want].filter((l) => l && !have.has(l)).map((l) => `- ${l}`), ...[...have].filter((l) => l && !want.has(l)).map((l) => `+ ${l}`)];
    throw new Error(
      `Permissions changed (${SNAPSHOT}):\n${diff.join('\n')}\n\n` +
        'If intended, run: npm run build:server && UPDATE_SNAPSHOTS=1 npx jest dist/tests/integration/foundation/permissions',
    );
  }
});

/**
 * Builds a call of an operation with placeholder arguments: the permission check runs before
 * the arguments are looked at, so a refused caller never reaches the resolver.
 */
function placeholder(type: GraphQLInputType): string {
  const t = getNullableType(type) as GraphQLInputType;
  if (isListType(t)) return '[]';
  if (isEnumType(t)) return t.getValues()[0].name;
  if (isInputObjectType(t)) {
    const fields = Object.values(t.getFields()).filter((f) => isNonNullType(f.type) && f.defaultValue === undefined);
    return `{ ${fields.map((f) => `${f.name}: ${placeholder(f.type)}`).join(', ')} }`;
  }
  if (isScalarType(t)) {
    switch (t.name) {
      case 'Int':
      case 'Float':
        return '1';
      case 'Boolean':
        return 'true';
      case 'LocalDate':
        return '"2026-01-02"';
      case 'DateTimeISO':
      case 'DateTime':
        return '"2026-01-02T00:00:00.000Z"';
      default:
        return '"1"';
    }
  }
  throw new Error(`no placeholder for ${String(t)}`);
}

function callOf(op: Operation): string {
  const args = op.field.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined);
  const argText = args.length ? `(${args.map((a) => `${a.name}: ${placeholder(a.type)}`).join(', ')})` : '';
  const ret = getNamedType(op.field.type);
  const selection = isObjectType(ret) || isAbstractType(ret) ? ' { __typename }' : '';
  return `${op.root.toLowerCase()} { ${op.field.name}${argText}${selection} }`;
}

describe("the server enforces each operation's permission", () => {
  let t: TestApp;
  const tokens = new Map<Role, string>();
  const usernames: Record<Role, string> = {
    [Role.SUPERADMIN]: 'superadmin',
    [Role.ADMIN]: 'admin.tengah',
    [Role.OFFICER]: 'petugas.rw',
    [Role.UNIT_HEAD]: 'kepala.dinsos',
    [Role.UNIT_STAFF]: 'staf.dinsos',
    [Role.LEADER]: 'walikota',
  };

  beforeAll(async () => {
    t = await startTestApp();
    for (const role of ROLES) tokens.set(role, await t.login(usernames[role]));
  });
  afterAll(() => t?.stop());

  test('each demo user has the role the matrix is checked for', async () => {
    for (const role of ROLES) {
      const { me } = await t.ok('{ me { role permissions } }', {}, tokens.get(role));
      expect(me.role).toBe(role);
    }
  });

  test('without a token every non-public operation gives UNAUTHENTICATED', async () => {
    const wrong: string[] = [];
    for (const op of ops.filter((o) => o.root !== 'Subscription' && o.permission !== Permission.PUBLIC)) {
      const r = await t.gql(callOf(op));
      if (codeOf(r) !== 'UNAUTHENTICATED') wrong.push(`${op.root}.${op.field.name}: ${JSON.stringify(r.errors ?? r.data)}`);
    }
    expect(wrong).toEqual([]);
  });

  test("an external app's API key gives the public operations and those of its scopes: staff ones are UNAUTHENTICATED, other scopes' FORBIDDEN", async () => {
    const su = tokens.get(Role.SUPERADMIN)!;
    const all = (
      await t.ok(
        'mutation { createApiClient(name: "Sambat Online", scopes: [COMPLAINTS_SUBMIT, COMPLAINTS_READ_OWN, PUBLIC_READ, WEBHOOKS_MANAGE]) { key } }',
        {},
        su,
      )
    ).createApiClient.key;
    const submitOnly = (await t.ok('mutation { createApiClient(name: "Kirim Saja", scopes: [COMPLAINTS_SUBMIT]) { key } }', {}, su)).createApiClient.key;
    const wrong: string[] = [];
    let scoped = 0;
    for (const op of ops.filter((o) => o.root !== 'Subscription')) {
      for (const [name, key] of [
        ['all scopes', all],
        ['complaints:submit only', submitOnly],
      ]) {
        const res = await fetch(`${t.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': key },
          body: JSON.stringify({ query: callOf(op) }),
        });
        const code = codeOf((await res.json()) as never);
        const appOp = APP_PERMISSIONS.has(op.permission as Permission);
        const granted = name === 'all scopes' || (op.permission === Permission.PUBLIC && op.root === 'Mutation');
        let expected: string;
        let ok: boolean;
        if (op.permission === Permission.PUBLIC || appOp) {
          if (appOp) scoped += 1;
          expected = granted ? 'not UNAUTHENTICATED/FORBIDDEN' : 'FORBIDDEN';
          // login answers placeholder credentials with UNAUTHENTICATED by design.
          ok = granted ? code !== 'FORBIDDEN' && (code !== 'UNAUTHENTICATED' || op.field.name === 'login') : code === 'FORBIDDEN';
        } else {
          expected = 'UNAUTHENTICATED';
          ok = code === 'UNAUTHENTICATED';
        }
        if (!ok) wrong.push(`${name} ${op.root}.${op.field.name}: expected ${expected}, got ${code}`);
      }
    }
    expect(scoped).toBeGreaterThan(3);
    expect(wrong).toEqual([]);
  });

  test("every role lacking an operation's permission gets FORBIDDEN", async () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const role of ROLES) {
      for (const op of ops.filter((o) => o.root !== 'Subscription' && o.permission !== Permission.PUBLIC)) {
        if (ROLE_PERMISSIONS[role].includes(op.permission as Permission)) continue;
        checked += 1;
        const r = await t.gql(callOf(op), {}, tokens.get(role));
        if (codeOf(r) !== 'FORBIDDEN') wrong.push(`${role} ${op.root}.${op.field.name}: ${JSON.stringify(r.errors ?? r.data)}`);
      }
    }
    expect(checked).toBeGreaterThan(20);
    expect(wrong).toEqual([]);
  });

  /** Subscribes over graphql-ws and returns the error code of the first error, or 'NO ERROR'. */
  async function subscribeCode(op: Operation, token: string | null): Promise<string> {
    const client = t.ws(token);
    try {
      return await new Promise<string>((resolve) => {
        const timer = setTimeout(() => resolve('NO ERROR (still subscribed)'), 3000);
        const finish = (code: string) => {
          clearTimeout(timer);
          resolve(code);
        };
        client.subscribe(
          { query: callOf(op) },
          {
            next: (r) => finish(r.errors?.length ? String(r.errors[0].extensions?.code) : 'NO ERROR (got data)'),
            error: (e) => {
              const errors = Array.isArray(e) ? e : [e];
              const first = errors[0] as { extensions?: { code?: string }; message?: string; reason?: string };
              finish(String(first?.extensions?.code ?? first?.message ?? first?.reason ?? 'connection refused'));
            },
            complete: () => finish('NO ERROR (completed)'),
          },
        );
      });
    } finally {
      await client.dispose();
    }
  }

  test('subscriptions refuse callers without a token, and roles lacking their permission', async () => {
    const subs = ops.filter((o) => o.root === 'Subscription' && o.permission !== Permission.PUBLIC);
    const wrong: string[] = [];
    for (const op of subs) {
      const anon = await subscribeCode(op, null);
      if (anon !== 'UNAUTHENTICATED') wrong.push(`anonymous Subscription.${op.field.name}: ${anon}`);
      for (const role of ROLES) {
        if (ROLE_PERMISSIONS[role].includes(op.permission as Permission)) continue;
        const code = await subscribeCode(op, tokens.get(role)!);
        if (code !== 'FORBIDDEN') wrong.push(`${role} Subscription.${op.field.name}: ${code}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
