import { Lexer, Source, TokenKind } from 'graphql';
import { AppError, ErrorCode } from '../core/errors';

/** Counted before parsing, on both transports: a parser's cost grows with the document. */
export const MAX_QUERY_TOKENS = 5000;

/** PostgreSQL text cannot hold U+0000; refuse it up front with a clear error instead of failing in SQL. */
function hasNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 20 || value === null || typeof value !== 'object') return false;
  return Object.values(value as Record<string, unknown>).some((v) => hasNul(v, depth + 1));
}

function tooManyTokens(query: string, max: number): boolean {
  // Every token is at least one character.
  if (query.length <= max) return false;
  const lexer = new Lexer(new Source(query));
  let count = 0;
  try {
    while (lexer.advance().kind !== TokenKind.EOF) if (++count > max) return true;
  } catch {
    // A syntax error: GraphQL reports it.
  }
  return false;
}

/**
 * The checks every GraphQL request passes before it is parsed, whether it came over HTTP or
 * graphql-ws: the refusal, or null.
 */
export function refuseBeforeParsing(request: { query?: unknown; variables?: unknown; operationName?: unknown } | undefined): AppError | null {
  if (request && hasNul(request)) return new AppError(ErrorCode.BAD_USER_INPUT, 'Text may not contain the NUL character (\\u0000).');
  const query = request?.query;
  if (typeof query === 'string' && tooManyTokens(query, MAX_QUERY_TOKENS)) {
    return new AppError(ErrorCode.BAD_USER_INPUT, `The query has more than ${MAX_QUERY_TOKENS} tokens.`);
  }
  return null;
}

const SUGGESTION = /\s*Did you mean .+\?/g;

/** "Cannot query field x. Did you mean y?" tells a stranger the schema; production leaves the hint out. */
export function withoutSuggestions(message: string): string {
  return message.replace(SUGGESTION, '').trim();
}
