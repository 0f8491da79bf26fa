import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useTranslate } from 'react-admin';
import { useFormatters } from '../dashboard/format';
import type { OfficerRow } from './queries';

/** Madiun's officer appreciation: what each officer and admin recorded, verified and forwarded. */
export const OfficerTable = ({ rows }: { rows: OfficerRow[] }) => {
  const translate = useTranslate();
  const { number, percent } = useFormatters();
  if (rows.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        {translate('report.officers.empty')}
      </Typography>
    );
  }
  return (
    <Box sx={{ overflowX: 'auto', contain: 'inline-size' }}>
      <Table size="small" data-testid="officer-table">
        <TableHead>
          <TableRow>
            <TableCell>{translate('report.officers.user')}</TableCell>
            <TableCell>{translate('report.officers.opd')}</TableCell>
            <TableCell align="right">{translate('report.officers.recorded')}</TableCell>
            <TableCell align="right">{translate('report.officers.verified')}</TableCell>
            <TableCell align="right">{translate('report.officers.forwarded')}</TableCell>
            <TableCell align="right">{translate('report.officers.forwardedOnTime')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((r) => (
            <TableRow key={r.userId} hover data-username={r.user?.username ?? ''}>
              <TableCell>
                <Typography variant="body2">{r.user?.name ?? `#${r.userId}`}</Typography>
                {r.user && (
                  <Typography variant="caption" color="text.secondary">
                    {r.user.username} · {translate(`enums.Role.${r.user.role}`, { _: r.user.role })}
                  </Typography>
                )}
              </TableCell>
              <TableCell>{r.user?.opd?.name ?? translate('app.none')}</TableCell>
              <TableCell align="right" data-col="recorded">
                {number(r.recorded)}
              </TableCell>
              <TableCell align="right" data-col="verified">
                {number(r.verified)}
              </TableCell>
              <TableCell align="right" data-col="forwarded">
                {number(r.forwarded)}
              </TableCell>
              <TableCell align="right" data-col="forwardedOnTime">
                {number(r.forwardedOnTime)}
                {r.forwarded > 0 && (
                  <Typography component="span" variant="caption" color="text.secondary" sx={{ ml: 0.5 }}>
                    ({percent(r.forwardedOnTime / r.forwarded)})
                  </Typography>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
};
