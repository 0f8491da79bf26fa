import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useTranslate } from 'react-admin';
import { useFormatters } from '../dashboard/format';
import type { StaffRow } from './queries';

/** Individual performance of unit heads and staff: answers, progress notes, time to answer. */
export const StaffTable = ({ rows }: { rows: StaffRow[] }) => {
  const translate = useTranslate();
  const { number, locale } = useFormatters();
  const hours = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const h = (v: number | null) => (v == null ? '—' : hours.format(v));
  if (rows.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        {translate('report.staff.empty')}
      </Typography>
    );
  }
  return (
    <Box sx={{ overflowX: 'auto', contain: 'inline-size' }}>
      <Table size="small" data-testid="staff-table">
        <TableHead>
          <TableRow>
            <TableCell>{translate('report.staff.user')}</TableCell>
            <TableCell>{translate('report.staff.opd')}</TableCell>
            <TableCell align="right">{translate('report.staff.answers')}</TableCell>
            <TableCell align="right">{translate('report.staff.progressNotes')}</TableCell>
            <TableCell align="right">{translate('report.staff.complaints')}</TableCell>
            <TableCell align="right">{translate('report.staff.median')}</TableCell>
            <TableCell align="right">{translate('report.staff.average')}</TableCell>
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
              <TableCell align="right" data-col="answers">
                {number(r.answers)}
              </TableCell>
              <TableCell align="right" data-col="progressNotes">
                {number(r.progressNotes)}
              </TableCell>
              <TableCell align="right" data-col="complaints">
                {number(r.complaints)}
              </TableCell>
              <TableCell align="right" data-col="medianHoursToAnswer">
                {h(r.medianHoursToAnswer)}
              </TableCell>
              <TableCell align="right" data-col="averageHoursToAnswer">
                {h(r.averageHoursToAnswer)}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
};
