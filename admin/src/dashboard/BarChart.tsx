import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { Link } from 'react-admin';
import { useFormatters } from './format';

/** A palette path MUI's `sx` understands, e.g. `error.main`. */
export type Colour = string;

export interface Segment {
  key: string;
  value: number;
  colour: Colour;
  /** Accessible name, e.g. "Lewat batas waktu: 3". */
  title: string;
  to?: string;
}

export interface BarRow {
  id: string;
  label: string;
  total: number;
  to?: string;
  segments: Segment[];
}

export interface LegendItem {
  label: string;
  colour: Colour;
}

export interface BarChartProps {
  /** `data-chart` attribute, for tests and styling. */
  name: string;
  title: string;
  subtitle?: ReactNode;
  rows: BarRow[];
  legend?: LegendItem[];
  emptyText: string;
  /** Width of the label column. */
  labelWidth?: number | string;
}

const BAR_HEIGHT = 14;

/**
 * Horizontal bars drawn with plain CSS (no chart library): one row per group, its
 * segments stacked, each bar and segment a link to the matching complaint list.
 */
export const BarChart = ({ name, title, subtitle, rows, legend, emptyText, labelWidth = '38%' }: BarChartProps) => {
  const { number } = useFormatters();
  const max = Math.max(1, ...rows.map((r) => r.total));
  return (
    <Card variant="outlined" component="section" data-chart={name} aria-label={title} sx={{ height: '100%' }}>
      <CardContent sx={{ pb: '12px !important' }}>
        <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600, lineHeight: 1.3 }}>
          {title}
        </Typography>
        {subtitle && (
          <Typography variant="caption" color="text.secondary" component="p">
            {subtitle}
          </Typography>
        )}
        {legend && legend.length > 0 && rows.length > 0 && <Legend items={legend} />}
        {rows.length === 0 ? (
          <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
            {emptyText}
          </Typography>
        ) : (
          <Box component="ul" sx={{ listStyle: 'none', m: 0, mt: 1, p: 0 }}>
            {rows.map((row) => (
              <Box
                component="li"
                key={row.id}
                data-bar={row.id}
                sx={{
                  display: 'grid',
                  gridTemplateColumns: `${typeof labelWidth === 'number' ? `${labelWidth}px` : labelWidth} 1fr 3.5em`,
                  alignItems: 'center',
                  columnGap: 1,
                  py: '3px',
                }}
              >
                <Typography
                  variant="body2"
                  title={row.label}
                  noWrap
                  sx={{ fontSize: 13, '& a': { color: 'inherit', textDecoration: 'none' }, '& a:hover': { textDecoration: 'underline' } }}
                >
                  {row.to ? (
                    <Link to={row.to} data-bar-link>
                      {row.label}
                    </Link>
                  ) : (
                    row.label
                  )}
                </Typography>
                <Box
                  title={`${row.label}: ${row.segments.map((s) => s.title).join(', ')}`}
                  sx={{ display: 'flex', height: BAR_HEIGHT, borderRadius: 0.5, overflow: 'hidden', bgcolor: 'action.hover' }}
                >
                  {row.segments
                    .filter((s) => s.value > 0)
                    .map((s) => {
                      const sx = {
                        display: 'block',
                        width: `${(s.value / max) * 100}%`,
                        minWidth: 3,
                        height: '100%',
                        bgcolor: s.colour,
                        transition: 'opacity 120ms',
                        '&:hover': { opacity: 0.8 },
                        '&:focus-visible': { outline: '2px solid', outlineColor: 'text.primary', outlineOffset: -2 },
                      };
                      // Segments carry their own names: the links are reachable by keyboard and screen readers.
                      return s.to ? (
                        <Box key={s.key} component={Link} to={s.to} title={s.title} aria-label={`${row.label} – ${s.title}`} data-segment={s.key} sx={sx} />
                      ) : (
                        <Box key={s.key} component="span" title={s.title} aria-label={s.title} role="img" data-segment={s.key} sx={sx} />
                      );
                    })}
                </Box>
                <Typography variant="body2" align="right" data-value sx={{ fontSize: 13, fontVariantNumeric: 'tabular-nums' }}>
                  {number(row.total)}
                </Typography>
              </Box>
            ))}
          </Box>
        )}
      </CardContent>
    </Card>
  );
};

export const Legend = ({ items }: { items: LegendItem[] }) => (
  <Box component="ul" sx={{ display: 'flex', flexWrap: 'wrap', gap: 1.5, listStyle: 'none', m: 0, mt: 0.5, p: 0 }}>
    {items.map((item) => (
      <Box component="li" key={item.label} sx={{ display: 'flex', alignItems: 'center', gap: 0.5 }}>
        <Box component="span" sx={{ width: 10, height: 10, borderRadius: 0.5, bgcolor: item.colour }} />
        <Typography variant="caption" color="text.secondary">
          {item.label}
        </Typography>
      </Box>
    ))}
  </Box>
);
