import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { Link, useTranslate } from 'react-admin';
import { useFormatters } from './format';
import { complaintsLink, rankOpds, type Bucket } from './stats';

const ratioColour = (ratio: number | null) => (ratio == null ? 'text.disabled' : ratio >= 0.8 ? 'success.main' : ratio >= 0.5 ? 'warning.main' : 'error.main');

/**
 * Opds ranked by first responses on time, the figure Central Java announces every
 * quarter; overdue complaints count against the Opd holding them.
 */
export const OpdRanking = ({ byOpd, period, linkable }: { byOpd: Bucket[]; period: Record<string, unknown>; linkable: boolean }) => {
  const translate = useTranslate();
  const { number, percent } = useFormatters();
  const ranked = rankOpds(byOpd);
  let rank = 0;
  return (
    <Card variant="outlined" component="section" aria-label={translate('dashboardStats.ranking.title')} data-testid="opd-ranking">
      <CardContent sx={{ pb: '8px !important' }}>
        <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>
          {translate('dashboardStats.ranking.title')}
        </Typography>
        <Typography variant="caption" color="text.secondary" component="p">
          {translate('dashboardStats.ranking.hint')}
        </Typography>
        {ranked.length === 0 ? (
          <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
            {translate('dashboardStats.ranking.empty')}
          </Typography>
        ) : (
          <Table size="small" sx={{ mt: 1, '& td, & th': { px: 1 } }}>
            <TableHead>
              <TableRow>
                <TableCell align="right">{translate('dashboardStats.ranking.rank')}</TableCell>
                <TableCell>{translate('dashboardStats.ranking.opd')}</TableCell>
                <TableCell align="right">{translate('dashboardStats.ranking.total')}</TableCell>
                <TableCell align="right">{translate('dashboardStats.ranking.responded')}</TableCell>
                <TableCell align="right">{translate('dashboardStats.ranking.inTime')}</TableCell>
                <TableCell align="right">{translate('dashboardStats.ranking.overdue')}</TableCell>
                <TableCell sx={{ width: '26%' }}>{translate('dashboardStats.ranking.onTime')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {ranked.map(({ bucket, onTime }) => {
                if (onTime.ratio != null) rank += 1;
                const name = bucket.opd?.name ?? `#${bucket.key}`;
                return (
                  <TableRow key={bucket.key} data-opd-id={bucket.key} hover>
                    <TableCell align="right">{onTime.ratio != null ? rank : ''}</TableCell>
                    <TableCell>{linkable ? <Link to={complaintsLink({ ...period, currentOpdId: bucket.key })}>{name}</Link> : name}</TableCell>
                    <TableCell align="right">{number(bucket.total)}</TableCell>
                    <TableCell align="right">{number(bucket.responded)}</TableCell>
                    <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                      {number(onTime.inTime)} / {number(onTime.due)}
                    </TableCell>
                    <TableCell align="right" sx={{ color: bucket.overdue > 0 ? 'error.main' : undefined }}>
                      {linkable && bucket.overdue > 0 ? (
                        <Link to={complaintsLink({ ...period, currentOpdId: bucket.key, overdue: true })} sx={{ color: 'inherit' }}>
                          {number(bucket.overdue)}
                        </Link>
                      ) : (
                        number(bucket.overdue)
                      )}
                    </TableCell>
                    <TableCell>
                      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
                        <Box sx={{ flex: 1, height: 8, borderRadius: 1, bgcolor: 'action.hover', overflow: 'hidden' }}>
                          <Box sx={{ width: `${(onTime.ratio ?? 0) * 100}%`, height: '100%', bgcolor: ratioColour(onTime.ratio) }} />
                        </Box>
                        <Typography
                          variant="body2"
                          data-on-time
                          sx={{ width: '4.5em', textAlign: 'right', fontVariantNumeric: 'tabular-nums', color: ratioColour(onTime.ratio) }}
                        >
                          {onTime.ratio == null ? translate('dashboardStats.ranking.none') : percent(onTime.ratio)}
                        </Typography>
                      </Box>
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
};
