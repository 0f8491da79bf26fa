import 'reflect-metadata';
import { GraphQLObjectType, GraphQLScalarType, GraphQLSchema, lexicographicSortSchema, printSchema, type GraphQLFieldResolver } from 'graphql';
import { buildSchema, getMetadataStorage, GraphQLISODateTime, type NonEmptyArray } from 'type-graphql';
import { isoString } from '../db/timestamps';
import { authChecker } from '../auth/auth-checker';
import { AuthResolver } from '../auth/auth.resolver';
import { CategoryResolver } from '../modules/categories/category.resolver';
import { ComplaintEventResolver, ComplaintResolver } from '../modules/complaints/complaint.resolver';
import { ComplaintStatsResolver, OpdOnTimeResolver, StatsBucketResolver } from '../modules/reports/stats.resolver';
import { DeskItemResolver, DeskResolver } from '../modules/desks/desk.resolver';
import { OfficerActivityResolver, ReportResolver, StaffPerformanceResolver } from '../modules/reports/report.resolver';
import { AuditResolver } from '../modules/audit/audit.resolver';
import { ApiClientResolver } from '../modules/api-clients/api-client.resolver';
import { WebhookResolver } from '../modules/webhooks/webhook.resolver';
import { ComplaintImportResolver } from '../modules/imports/complaint-import.resolver';
import { HolidayResolver } from '../modules/holidays/holiday.resolver';
import { EscalationRuleResolver } from '../modules/escalations/escalation-rule.resolver';
import { ComplaintTemplatesResolver, ResponseTemplateResolver } from '../modules/response-templates/response-template.resolver';
import { DuplicateResolver } from '../modules/duplicates/duplicate.resolver';
import { ServiceStandardResolver } from '../modules/service-standards/service-standard.resolver';
import { OpdResolver } from '../modules/opds/opd.resolver';
import { ProgramResolver } from '../modules/programs/program.resolver';
import { ServicePostResolver } from '../modules/service-posts/service-post.resolver';
import { SlaPolicyResolver } from '../modules/sla/sla-policy.resolver';
import { UserResolver } from '../modules/users/user.resolver';
import { NotificationResolver } from '../modules/notifications/notification.resolver';
import { NotificationTemplateResolver } from '../modules/notifications/notification-template.resolver';
import { AttachmentResolver, ComplaintAttachmentsResolver } from '../modules/attachments/attachment.resolver';

export const RESOLVERS: NonEmptyArray<Function> = [
  AuthResolver,
  OpdResolver,
  ServicePostResolver,
  CategoryResolver,
  SlaPolicyResolver,
  ProgramResolver,
  HolidayResolver,
  EscalationRuleResolver,
  ResponseTemplateResolver,
  ComplaintTemplatesResolver,
  DuplicateResolver,
  ServiceStandardResolver,
  UserResolver,
  ComplaintResolver,
  ComplaintEventResolver,
  ComplaintStatsResolver,
  StatsBucketResolver,
  OpdOnTimeResolver,
  DeskResolver,
  DeskItemResolver,
  ReportResolver,
  OfficerActivityResolver,
  StaffPerformanceResolver,
  ApiClientResolver,
  WebhookResolver,
  ComplaintImportResolver,
  AuditResolver,
  NotificationResolver,
  NotificationTemplateResolver,
  AttachmentResolver,
  ComplaintAttachmentsResolver,
];

let built: Promise<GraphQLSchema> | null = null;

/**
 * The two shortcuts below read type-graphql's metadata storage, which is not public API.
 * They fail here, at startup, when it changes shape, instead of answering a guarded field
 * without its guard; tests/unit/schema-shortcuts.test.ts checks what they do on a schema.
 */
function metadata(): ReturnType<typeof getMetadataStorage> {
  const storage = getMetadataStorage();
  const lists = storage as unknown as Record<string, unknown>;
  for (const name of ['fields', 'fieldResolvers', 'objectTypes', 'authorizedFields', 'authorizedResolver', 'middlewares', 'resolverMiddlewares']) {
    if (!Array.isArray(lists[name])) throw internalsChanged(`its metadata storage has no \`${name}\` list`);
  }
  for (const g of [...storage.authorizedFields, ...storage.middlewares]) {
    if (typeof g.target !== 'function' || typeof g.fieldName !== 'string') throw internalsChanged('a field guard has no target class or field name');
  }
  for (const g of [...storage.authorizedResolver, ...storage.resolverMiddlewares]) {
    if (typeof g.target !== 'function') throw internalsChanged('a class guard has no target class');
  }
  return storage;
}

function internalsChanged(what: string): Error {
  return new Error(`type-graphql changed shape (${what}); the field shortcuts in server/app/schema.ts need updating.`);
}

/** Classes whose every field has a permission or middleware: their fields keep type-graphql's wrapper. */
function guardedClasses(): Set<Function> {
  const storage = metadata();
  return new Set<Function>([...storage.authorizedResolver, ...storage.resolverMiddlewares].map((c) => c.target));
}

/**
 * A plain property field (no permission, no middleware of its own) is read by graphql-js
 * directly, not through type-graphql's per-field wrapper: a list page resolves thousands of
 * them. Permissions sit on operations, which keep their wrappers.
 */
