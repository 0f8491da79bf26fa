import AttachFileIcon from '@mui/icons-material/AttachFile';
import LockIcon from '@mui/icons-material/LockOutlined';
import VisibilityOffIcon from '@mui/icons-material/VisibilityOffOutlined';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import type { SxProps } from '@mui/material/styles';
import { createContext, useContext } from 'react';
import { DataTable, SimpleList, useRecordContext, useTranslate } from 'react-admin';
import { EmbeddedReferenceField, WibDateField, useSmallScreen } from '../components';
import { DeadlineField, StatusField } from './fields';
import type { ComplaintRecord } from './types';

const f = (name: string) => `resources.complaints.fields.${name}`;

const TitleCell = () => {
  const record = useRecordContext<ComplaintRecord>();
  const translate = useTranslate();
  if (!record) return null;
  const category = (record.category as { name?: string } | null)?.name;
  return (
    <Box sx={{ minWidth: 220 }}>
      <Typography variant="body2" sx={{ fontWeight: 500 }}>
        {record.title}
        {record.anonymous && (
          <Tooltip title={translate(f('anonymous'))}>
            <VisibilityOffIcon sx={{ fontSize: 16, ml: 0.5, verticalAlign: 'text-bottom', color: 'text.secondary' }} />
          </Tooltip>
        )}
        {record.confidential && (
          <Tooltip title={translate(f('confidential'))}>
            <LockIcon sx={{ fontSize: 16, ml: 0.5, verticalAlign: 'text-bottom', color: 'text.secondary' }} />
          </Tooltip>
        )}
        {Number(record.attachmentCount) > 0 && (
          <Tooltip title={translate('complaint.attachments.count', { smart_count: Number(record.attachmentCount) })}>
            <Box component="span" sx={{ ml: 0.5, color: 'text.secondary', whiteSpace: 'nowrap' }} data-testid="attachment-count">
              <AttachFileIcon sx={{ fontSize: 16, verticalAlign: 'text-bottom' }} />
              {Number(record.attachmentCount)}
            </Box>
          </Tooltip>
        )}
      </Typography>
      <Typography variant="caption" color="text.secondary">
        {[translate(`enums.ComplaintType.${record.type}`), category, translate(`enums.Channel.${record.channel}`)].filter(Boolean).join(' · ')}
      </Typography>
    </Box>
  );
};

/** Which rows to mark "Baru" (changed since the inbox was last opened). */
const HighlightContext = createContext<((id: string) => boolean) | undefined>(undefined);

const CodeCell = () => {
  const record = useRecordContext<ComplaintRecord>();
  const highlight = useContext(HighlightContext);
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Box sx={{ whiteSpace: 'nowrap' }}>
      <Typography variant="body2" component="span" sx={{ fontFamily: 'monospace' }} data-tracking-code={record.trackingCode}>
        {record.trackingCode}
      </Typography>
      {highlight?.(String(record.id)) && <Chip size="small" color="info" label={translate('live.new')} sx={{ ml: 1, height: 20 }} data-testid="new-badge" />}
    </Box>
  );
};

const FINAL = new Set(['RESPONDED', 'CLOSED', 'REJECTED']);

/** Late rows carry a red edge; `highlight` (e.g. arrived live) a tinted background. */
const rowSx =
  (highlight?: (id: string) => boolean) =>
  (record: ComplaintRecord): SxProps => ({
    ...(record.overdue && !FINAL.has(record.status) ? { boxShadow: 'inset 4px 0 0 #c62828' } : {}),
    ...(highlight?.(String(record.id)) ? { bgcolor: 'action.selected' } : {}),
  });

const showPath = (id: unknown) => `/complaints/${encodeURIComponent(String(id))}/show`;

/** On a phone: code (and "Baru"), status and the running deadline under the title, wrapping. */
const CompactSummary = () => (
  <Box component="span" sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 0.5, mt: 0.5 }} data-testid="complaint-compact">
    <CodeCell />
    <StatusField />
    <DeadlineField />
  </Box>
);

const CompactTitle = () => {
  const record = useRecordContext<ComplaintRecord>();
  return (
    <Box component="span" sx={{ fontWeight: 500, overflowWrap: 'anywhere' }}>
      {record?.title}
    </Box>
  );
};

/**
 * The complaint columns shared by the full list and the inbox; a row opens the complaint.
 * Below the `sm` breakpoint the six columns do not fit, so each complaint becomes a two-line
 * item (react-admin's SimpleList) that keeps status and deadline on screen.
 */
export const ComplaintTable = ({ highlight }: { highlight?: (id: string) => boolean }) => {
  if (useSmallScreen()) {
    return (
      <HighlightContext.Provider value={highlight}>
        <SimpleList<ComplaintRecord> primaryText={<CompactTitle />} secondaryText={<CompactSummary />} rowClick={showPath} rowSx={rowSx(highlight)} />
      </HighlightContext.Provider>
    );
  }
  return <ComplaintColumns highlight={highlight} />;
};

const ComplaintColumns = ({ highlight }: { highlight?: (id: string) => boolean }) => (
  <HighlightContext.Provider value={highlight}>
    <DataTable<ComplaintRecord> rowClick={showPath} bulkActionButtons={false} rowSx={rowSx(highlight)}>
      <DataTable.Col source="trackingCode" label={f('trackingCode')}>
        <CodeCell />
      </DataTable.Col>
      <DataTable.Col source="title" label={f('title')}>
        <TitleCell />
      </DataTable.Col>
      <DataTable.Col source="status" label={f('status')}>
        <StatusField />
      </DataTable.Col>
      <DataTable.Col source="currentOpd" label={f('currentOpd')} disableSort>
        <EmbeddedReferenceField source="currentOpd" reference="opds" link={false} emptyText="complaint.list.atIntake" />
      </DataTable.Col>
      <DataTable.Col source="createdAt" label={f('createdAt')}>
        <WibDateField source="createdAt" showTime />
      </DataTable.Col>
      <DataTable.Col source="dueAt" label={f('dueAt')}>
        <DeadlineField />
      </DataTable.Col>
    </DataTable>
  </HighlightContext.Provider>
);
