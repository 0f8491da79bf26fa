import DownloadIcon from '@mui/icons-material/FileDownloadOutlined';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Grid from '@mui/material/Grid';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo, useState, type ReactNode } from 'react';
import { Loading, Title, useRequireAccess, useTranslate } from 'react-admin';
import { LoadError } from '../components/LoadError';
import { useFormatters } from '../dashboard/format';
import { client } from '../providers/apolloClient';
import { toHttpError } from '../providers/graphqlErrors';
import { ComplianceTable } from './ComplianceTable';
import { downloadComplianceCsv } from './csv';
import { OfficerTable } from './OfficerTable';
import { StaffTable } from './StaffTable';
import { OnTimeChart } from './OnTimeChart';
import { PERIOD_KINDS, currentPeriod, kindOf, periodLabel, rangeLabel, recentPeriods, type PeriodKind } from './periods';
import { COMPLIANCE_REPORT, type ComplianceReport, type OpdComplianceRow } from './queries';

const useComplianceReport = (period: string) =>
  useQuery({
    queryKey: ['complianceReport', period],
    placeholderData: keepPreviousData,
    staleTime: 60_000,
    queryFn: async () => {
      try {
        const { data } = await client.query<{ complianceReport: ComplianceReport }>({
          query: COMPLIANCE_REPORT,
          variables: { period },
          fetchPolicy: 'no-cache',
          // Reports get a long statement timeout: one that ran out would only run out again.
          context: { retryReads: false },
        });
        return data.complianceReport;
      } catch (error) {
        throw toHttpError(error);
      }
    },
  });

const PeriodPicker = ({ period, onChange }: { period: string; onChange: (period: string) => void }) => {
  const translate = useTranslate();
  const { locale } = useFormatters();
  const kind = kindOf(period);
  const options = useMemo(() => recentPeriods(kind), [kind]);
  return (
    <>
      <ToggleButtonGroup
        size="small"
        exclusive
        value={kind}
        onChange={(_, next: PeriodKind | null) => next && onChange(currentPeriod(next))}
        aria-label={translate('report.period.kind')}
      >
        {PERIOD_KINDS.map((k) => (
          <ToggleButton key={k} value={k} data-period-kind={k}>
            {translate(`report.period.${k}`)}
          </ToggleButton>
        ))}
      </ToggleButtonGroup>
      <TextField
        select
        size="small"
        label={translate('report.period.label')}
        value={period}
        onChange={(e) => onChange(e.target.value)}
        sx={{ minWidth: 240 }}
        slotProps={{ select: { MenuProps: { disablePortal: false } }, htmlInput: { 'data-testid': 'report-period' } }}
      >
        {options.map((p) => (
          <MenuItem key={p} value={p} data-period={p}>
            {periodLabel(p, locale, translate)}
          </MenuItem>
        ))}
      </TextField>
    </>
  );
};

/** The rows on screen as the file: nothing to fetch again, the same headers and figures. */
const CsvButton = ({ period, rows }: { period: string; rows?: OpdComplianceRow[] }) => {
  const translate = useTranslate();
  return (
    <Button
      variant="outlined"
      startIcon={<DownloadIcon />}
      onClick={() => rows && downloadComplianceCsv(period, rows, translate)}
      disabled={!rows}
      data-testid="report-csv"
    >
      {translate('report.csv')}
    </Button>
  );
};

const Section = ({ title, hint, children, testId }: { title: string; hint?: string; children: ReactNode; testId?: string }) => {
  const translate = useTranslate();
  return (
    <Card variant="outlined" component="section" data-testid={testId}>
      <CardContent>
        <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>
          {translate(title)}
        </Typography>
        {hint && (
          <Typography variant="caption" color="text.secondary" component="p" sx={{ mb: 1 }}>
            {translate(hint)}
          </Typography>
        )}
        {children}
      </CardContent>
    </Card>
  );
};

/**
 * "Laporan Kepatuhan": Central Java's quarterly announcement of which units answered within
 * the deadline, and Madiun's officer appreciation, for a quarter, month or year in WIB.
 * Figures come from `complianceReport`; the CSV is the table on screen (reports/csv.ts).
 */
export const ReportPage = () => {
  const translate = useTranslate();
  const { locale, number, percent } = useFormatters();
  const { isPending: checkingAccess } = useRequireAccess({ resource: 'reports', action: 'list' });
  const [period, setPeriod] = useState(() => currentPeriod('quarter'));
  const { data, error, isPending, isFetching, isPlaceholderData, refetch } = useComplianceReport(period);
  if (checkingAccess) return <Loading />;

  const totals = (data?.opds ?? []).reduce(
    (acc, r) => ({ inTime: acc.inTime + r.respondedInTime, due: acc.due + r.due, overdue: acc.overdue + r.overdueNow }),
    { inTime: 0, due: 0, overdue: 0 },
  );
  const problem = error ? toHttpError(error) : null;

  return (
    <Box sx={{ mt: 1, mb: 4 }} data-testid="report" data-period={period} data-state={isPending || isPlaceholderData ? 'loading' : error ? 'error' : 'ready'}>
      <Title title="report.title" />
      <Card sx={{ mb: 2 }}>
        <CardContent>
          <Typography variant="h6" component="h1">
            {translate('report.heading', { period: periodLabel(period, locale, translate) })}
          </Typography>
          <Typography variant="body2" color="text.secondary" data-testid="report-range">
            {data ? translate('report.range', { range: rangeLabel(data.from, data.to, locale) }) : ' '}
          </Typography>
          <Stack direction="row" spacing={2} useFlexGap flexWrap="wrap" alignItems="center" sx={{ mt: 2 }}>
            <PeriodPicker period={period} onChange={setPeriod} />
            <Box sx={{ flexGrow: 1 }} />
            <CsvButton period={period} rows={isPlaceholderData ? undefined : data?.opds} />
          </Stack>
          {data && data.opds.length > 0 && (
            <Typography variant="body2" sx={{ mt: 2 }} data-testid="report-summary">
              {translate('report.summary', {
                units: number(data.opds.length),
                percent: totals.due > 0 ? percent(totals.inTime / totals.due) : translate('app.none'),
                inTime: number(totals.inTime),
                due: number(totals.due),
                overdue: number(totals.overdue),
              })}
            </Typography>
          )}
        </CardContent>
        {isFetching && <LinearProgress sx={{ height: 2 }} />}
      </Card>

      {problem && <LoadError error={problem} onRetry={refetch} retrying={isFetching} title="report.error" />}
      {isPending && !data && <Loading />}

      {data && (
        <Grid container spacing={2}>
          <Grid size={12}>
            <Section title="report.table.title" hint="report.table.hint" testId="report-opds">
              {data.opds.length === 0 ? (
                <Typography variant="body2" color="text.secondary">
                  {translate('report.table.empty')}
                </Typography>
              ) : (
                <ComplianceTable rows={data.opds} />
              )}
            </Section>
          </Grid>
          <Grid size={{ xs: 12, lg: 6 }}>
            <OnTimeChart rows={data.opds} />
          </Grid>
          <Grid size={{ xs: 12, lg: 6 }}>
            <Section title="report.officers.title" hint="report.officers.hint" testId="report-officers">
              <OfficerTable rows={data.officers} />
            </Section>
          </Grid>
          <Grid size={{ xs: 12, lg: 6 }}>
            <Section title="report.staff.title" hint="report.staff.hint" testId="report-staff">
              <StaffTable rows={data.staff} />
            </Section>
          </Grid>
        </Grid>
      )}
    </Box>
  );
};
