import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { useTranslate } from 'react-admin';

export interface PersonRow {
  userId: string | number;
  user?: { name: string; username: string; role: string; opd?: { name: string } | null } | null;
}

export interface FigureColumn<R> {
  /** The cell's data-col, and the label's key under `report.<section>.` unless `label` names another. */
  key: string;
  label?: string;
  render: (row: R) => ReactNode;
}

/** One person per row (name, account, role, unit) and figures to the right: the report's people tables. */
export function PeopleTable<R extends PersonRow>({
  rows,
  section,
  testId,
  columns,
}: {
  rows: R[];
  section: string;
  testId: string;
  columns: FigureColumn<R>[];
}) {
  const translate = useTranslate();
  if (rows.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        {translate(`report.${section}.empty`)}
      </Typography>
    );
  }
  return (
    <Box sx={{ overflowX: 'auto', contain: 'inline-size' }}>
      <Table size="small" data-testid={testId}>
        <TableHead>
          <TableRow>
            <TableCell>{translate(`report.${section}.user`)}</TableCell>
            <TableCell>{translate(`report.${section}.opd`)}</TableCell>
            {columns.map((c) => (
              <TableCell key={c.key} align="right">
                {translate(`report.${section}.${c.label ?? c.key}`)}
              </TableCell>
            ))}
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
              {columns.map((c) => (
                <TableCell key={c.key} align="right" data-col={c.key}>
                  {c.render(r)}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}
