import ListIcon from '@mui/icons-material/ListAlt';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Grid from '@mui/material/Grid';
import Paper from '@mui/material/Paper';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { Link, useTranslate } from 'react-admin';
import { BarChart } from '../dashboard/BarChart';
import { categoryRows, programRows, stackLegend, statusRows } from '../dashboard/buckets';
import { useFormatters } from '../dashboard/format';
import { complaintsLink } from '../dashboard/stats';
import { client } from '../providers/apolloClient';
import { toHttpError } from '../providers/graphqlErrors';
import { SCOPED_STATS, type ScopedStats, type StatsBucket } from './queries';

export interface StatsScope {
  programId?: string;
  servicePostId?: string;
}

const TOP = 5;

const useScopedStats = (scope: StatsScope) =>
  useQuery({
    queryKey: ['scopedStats', scope.programId ?? null, scope.servicePostId ?? null],
    staleTime: 30_000,
    queryFn: async () => {
      try {
        const { data } = await client.query<{ complaintStats: ScopedStats }>({
          query: SCOPED_STATS,
          variables: { programId: scope.programId ?? null, servicePostId: scope.servicePostId ?? null },
          fetchPolicy: 'no-cache',
        });
        return data.complaintStats;
      } catch (error) {
        throw toHttpError(error);
      }
    },
  });

const top = (buckets: StatsBucket[]) => [...buckets].sort((a, b) => b.total - a.total).slice(0, TOP);

const Tile = ({ stat, label, value, raw, to, tone }: { stat: string; label: string; value: string; raw: number | null; to?: string; tone?: string }) => (
  <Paper variant="outlined" sx={{ p: 1.5, height: '100%' }} data-stat={stat} data-value={raw ?? ''}>
    <Typography variant="caption" color="text.secondary" component="div">
      {label}
    </Typography>
    <Typography variant="h5" component="div" sx={{ fontWeight: 600, color: tone, fontVariantNumeric: 'tabular-nums' }}>
      {to ? (
        <Link to={to} sx={{ color: 'inherit' }}>
          {value}
        </Link>
      ) : (
        value
      )}
    </Typography>
  </Paper>
);

/**
 * Complaint statistics of one programme or one service post (`complaintStats(programId |
 * servicePostId)`, within the viewer's scope): totals, overdue, average rating, by status,
 * top categories (and, for a post, top programmes). Figures link to the matching list.
 */
export const ScopeStats = ({ scope, showPrograms = false }: { scope: StatsScope; showPrograms?: boolean }) => {
  const translate = useTranslate();
  const { number, locale } = useFormatters();
  const { data, error, isPending } = useScopedStats(scope);
  const base: Record<string, unknown> = { ...scope };
  const rating = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 2 });

  if (error) {
    const http = toHttpError(error);
    return (
      <Alert severity="error">
        {translate('scopeStats.error')} {(http.body as { message?: string })?.message ?? ''}
      </Alert>
    );
  }
  if (isPending || !data) return <Skeleton variant="rounded" height={160} />;

  const t = data.totals;
  return (
    <Box data-testid="scope-stats" data-total={t.total}>
      <Grid container spacing={1.5} sx={{ mb: 2 }}>
        <Grid size={{ xs: 6, sm: 4, md: 2.4 }}>
          <Tile stat="total" label={translate('scopeStats.total')} value={number(t.total)} raw={t.total} to={complaintsLink(base)} />
        </Grid>
        <Grid size={{ xs: 6, sm: 4, md: 2.4 }}>
          <Tile
            stat="open"
            label={translate('scopeStats.open')}
            value={number(t.open)}
            raw={t.open}
            to={complaintsLink({ ...base, status: ['SUBMITTED', 'VERIFIED', 'FORWARDED', 'IN_PROGRESS'] })}
          />
        </Grid>
        <Grid size={{ xs: 6, sm: 4, md: 2.4 }}>
          <Tile
            stat="overdue"
            label={translate('scopeStats.overdue')}
            value={number(t.overdue)}
            raw={t.overdue}
            tone={t.overdue > 0 ? 'error.main' : undefined}
            to={complaintsLink({ ...base, overdue: true })}
          />
        </Grid>
        <Grid size={{ xs: 6, sm: 4, md: 2.4 }}>
          <Tile stat="responded" label={translate('scopeStats.responded')} value={number(t.responded)} raw={t.responded} />
        </Grid>
        <Grid size={{ xs: 6, sm: 4, md: 2.4 }}>
          <Tile
            stat="averageRating"
            label={translate('scopeStats.averageRating')}
            value={t.averageRating == null ? translate('app.none') : `${rating.format(t.averageRating)} / 5`}
            raw={t.averageRating}
          />
        </Grid>
      </Grid>
      {t.total === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {translate('scopeStats.empty')}
        </Typography>
      ) : (
        <Grid container spacing={2}>
          <Grid size={{ xs: 12, md: showPrograms ? 4 : 6 }}>
            <BarChart
              name="scope-status"
              title={translate('scopeStats.byStatus')}
              rows={statusRows(data.byStatus, base, translate)}
              emptyText={translate('scopeStats.empty')}
            />
          </Grid>
          <Grid size={{ xs: 12, md: showPrograms ? 4 : 6 }}>
            <BarChart
              name="scope-categories"
              title={translate('scopeStats.topCategories', { n: TOP })}
              rows={categoryRows(top(data.byCategory), base, translate)}
              legend={stackLegend(translate)}
              emptyText={translate('scopeStats.empty')}
            />
          </Grid>
          {showPrograms && (
            <Grid size={{ xs: 12, md: 4 }}>
              <BarChart
                name="scope-programs"
                title={translate('scopeStats.topPrograms', { n: TOP })}
                rows={programRows(top(data.byProgram), base, translate)}
                legend={stackLegend(translate)}
                emptyText={translate('scopeStats.empty')}
              />
            </Grid>
          )}
        </Grid>
      )}
      <Button component={Link} to={complaintsLink(base)} startIcon={<ListIcon />} sx={{ mt: 2 }} data-testid="scope-complaints-link">
        {translate('scopeStats.list')}
      </Button>
    </Box>
  );
};
