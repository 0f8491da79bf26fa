import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import { useTranslate } from 'react-admin';
import { fieldErrorsOf, graphQLErrorsOf, notSavedMessageOf, toHttpError } from '../providers/graphqlErrors';

/** A refusal or failure of a desk mutation, as the server explained it. */
export interface Problem {
  /** `extensions.code`, e.g. BAD_USER_INPUT or FORBIDDEN. */
  code?: string;
  message: string;
  /** BAD_USER_INPUT `problems`, keyed by input path without `input.` (`complaintIds.0`). */
  fields: Record<string, string>;
  /** The i18n key saying the change did not go through for now (server busy or unreachable). */
  notSaved?: string | null;
}

export const problemOf = (error: unknown): Problem => {
  const http = toHttpError(error);
  const body = (http.body ?? {}) as { code?: string; message?: string };
  const fields: Record<string, string> = Object.assign({}, ...graphQLErrorsOf(error).map(fieldErrorsOf));
  return { code: body.code, message: body.message ?? http.message, fields, notSaved: notSavedMessageOf(error) };
};

/**
 * Field errors for a react-admin form: `complaintIds.1` goes under the `complaintIds` input,
 * `decisions.0.solution` stays where the input of that name is.
 */
export const formErrorsOf = (problem: Problem, arrays: readonly string[] = []): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(problem.fields)) {
    const head = path.split('.')[0];
    const key = arrays.includes(head) ? head : path;
    out[key] = out[key] ? `${out[key]}; ${message}` : message;
  }
  return out;
};

/**
 * The server's answer in full, at the place the user acted: the code in words, the server's
 * own message and each field problem with a readable name.
 */
export const ProblemAlert = ({ problem, fieldLabel }: { problem: Problem | null; fieldLabel?: (path: string) => string }) => {
  const translate = useTranslate();
  if (!problem) return null;
  const fields = Object.entries(problem.fields);
  return (
    <Alert severity="error" sx={{ my: 2 }} data-testid="desk-problem" data-code={problem.code ?? ''}>
      <AlertTitle>
        {problem.notSaved
          ? translate(problem.notSaved)
          : problem.code
            ? translate(`errors.${problem.code}`, { _: problem.code })
            : translate('desk.problem.failed')}
      </AlertTitle>
      {problem.notSaved ? null : fields.length === 0 ? (
        problem.message
      ) : (
        <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
          {fields.map(([path, message]) => (
            <li key={path} data-field={path}>
              <strong>{fieldLabel ? fieldLabel(path) : path}</strong>: {message}
            </li>
          ))}
        </Box>
      )}
    </Alert>
  );
};
