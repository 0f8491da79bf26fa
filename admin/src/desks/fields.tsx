import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useRecordContext, useTranslate } from 'react-admin';
import type { DeskRecord } from './types';

export const DeskStatusChip = ({ status, size = 'small' }: { status: string; size?: 'small' | 'medium' }) => {
  const translate = useTranslate();
  return (
    <Chip
      size={size}
      color={status === 'CONVENED' ? 'warning' : 'success'}
      variant={status === 'CONVENED' ? 'filled' : 'outlined'}
      label={translate(`enums.DeskStatus.${status}`, { _: status })}
      data-desk-status={status}
    />
  );
};

export const DeskStatusField = (_: { label?: string; source?: string }) => {
  const record = useRecordContext<DeskRecord>();
  return record ? <DeskStatusChip status={record.status} /> : null;
};

/** The participating units, as small chips. */
export const ParticipantsField = (_: { label?: string; source?: string }) => {
  const record = useRecordContext<DeskRecord>();
  const translate = useTranslate();
  const participants = record?.participants ?? [];
  if (!record) return null;
  if (participants.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        {translate('app.none')}
      </Typography>
    );
  }
  return (
    <Stack direction="row" spacing={0.5} useFlexGap flexWrap="wrap">
      {participants.map((p) => (
        <Chip key={p.id} size="small" variant="outlined" label={p.code ?? p.name} title={p.name ?? undefined} />
      ))}
    </Stack>
  );
};

/** Who convened: the unit and, below it, the person. */
export const ConvenerField = (_: { label?: string; source?: string }) => {
  const record = useRecordContext<DeskRecord>();
  if (!record) return null;
  return (
    <>
      <Typography variant="body2">{record.convenerOpd?.name ?? ''}</Typography>
      {record.convenedBy?.name && (
        <Typography variant="caption" color="text.secondary">
          {record.convenedBy.name}
        </Typography>
      )}
    </>
  );
};