export function readPlainFieldsDirectly(): void {
  const storage = metadata();
  const guarded = new Set<string>();
  const key = (target: Function, field: string) => `${target.name}\u0000${field}`;
  for (const a of storage.authorizedFields) guarded.add(key(a.target, a.fieldName));
  for (const m of storage.middlewares) guarded.add(key(m.target, m.fieldName));
  const classes = guardedClasses();
  for (const f of storage.fields) {
    if (f.simple === undefined && f.name === f.schemaName && !classes.has(f.target) && !guarded.has(key(f.target, f.name))) f.simple = true;
  }
}

type ParamKind = 'root' | 'context' | 'info' | 'arg';

/**
 * A field-resolver method with no permission or middleware of its own, whose parameters are
 * the parent, the context, the info and scalar arguments, is called directly: type-graphql's
 * wrapper would gather the same values for each of a page's rows through its middleware chain.
 */
export function callFieldResolversDirectly(schema: GraphQLSchema): void {
  const storage = metadata();
  const classes = guardedClasses();
  const instances = new Map<Function, object>();
  const authorized = new Set(storage.authorizedFields.map((a) => `${a.target.name}\u0000${a.fieldName}`));
  for (const r of storage.fieldResolvers) {
    // buildSchema has filled in each field resolver's roles, middlewares and parameters.
    if (!Array.isArray(r.middlewares) || !Array.isArray(r.params)) throw internalsChanged('a built field resolver has no middlewares or params list');
    if (authorized.has(`${r.target.name}\u0000${r.methodName}`) && !r.roles) throw internalsChanged('an @Authorized field resolver carries no roles');
    if (r.params.some((p) => p.kind === 'arg' && (typeof p.name !== 'string' || typeof p.getType !== 'function')))
      throw internalsChanged('an argument has no name or type');
    if (r.roles?.length || r.middlewares?.length || classes.has(r.target) || r.target.length > 0) continue;
    const params = [...(r.params ?? [])].sort((a, b) => a.index - b.index);
    const plain = params.every(
      (p) =>
        ((p.kind === 'root' || p.kind === 'context') && !('propertyName' in p && p.propertyName)) ||
        p.kind === 'info' ||
        (p.kind === 'arg' && p.getType() instanceof GraphQLScalarType),
    );
    const typeName = storage.objectTypes.find((o) => o.target === r.getObjectType?.())?.name;
    const type = typeName ? schema.getType(typeName) : undefined;
    const field = type instanceof GraphQLObjectType ? type.getFields()[r.schemaName] : undefined;
    if (!plain || !field) continue;
    let instance = instances.get(r.target);
    if (!instance) instances.set(r.target, (instance = new (r.target as new () => object)()));
    const method = (instance as Record<string, (...a: unknown[]) => unknown>)[r.methodName];
    const pick = params.map((p): ((root: unknown, args: Record<string, unknown>, ctx: unknown, info: unknown) => unknown) => {
      const kind = p.kind as ParamKind;
      if (kind === 'root') return (root) => root;
      if (kind === 'context') return (_r, _a, ctx) => ctx;
      if (kind === 'info') return (_r, _a, _c, info) => info;
      const name = p.kind === 'arg' ? p.name : '';
      return (_r, args) => args[name];
    });
    // type-graphql turns a parent that is not yet an instance of the declared class into one: those go its way.
    const rootType = params.find((p) => p.kind === 'root')?.getType?.();
    const RootClass = typeof rootType === 'function' ? rootType : null;
    const wrapped = field.resolve!;
    const [p0, p1, p2, p3] = pick;
    // Most take two or three parameters: called without building an argument list per row.
    const call: GraphQLFieldResolver<unknown, unknown> =
      pick.length === 1
        ? (r, a, c, i) => method.call(instance, p0(r, a, c, i))
        : pick.length === 2
          ? (r, a, c, i) => method.call(instance, p0(r, a, c, i), p1(r, a, c, i))
          : pick.length === 3
            ? (r, a, c, i) => method.call(instance, p0(r, a, c, i), p1(r, a, c, i), p2(r, a, c, i))
            : pick.length === 4
              ? (r, a, c, i) => method.call(instance, p0(r, a, c, i), p1(r, a, c, i), p2(r, a, c, i), p3(r, a, c, i))
              : (r, a, c, i) =>
                  method.apply(
                    instance,
                    pick.map((f) => f(r, a, c, i)),
                  );
    field.resolve = (root, args, ctx, info) =>
      RootClass && root != null && !(root instanceof RootClass) ? wrapped(root, args, ctx, info) : call(root, args, ctx, info);
  }
}

/** type-graphql's DateTimeISO (same name, description, parsing), writing dates without `toISOString()`. */
const DateTimeISO = new GraphQLScalarType({
  ...GraphQLISODateTime.toConfig(),
  serialize: (value) => (value instanceof Date && isoString(value.getTime())) || GraphQLISODateTime.serialize(value),
});

export function buildAppSchema(): Promise<GraphQLSchema> {
  if (!built) readPlainFieldsDirectly();
  built ??= buildSchema({
    resolvers: RESOLVERS,
    authChecker,
    authMode: 'error',
    scalarsMap: [{ type: Date, scalar: DateTimeISO }],
    // Subscriptions supply their own streams (ComplaintFeed); type-graphql still insists on a PubSub.
    pubSub: {
      publish: () => undefined,
      subscribe: () => {
        throw new Error('subscriptions use their own subscribe functions');
      },
    },
    validate: { forbidUnknownValues: false, validationError: { target: false, value: false } },
  }).then((schema) => {
    callFieldResolversDirectly(schema);
    return schema;
  });
  return built;
}

/** The committed `schema.graphql` is exactly this text. */
export function printAppSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
