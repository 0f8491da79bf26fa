import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tooltip from '@mui/material/Tooltip';
import type { ReactNode } from 'react';
import { Link, useCanAccess, useTranslate } from 'react-admin';
import { ON_TIME_DEFINITION } from '../components';
import { useFormatters } from '../dashboard/format';
import { REPORT_COLUMNS, type NumberKey } from './columns';
import type { OpdComplianceRow } from './queries';
import { ikmTone, onTimeTone } from './tone';

export { REPORT_COLUMNS };

const Head = ({ column }: { column: string }) => {
  const translate = useTranslate();
  return (
    <Tooltip title={translate(column === 'respondedInTimePct' ? ON_TIME_DEFINITION : `report.hints.${column}`)} placement="top">
      <Box component="span" sx={{ borderBottom: '1px dotted', borderColor: 'text.disabled', cursor: 'help' }}>
        {translate(`report.columns.${column}`)}
      </Box>
    </Tooltip>
  );
};

/** The ranked table of the quarterly announcement: one line per Opd, all the figures. */
export const ComplianceTable = ({ rows }: { rows: OpdComplianceRow[] }) => {
  const translate = useTranslate();
  const { number, percent, locale } = useFormatters();
  const { canAccess: canShowOpd } = useCanAccess({ resource: 'opds', action: 'show' });
  const hours = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const rating = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 2 });
  const none = translate('app.none');

  const cell = (row: OpdComplianceRow, key: NumberKey): ReactNode => {
    const value = row[key];
    if (value == null) return none;
    switch (key) {
      case 'respondedInTimePct':
        return (
          <Chip
            size="small"
            color={onTimeTone(value as number) === 'default' ? 'default' : onTimeTone(value as number)}
            label={percent((value as number) / 100)}
            sx={{ fontVariantNumeric: 'tabular-nums', fontWeight: 600 }}
          />
        );
      case 'medianHoursToFirstResponse':
      case 'p90HoursToFirstResponse':
        return hours.format(value as number);
      case 'averageRating':
        return rating.format(value as number);
      case 'ikm':
        return (
          <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5, whiteSpace: 'nowrap' }}>
            {hours.format(value as number)}
            {row.ikmGrade && (
              <Chip
                size="small"
                variant="outlined"
                color={ikmTone(row.ikmGrade) === 'default' ? 'default' : ikmTone(row.ikmGrade)}
                label={row.ikmGrade}
                data-grade={row.ikmGrade}
              />
            )}
          </Box>
        );
      default:
        return number(value as number);
    }
  };

  return (
    <Box sx={{ overflowX: 'auto', contain: 'inline-size' }}>
      <Table size="small" data-testid="compliance-table" sx={{ '& td, & th': { px: 1 } }}>
        <TableHead>
          <TableRow>
            <TableCell>{translate('report.columns.rank')}</TableCell>
            <TableCell sx={{ minWidth: 220 }}>{translate('report.columns.opd')}</TableCell>
            {REPORT_COLUMNS.map((c) => (
              <TableCell key={c} align="right" sx={{ verticalAlign: 'bottom' }}>
                <Head column={c} />
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={row.opdId} hover data-rank={row.rank} data-opd-code={row.opd?.code ?? ''}>
              <TableCell data-col="rank" sx={{ fontWeight: 600 }}>
                {row.rank}
              </TableCell>
              <TableCell data-col="opd">
                {row.opd && canShowOpd ? <Link to={`/opds/${encodeURIComponent(row.opd.id)}/show`}>{row.opd.name}</Link> : (row.opd?.name ?? `#${row.opdId}`)}
              </TableCell>
              {REPORT_COLUMNS.map((c) => (
                <TableCell key={c} align="right" data-col={c} data-value={row[c] ?? ''} sx={{ fontVariantNumeric: 'tabular-nums' }}>
                  {cell(row, c)}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
};
