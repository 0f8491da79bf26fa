import AlarmIcon from '@mui/icons-material/AlarmOutlined';
import TimerIcon from '@mui/icons-material/TimerOutlined';
import Chip, { type ChipProps } from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Tooltip from '@mui/material/Tooltip';
import { useLocaleState, useRecordContext, useTranslate } from 'react-admin';
import { formatWib, useNow } from '../components';
import { intlLocale } from '../providers/i18nProvider';
import { countdown, runningDeadline } from './deadline';
import type { ComplaintRecord } from './types';

/** Colour per status: new (blue) → with a unit (primary) → in work (amber) → answered (green). */
export const STATUS_COLOR: Record<string, ChipProps['color']> = {
  SUBMITTED: 'info',
  VERIFIED: 'secondary',
  FORWARDED: 'primary',
  IN_PROGRESS: 'warning',
  RESPONDED: 'success',
  CLOSED: 'default',
  REJECTED: 'error',
};

export const StatusChip = ({ status, size = 'small' }: { status: string; size?: ChipProps['size'] }) => {
  const translate = useTranslate();
  return (
    <Chip
      size={size}
      color={STATUS_COLOR[status] ?? 'default'}
      variant={status === 'CLOSED' ? 'outlined' : 'filled'}
      label={translate(`enums.ComplaintStatus.${status}`, { _: status })}
      data-status={status}
    />
  );
};

export const StageChip = ({ stage }: { stage: string }) => {
  const translate = useTranslate();
  return <Chip size="small" variant="outlined" color="warning" label={translate(`enums.ProgressStage.${stage}`, { _: stage })} />;
};

/**
 * The running deadline (`dueAt`) as a countdown chip, "sisa 5 jam" or "terlambat 2 hari",
 * red when late, amber within a day; the exact time (WIB) in the tooltip.
 */
export const DeadlineChip = ({ dueAt, label }: { dueAt?: string | null; label?: string }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const now = useNow();
  if (!dueAt) return null;
  const c = countdown(dueAt, now);
  const text = translate(`complaint.deadline.${c.key}`, { smart_count: c.count });
  const exact = formatWib(dueAt, intlLocale(locale), true);
  return (
    <Tooltip title={label ? `${translate(label)}: ${exact}` : exact}>
      <Chip
        size="small"
        icon={c.tone === 'late' ? <AlarmIcon /> : <TimerIcon />}
        color={c.tone === 'late' ? 'error' : c.tone === 'soon' ? 'warning' : 'success'}
        variant={c.tone === 'late' ? 'filled' : 'outlined'}
        label={text}
        data-deadline={c.tone}
      />
    </Tooltip>
  );
};

/** Status and, while in work, the progress stage. */
export const StatusField = (_: { label?: string; source?: string }) => {
  const record = useRecordContext<ComplaintRecord>();
  if (!record) return null;
  return (
    <Stack direction="row" spacing={0.5} useFlexGap flexWrap="wrap">
      <StatusChip status={record.status} />
      {record.status === 'IN_PROGRESS' && record.progressStage && <StageChip stage={record.progressStage} />}
    </Stack>
  );
};

/** The running deadline of a complaint (see runningDeadline), nothing once it is answered, closed or rejected. */
export const DeadlineField = (_: { label?: string; source?: string }) => {
  const record = useRecordContext<ComplaintRecord>();
  const due = record ? runningDeadline(record) : null;
  return due ? <DeadlineChip dueAt={due} /> : null;
};
