import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import { useNotify, useTranslate } from 'react-admin';

/** What `submitComplaint` returns, flattened by the data provider: the record plus the codes. */
export interface SubmitResult {
  id: string;
  trackingCode: string;
  accessCode: string;
  replayed?: boolean;
  [key: string]: unknown;
}

/** Groups of four, easier to read aloud: "K7QF 2M9X". */
const spaced = (code: string) => code.replace(/(.{4})(?=.)/g, '$1 ');

const Code = ({ label, value, testId }: { label: string; value: string; testId: string }) => {
  const translate = useTranslate();
  return (
    <Box sx={{ mb: 2 }}>
      <Typography variant="overline" color="text.secondary">
        {translate(label)}
      </Typography>
      <Typography
        data-testid={testId}
        data-value={value}
        sx={{ fontFamily: 'monospace', fontSize: { xs: 28, sm: 36 }, fontWeight: 700, letterSpacing: 2, lineHeight: 1.2 }}
      >
        {testId === 'access-code' ? spaced(value) : value}
      </Typography>
    </Box>
  );
};

/**
 * Shown once after recording: the tracking code and the one-time access code, large
 * enough to read out to the reporter or copy onto a receipt slip.
 */
export const AccessCodeDialog = ({ result, onShow, onAnother }: { result: SubmitResult | null; onShow: () => void; onAnother: () => void }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const copy = async () => {
    if (!result) return;
    const text = `${translate('complaint.created.trackingCode')}: ${result.trackingCode}\n${translate('complaint.created.accessCode')}: ${result.accessCode}`;
    try {
      await navigator.clipboard.writeText(text);
      notify('complaint.created.copied', { type: 'info' });
    } catch {
      notify('complaint.created.copyFailed', { type: 'warning' });
    }
  };
  return (
    <Dialog open={!!result} aria-labelledby="access-code-title" maxWidth="sm" fullWidth disableEscapeKeyDown>
      <DialogTitle id="access-code-title">{translate('complaint.created.title')}</DialogTitle>
      {result && (
        <DialogContent>
          {result.replayed && (
            <Alert severity="info" sx={{ mb: 2 }}>
              {translate('complaint.create.replayed')}
            </Alert>
          )}
          <Code label="complaint.created.trackingCode" value={result.trackingCode} testId="tracking-code" />
          <Code label="complaint.created.accessCode" value={result.accessCode} testId="access-code" />
          <Alert severity="warning">{translate('complaint.created.onlyOnce')}</Alert>
        </DialogContent>
      )}
      <DialogActions sx={{ flexWrap: 'wrap', gap: 1 }}>
        <Button startIcon={<ContentCopyIcon />} onClick={copy}>
          {translate('complaint.created.copy')}
        </Button>
        <Button onClick={onAnother}>{translate('complaint.created.another')}</Button>
        <Button variant="contained" onClick={onShow} autoFocus>
          {translate('complaint.created.show')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
