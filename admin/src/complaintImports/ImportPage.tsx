import UploadFileIcon from '@mui/icons-material/UploadFile';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { parse as parseCsv } from 'csv-parse/browser/esm/sync';
import { useState, type ChangeEvent } from 'react';
import { Title, useTranslate } from 'react-admin';
import { toHttpError } from '../providers/graphqlErrors';
import { DEFAULT_MAPPING, importPart, type ImportReport } from './queries';

/** Rows per request: a large file goes in parts, so the request stays small and the bar moves. */
const PART = 200;
const SHOWN = 500;

const empty = (): ImportReport => ({ rows: 0, created: 0, updated: 0, unchanged: 0, refused: 0, results: [] });

const readRows = (name: string, text: string): Record<string, unknown>[] => {
  if (name.toLowerCase().endsWith('.json')) {
    const data: unknown = JSON.parse(text);
    if (!Array.isArray(data)) throw new Error('JSON: expected an array of objects');
    return data as Record<string, unknown>[];
  }
  return parseCsv(text, { columns: true, skip_empty_lines: true, trim: true, bom: true }) as Record<string, unknown>[];
};

/** "Impor SP4N-LAPOR!": a file and its column mapping; a dry run first, then the import, both with a progress bar. */
export const ImportPage = () => {
  const translate = useTranslate();
  const [rows, setRows] = useState<Record<string, unknown>[] | null>(null);
  const [fileName, setFileName] = useState('');
  const [mapping, setMapping] = useState(JSON.stringify(DEFAULT_MAPPING, null, 2));
  const [progress, setProgress] = useState<number | null>(null);
  const [report, setReport] = useState<(ImportReport & { dryRun: boolean }) | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const pick = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return;
    setReport(null);
    setProblem(null);
    try {
      setRows(readRows(file.name, await file.text()));
      setFileName(file.name);
    } catch (error) {
      setRows(null);
      setProblem((error as Error).message);
    }
  };

  const run = async (dryRun: boolean) => {
    if (!rows) return;
    setProblem(null);
    let parsed: unknown;
    try {
      parsed = JSON.parse(mapping);
    } catch (error) {
      setProblem(`${translate('complaintImports.mapping')}: ${(error as Error).message}`);
      return;
    }
    const total = empty();
    setProgress(0);
    try {
      for (let offset = 0; offset < rows.length; offset += PART) {
        const part = await importPart(rows.slice(offset, offset + PART), offset, parsed, dryRun);
        total.rows += part.rows;
        total.created += part.created;
        total.updated += part.updated;
        total.unchanged += part.unchanged;
        total.refused += part.refused;
        total.results.push(...part.results);
        setProgress(Math.round((Math.min(offset + PART, rows.length) / rows.length) * 100));
      }
      setReport({ ...total, dryRun });
    } catch (error) {
      setProblem(toHttpError(error).message);
    } finally {
      setProgress(null);
    }
  };

  return (
    <Box sx={{ mt: 2 }}>
      <Title title={translate('resources.complaintImports.name')} />
      <Card sx={{ mb: 2 }}>
        <CardContent>
          <Typography variant="body2" sx={{ mb: 2 }}>
            {translate('complaintImports.help')}
          </Typography>
          <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ alignItems: 'flex-start' }}>
            <Button component="label" variant="outlined" startIcon={<UploadFileIcon />}>
              {translate('complaintImports.pick')}
              <input hidden type="file" accept=".csv,.json,text/csv,application/json" onChange={pick} data-testid="import-file" />
            </Button>
            {rows && <Typography data-testid="import-rows">{translate('complaintImports.rows', { name: fileName, smart_count: rows.length })}</Typography>}
          </Stack>
          <TextField
            label={translate('complaintImports.mapping')}
            value={mapping}
            onChange={(e) => setMapping(e.target.value)}
            multiline
            minRows={6}
            fullWidth
            sx={{ my: 2, '& textarea': { fontFamily: 'monospace' } }}
          />
          <Stack direction="row" spacing={2}>
            <Button variant="outlined" disabled={!rows || progress !== null} onClick={() => run(true)}>
              {translate('complaintImports.dryRun')}
            </Button>
            <Button variant="contained" disabled={!rows || progress !== null || !report?.dryRun} onClick={() => run(false)}>
              {translate('complaintImports.run')}
            </Button>
          </Stack>
          {progress !== null && <LinearProgress variant="determinate" value={progress} sx={{ mt: 2 }} data-testid="import-progress" />}
          {problem && (
            <Alert severity="error" sx={{ mt: 2 }}>
              {problem}
            </Alert>
          )}
        </CardContent>
      </Card>
      {report && (
        <Card>
          <CardContent>
            <Typography variant="h6">{translate(report.dryRun ? 'complaintImports.dryRunReport' : 'complaintImports.report')}</Typography>
            <Typography data-testid="import-summary">{translate('complaintImports.summary', { ...report, rows: report.rows })}</Typography>
            <Table size="small">
              <TableHead>
                <TableRow>
                  {['row', 'externalId', 'action', 'reason', 'trackingCode'].map((f) => (
                    <TableCell key={f}>{translate(`complaintImports.fields.${f}`)}</TableCell>
                  ))}
                </TableRow>
              </TableHead>
              <TableBody>
                {report.results.slice(0, SHOWN).map((r) => (
                  <TableRow key={r.row}>
                    <TableCell>{r.row}</TableCell>
                    <TableCell>{r.externalId}</TableCell>
                    <TableCell>{translate(`enums.ImportAction.${r.action}`)}</TableCell>
                    <TableCell>{r.reason}</TableCell>
                    <TableCell sx={{ fontFamily: 'monospace' }}>{r.trackingCode}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </CardContent>
        </Card>
      )}
    </Box>
  );
};
