import RefreshIcon from '@mui/icons-material/Refresh';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import { useContext } from 'react';
import { EditContext, ListContext, ShowContext, useTranslate } from 'react-admin';

const messageKeyOf = (error: unknown, offline: boolean): string => {
  if (offline || (typeof navigator !== 'undefined' && navigator.onLine === false)) return 'errors.offline';
  const message = (error as { message?: unknown } | null)?.message;
  // The data provider's errors carry an i18n key (providers/graphqlErrors.ts toHttpError).
  return typeof message === 'string' && /^(errors|ra)\./.test(message) ? message : 'errors.unexpected';
};

interface LoadErrorProps {
  /** The browser is offline (react-admin's `offline` element). */
  offline?: boolean;
  /** Outside a List, Show or Edit: the failed query's error, retry and state. */
  error?: unknown;
  onRetry?: () => unknown;
  retrying?: boolean;
  /** i18n key of the heading; by default "this page could not be loaded". */
  title?: string;
}

/**
 * What a page shows instead of its data when that could not be loaded (no connection, server
 * unreachable or busy, refused): why, in the user's language, and a button to try again.
 * The default `error` and `offline` element of every List, Show and Edit (see App.tsx).
 */
export const LoadError = ({ offline = false, error, onRetry, retrying, title = 'errors.load.title' }: LoadErrorProps) => {
  const translate = useTranslate();
  const show = useContext(ShowContext);
  const edit = useContext(EditContext);
  const list = useContext(ListContext);
  const controller = show ?? edit ?? list;
  const busy = retrying ?? !!controller?.isFetching;
  const key = messageKeyOf(error ?? controller?.error, offline);
  const retry = onRetry ?? (() => controller?.refetch());
  return (
    <Alert
      severity={offline ? 'warning' : 'error'}
      role="alert"
      sx={{ my: 2 }}
      data-testid="load-error"
      data-reason={key}
      action={
        <Button
          color="inherit"
          size="small"
          variant="outlined"
          disabled={busy}
          startIcon={busy ? <CircularProgress size={14} color="inherit" /> : <RefreshIcon />}
          onClick={() => void retry()}
          data-testid="load-retry"
        >
          {translate('errors.load.retry')}
        </Button>
      }
    >
      <AlertTitle>{translate(title)}</AlertTitle>
      {translate(key, { _: translate('errors.unexpected') })}
    </Alert>
  );
};
