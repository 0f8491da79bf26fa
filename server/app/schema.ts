import 'reflect-metadata';
import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchema, getMetadataStorage, type NonEmptyArray } from 'type-graphql';
import { authChecker } from '../auth/auth-checker';
import { AuthResolver } from '../auth/auth.resolver';
import { CategoryResolver } from '../modules/categories/category.module';
import { ComplaintEventResolver, ComplaintResolver } from '../modules/complaints/complaint.resolver';
import { ComplaintStatsResolver, StatsBucketResolver } from '../modules/reports/stats.resolver';
import { DeskItemResolver, DeskResolver } from '../modules/desks/desk.resolver';
import { OfficerActivityResolver, ReportResolver } from '../modules/reports/report.resolver';
import { ApiClientResolver } from '../modules/api-clients/api-client.module';
import { HolidayResolver } from '../modules/holidays/holiday.module';
import { OpdResolver } from '../modules/opds/opd.resolver';
import { ProgramResolver } from '../modules/programs/program.module';
import { ServicePostResolver } from '../modules/service-posts/service-post.module';
import { SlaPolicyResolver } from '../modules/sla/sla-policy.module';
import { UserResolver } from '../modules/users/user.module';

export const RESOLVERS: NonEmptyArray<Function> = [
  AuthResolver,
  OpdResolver,
  ServicePostResolver,
  CategoryResolver,
  SlaPolicyResolver,
  ProgramResolver,
  HolidayResolver,
  UserResolver,
  ComplaintResolver,
  ComplaintEventResolver,
  ComplaintStatsResolver,
  StatsBucketResolver,
  DeskResolver,
  DeskItemResolver,
  ReportResolver,
  OfficerActivityResolver,
  ApiClientResolver,
];

let built: Promise<GraphQLSchema> | null = null;

/**
 * A plain property field (no permission, no middleware of its own) is read by graphql-js
 * directly, not through type-graphql's per-field wrapper: a list page resolves thousands of
 * them. Permissions sit on operations and field-resolver methods, which keep their wrappers.
 */
function readPlainFieldsDirectly(): void {
  const storage = getMetadataStorage();
  const guarded = new Set<string>();
  const key = (target: Function, field: string) => `${target.name}\u0000${field}`;
  for (const a of storage.authorizedFields) guarded.add(key(a.target, a.fieldName));
  for (const m of storage.middlewares) guarded.add(key(m.target, m.fieldName));
  const guardedClasses = new Set<Function>([...storage.authorizedResolver, ...storage.resolverMiddlewares].map((c) => c.target));
  for (const f of storage.fields) {
    if (f.simple === undefined && f.name === f.schemaName && !guardedClasses.has(f.target) && !guarded.has(key(f.target, f.name))) f.simple = true;
  }
}

export function buildAppSchema(): Promise<GraphQLSchema> {
  if (!built) readPlainFieldsDirectly();
  built ??= buildSchema({
    resolvers: RESOLVERS,
    authChecker,
    authMode: 'error',
    // Subscriptions supply their own streams (ComplaintFeed); type-graphql still insists on a PubSub.
    pubSub: {
      publish: () => undefined,
      subscribe: () => {
        throw new Error('subscriptions use their own subscribe functions');
      },
    },
    validate: { forbidUnknownValues: false, validationError: { target: false, value: false } },
  });
  return built;
}

/** The committed `schema.graphql` is exactly this text. */
export function printAppSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
