import { HttpError } from 'react-admin';
import { i18nProvider } from './i18nProvider';
import { localFieldMessage, localRefusal, type LocalMessage } from './serverMessages';

/** The codes the server puts in `extensions.code` (see PRODUCT.md, "Errors"). */
export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'INVALID_TRANSITION',
  'RATE_LIMITED',
  'SERVICE_UNAVAILABLE',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface GqlError {
  message: string;
  path?: ReadonlyArray<string | number>;
  extensions?: Record<string, unknown>;
}

const HTTP_STATUS: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  BAD_USER_INPUT: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_TRANSITION: 409,
  RATE_LIMITED: 429,
  SERVICE_UNAVAILABLE: 503,
};

type Loose = Record<string, unknown> & { status?: number; networkError?: { statusCode?: number; result?: { errors?: unknown } } };
const asArray = (v: unknown): GqlError[] => (Array.isArray(v) ? (v as GqlError[]) : []);

/**
 * GraphQL errors, wherever they sit: an ApolloError, the HttpError ra-data-graphql wraps
 * it in (`body`), our own HttpError (`body.graphQLErrors`) or a non-2xx HTTP response.
 */
export const graphQLErrorsOf = (error: unknown): GqlError[] => {
  if (!error || typeof error !== 'object') return [];
  const e = error as Loose;
  const found = [...asArray(e.graphQLErrors), ...asArray(e.networkError?.result?.errors), ...asArray(Array.isArray(e.errors) ? e.errors : undefined)];
  if (found.length > 0) return found;
  if (e.body && e.body !== error) return graphQLErrorsOf(e.body);
  return [];
};

export const errorCodesOf = (error: unknown): string[] =>
  graphQLErrorsOf(error)
    .map((err) => err.extensions?.code)
    .filter((code): code is string => typeof code === 'string');

export const isKnownCode = (code: string | undefined): code is ErrorCode => !!code && (ERROR_CODES as readonly string[]).includes(code);

export const isUnauthenticated = (error: unknown): boolean => {
  if (errorCodesOf(error).includes('UNAUTHENTICATED')) return true;
  const e = error as Loose | null;
  const status = e?.status ?? e?.networkError?.statusCode;
  return status === 401;
};

const stripInputPrefix = (path: string) => path.replace(/^(input|data)\./, '');

// Form errors from the server must be plain strings (react-admin's server-side validation), so they are translated here, in the current locale.
const say = (message: LocalMessage) => {
  const args = Object.fromEntries(
    Object.entries(message.args ?? {}).map(([name, value]) => [
      name,
      typeof value === 'string' && value.startsWith('enums.') ? i18nProvider.translate(value, { _: value.split('.').pop() }) : value,
    ]),
  );
  return i18nProvider.translate(message.key, { _: message.key, ...args });
};

/**
 * Field errors of a BAD_USER_INPUT error as `{ 'schedule.0.opensAt': message }`, the shape
 * react-admin forms show next to the inputs (`input.title` → the form input `title`), each
 * message in the user's language (the server's English wording mapped by serverMessages.ts).
 * Our server sends `problems: [{ field, message }]` with `fields: [path, …]`; also accepted:
 * `fields: [{ path, message }] | { [path]: message }` and class-validator's `validationErrors`.
 */
export const fieldErrorsOf = (err: GqlError): Record<string, string> => {
  const out: Record<string, string> = {};
  const ext = (err.extensions ?? {}) as Loose;
  const add = (path: unknown, message: unknown) => {
    const key = Array.isArray(path) ? path.join('.') : path;
    if (typeof key !== 'string' || key === '') return;
    const name = stripInputPrefix(key);
    const texts = (Array.isArray(message) ? message : [message ?? err.message]).map((m) => say(localFieldMessage(String(m))));
    for (const text of texts) {
      if (out[name]?.split('; ').includes(text)) continue;
      out[name] = out[name] ? `${out[name]}; ${text}` : text;
    }
  };
  if (Array.isArray(ext.problems)) {
    for (const p of ext.problems as Loose[]) add(p?.field ?? p?.path, p?.message);
  }
  const fields = ext.fields ?? ext.fieldErrors;
  if (Array.isArray(fields)) {
    for (const f of fields) {
      // A bare path (our server lists them next to `problems`): keep the message we have.
      if (typeof f === 'string') {
        if (!(stripInputPrefix(f) in out)) add(f, err.message);
      } else add(f?.path ?? f?.field, f?.message);
    }
  } else if (fields && typeof fields === 'object') {
    for (const [path, message] of Object.entries(fields)) add(path, message);
  }
  const walk = (items: unknown, prefix: string) => {
    if (!Array.isArray(items)) return;
    for (const item of items as Loose[]) {
      const path = prefix + String(item.property);
      if (item.constraints) add(path, Object.values(item.constraints));
      walk(item.children, `${path}.`);
    }
  };
  walk(ext.validationErrors, '');
  return out;
};

