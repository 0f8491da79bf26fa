import UploadFileIcon from '@mui/icons-material/UploadFile';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type ChangeEvent } from 'react';
import { useCanAccess, useLocaleState, useNotify, useRefresh, useTranslate } from 'react-admin';
import { client } from '../providers/apolloClient';
import { graphQLErrorsOf } from '../providers/graphqlErrors';
import { intlLocale } from '../providers/i18nProvider';
import { formatWib } from '../wib';
import { HOLIDAY_COVERAGE_KEY, IMPORT_HOLIDAYS, formatOf, type HolidayFileFormat, type HolidayImport } from './queries';

interface Picked {
  name: string;
  format: HolidayFileFormat;
  content: string;
}

/** The server's reasons, one per bad line ("line 3: …"), or its message. */
const problemsOf = (error: unknown): string[] => {
  const [first] = graphQLErrorsOf(error);
  const problems = first?.extensions?.problems as { message: string }[] | undefined;
  return problems?.length ? problems.map((p) => p.message) : [first?.message ?? String(error)];
};

/** "Impor": pick a CSV or iCalendar file, see what it would change (dry run), then confirm. */
export const HolidayImportButton = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const queryClient = useQueryClient();
  const [locale] = useLocaleState();
  const { canAccess } = useCanAccess({ resource: 'holidays', action: 'create' });
  const [open, setOpen] = useState(false);
  const [picked, setPicked] = useState<Picked | null>(null);
  const [preview, setPreview] = useState<HolidayImport | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  if (!canAccess) return null;

  const run = async (file: Picked, dryRun: boolean) => {
    const { data } = await client.mutate<{ importHolidays: HolidayImport }>({
      mutation: IMPORT_HOLIDAYS,
      variables: { format: file.format, content: file.content, dryRun },
    });
    return data!.importHolidays;
  };

  const reset = () => {
    setPicked(null);
    setPreview(null);
    setProblems([]);
  };

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    reset();
    const content = await file.text();
    const next = { name: file.name, format: formatOf(file.name, content), content };
    setPicked(next);
    setBusy(true);
    try {
      setPreview(await run(next, true));
    } catch (err) {
      setProblems(problemsOf(err));
    } finally {
      setBusy(false);
    }
  };

  const confirm = async () => {
    if (!picked) return;
    setBusy(true);
    try {
      const r = await run(picked, false);
      notify('holidayImport.done', { type: 'success', messageArgs: { created: r.created, updated: r.updated, skipped: r.skipped } });
      setOpen(false);
      reset();
      refresh();
      void queryClient.invalidateQueries({ queryKey: HOLIDAY_COVERAGE_KEY });
    } catch (err) {
      setProblems(problemsOf(err));
    } finally {
      setBusy(false);
    }
  };

  const changes = preview ? preview.created + preview.updated : 0;
  return (
    <>
      <Button size="small" startIcon={<UploadFileIcon />} onClick={() => setOpen(true)} data-testid="holiday-import">
        {translate('holidayImport.button')}
      </Button>
      <Dialog open={open} onClose={() => !busy && setOpen(false)} maxWidth="md" fullWidth aria-labelledby="holiday-import-title">
        <DialogTitle id="holiday-import-title">{translate('holidayImport.title')}</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>{translate('holidayImport.intro')}</DialogContentText>
          <Button component="label" variant="outlined" startIcon={<UploadFileIcon />} disabled={busy}>
            {translate('holidayImport.choose')}
            <input hidden type="file" accept=".csv,.ics,text/csv,text/calendar" onChange={onFile} data-testid="holiday-import-file" />
          </Button>
          {picked && (
            <Typography variant="body2" sx={{ mt: 1 }}>
              {picked.name} · {translate(`enums.HolidayFileFormat.${picked.format}`)}
            </Typography>
          )}
          {busy && <CircularProgress size={20} sx={{ mt: 2, display: 'block' }} />}
          {problems.length > 0 && (
            <Alert severity="error" sx={{ mt: 2 }} data-testid="holiday-import-problems">
              {translate('holidayImport.refused')}
              <Box component="ul" sx={{ m: 0, pl: 2 }}>
                {problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </Box>
            </Alert>
          )}
          {preview && (
            <Box sx={{ mt: 2 }} data-testid="holiday-import-preview">
              <Alert severity={changes ? 'info' : 'success'} data-counts={`${preview.created}/${preview.updated}/${preview.skipped}`}>
                {translate('holidayImport.counts', { created: preview.created, updated: preview.updated, skipped: preview.skipped })}
              </Alert>
              <Table size="small" sx={{ mt: 1 }}>
                <TableHead>
                  <TableRow>
                    <TableCell align="right">{translate('holidayImport.line')}</TableCell>
                    <TableCell>{translate('resources.holidays.fields.date')}</TableCell>
                    <TableCell>{translate('resources.holidays.fields.name')}</TableCell>
                    <TableCell>{translate('resources.holidays.fields.kind')}</TableCell>
                    <TableCell>{translate('holidayImport.action')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {preview.items.map((i) => (
                    <TableRow key={i.date}>
                      <TableCell align="right">{i.line}</TableCell>
                      <TableCell>{formatWib(i.date, intlLocale(locale))}</TableCell>
                      <TableCell>{i.name}</TableCell>
                      <TableCell>{translate(`enums.HolidayKind.${i.kind}`)}</TableCell>
                      <TableCell>{translate(`enums.HolidayImportAction.${i.action}`)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </Box>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)} disabled={busy}>
            {translate('ra.action.cancel')}
          </Button>
          <Button variant="contained" onClick={confirm} disabled={busy || !preview || changes === 0} data-testid="holiday-import-confirm">
            {translate('holidayImport.confirm')}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
};
