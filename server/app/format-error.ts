import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { ArgumentValidationError } from 'type-graphql';
import type { ValidationError } from 'class-validator';
import type { Logger } from 'pino';
import { AppError, ErrorCode, type FieldProblem } from '../core/errors';
import { InvalidTransitionError } from '../modules/complaints/complaint-status';
import { withoutSuggestions } from './guards';
import { isDatabaseUnavailable, unavailableError } from '../db/unavailable';

const OUR_CODES = new Set<string>(Object.values(ErrorCode));

function flatten(errors: ValidationError[], prefix: string): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** Every error leaves with one of our codes; internals (stack, SQL) never reach a client outside development. */
export function formatErrorFor(log: Logger, opts: { exposeInternals: boolean; hideSuggestions: boolean }) {
  const { exposeInternals, hideSuggestions } = opts;
  return (given: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const formatted = hideSuggestions ? { ...given, message: withoutSuggestions(given.message) } : given;
    const original = unwrapResolverError(error);
    if (original instanceof ArgumentValidationError) {
      // Our mutations take their data as the `input` argument, so paths read `input.<field>`.
      const problems = flatten(original.extensions.validationErrors as ValidationError[], 'input');
      const app = AppError.badInput(problems);
      return { message: app.message, path: formatted.path, locations: formatted.locations, extensions: app.extensions };
    }
    if (original instanceof InvalidTransitionError) {
      return { ...formatted, message: original.message, extensions: { code: ErrorCode.INVALID_TRANSITION } };
    }
    const code = String(formatted.extensions?.code ?? '');
    if (original instanceof AppError || (OUR_CODES.has(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR)) {
      const { stacktrace: _s, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    if (code === 'GRAPHQL_PARSE_FAILED' || code === 'GRAPHQL_VALIDATION_FAILED' || code === 'BAD_REQUEST' || code === 'PERSISTED_QUERY_NOT_SUPPORTED') {
      return { message: formatted.message, locations: formatted.locations, extensions: { code: ErrorCode.BAD_USER_INPUT, reason: code } };
    }
    if (isDatabaseUnavailable(original)) {
      log.warn({ err: original }, 'database unavailable');
      const refusal = unavailableError();
      return { message: refusal.message, path: formatted.path, locations: formatted.locations, extensions: refusal.extensions };
    }
    log.error({ err: original }, 'unexpected error');
    return {
      message: exposeInternals ? formatted.message : 'Internal server error',
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}
