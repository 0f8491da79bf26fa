import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Typography from '@mui/material/Typography';
import { useTheme } from '@mui/material/styles';
import { useTranslate } from 'react-admin';
import { useFormatters } from '../dashboard/format';
import type { OpdComplianceRow } from './queries';
import { ON_TIME_FAIR, ON_TIME_GOOD, onTimeTone } from './tone';

const WIDTH = 640;
const LABEL = 230;
const VALUE = 64;
const ROW = 22;
const TOP = 18;
const BAR = 14;
const TICKS = [0, 25, 50, 75, 100];

const ellipsis = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * Horizontal bars of the on-time share per Opd, in report rank order, on a fixed 0–100 %
 * scale, coloured by band. Plain SVG: scales with the card, prints, needs no chart library.
 */
export const OnTimeChart = ({ rows }: { rows: OpdComplianceRow[] }) => {
  const translate = useTranslate();
  const theme = useTheme();
  const { percent } = useFormatters();
  const data = rows.filter((r) => r.respondedInTimePct != null);
  const plot = WIDTH - LABEL - VALUE;
  const height = TOP + data.length * ROW + 4;
  const colour = {
    success: theme.palette.success.main,
    warning: theme.palette.warning.main,
    error: theme.palette.error.main,
    default: theme.palette.grey[500],
  };
  const title = translate('report.chart.title');
  return (
    <Card variant="outlined" component="section" data-chart="on-time" aria-label={title}>
      <CardContent>
        <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>
          {title}
        </Typography>
        <Typography variant="caption" color="text.secondary" component="p" sx={{ mb: 1 }}>
          {translate('report.chart.legend', { good: ON_TIME_GOOD, fair: ON_TIME_FAIR })}
        </Typography>
        {data.length === 0 ? (
          <Typography variant="body2" color="text.secondary">
            {translate('report.chart.empty')}
          </Typography>
        ) : (
          <Box component="svg" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={title} sx={{ width: '100%', height: 'auto', display: 'block' }}>
            {TICKS.map((tick) => {
              const x = LABEL + (tick / 100) * plot;
              return (
                <g key={tick}>
                  <line x1={x} x2={x} y1={TOP - 4} y2={height} stroke={theme.palette.divider} strokeDasharray={tick === 0 ? undefined : '2 3'} />
                  <text x={x} y={10} fontSize={10} textAnchor="middle" fill={theme.palette.text.secondary}>
                    {tick} %
                  </text>
                </g>
              );
            })}
            {data.map((r, i) => {
              const y = TOP + i * ROW;
              const pct = Math.max(0, Math.min(100, r.respondedInTimePct ?? 0));
              const name = r.opd?.name ?? `#${r.opdId}`;
              const label = percent((r.respondedInTimePct ?? 0) / 100);
              return (
                <g key={r.opdId} data-bar={r.opd?.code ?? r.opdId} data-value={r.respondedInTimePct ?? ''}>
                  <title>{`${r.rank}. ${name}: ${label} (${r.respondedInTime}/${r.due})`}</title>
                  <text x={LABEL - 8} y={y + BAR - 3} fontSize={12} textAnchor="end" fill={theme.palette.text.primary}>
                    {`${r.rank}. ${ellipsis(name, 30)}`}
                  </text>
                  <rect x={LABEL} y={y} width={plot} height={BAR} rx={2} fill={theme.palette.action.hover} />
                  <rect
                    x={LABEL}
                    y={y}
                    width={Math.max(pct > 0 ? 2 : 0, (pct / 100) * plot)}
                    height={BAR}
                    rx={2}
                    fill={colour[onTimeTone(r.respondedInTimePct)]}
                  />
                  <text
                    x={WIDTH - 4}
                    y={y + BAR - 3}
                    fontSize={12}
                    textAnchor="end"
                    fill={theme.palette.text.primary}
                    style={{ fontVariantNumeric: 'tabular-nums' }}
                  >
                    {label}
                  </text>
                </g>
              );
            })}
          </Box>
        )}
      </CardContent>
    </Card>
  );
};
