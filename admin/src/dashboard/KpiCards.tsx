import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardActionArea from '@mui/material/CardActionArea';
import CardContent from '@mui/material/CardContent';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { Link, useTranslate } from 'react-admin';
import { useFormatters } from './format';
import { OnTimeHint } from '../components';
import { ANSWERED_STATUSES, OPEN_STATUSES, complaintsLink, type ComplaintStats } from './stats';

interface Kpi {
  key: string;
  label: ReactNode;
  value: string;
  hint: ReactNode;
  colour?: string;
  to?: string;
}

const KpiCard = ({ kpi }: { kpi: Kpi }) => {
  const content = (
    <CardContent sx={{ py: 1.5, '&:last-child': { pb: 1.5 }, display: 'flex', flexDirection: 'column', gap: 0.25 }}>
      <Typography variant="overline" color="text.secondary" component="h2" sx={{ lineHeight: 1.4, display: 'block' }}>
        {kpi.label}
      </Typography>
      <Typography
        variant="h4"
        component="p"
        data-kpi={kpi.key}
        sx={{ fontWeight: 600, color: kpi.colour, fontVariantNumeric: 'tabular-nums', lineHeight: 1.2 }}
      >
        {kpi.value}
      </Typography>
      <Typography variant="caption" color="text.secondary" component="p" sx={{ lineHeight: 1.35 }}>
        {kpi.hint}
      </Typography>
    </CardContent>
  );
  return (
    <Card variant="outlined" data-kpi-card={kpi.key} sx={{ height: '100%' }}>
      {kpi.to ? (
        <CardActionArea
          component={Link}
          to={kpi.to}
          sx={{ height: '100%', display: 'flex', flexDirection: 'column', alignItems: 'stretch', justifyContent: 'flex-start' }}
        >
          {content}
        </CardActionArea>
      ) : (
        content
      )}
    </Card>
  );
};

/** Total, open, overdue, answered and first-response-on-time for the viewer's scope and period. */
export const KpiCards = ({ stats, period, linkable }: { stats: ComplaintStats | undefined; period: Record<string, unknown>; linkable: boolean }) => {
  const translate = useTranslate();
  const { number, percent } = useFormatters();
  const t = stats?.totals;
  const onTime = stats?.onTime?.total;
  const ratio = onTime?.pct == null ? null : onTime.pct / 100;
  const value = (n: number | undefined) => (n == null ? '—' : number(n));
  const link = (filter: Record<string, unknown>) => (linkable && stats ? complaintsLink({ ...period, ...filter }) : undefined);
  const kpis: Kpi[] = [
    {
      key: 'total',
      label: translate('dashboardStats.kpi.total'),
      value: value(t?.total),
      hint: translate('dashboardStats.kpi.totalHint'),
      to: link({}),
    },
    {
      key: 'open',
      label: translate('dashboardStats.kpi.open'),
      value: value(t?.open),
      hint: translate('dashboardStats.kpi.openHint'),
      colour: 'warning.dark',
      to: link({ status: [...OPEN_STATUSES] }),
    },
    {
      key: 'overdue',
      label: translate('dashboardStats.kpi.overdue'),
      value: value(t?.overdue),
      hint: translate('dashboardStats.kpi.overdueHint'),
      colour: t && t.overdue > 0 ? 'error.main' : undefined,
      to: link({ overdue: true }),
    },
    {
      key: 'responded',
      label: translate('dashboardStats.kpi.responded'),
      value: value(t?.responded),
      hint: translate('dashboardStats.kpi.respondedHint', {
        percent: percent(t && t.total > 0 ? t.responded / t.total : null),
      }),
      colour: 'success.dark',
      to: link({ status: [...ANSWERED_STATUSES] }),
    },
    {
      key: 'onTime',
      label: (
        <>
          {translate('dashboardStats.kpi.onTime')}
          <OnTimeHint />
        </>
      ),
      value: onTime ? percent(ratio) : '—',
      hint:
        onTime && onTime.due > 0
          ? translate('dashboardStats.kpi.onTimeHint', { inTime: number(onTime.inTime), due: number(onTime.due) })
          : translate('dashboardStats.kpi.onTimeNone'),
      colour: ratio == null ? undefined : ratio >= 0.8 ? 'success.dark' : ratio >= 0.5 ? 'warning.dark' : 'error.main',
    },
  ];
  return (
    <Box data-testid="dashboard-kpis" sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr 1fr', md: 'repeat(5, 1fr)' }, gap: 2 }}>
      {kpis.map((kpi) => (
        <KpiCard key={kpi.key} kpi={kpi} />
      ))}
    </Box>
  );
};
