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
import { OnTimeHint } from '../components';
import { complaintsLink, rankOpds, type Bucket, type OpdOnTime } from './stats';

const ratioColour = (ratio: number | null) => (ratio == null ? 'text.disabled' : ratio >= 0.8 ? 'success.main' : ratio >= 0.5 ? 'warning.main' : 'error.main');

/**
 * Opds ranked by first responses on time, the figure Central Java announces every
 * quarter; overdue complaints count against the Opd holding them.
 */
export const OpdRanking = ({
  byOpd,
  onTime,
  period,
  linkable,
}: {
  byOpd: Bucket[];
  onTime: OpdOnTime[];
  period: Record<string, unknown>;
  linkable: boolean;
}) => {
  const translate = useTranslate();
  const { number, percent } = useFormatters();
  const ranked = rankOpds(byOpd, onTime);
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
                <TableCell sx={{ width: '26%' }}>
                  {translate('dashboardStats.ranking.onTime')}
                  <OnTimeHint />
                </TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {ranked.map(({ opdId, opd, bucket, onTime }) => {
                const ratio = onTime.pct == null ? null : onTime.pct / 100;
                if (ratio != null) rank += 1;
                const name = opd?.name ?? `#${opdId}`;
                const overdue = bucket?.overdue ?? 0;
                return (
                  <TableRow key={opdId} data-opd-id={opdId} data-opd-code={opd?.code ?? ''} hover>
                    <TableCell align="right">{ratio != null ? rank : ''}</TableCell>
                    <TableCell>{linkable ? <Link to={complaintsLink({ ...period, currentOpdId: opdId })}>{name}</Link> : name}</TableCell>
                    <TableCell align="right">{number(bucket?.total ?? 0)}</TableCell>
                    <TableCell align="right">{number(bucket?.responded ?? 0)}</TableCell>
                    <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                      {number(onTime.inTime)} / {number(onTime.due)}
                    </TableCell>
                    <TableCell align="right" sx={{ color: overdue > 0 ? 'error.main' : undefined }}>
                      {linkable && overdue > 0 ? (
                        <Link to={complaintsLink({ ...period, currentOpdId: opdId, overdue: true })} sx={{ color: 'inherit' }}>
                          {number(overdue)}
                        </Link>
                      ) : (
                        number(overdue)
                      )}
                    </TableCell>
                    <TableCell>
                      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
                        <Box sx={{ flex: 1, height: 8, borderRadius: 1, bgcolor: 'action.hover', overflow: 'hidden' }}>
                          <Box sx={{ width: `${(ratio ?? 0) * 100}%`, height: '100%', bgcolor: ratioColour(ratio) }} />
                        </Box>
                        <Typography
                          variant="body2"
                          data-on-time
                          data-pct={onTime.pct ?? ''}
                          sx={{ width: '4.5em', textAlign: 'right', fontVariantNumeric: 'tabular-nums', color: ratioColour(ratio) }}
                        >
                          {ratio == null ? translate('dashboardStats.ranking.none') : percent(ratio)}
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