/**
 * One error react-admin understands: `message` is an i18n key (`errors.<CODE>`) when the
 * server sent a known code, `body.errors` carries field errors for forms, `body.message`
 * keeps the server's own wording.
 */
export const toHttpError = (error: unknown): HttpError => {
  if (error instanceof HttpError && (error.body as Loose)?.normalized) return error;
  const errors = graphQLErrorsOf(error);
  const first = errors[0];
  const code = first?.extensions?.code as string | undefined;
  const serverMessage = first?.message ?? (error instanceof Error ? error.message : String(error ?? 'Error'));
  const body: Loose = { normalized: true, code, message: serverMessage, graphQLErrors: errors };
  if (code === 'BAD_USER_INPUT') {
    const fieldErrors = Object.assign({}, ...errors.map(fieldErrorsOf));
    if (Object.keys(fieldErrors).length > 0) {
      body.errors = { ...fieldErrors, root: { serverError: 'errors.BAD_USER_INPUT' } };
    }
  }
  if (isKnownCode(code)) {
    const refusal = localRefusal(first?.message);
    return new HttpError(refusal?.key ?? `errors.${code}`, HTTP_STATUS[code], refusal ? { ...body, refusal: refusal.key } : body);
  }
  const e = error as Loose | null;
  const status = (e?.networkError?.statusCode ?? e?.status) as number | undefined;
  // ra-data-graphql keeps only the status of a failed HTTP response, not its body.
  if (!first && status === 503) return new HttpError('errors.SERVICE_UNAVAILABLE', 503, { ...body, code: 'SERVICE_UNAVAILABLE' });
  if (!first && transientFailureOf(error) === 'unreachable') {
    const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
    return new HttpError(offline ? 'errors.offline' : 'errors.unreachable', status ?? 0, { ...body, unreachable: true });
  }
  return new HttpError('errors.unexpected', status ?? 500, body);
};

/**
 * Why a write did not go through when it is nobody's fault but the moment's: `unavailable`
 * (the server refused it, nothing was done) or `unreachable` (no answer, or a proxy's 502/504:
 * it may or may not have been done). Anything else (a refusal, a bug) is `null`.
 */
export const transientFailureOf = (error: unknown): 'unavailable' | 'unreachable' | null => {
  if (!error || typeof error !== 'object') return null;
  if (errorCodesOf(error).includes('SERVICE_UNAVAILABLE')) return 'unavailable';
  if (graphQLErrorsOf(error).length > 0) return null;
  const e = error as Loose;
  const status = e.networkError ? e.networkError.statusCode : error instanceof HttpError ? e.status : undefined;
  if (status === 503) return 'unavailable';
  if (status === 502 || status === 504) return 'unreachable';
  // No status at all: fetch failed (Apollo's networkError, or ra-data-graphql's HttpError made from it).
  if ((e.networkError || error instanceof HttpError) && !status) return 'unreachable';
  return error instanceof TypeError ? 'unreachable' : null;
};

/** The i18n key that tells the user a write did not go through and what to do, or null. */
export const notSavedMessageOf = (error: unknown): string | null => {
  const failure = transientFailureOf(error);
  // Offline, the request never left the browser: certainly not saved.
  if (failure === 'unreachable' && typeof navigator !== 'undefined' && navigator.onLine === false) return 'errors.notSaved.offline';
  return failure ? `errors.notSaved.${failure}` : null;
};
