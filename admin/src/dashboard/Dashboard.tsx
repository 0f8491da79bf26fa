import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { createElement, useMemo } from 'react';
import { Link, Title, useCanAccess, useCanAccessResources, useCreatePath, useGetIdentity, useResourceDefinitions, useStore, useTranslate } from 'react-admin';
import { LoadError } from '../components/LoadError';
import { CoverageWarning } from '../holidays/CoverageWarning';
import { MENU_RESOURCES } from '../resources';
import { BarChart } from './BarChart';
import { categoryRows, channelRows, opdRows, programRows, stackLegend, statusRows } from './buckets';
import { useFormatters } from './format';
import { KpiCards } from './KpiCards';
import { OpdRanking } from './OpdRanking';
import { PERIODS, formatRange, isPeriod, periodRange, rangeFilter, type Period } from './period';
import { useComplaintStats } from './useComplaintStats';
import { formatWibTime } from '../wib';

/** Who is signed in; the menu as buttons for accounts that cannot read complaints. */
const Welcome = ({ showShortcuts }: { showShortcuts: boolean }) => {
  const translate = useTranslate();
  const createPath = useCreatePath();
  const definitions = useResourceDefinitions();
  const { identity } = useGetIdentity();
  const { canAccess, isPending } = useCanAccessResources({ action: 'list', resources: MENU_RESOURCES });
  const shortcuts = MENU_RESOURCES.filter((r) => canAccess?.[r] && definitions[r]);
  return (
    <Box>
      <Typography variant="h6" component="h1" sx={{ lineHeight: 1.3 }}>
        {translate('dashboard.welcome', { name: identity?.fullName ?? '' })}
      </Typography>
      {identity && (
        <Typography variant="body2" color="text.secondary" data-testid="dashboard-identity">
          {translate(`enums.Role.${identity.role}`, { _: identity.role })}
          {' · '}
          {identity.opd?.name}
        </Typography>
      )}
      {showShortcuts && (
        <>
          <Typography variant="body1" color="text.secondary" sx={{ my: 2, maxWidth: 720 }}>
            {translate('dashboard.intro')}
          </Typography>
          <Typography variant="overline">{translate('dashboard.shortcuts')}</Typography>
          {!isPending && shortcuts.length === 0 ? (
            <Typography variant="body2">{translate('dashboard.noShortcuts')}</Typography>
          ) : (
            <Stack direction="row" flexWrap="wrap" useFlexGap spacing={1} sx={{ mt: 1 }}>
              {shortcuts.map((name) => {
                const icon = definitions[name].icon;
                return (
                  <Button
                    key={name}
                    component={Link}
                    to={createPath({ resource: name, type: 'list' })}
                    variant="outlined"
                    startIcon={icon ? createElement(icon) : undefined}
                  >
                    {translate(`resources.${name}.name`, { smart_count: 2 })}
                  </Button>
                );
              })}
            </Stack>
          )}
        </>
      )}
    </Box>
  );
};

