import 'reflect-metadata';
import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchema, type NonEmptyArray } from 'type-graphql';
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

export function buildAppSchema(): Promise<GraphQLSchema> {
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