const PeriodSelector = ({ value, onChange }: { value: Period; onChange: (p: Period) => void }) => {
  const translate = useTranslate();
  return (
    <ToggleButtonGroup
      size="small"
      exclusive
      color="primary"
      value={value}
      onChange={(_, next) => isPeriod(next) && onChange(next)}
      aria-label={translate('dashboardStats.period.label')}
      data-testid="dashboard-period"
    >
      {PERIODS.map((p) => (
        <ToggleButton key={p} value={p} data-period={p} sx={{ px: 1.5, textTransform: 'none' }}>
          {translate(`dashboardStats.period.${p}`)}
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );
};

/**
 * The console's home: complaint figures for the viewer's scope (the server scopes
 * complaintStats to what the viewer may see) over a period counted in WIB. Every card,
 * bar and ranking row links to the complaint list with the matching filter.
 */
export const Dashboard = () => {
  const translate = useTranslate();
  const { locale, number } = useFormatters();
  const { canAccess: canReadComplaints, isPending: accessPending } = useCanAccess({ resource: 'complaints', action: 'list' });
  const [storedPeriod, setPeriod] = useStore<Period>('dashboard.period', 'all');
  const period: Period = isPeriod(storedPeriod) ? storedPeriod : 'all';
  // Recomputed when the period changes; a dashboard left open over midnight keeps its range.
  const range = useMemo(() => periodRange(period), [period]);
  const periodFilter = useMemo(() => rangeFilter(range), [range]);
  const enabled = !!canReadComplaints;
  const { data: stats, error, isFetching, isPending, dataUpdatedAt, refetch } = useComplaintStats(range, enabled);
  const t = (key: string, options?: Record<string, unknown>) => translate(key, options);
  const ready = enabled && !!stats && !isFetching;
  const rangeText = formatRange(range, locale);
  const updated = dataUpdatedAt ? formatWibTime(dataUpdatedAt, locale) : null;

  return (
    <Box sx={{ mt: 2, mb: 3 }} data-testid="dashboard" data-state={ready ? 'ready' : 'loading'} data-period={period}>
      <Title title="dashboard.title" />
      <Card variant="outlined" sx={{ mb: 2 }}>
        <CardContent
          sx={{ display: 'flex', flexWrap: 'wrap', gap: 2, alignItems: 'center', justifyContent: 'space-between', py: 1.5, '&:last-child': { pb: 1.5 } }}
        >
          <Welcome showShortcuts={!accessPending && !canReadComplaints} />
          {enabled && (
            <Box sx={{ textAlign: 'right' }}>
              <PeriodSelector value={period} onChange={setPeriod} />
              <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 0.5 }} data-testid="dashboard-range">
                {rangeText ? translate('dashboardStats.period.range', { range: rangeText }) : translate('dashboardStats.period.allHint')}
                {updated && ` · ${translate('dashboardStats.updated', { time: updated })}`}
              </Typography>
            </Box>
          )}
        </CardContent>
        {/* Mounted only while loading: an idle indeterminate bar would animate forever. */}
        {enabled && isFetching ? <LinearProgress sx={{ height: 2 }} /> : <Box sx={{ height: 2 }} />}
      </Card>

      <CoverageWarning />

      {enabled && error && !stats && <LoadError error={error} onRetry={refetch} retrying={isFetching} title="dashboardStats.error" />}

      {enabled && (
        <>
          <KpiCards stats={stats} period={periodFilter} linkable={enabled} />
          {stats && stats.totals.total === 0 && !isPending && (
            <Alert severity="info" sx={{ mt: 2 }}>
              {translate('dashboardStats.empty')}
            </Alert>
          )}
          {stats && stats.totals.total > 0 && (
            <>
              <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: '7fr 5fr' }, gap: 2, mt: 2 }}>
                <BarChart
                  name="byOpd"
                  title={translate('dashboardStats.charts.byOpd')}
                  subtitle={translate('dashboardStats.charts.byOpdHint')}
                  rows={opdRows(stats.byOpd, periodFilter, t)}
                  legend={stackLegend(t)}
                  emptyText={translate('dashboardStats.empty')}
                />
                <Box sx={{ display: 'grid', gap: 2, alignContent: 'start' }}>
                  <BarChart
                    name="byStatus"
                    title={translate('dashboardStats.charts.byStatus')}
                    rows={statusRows(stats.byStatus, periodFilter, t)}
                    labelWidth={130}
                    emptyText={translate('dashboardStats.empty')}
                  />
                  <BarChart
                    name="byChannel"
                    title={translate('dashboardStats.charts.byChannel')}
                    rows={channelRows(stats.byChannel, periodFilter, t)}
                    labelWidth={130}
                    emptyText={translate('dashboardStats.empty')}
                  />
                </Box>
              </Box>
              <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr' }, gap: 2, mt: 2 }}>
                <BarChart
                  name="byProgram"
                  title={translate('dashboardStats.charts.byProgram')}
                  subtitle={translate('dashboardStats.charts.byProgramHint')}
                  rows={programRows(stats.byProgram, periodFilter, t)}
                  legend={stackLegend(t)}
                  emptyText={translate('dashboardStats.empty')}
                />
                <BarChart
                  name="byCategory"
                  title={translate('dashboardStats.charts.byCategory')}
                  rows={categoryRows(stats.byCategory, periodFilter, t)}
                  legend={stackLegend(t)}
                  emptyText={translate('dashboardStats.empty')}
                />
              </Box>
              <Box sx={{ mt: 2 }}>
                <OpdRanking byOpd={stats.byOpd} onTime={stats.onTime?.byOpd ?? []} period={periodFilter} linkable={enabled} />
              </Box>
              <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 1 }}>
                {translate('dashboardStats.footnote', { total: number(stats.totals.total) })}
              </Typography>
            </>
          )}
        </>
      )}
    </Box>
  );
};
